// Runs a Pulumi Node.js program offline and returns its resources as the engine would send them
// to a policy pack. The program runs in a child process (capture-child.ts) under Pulumi's own
// mocks, using the @pulumi/pulumi the program itself depends on.
import { fork } from "child_process";
import * as path from "path";
import type { ComponentRecord } from "./components";
import { capturePythonProgram } from "./python";
import { ResourceState } from "../../policy-pack/lib/runner";
import { wire } from "../../policy-pack/lib/sdk";

export interface CaptureRequest {
    /** The program's folder (where Pulumi.yaml is). */
    dir: string;
    /** Pulumi.yaml's runtime (Node.js when not said). */
    runtime?: "nodejs" | "python";
    /** How a Python program's interpreter is found (Pulumi.yaml `runtime.options`). */
    python?: PythonOptions;
    /** The module to load, relative to dir (Pulumi.yaml `main`, or "."). */
    main: string;
    project: string;
    stack: string;
    /** What `pulumi.getOrganization()` answers: the organization of a qualified `--stack org/name`, else Pulumi's own default. */
    organization: string;
    /** Preview: computed outputs stay unknown, as in `pulumi preview` of a new stack. */
    preview: boolean;
    /** Stack configuration as PULUMI_CONFIG holds it: `namespace:key` → value (objects as JSON text). */
    config: Record<string, string>;
    /** The config keys that are secrets. */
    secretKeys: string[];
    /** --placeholder-config: required non-secret config without a value is filled with a placeholder. */
    placeholderConfig?: boolean;
}

/** Pulumi.yaml's `runtime.options` of a Python program, as the Pulumi CLI reads them. */
export interface PythonOptions {
    toolchain: "pip" | "poetry" | "uv";
    /** The virtualenv folder, relative to the program's folder. */
    virtualenv?: string;
}

/** A required config value the program read that had none, and the placeholder it got instead. */
export interface ConfigPlaceholder {
    /** `namespace:key`. */
    key: string;
    value: string | number | boolean | object;
}

export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    id: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** `<provider URN>::<provider id>`, when the resource names its provider. */
    provider?: string;
    /** A multi-language component: its package's plugin builds its children. */
    remote?: boolean;
    /** Where the program constructed the resource (a file: URI, with source maps applied). */
    sourcePosition?: { uri: string; line: number; column: number };
}

export interface CaptureResult {
    resources: CapturedResource[];
    /** Invoke tokens the offline run could not answer (their outputs were empty). */
    unmodelledInvokes: string[];
    /** The multi-language components the program registered, and whether their contents were checked. */
    components: ComponentRecord[];
    /** The placeholders required config got (--placeholder-config), in the order the program read them. */
    placeholders: ConfigPlaceholder[];
    error?: {
        message: string;
        location?: string;
        /** The error is the SDK's for a required config value that has none. */
        missingConfig?: { key: string; secret: boolean };
    };
}

export function captureProgram(request: CaptureRequest, timeoutMs = 120_000): Promise<CaptureResult> {
    if (request.runtime === "python") {
        return capturePythonProgram(request, timeoutMs);
    }
    return new Promise((resolve, reject) => {
        const child = fork(path.join(__dirname, "capture-child.js"), [], { stdio: ["ignore", "pipe", "pipe", "ipc"], execArgv: [] });
        let answered = false;
        let stderr = "";
        child.stderr!.on("data", (d) => (stderr += d));
        child.stdout!.resume();
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`the program in ${request.dir} did not finish within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        child.once("message", (result: CaptureResult) => {
            answered = true;
            clearTimeout(timer);
            resolve(result);
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            if (!answered) {
                const lastLine = stderr.trim().split("\n").filter(Boolean).pop();
                resolve({ resources: [], unmodelledInvokes: [], components: [], placeholders: [], error: { message: lastLine ?? `the program exited with code ${code}` } });
            }
        });
        child.send(request);
    });
}

const resourceSig = wire.specialResourceSig;
const sigKey = wire.specialSigKey;
const unknownString = wire.unknownValue;

/**
 * The resources as the engine sends them to an analyzer: resource references become the
 * resource's id (its URN for a component; unknown while the id is), and each resource carries
 * its provider's inputs.
 */
export function toResourceStates(captured: CapturedResource[]): ResourceState[] {
    const byUrn = new Map(captured.map((r) => [r.urn, r]));
    return captured
        .filter((r) => !r.type.startsWith("pulumi:providers:"))
        .map((r) => {
            const providerUrn = r.provider ? r.provider.slice(0, r.provider.lastIndexOf("::")) : undefined;
            const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
            return {
                urn: r.urn,
                type: r.type,
                name: r.name,
                inputs: dereference(r.inputs) as Record<string, unknown>,
                // Bridged providers record a resource's ID among its outputs, and stack checks find
                // resources by it (a security group named by id in a load balancer's inputs).
                outputs: dereference(r.custom && r.id && !("id" in r.outputs) ? { id: r.id, ...r.outputs } : r.outputs) as Record<string, unknown>,
                ...(r.parent ? { parent: r.parent } : {}),
                dependencies: r.dependencies,
                propertyDependencies: r.propertyDependencies,
                ...(provider ? { provider: { urn: provider.urn, type: provider.type, name: provider.name, inputs: dereference(provider.inputs) as Record<string, unknown> } } : {}),
            };
        });
}

function dereference(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(dereference);
    }
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[sigKey] === resourceSig) {
            if ("id" in record) {
                return typeof record.id === "string" && record.id !== "" ? record.id : unknownString;
            }
            return record.urn;
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, dereference(v)]));
    }
    return value;
}

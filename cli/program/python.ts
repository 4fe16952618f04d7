// Runs a Pulumi Python program offline with its own interpreter and packages, under the Pulumi
// Python SDK's mocks (python_runner.py), and answers its registrations as capture.ts does for
// Node.js programs. The runner asks this side for what the cloud would answer (resource outputs
// with plausible values, data sources), so that both runtimes get the same answers from the same
// code (mocks.ts, invokes.ts).
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import type { CaptureRequest, CaptureResult, CapturedResource, PythonOptions } from "./capture";
import { ComponentRecord, componentModels, packageOf } from "./components";
import { answerInvoke, answersInvoke } from "./invokes";
import { renderPartlyKnownPolicyDocument } from "./known-structure";
import { wire } from "../../policy-pack/lib/sdk";
import { awsRegion, computedOutputs, unknownListLength } from "./mocks";

/** The program's interpreter cannot run it (not there, or without the packages it needs): one line, exit code 2. */
export class PythonSetupError extends Error {}

/** The runner ships beside the compiled code's sources: cli/program/, from dist/cli/program/. */
const runner = path.join(__dirname, "..", "..", "..", "cli", "program", "python_runner.py");

/** The interpreter a Python program runs with, and how to name it in messages. */
export interface PythonInterpreter {
    command: string;
    /** Where it came from, for messages: `venv/bin/python (runtime.options.virtualenv)`. */
    described: string;
    /** How to install the program's requirements for it. */
    install: string;
}

/**
 * The interpreter as the Pulumi CLI finds it for the program in `dir` (`shown` as the user named
 * it): with `toolchain: poetry`, the one of Poetry's environment for the project; with `uv`, the
 * one of `virtualenv` (default `.venv`); with pip, the one of `virtualenv` when set. Without a
 * virtualenv setting, a `venv` or `.venv` folder beside Pulumi.yaml, else PULUMI_PYTHON_CMD,
 * else `python3` on the PATH.
 */
export function pythonInterpreter(dir: string, shown: string, options: PythonOptions = { toolchain: "pip" }, env: NodeJS.ProcessEnv = process.env): PythonInterpreter {
    const requirements = fs.existsSync(path.join(dir, "requirements.txt")) ? "-r requirements.txt" : "pulumi pulumi-aws";
    const inVirtualenv = (folder: string, setting: string): PythonInterpreter => {
        const bin = process.platform === "win32" ? path.join(folder, "Scripts", "python.exe") : path.join(folder, "bin", "python");
        const command = path.resolve(dir, bin);
        const shownBin = path.join(shown, bin);
        if (!fs.existsSync(command)) {
            throw new PythonSetupError(
                `${shown}: no virtualenv at ${path.join(shown, folder)} (${setting}); create it as \`pulumi install\` does: ` +
                    (options.toolchain === "uv" ? `\`uv sync\` in ${shown}` : `\`python3 -m venv ${path.join(shown, folder)} && ${path.join(shown, folder, "bin", "pip")} install ${requirements}\``),
            );
        }
        return { command, described: `${shownBin} (${setting})`, install: options.toolchain === "uv" ? `\`uv sync\` in ${shown}` : `\`${path.join(shown, folder, "bin", "pip")} install ${requirements}\`` };
    };
    if (options.toolchain === "poetry") {
        let executable: string;
        try {
            executable = execFileSync("poetry", ["env", "info", "--executable"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
        } catch {
            throw new PythonSetupError(`${shown}: the program uses Poetry (runtime.options.toolchain: poetry), and \`poetry env info --executable\` found no environment; run \`poetry install\` in ${shown}`);
        }
        return { command: executable, described: `${executable} (Poetry's environment)`, install: `\`poetry install\` in ${shown}` };
    }
    if (options.virtualenv !== undefined) {
        return inVirtualenv(options.virtualenv, "Pulumi.yaml runtime.options.virtualenv");
    }
    if (options.toolchain === "uv") {
        return inVirtualenv(".venv", "uv's default virtualenv");
    }
    const beside = ["venv", ".venv"].find((folder) => fs.existsSync(path.join(dir, folder, "pyvenv.cfg")));
    if (beside) {
        return inVirtualenv(beside, "the virtualenv beside Pulumi.yaml");
    }
    const command = env.PULUMI_PYTHON_CMD || "python3";
    return { command, described: `${command} (${env.PULUMI_PYTHON_CMD ? "PULUMI_PYTHON_CMD" : "on the PATH"})`, install: `\`${command} -m pip install ${requirements}\`` };
}

interface RunnerResource extends Omit<CapturedResource, "parent" | "provider" | "remote" | "sourcePosition"> {
    parent: string;
    provider: string;
    remote: boolean;
    version: string;
    sourcePosition: CapturedResource["sourcePosition"] | null;
}

type RunnerMessage =
    | ({ kind: "resource" } & RunnerResource)
    | { kind: "newResource"; type: string; name: string; inputs: Record<string, any>; provider: string | null }
    | { kind: "answers"; token: string; inputs: Record<string, any> }
    | { kind: "call"; token: string; inputs: Record<string, any>; provider: string | null }
    | { kind: "partlyKnownPolicyDocument"; inputs: Record<string, any> }
    | { kind: "done"; placeholders: CaptureResult["placeholders"] }
    | { kind: "error"; message: string; location?: string; missingConfig?: { key: string; secret: boolean }; placeholders: CaptureResult["placeholders"] }
    | { kind: "missing"; package: string };

export function capturePythonProgram(request: CaptureRequest, timeoutMs: number): Promise<CaptureResult> {
    const shown = path.relative(process.cwd(), request.dir) || ".";
    const interpreter = pythonInterpreter(request.dir, shown, request.python);
    const defaultRegion = awsRegion(request.config, process.env);
    // A deployed stack had a region, wherever it came from; with plausible outputs the program reads it as set.
    const config = request.preview ? request.config : { "aws:region": defaultRegion, ...request.config };
    return new Promise((resolve, reject) => {
        const child = spawn(interpreter.command, ["-u", runner], {
            cwd: request.dir,
            env: {
                ...process.env,
                PULUMI_CONFIG: JSON.stringify(config),
                PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.secretKeys),
                SECURE_BASELINE_REQUEST: JSON.stringify({ ...request, unknownListLength }),
            },
            stdio: ["pipe", "ignore", "pipe", "pipe"],
        });
        const resources: CapturedResource[] = [];
        const components: ComponentRecord[] = [];
        const unmodelled = new Set<string>();
        const providerRegions = new Map<string, string>();
        const regionOf = (providerRef: string | null | undefined) => (providerRef ? providerRegions.get(providerRef.slice(0, providerRef.lastIndexOf("::"))) : undefined) ?? defaultRegion;
        let stderr = "";
        let settled = false;
        const settle = (f: () => void) => {
            if (!settled) {
                settled = true;
                clearTimeout(timer);
                f();
            }
        };
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            settle(() => reject(new Error(`the program in ${shown} did not finish within ${timeoutMs / 1000} s`)));
        }, timeoutMs);
        const result = (rest: Partial<CaptureResult>): CaptureResult => ({ resources, unmodelledInvokes: [...unmodelled].sort(), components, placeholders: [], ...rest });
        const answer = (value: unknown) => child.stdin!.write(JSON.stringify(value) + "\n");
        child.stderr!.on("data", (d) => (stderr += d));
        child.stdin!.on("error", () => undefined);
        child.on("error", (e) => settle(() => reject(new PythonSetupError(`${shown}: cannot run ${interpreter.described}: ${(e as NodeJS.ErrnoException).code ?? e.message}`))));
        readline.createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on("line", (line) => {
            const message = JSON.parse(line) as RunnerMessage;
            switch (message.kind) {
                case "resource": {
                    const { kind: _kind, parent, provider, remote, version, sourcePosition, ...rest } = message;
                    const captured: CapturedResource = {
                        ...rest,
                        ...(parent ? { parent } : {}),
                        ...(provider ? { provider } : {}),
                        ...(remote ? { remote: true } : {}),
                        ...(sourcePosition ? { sourcePosition } : {}),
                    };
                    if (captured.type.startsWith("pulumi:providers:") && typeof captured.inputs.region === "string") {
                        providerRegions.set(captured.urn, captured.inputs.region);
                    }
                    if (remote && !captured.custom) {
                        components.push(uncheckedComponent(captured, version));
                    }
                    resources.push(captured);
                    break;
                }
                case "newResource": {
                    const computed = computedOutputs({ type: message.type, name: message.name, inputs: message.inputs }, regionOf(message.provider));
                    answer({ id: computed.id, outputs: computed.outputs });
                    break;
                }
                case "answers": {
                    const answers = answersInvoke(message.token, camelCaseKeys(message.inputs) as Record<string, unknown>);
                    if (!answers) {
                        unmodelled.add(message.token);
                    }
                    answer({ answers });
                    break;
                }
                case "call":
                    answer({ answer: answerInvoke({ token: message.token, inputs: camelCaseKeys(message.inputs) as Record<string, any> }, regionOf(message.provider)) ?? {} });
                    break;
                case "partlyKnownPolicyDocument":
                    answer({ json: renderPartlyKnownPolicyDocument(camelCaseKeys(message.inputs) as Record<string, any>, wire.unknownValue) ?? null });
                    break;
                case "done":
                    settle(() => resolve(result({ placeholders: message.placeholders })));
                    break;
                case "error": {
                    const { message: text, location, missingConfig, placeholders } = message;
                    settle(() => resolve(result({ resources: [], components: [], placeholders, error: { message: text, ...(location ? { location } : {}), ...(missingConfig ? { missingConfig } : {}) } })));
                    break;
                }
                case "missing":
                    settle(() =>
                        reject(
                            new PythonSetupError(
                                `${shown}: ${interpreter.described} has no ${message.package} package, which the program needs; install the program's requirements with ${interpreter.install}`,
                            ),
                        ),
                    );
                    break;
            }
        });
        child.on("close", (code) => {
            const lastLine = stderr.trim().split("\n").filter(Boolean).pop();
            settle(() => resolve(result({ resources: [], components: [], error: { message: lastLine ?? `the program exited with code ${code}` } })));
        });
    });
}

/**
 * A data source's arguments as the provider reads them. Python programs often pass nested
 * arguments as dicts, whose keys the SDK sends as written (`not_actions`), and the bridged
 * provider takes a snake_case name as the field it names, as it takes its camelCase name.
 */
function camelCaseKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(camelCaseKeys);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), camelCaseKeys(v)]));
    }
    return value;
}

/**
 * A multi-language component of a Python program: its package's plugin builds its children, and
 * the models of components.ts build them with the Node.js SDK, so they stay unchecked.
 */
function uncheckedComponent(r: CapturedResource, version: string): ComponentRecord {
    const plugin = `the ${packageOf(r.type)} plugin builds its children, and plugins do not run offline`;
    const model = componentModels.has(r.type) ? `; its model of ${packageOf(r.type)}'s defaults runs in Node.js programs only` : "";
    return { urn: r.urn, type: r.type, name: r.name, ...(version ? { version } : {}), unchecked: plugin + model };
}

// Plays the Pulumi CLI's side of the analyzer protocol against the built pack, so that tests can
// hold the in-process runner against the real @pulumi/policy server without a Pulumi CLI.
//
// The pack is started as `pulumi preview --policy-pack <repo>` starts it: the CLI's
// `pulumi-analyzer-policy` shim runs `node node_modules/@pulumi/pulumi/cmd/run-policy-pack
// <engineAddress> .` in the pack directory, with the stack's identity and config in the
// environment, reads the port from the first line of stdout, and then calls Handshake,
// ConfigureStack, GetAnalyzerInfo, Configure, Remediate and Analyze per resource (inputs), and
// AnalyzeStack once (outputs).
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Policy } from "@pulumi/policy";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { PolicyPackConfigFile, resolveConfig } from "../../policy-pack/lib/config";
import { urnName } from "../../policy-pack/lib/policy";
import { diffProperties } from "../../policy-pack/lib/remediation";
import { Diagnostic, NotApplicable, Remediated, ResourceState, stripUndefined } from "../../policy-pack/lib/runner";
import { project, stack } from "../lib/fixtures";

/** The repository root: the pack directory (PulumiPolicy.yaml, package.json `main`); this file runs from dist/test/harness. */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

// The protobuf runtime types must be the copy the generated stubs were built against: the stubs
// check `instanceof` when they serialize.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const { Struct }: typeof import("google-protobuf/google/protobuf/struct_pb") = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
const { Empty }: typeof import("google-protobuf/google/protobuf/empty_pb") = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [pulumiDir] }));

const levelNames: Record<analyzer.EnforcementLevel, Policy["enforcementLevel"]> = {
    [analyzer.EnforcementLevel.ADVISORY]: "advisory",
    [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzer.EnforcementLevel.DISABLED]: "disabled",
    [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};
const levelValues = Object.fromEntries(Object.entries(levelNames).map(([value, name]) => [name, Number(value) as analyzer.EnforcementLevel]));

export const severityNames: Record<analyzer.PolicySeverity, string | undefined> = {
    [analyzer.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: undefined,
    [analyzer.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzer.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzer.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzer.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export function levelName(level: analyzer.EnforcementLevel): Policy["enforcementLevel"] {
    return levelNames[level];
}

export interface StartOptions {
    /** PULUMI_NODEJS_DRY_RUN and ConfigureStack's dryRun: true plays `pulumi preview`. */
    dryRun?: boolean;
    /** Stack config as the CLI passes it (PULUMI_CONFIG and ConfigureStack). */
    stackConfig?: Record<string, string>;
    /** Give up when the pack has not answered GetAnalyzerInfo by then. */
    timeoutMs?: number;
    /** The pack directory (PulumiPolicy.yaml, package.json, node_modules): the repository root unless given, e.g. an installed artifact. */
    packDir?: string;
}

export interface PackRun {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
    /** The remediations the pack returned, in order, as the properties each policy's fix changed. */
    remediations: Remediated[];
}

/** A running pack process and the CLI's connection to it. */
export class PolicyPackServer {
    /** Milliseconds from spawn to the port on stdout, and to the answer of GetAnalyzerInfo. */
    readonly startup = { portMs: 0, analyzerInfoMs: 0 };
    /** Milliseconds the last run spent on the per-resource calls (Remediate, Analyze) and on AnalyzeStack. */
    readonly lastRun = { analyzeMs: 0, analyzeStackMs: 0 };
    info!: analyzer.AnalyzerInfo;
    /** Whether the pack answered Handshake (@pulumi/policy does not implement it; the CLI falls back). */
    handshakeImplemented = false;
    /** What the pack wrote after the port line and to stderr (engineLogs: what it sent the engine). */
    readonly stdout: string[] = [];
    stderr = "";

    private client!: AnalyzerClient;
    private advertised: Policy[] = [];

    private constructor(
        private readonly child: ChildProcess,
        private readonly engine: grpc.Server,
        readonly engineLogs: LogRequest.AsObject[],
    ) {}

    static async start(options: StartOptions = {}): Promise<PolicyPackServer> {
        const dryRun = options.dryRun ?? true;
        const stackConfig = options.stackConfig ?? { "aws:region": "us-east-1" };
        const packDir = options.packDir ?? repoRoot;
        const engineLogs: LogRequest.AsObject[] = [];
        const { server: engine, address: engineAddress } = await startEngine(engineLogs);
        const began = Date.now();
        const child = spawn(process.execPath, [path.join("node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack"), engineAddress, "."], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
            env: {
                ...process.env,
                PULUMI_CONFIG: JSON.stringify(stackConfig),
                PULUMI_NODEJS_ORGANIZATION: "organization",
                PULUMI_NODEJS_PROJECT: project,
                PULUMI_NODEJS_STACK: stack,
                PULUMI_NODEJS_DRY_RUN: String(dryRun),
                PULUMI_ORGANIZATION: "organization",
                PULUMI_PROJECT: project,
                PULUMI_STACK: stack,
                PULUMI_DRY_RUN: String(dryRun),
            },
        });
        const pack = new PolicyPackServer(child, engine, engineLogs);
        try {
            // Generous: a pack starts in about a second, but a busy machine (parallel test runs) can take many.
            const port = await pack.readPort(options.timeoutMs ?? 60000);
            pack.startup.portMs = Date.now() - began;
            pack.client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": 400 * 1024 * 1024 });
            await pack.handshake(engineAddress, packDir);
            await pack.configureStack(dryRun, stackConfig);
            pack.info = await unary<analyzer.AnalyzerInfo>(pack.client, "getAnalyzerInfo", new Empty());
            pack.startup.analyzerInfoMs = Date.now() - began;
            // The CLI resolves config against what the pack advertises, not against the policy
            // objects: build the policies resolveConfig needs from GetAnalyzerInfo.
            pack.advertised = pack.info.getPoliciesList().map((p) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: levelName(p.getEnforcementlevel()),
                configSchema: {
                    properties: (p.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as any,
                    required: p.getConfigschema()?.getRequiredList(),
                },
            })) as Policy[];
            await pack.configure({});
        } catch (e) {
            await pack.close();
            throw e;
        }
        return pack;
    }

    /** Configure as the CLI does for a `--policy-pack-config` file: every policy, levels and properties resolved. */
    async configure(file: PolicyPackConfigFile): Promise<void> {
        const request = new analyzer.ConfigureAnalyzerRequest();
        for (const [name, resolved] of resolveConfig(this.advertised, file)) {
            const config = new analyzer.PolicyConfig();
            config.setEnforcementlevel(levelValues[resolved.enforcementLevel]);
            config.setProperties(Struct.fromJavaScript(resolved.properties as any));
            request.getPolicyconfigMap().set(name, config);
        }
        await unary(this.client, "configure", request);
    }

    /** One preview of `resources`: Remediate and Analyze on each resource's inputs, then AnalyzeStack on the outputs. */
    async run(resources: ResourceState[]): Promise<PackRun> {
        const result: PackRun = { diagnostics: [], notApplicable: [], remediations: [] };
        const began = process.hrtime.bigint();
        /** The states AnalyzeStack sees: a remediated resource's outputs hold its remediated inputs. */
        const states: ResourceState[] = [];
        for (const r of resources) {
            const request = new analyzer.AnalyzeRequest();
            request.setUrn(r.urn);
            request.setType(r.type);
            request.setName(r.name ?? urnName(r.urn));
            request.setProperties(Struct.fromJavaScript(stripUndefined(r.inputs) as any));
            request.setOptions(resourceOptions(r));
            if (r.provider) {
                request.setProvider(providerResource(r.provider));
            }
            // As the engine does (step_generator.go): each remediation's properties replace the
            // inputs, and Analyze judges the last ones. A diagnostic instead of properties is an
            // advisory "can't run remediation" on the resource.
            const remediated = await unary<analyzer.RemediateResponse>(this.client, "remediate", request);
            let inputs = request.getProperties()!;
            for (const remediation of remediated.getRemediationsList()) {
                if (remediation.getDiagnostic() !== "") {
                    result.diagnostics.push({
                        policyName: remediation.getPolicyname(),
                        policyPackName: remediation.getPolicypackname(),
                        policyPackVersion: remediation.getPolicypackversion(),
                        description: remediation.getDescription(),
                        message: remediation.getDiagnostic(),
                        enforcementLevel: "advisory",
                        phase: "analyze",
                        urn: r.urn,
                    });
                    continue;
                }
                const after = remediation.getProperties()!;
                result.remediations.push({ policyName: remediation.getPolicyname(), urn: r.urn, changes: diffProperties(inputs.toJavaScript(), after.toJavaScript()) });
                inputs = after;
            }
            request.setProperties(inputs);
            const remediatedInputs = inputs.toJavaScript() as Record<string, unknown>;
            states.push(result.remediations.some((m) => m.urn === r.urn) ? { ...r, outputs: r.outputs === undefined ? remediatedInputs : { ...r.outputs, ...remediatedInputs } } : r);
            // The CLI attaches what Analyze reports without a URN to the analyzed resource.
            this.collect(await unary<analyzer.AnalyzeResponse>(this.client, "analyze", request), "analyze", r.urn, result);
        }
        const analyzed = process.hrtime.bigint();
        const stackRequest = new analyzer.AnalyzeStackRequest();
        stackRequest.setResourcesList(states.map(stackResource));
        this.collect(await unary<analyzer.AnalyzeResponse>(this.client, "analyzeStack", stackRequest), "analyzeStack", undefined, result);
        this.lastRun.analyzeMs = Number(analyzed - began) / 1e6;
        this.lastRun.analyzeStackMs = Number(process.hrtime.bigint() - analyzed) / 1e6;
        return result;
    }

    async close(): Promise<void> {
        this.client?.close();
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise((resolve) => this.child.once("exit", resolve));
            this.child.kill();
            await exited;
        }
        await new Promise<void>((resolve) => this.engine.tryShutdown(() => resolve()));
    }

    private collect(response: analyzer.AnalyzeResponse, phase: Diagnostic["phase"], resourceUrn: string | undefined, result: PackRun): void {
        for (const d of response.getDiagnosticsList()) {
            const level = levelName(d.getEnforcementlevel());
            if (level !== "advisory" && level !== "mandatory") {
                throw new Error(`the pack reported a diagnostic at level '${level}'; the server reports violations as advisory or mandatory`);
            }
            const severity = severityNames[d.getSeverity()];
            const urn = d.getUrn() || resourceUrn;
            result.diagnostics.push({
                policyName: d.getPolicyname(),
                policyPackName: d.getPolicypackname(),
                policyPackVersion: d.getPolicypackversion(),
                description: d.getDescription(),
                message: d.getMessage(),
                enforcementLevel: level,
                phase,
                ...(severity ? { severity } : {}),
                ...(urn ? { urn } : {}),
            });
        }
        for (const n of response.getNotApplicableList()) {
            result.notApplicable.push({ policyName: n.getPolicyName(), reason: n.getReason(), ...(resourceUrn ? { urn: resourceUrn } : {}) });
        }
    }

    private readPort(timeoutMs: number): Promise<number> {
        return new Promise((resolve, reject) => {
            let buffered = "";
            let port: number | undefined;
            const timer = setTimeout(() => reject(new Error(`the pack printed no port within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
            this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
            this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
                buffered += chunk;
                let newline: number;
                while ((newline = buffered.indexOf("\n")) >= 0) {
                    const line = buffered.slice(0, newline);
                    buffered = buffered.slice(newline + 1);
                    if (port !== undefined) {
                        this.stdout.push(line);
                        continue;
                    }
                    // Like the CLI, take the first line as the port: anything printed before it breaks the start.
                    clearTimeout(timer);
                    port = Number(line.trim());
                    if (Number.isInteger(port) && port > 0) {
                        resolve(port);
                    } else {
                        reject(new Error(`the pack's first line of stdout is not a port: ${JSON.stringify(line)}`));
                    }
                }
            });
            this.child.once("exit", (code, signal) => {
                clearTimeout(timer);
                reject(new Error(`the pack exited (${code ?? signal}) before printing its port; stderr: ${this.stderr}`));
            });
        });
    }

    private async handshake(engineAddress: string, packDir: string): Promise<void> {
        const request = new analyzer.AnalyzerHandshakeRequest();
        request.setEngineAddress(engineAddress);
        request.setRootDirectory(packDir);
        request.setProgramDirectory(packDir);
        try {
            await unary(this.client, "handshake", request);
            this.handshakeImplemented = true;
        } catch (e) {
            if ((e as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
                throw e;
            }
        }
    }

    private async configureStack(dryRun: boolean, stackConfig: Record<string, string>): Promise<void> {
        const request = new analyzer.AnalyzerStackConfigureRequest();
        request.setStack(stack);
        request.setProject(project);
        request.setOrganization("organization");
        request.setDryRun(dryRun);
        for (const [k, v] of Object.entries(stackConfig)) {
            request.getConfigMap().set(k, v);
        }
        await unary(this.client, "configureStack", request);
    }
}

function resourceOptions(r: ResourceState): analyzer.AnalyzerResourceOptions {
    const options = new analyzer.AnalyzerResourceOptions();
    // The server reads customTimeouts unconditionally and rejects a request without options.
    options.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
    if (r.parent) {
        options.setParent(r.parent);
    }
    return options;
}

function providerResource(provider: NonNullable<ResourceState["provider"]>): analyzer.AnalyzerProviderResource {
    const result = new analyzer.AnalyzerProviderResource();
    result.setUrn(provider.urn);
    result.setType(provider.type);
    result.setName(provider.name ?? urnName(provider.urn));
    result.setProperties(Struct.fromJavaScript(stripUndefined(provider.inputs) as any));
    return result;
}

function stackResource(r: ResourceState): analyzer.AnalyzerResource {
    const result = new analyzer.AnalyzerResource();
    result.setUrn(r.urn);
    result.setType(r.type);
    result.setName(r.name ?? urnName(r.urn));
    result.setProperties(Struct.fromJavaScript(stripUndefined(r.outputs ?? r.inputs) as any));
    result.setOptions(resourceOptions(r));
    if (r.provider) {
        result.setProvider(providerResource(r.provider));
    }
    if (r.parent) {
        result.setParent(r.parent);
    }
    result.setDependenciesList(r.dependencies ?? []);
    for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
        // Like the CLI, leave out properties that depend on nothing.
        if (urns.length > 0) {
            const deps = new analyzer.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            result.getPropertydependenciesMap().set(prop, deps);
        }
    }
    return result;
}

type Method = "handshake" | "configureStack" | "getAnalyzerInfo" | "configure" | "remediate" | "analyze" | "analyzeStack";

/** One unary call; the generated client's overloads defeat inference, so callers name the response type. */
function unary<Res = unknown>(client: AnalyzerClient, method: Method, request: object): Promise<Res> {
    return new Promise((resolve, reject) => {
        (client[method] as unknown as (request: object, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown).call(client, request, (error, response) =>
            error ? reject(error) : resolve(response),
        );
    });
}

/**
 * The engine endpoint the CLI passes as the first argument. run-policy-pack drops that argument
 * and the CLI sets no PULUMI_NODEJS_ENGINE for a policy pack, so nothing should ever arrive
 * here; serving it keeps the command line the CLI's and shows if that ever changes.
 */
async function startEngine(logs: LogRequest.AsObject[]): Promise<{ server: grpc.Server; address: string }> {
    const server = new grpc.Server();
    server.addService(EngineService, {
        log: (call: grpc.ServerUnaryCall<LogRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
            logs.push(call.request.toObject());
            callback(null, new Empty());
        },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    return { server, address: `127.0.0.1:${port}` };
}

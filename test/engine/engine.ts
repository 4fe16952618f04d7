// The real Pulumi CLI, as `npm run test:engine` drives it: a workspace per test suite with its own
// PULUMI_HOME and a file backend in a temporary folder (empty passphrase, no network, no plugin
// downloads), the stand-in cloud provider installed as the `aws` and `tls` plugins, programs copied
// to a folder of their own (stack init writes its encryption salt into the stack's config file),
// and the engine's event log read back for what the CLI reported.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const engineInstallFile = path.join(repoRoot, ".engine", "install.json");
export const pythonProgramDir = "test/fixtures/programs/python-insecure";
/** The Python reference stack, the twin of `stack/`. */
export const pythonReferenceDir = "examples/python";
/**
 * The pinned requirements of every Python program the engine tests run, and of the Python
 * reference stack's own tests: one virtualenv holds them all (pip refuses pins that conflict).
 */
export const pythonRequirements = [`${pythonProgramDir}/requirements.txt`, `${pythonReferenceDir}/requirements.txt`, `${pythonReferenceDir}/requirements-dev.txt`];

export interface EngineInstall {
    pulumi: string;
    binDir: string;
    builtFromModules: boolean;
    /** "stand-in": tools/pulumi-language-*; "installed": the hosts beside PULUMI_BIN. */
    languageHosts: "stand-in" | "installed";
    version?: string;
    /** The Python programs' virtualenv, with every file of `pythonRequirements` installed. */
    pythonVirtualenv?: string;
}

export function loadInstall(): EngineInstall {
    if (!fs.existsSync(engineInstallFile)) {
        throw new Error(`no Pulumi CLI recorded in ${path.relative(repoRoot, engineInstallFile)}: run the engine tests with \`npm run test:engine\`, which builds it first`);
    }
    return JSON.parse(fs.readFileSync(engineInstallFile, "utf8"));
}

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout and stderr, for assertion messages. */
    output: string;
}

/** One engine event of `--event-log`, as the CLI writes it (one JSON object a line). */
export interface EngineEvent {
    sequence: number;
    policyEvent?: { resourceUrn?: string; message: string; policyName: string; policyPackName: string; policyPackVersion: string; enforcementLevel: string };
    resourcePreEvent?: {
        metadata: {
            op: string;
            urn: string;
            type: string;
            old?: { custom?: boolean; inputs?: Record<string, unknown> };
            new?: { custom?: boolean; inputs?: Record<string, unknown> };
            detailedDiff?: Record<string, { kind: string }> | null;
        };
    };
    diagnosticEvent?: { urn?: string; message: string; severity: string };
    [key: string]: unknown;
}

export interface PolicyFinding {
    policyName: string;
    resource: string;
    level: string;
}

export function readEvents(file: string): EngineEvent[] {
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as EngineEvent);
}

/** The policy findings of a run, one per policy, resource and level, sorted. */
export function policyFindings(events: EngineEvent[]): PolicyFinding[] {
    const seen = new Map<string, PolicyFinding>();
    for (const e of events) {
        if (e.policyEvent) {
            const finding = { policyName: e.policyEvent.policyName, resource: e.policyEvent.resourceUrn ?? "(stack)", level: e.policyEvent.enforcementLevel };
            seen.set(JSON.stringify(finding), finding);
        }
    }
    return sortFindings([...seen.values()]);
}

export function sortFindings(findings: PolicyFinding[]): PolicyFinding[] {
    const key = (f: PolicyFinding) => `${f.policyName}\u0000${f.resource}\u0000${f.level}`;
    return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The custom resources a run steps through, as `type::name`, sorted: what a cloud provider manages,
 * so neither provider resources (`pulumi:providers:*`) nor components (and the stack) count.
 */
export function customResources(events: EngineEvent[]): string[] {
    const found = new Set<string>();
    for (const e of events) {
        const step = e.resourcePreEvent?.metadata;
        if (step && (step.new ?? step.old)?.custom && !step.type.startsWith("pulumi:providers:")) {
            found.add(`${step.type}::${step.urn.split("::").pop()}`);
        }
    }
    return [...found].sort();
}

/**
 * The properties the engine would change on each resource of a preview: `urn -> [property]`. The
 * stand-in provider says only whether a resource changes, so, as the CLI's own display does, the
 * properties are those whose old and new inputs differ.
 */
export function plannedChanges(events: EngineEvent[]): Map<string, string[]> {
    const changes = new Map<string, string[]>();
    for (const e of events) {
        const step = e.resourcePreEvent?.metadata;
        if (!step || step.op === "same" || step.op === "read") {
            continue;
        }
        const olds = step.old?.inputs ?? {};
        const news = step.new?.inputs ?? {};
        const keys = new Set([...Object.keys(olds), ...Object.keys(news), ...Object.keys(step.detailedDiff ?? {})]);
        const changed = [...keys].filter((k) => step.detailedDiff?.[k] !== undefined || JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
        changes.set(step.urn, changed.sort());
    }
    return changes;
}

function packageVersion(pkg: string): string {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", pkg, "package.json"), "utf8")).version;
}

export class EngineWorkspace {
    readonly install = loadInstall();
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-baseline-engine-"));
    readonly env: NodeJS.ProcessEnv;
    private eventLogs = 0;
    /** Each program's own file backend, so that every test program can have a stack named dev. */
    private backends = new Map<string, string>();

    constructor() {
        const home = path.join(this.dir, "pulumi-home");
        const backend = path.join(this.dir, "backend");
        fs.mkdirSync(home);
        fs.mkdirSync(backend);
        this.backends.set(this.dir, backend);
        this.env = {
            ...process.env,
            PATH: `${this.install.binDir}${path.delimiter}${process.env.PATH ?? ""}`,
            PULUMI_HOME: home,
            PULUMI_CONFIG_PASSPHRASE: "",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            NO_COLOR: "1",
            // Enables `--event-log`, the engine events as JSON lines.
            PULUMI_DEBUG_COMMANDS: "true",
        };
        delete this.env.PULUMI_ACCESS_TOKEN;
        this.installStandInProvider("aws", packageVersion("@pulumi/aws"));
        // The insecure program's self-signed certificate is a `tls` resource declared without a
        // version, which the engine serves from the newest installed `tls` plugin.
        this.installStandInProvider("tls", "5.0.0");
    }

    /** Installs the stand-in provider as a plugin, the way `pulumi plugin install --file` installs one. */
    private installStandInProvider(name: string, version: string): void {
        const pluginDir = path.join(this.dir, `plugin-${name}`);
        fs.mkdirSync(pluginDir);
        const provider = path.join(repoRoot, "dist", "test", "engine", "stand-in-provider.js");
        const launcher = `#!/bin/sh\nSTAND_IN_PROVIDER_VERSION=${version} exec node ${JSON.stringify(provider)} "$@"\n`;
        fs.writeFileSync(path.join(pluginDir, `pulumi-resource-${name}`), launcher, { mode: 0o755 });
        const tarball = path.join(this.dir, `plugin-${name}.tgz`);
        execFileSync("tar", ["-czf", tarball, "-C", pluginDir, "."]);
        this.expectSuccess(this.pulumi(["plugin", "install", "resource", name, version, "--file", tarball], this.dir), `install the stand-in ${name} provider`);
    }

    pulumi(args: string[], cwd: string): CliResult {
        const backend = this.backends.get(cwd) ?? this.backends.get(this.dir)!;
        const env = { ...this.env, PULUMI_BACKEND_URL: `file://${backend}` };
        const result = spawnSync(this.install.pulumi, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        if (result.error) {
            throw result.error;
        }
        const stdout = result.stdout ?? "";
        const stderr = result.stderr ?? "";
        return { code: result.status ?? -1, stdout, stderr, output: `$ pulumi ${args.join(" ")}\n${stdout}${stderr}` };
    }

    /** Runs a pulumi command with `--event-log` and returns its result and events. */
    pulumiWithEvents(args: string[], cwd: string): CliResult & { events: EngineEvent[] } {
        const log = path.join(this.dir, `events-${++this.eventLogs}.jsonl`);
        const result = this.pulumi([...args, "--event-log", log], cwd);
        return { ...result, events: fs.existsSync(log) ? readEvents(log) : [] };
    }

    /** `pulumi policy analyze --file` (which has no `--event-log`), its events read from `--json`. */
    policyAnalyze(exportFile: string, packDir: string, configFile?: string): CliResult & { events: EngineEvent[] } {
        const args = ["policy", "analyze", "--file", exportFile, "--policy-pack", packDir, ...(configFile ? ["--policy-pack-config", configFile] : []), "--json"];
        const result = this.pulumi(args, this.dir);
        const events = result.stdout.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as EngineEvent);
        return { ...result, events };
    }

    expectSuccess(result: CliResult, what: string): CliResult {
        if (result.code !== 0) {
            throw new Error(`could not ${what} (exit code ${result.code}):\n${result.output}`);
        }
        return result;
    }

    /**
     * Copies a program (its Pulumi.yaml, stack files and sources) into a folder of its own, with
     * the repository's node_modules linked in, and creates the stack on the file backend.
     */
    program(name: string, files: Record<string, string>, stack = "dev"): string {
        const dir = path.join(this.dir, name);
        fs.mkdirSync(dir);
        const backend = `${dir}-state`;
        fs.mkdirSync(backend);
        this.backends.set(dir, backend);
        for (const [target, source] of Object.entries(files)) {
            fs.cpSync(path.join(repoRoot, source), path.join(dir, target), { recursive: true });
        }
        if (/^\s*(runtime:\s*python|name:\s*python)\s*$/m.test(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))) {
            // The program's `virtualenv: venv`, made by the build step from the pinned requirements.
            if (!this.install.pythonVirtualenv) {
                throw new Error("no Python virtualenv was made: run the engine tests with `npm run test:engine`");
            }
            fs.symlinkSync(this.install.pythonVirtualenv, path.join(dir, "venv"), "dir");
        } else {
            fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
            // A program's own package.json, as every Node.js program has: the SDK takes its folder as the project root.
            const dependencies = Object.fromEntries(["@pulumi/aws", "@pulumi/pulumi"].map((pkg) => [pkg, packageVersion(pkg)]));
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, dependencies }, null, 2) + "\n");
        }
        this.expectSuccess(this.pulumi(["stack", "init", stack, "--secrets-provider", "passphrase"], dir), `create the stack ${stack} of ${name}`);
        return dir;
    }

    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

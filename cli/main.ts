// The `secure-baseline` command. `audit` evaluates the pack on `pulumi stack export` files, offline,
// with the same policies and runner as the pack itself, and reports in the formats people and CI
// systems read; `preview` does the same for a Pulumi program run offline in preview mode, before
// it is deployed; `policies` lists the policies. Exit codes: 0 no failing violation, 1 failing
// violations, 2 a usage or input error (one line on stderr, never a stack trace), 3 no failing
// violation but nothing judged (no policy judged any resource), or (preview) components whose
// contents were not checked.
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ConfigError, PolicyPackConfigFile, resolveConfig } from "../policy-pack/lib/config";
import { packVersion } from "../policy-pack/lib/pack-info";
import { BaselinePolicy, packName } from "../policy-pack/lib/policy";
import type { AuditResult, FailOn } from "./audit/audit";
import type { StackExport } from "./audit/exports";
import { JsonTextError, parseJsonText } from "./audit/json-text";

// What a command needs is loaded when it runs: `--version`, `--help` and `policies` load neither
// the audit and its reports nor the preview's program runner, and `audit` not the preview's.
/* eslint-disable @typescript-eslint/no-var-requires */
const load = {
    policies: () => (require("../policy-pack/policies") as typeof import("../policy-pack/policies")).policies,
    audit: () => oneLine(require("./audit/audit") as typeof import("./audit/audit"), "AuditError"),
    exports: () => oneLine(require("./audit/exports") as typeof import("./audit/exports"), "InputError"),
    parallel: () => require("./audit/parallel") as typeof import("./audit/parallel"),
    preview: () => oneLine(require("./preview/preview") as typeof import("./preview/preview"), "PreviewError"),
    plausibleOutputs: () => require("./preview/plausible-outputs") as typeof import("./preview/plausible-outputs"),
    summary: () => require("./reports/summary") as typeof import("./reports/summary"),
};
/* eslint-enable @typescript-eslint/no-var-requires */

/** Error classes whose message is the one line a user reads (exit code 2), registered as their modules load. */
const oneLineErrors = new Set<new (...args: any[]) => Error>();

function oneLine<M>(module: M, errorClass: keyof M): M {
    oneLineErrors.add(module[errorClass] as new (...args: any[]) => Error);
    return module;
}

export type Format = "table" | "json" | "sarif" | "junit";
const formats: Format[] = ["table", "json", "sarif", "junit"];

/** Where the command reads and writes: the process, or a test's capture. */
export interface Io {
    stdout(text: string): void;
    stderr(text: string): void;
    stdoutIsTTY: boolean;
    /** Whether stderr is a terminal: a folder's audit then shows its progress there. */
    stderrIsTTY?: boolean;
    columns?: number;
    /** Standard input, whole: bytes (state may be gzip-compressed) or text. */
    readStdin(): string | Buffer | Promise<string | Buffer>;
    cwd: string;
    env: Record<string, string | undefined>;
}

export function processIo(): Io {
    return {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        stdoutIsTTY: process.stdout.isTTY === true,
        stderrIsTTY: process.stderr.isTTY === true,
        columns: process.stdout.columns,
        readStdin: readStandardInput,
        cwd: process.cwd(),
        env: process.env,
    };
}

/**
 * All of standard input, read as a stream: a pipe (`pulumi stack export | secure-baseline audit -`)
 * may be non-blocking, and a synchronous read of it fails with EAGAIN when no data is there yet.
 */
async function readStandardInput(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    }
    return Buffer.concat(chunks);
}

/** A usage or input problem: one line on stderr, exit code 2. */
class UsageError extends Error {}

/** The options `audit` and `preview` share: what to evaluate with, how to report, when to fail. */
interface ReportFlags {
    format?: Format;
    output?: string;
    policyPackConfig?: string;
    policy?: string[];
    failOn: FailOn;
}

interface AuditFlags extends ReportFlags {
    jobs?: number;
}

interface PreviewFlags extends ReportFlags {
    stack?: string;
    allowUncheckedComponents?: boolean;
    placeholderConfig?: boolean;
}

function addReportOptions(command: Command): Command {
    return command
        .addOption(new Option("-f, --format <format>", "report format (default: from the --output extension; else table on a terminal, json otherwise)").choices(formats))
        .option("-o, --output <file>", "write the report to a file (a summary line still goes to stdout)")
        .option("--policy-pack-config <file>", "policy config as `pulumi preview --policy-pack-config` takes it: levels, parameters, waivers")
        .option("--policy <name>", "run only this policy (repeatable)", (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .addOption(new Option("--fail-on <level>", "the lowest level that fails (exit code 1)").choices(["mandatory", "advisory", "none"]).default("mandatory"));
}

/** Runs the command line (`argv` as in process.argv) and answers the exit code. */
export async function main(argv: string[], io: Io = processIo(), policies?: BaselinePolicy[]): Promise<number> {
    const pack = () => (policies ??= load.policies());
    let exitCode = 0;
    const program = new Command("secure-baseline")
        .description(`${packName} ${packVersion}: check Pulumi stacks (audit) and programs (preview) against the AWS security baseline, offline`)
        .version(packVersion)
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
        .showHelpAfterError(false)
        .addHelpText(
            "after",
            [
                "",
                "Exit codes:",
                "  0  no failing violation (at or above --fail-on)",
                "  1  failing violations",
                "  2  bad input or usage: a file that is not state, a bad option or config, a program that cannot be checked or fails",
                "  3  no failing violation, but nothing was judged (no policy judges any resource given: an empty stack, say), or (preview) multi-language components were not checked (0 with --allow-unchecked-components)",
            ].join("\n"),
        );

    addReportOptions(
        program
            .command("audit")
            .description(
                "evaluate the policies on Pulumi state: `pulumi stack export` files or file-backend checkpoints (plain or gzip), directories of them (such as ~/.pulumi/stacks), or - for stdin",
            )
            .argument("<exports...>", "state files, directories of them (searched at any depth), or - for standard input")
            .option("-j, --jobs <n>", "audit that many state files at once, on worker threads (default: the number of cores; 1 audits them one after the other)", parseJobs),
    ).action(async (inputs: string[], flags: AuditFlags) => {
        // The worker threads audit with the pack's own policies; a caller's own set runs in this thread.
        exitCode = await runAudit(inputs, flags, io, pack(), policies === undefined || policies === load.policies());
    });

    addReportOptions(
        program
            .command("preview")
            .description("run a Pulumi Node.js program offline in preview mode (no credentials, no Pulumi CLI) and evaluate the policies on what it would deploy")
            .argument("[dir]", "the program's directory, where Pulumi.yaml is", ".")
            .option("-s, --stack <name>", "the stack whose Pulumi.<stack>.yaml config the program runs with, as NAME, ORG/NAME or ORG/PROJECT/NAME (default: the only stack, else dev)")
            .option("--allow-unchecked-components", "exit 0 rather than 3 when multi-language components were left unchecked (they are still reported; a run that judged nothing still exits 3)")
            .option("--placeholder-config", "fill required non-secret config that has no value with placeholders (listed in the report) rather than failing; required secrets still fail"),
    ).action(async (dir: string, flags: PreviewFlags) => {
        exitCode = await runPreview(dir, flags, io, pack());
    });

    program
        .command("policies")
        .description("list the policies with their severity and enforcement level")
        .addOption(new Option("-f, --format <format>", "list format").choices(["table", "json"]).default("table"))
        .option("--policy-pack-config <file>", "show the levels this config sets")
        .action((flags: { format: "table" | "json"; policyPackConfig?: string }) => {
            io.stdout(listPolicies(pack(), flags.format, flags.policyPackConfig ? readConfig(flags.policyPackConfig, io.cwd) : {}, io.stdoutIsTTY));
        });

    try {
        await program.parseAsync(argv);
        return exitCode;
    } catch (e) {
        if (e instanceof CommanderError) {
            // Commander has printed its one-line message (or the help or version, exit code 0).
            return e.exitCode === 0 ? 0 : 2;
        }
        const message = e instanceof UsageError || [...oneLineErrors].some((c) => e instanceof c) ? (e as Error).message : `unexpected error: ${firstLine(e)}`;
        io.stderr(`secure-baseline: ${firstLine(message)}\n`);
        return 2;
    }
}

function parseJobs(value: string): number {
    const jobs = Number(value);
    if (!Number.isInteger(jobs) || jobs < 1) {
        throw new InvalidArgumentError("expected a whole number of 1 or more");
    }
    return jobs;
}

async function runAudit(inputs: string[], flags: AuditFlags, io: Io, policies: BaselinePolicy[], packPolicies: boolean): Promise<number> {
    checkPolicyNames(flags, policies);
    if (inputs.filter((i) => i === "-").length > 1) {
        throw new UsageError("standard input (-) can be named only once");
    }
    const config = flags.policyPackConfig ? readConfig(flags.policyPackConfig, io.cwd, policies) : {};
    const jobs = flags.jobs ?? load.parallel().defaultJobs();
    if (jobs > 1 && packPolicies && !inputs.includes("-")) {
        const listed = load.exports().listInputs(inputs, io.cwd);
        if (listed.filter((i) => !("problem" in i)).length > 1) {
            return auditFilesInParallel(listed, config, jobs, flags, io, policies);
        }
    }
    const stdin = inputs.includes("-") ? await readStdinSafely(io) : "";
    const { exports: stackExports, problems } = load.exports().readInputs(inputs, () => stdin, io.cwd);
    // Every input that is not state is named, one line each; the stacks that could be read are
    // still audited and reported, and the exit code says that some input was bad.
    for (const problem of problems) {
        io.stderr(`secure-baseline: ${firstLine(problem.message)}\n`);
    }
    // With nothing read, stdout stays empty; a report file is still written, so that CI uploads
    // one that names the inputs it could not read (SARIF notifications, JUnit errors).
    if (stackExports.length === 0 && flags.output === undefined) {
        return 2;
    }
    const result = await evaluate(policies, stackExports, config, flags);
    result.unreadable = problems;
    const code = writeReport(result, flags, io);
    return problems.length > 0 ? 2 : code;
}

/** The audit of many files on worker threads: the same report, problems and exit code as one after the other. */
async function auditFilesInParallel(
    listed: ReturnType<typeof import("./audit/exports").listInputs>,
    config: PolicyPackConfigFile,
    jobs: number,
    flags: AuditFlags,
    io: Io,
    policies: BaselinePolicy[],
): Promise<number> {
    const options = { config, ...(flags.policy ? { only: flags.policy } : {}) };
    const { assemble, policiesInForce } = load.audit();
    let inForce;
    try {
        inForce = policiesInForce(policies, options);
    } catch (e) {
        throw e instanceof ConfigError ? new UsageError(`${flags.policyPackConfig}: ${e.message}`) : e;
    }
    // On a terminal, one line that counts the stacks audited, rewritten in place and erased at the end.
    const progress = io.stderrIsTTY ? (done: number, total: number) => io.stderr(`\rsecure-baseline: audited ${done} of ${total} state files`) : undefined;
    let outcome;
    try {
        outcome = await load.parallel().auditInParallel(listed, { cwd: io.cwd, options, policies, inForce }, jobs, progress);
    } finally {
        if (progress) {
            io.stderr("\r\x1b[K");
        }
    }
    for (const problem of outcome.problems) {
        io.stderr(`secure-baseline: ${firstLine(problem.message)}\n`);
    }
    if (outcome.parts.length === 0 && flags.output === undefined) {
        return 2;
    }
    const result = assemble(inForce, outcome.parts);
    result.unreadable = outcome.problems;
    const code = writeReport(result, flags, io);
    return outcome.problems.length > 0 ? 2 : code;
}

async function readStdinSafely(io: Io): Promise<string | Buffer> {
    try {
        return await io.readStdin();
    } catch (e) {
        const { InputError, stdinName } = load.exports();
        throw new InputError(`${stdinName}: cannot read standard input (${(e as NodeJS.ErrnoException).code ?? firstLine(e)})`);
    }
}

async function runPreview(dir: string, flags: PreviewFlags, io: Io, policies: BaselinePolicy[]): Promise<number> {
    checkPolicyNames(flags, policies);
    // The config is checked before the program runs: a typo in it should not wait for the program.
    const config = flags.policyPackConfig ? readConfig(flags.policyPackConfig, io.cwd, policies) : {};
    const options = { placeholderConfig: flags.placeholderConfig === true };
    const { modelledComponentsNote, placeholderConfigNote, previewProgram, uncheckedComponents, unmodelledInvokesNote } = load.preview();
    const { decideWithPlausibleOutputs, plausibleOutputsCapture } = load.plausibleOutputs();
    const program = await previewProgram(dir, flags.stack, io.cwd, undefined, options);
    const result = await evaluate(policies, [program.stackExport], config, flags);
    result.notes.push(...placeholderConfigNote(program), ...modelledComponentsNote(program), ...unmodelledInvokesNote(program));
    result.unchecked = uncheckedComponents(program);
    const again = async () => evaluate(policies, [(await previewProgram(dir, flags.stack, io.cwd, plausibleOutputsCapture, options)).stackExport], config, flags);
    return writeReport(await decideWithPlausibleOutputs(result, again), flags, io, flags.allowUncheckedComponents === true);
}

function checkPolicyNames(flags: ReportFlags, policies: BaselinePolicy[]): void {
    const names = new Set(policies.map((p) => p.name));
    for (const name of flags.policy ?? []) {
        if (!names.has(name)) {
            throw new UsageError(`--policy ${name}: no such policy (see \`secure-baseline policies\`)`);
        }
    }
}

async function evaluate(policies: BaselinePolicy[], stackExports: StackExport[], config: PolicyPackConfigFile, flags: ReportFlags): Promise<AuditResult> {
    try {
        return await load.audit().audit(policies, stackExports, { config, ...(flags.policy ? { only: flags.policy } : {}) });
    } catch (e) {
        if (e instanceof ConfigError) {
            throw new UsageError(`${flags.policyPackConfig}: ${e.message}`);
        }
        throw e;
    }
}

/**
 * Writes the report where the flags say and answers the exit code: 1 for failing violations, else
 * 3 when nothing was judged, or when components were left unchecked (incomplete) unless that is
 * allowed, else 0.
 */
function writeReport(result: AuditResult, flags: ReportFlags, io: Io, allowUnchecked = false): number {
    const format = flags.format ?? chooseFormat(flags.output, io.stdoutIsTTY);
    const toTerminal = flags.output === undefined && io.stdoutIsTTY;
    /* eslint-disable @typescript-eslint/no-var-requires */
    const report =
        format === "table"
            ? (require("./reports/table") as typeof import("./reports/table")).tableReport(result, {
                  failOn: flags.failOn,
                  allowUnchecked,
                  width: toTerminal ? Math.min(120, io.columns ?? 80) : 80,
                  color: toTerminal && io.env.NO_COLOR === undefined,
              })
            : format === "json"
              ? (require("./reports/json") as typeof import("./reports/json")).jsonReport(result)
              : format === "sarif"
                ? (require("./reports/sarif") as typeof import("./reports/sarif")).sarifReport(result, { cwd: io.cwd })
                : (require("./reports/junit") as typeof import("./reports/junit")).junitReport(result);
    /* eslint-enable @typescript-eslint/no-var-requires */
    const { summaryLine, verdictOf } = load.summary();
    if (flags.output !== undefined) {
        try {
            fs.writeFileSync(path.resolve(io.cwd, flags.output), report);
        } catch (e) {
            throw new UsageError(`${flags.output}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? firstLine(e)})`);
        }
        io.stdout(`${summaryLine(result, flags.failOn, allowUnchecked)} (${format} report in ${flags.output})\n`);
    } else {
        io.stdout(report);
    }
    return { failed: 1, "nothing-judged": 3, incomplete: 3, "incomplete-allowed": 0, passed: 0 }[verdictOf(result, flags.failOn, allowUnchecked)];
}

/** Without --format: the --output file's extension decides, else a terminal gets the table and a pipe JSON. */
export function chooseFormat(output: string | undefined, stdoutIsTTY: boolean): Format {
    if (output !== undefined) {
        const name = output.toLowerCase();
        if (name.endsWith(".sarif") || name.endsWith(".sarif.json")) {
            return "sarif";
        }
        if (name.endsWith(".xml")) {
            return "junit";
        }
        if (name.endsWith(".json")) {
            return "json";
        }
        return "table";
    }
    return stdoutIsTTY ? "table" : "json";
}

/** The --policy-pack-config file; with `policies`, also checked against them (levels, parameters). */
function readConfig(file: string, cwd: string, policies?: BaselinePolicy[]): PolicyPackConfigFile {
    let text: string;
    try {
        text = fs.readFileSync(path.resolve(cwd, file), "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`${file}: ${code === "ENOENT" ? "no such file" : `cannot read it (${code})`}`);
    }
    let config: unknown;
    try {
        config = parseJsonText(text);
    } catch (e) {
        throw new UsageError(`${file}: ${e instanceof JsonTextError ? e.message : "not valid JSON"}`);
    }
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        throw new UsageError(`${file}: policy pack config: expected an object keyed by policy name`);
    }
    if (policies) {
        try {
            resolveConfig(policies, config as PolicyPackConfigFile);
        } catch (e) {
            throw e instanceof ConfigError ? new UsageError(`${file}: ${e.message}`) : e;
        }
    }
    return config as PolicyPackConfigFile;
}

function listPolicies(policies: BaselinePolicy[], format: "table" | "json", config: PolicyPackConfigFile, toTerminal: boolean): string {
    let resolved;
    try {
        resolved = resolveConfig(policies, config);
    } catch (e) {
        throw e instanceof ConfigError ? new UsageError(e.message) : e;
    }
    const rows = policies.map((p) => ({
        name: p.name,
        severity: p.severity ?? "",
        enforcementLevel: resolved.get(p.name)!.enforcementLevel,
        kind: p.kind,
        description: p.description,
        url: p.url ?? "",
    }));
    if (format === "json") {
        return `${JSON.stringify(rows, null, 2)}\n`;
    }
    const header = { name: "POLICY", severity: "SEVERITY", enforcementLevel: "LEVEL", kind: "KIND" };
    const widths = {
        severity: Math.max(header.severity.length, ...rows.map((r) => r.severity.length)),
        enforcementLevel: Math.max(header.enforcementLevel.length, ...rows.map((r) => r.enforcementLevel.length)),
        kind: Math.max(header.kind.length, ...rows.map((r) => r.kind.length)),
    };
    // On a terminal the table fits 80 columns: a name longer than its column stands on a line of
    // its own, with its other columns on the next line. Piped, each policy is one line, for grep and cut.
    const longest = Math.max(header.name.length, ...rows.map((r) => r.name.length));
    const nameWidth = toTerminal ? Math.min(longest, 80 - widths.severity - widths.enforcementLevel - widths.kind - 6) : longest;
    const line = (r: { name: string; severity: string; enforcementLevel: string; kind: string }) => {
        const rest = `${r.severity.padEnd(widths.severity)}  ${r.enforcementLevel.padEnd(widths.enforcementLevel)}  ${r.kind}`;
        return r.name.length > nameWidth ? `${r.name}\n${"".padEnd(nameWidth)}  ${rest}`.trimEnd() : `${r.name.padEnd(nameWidth)}  ${rest}`.trimEnd();
    };
    return `${[line(header), ...rows.map(line)].join("\n")}\n\n${rows.length} policies of ${packName} ${packVersion}; details in docs/policies.md\n`;
}

function firstLine(value: unknown): string {
    const text = value instanceof Error ? value.message : String(value);
    return text.split("\n")[0];
}

// `secure-baseline preview`: runs a Pulumi Node.js or Python program offline as `pulumi preview` would run
// it for a new stack (computed outputs unknown), and hands its registrations to the audit as a
// stack: resource checks on the inputs, stack checks on the outputs, the same reports.
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { Note, UncheckedComponent } from "../audit/audit";
import { StackExport, SourcePosition, programPositions, redactedSecret } from "../audit/exports";
import { CapturedResource, CaptureResult, ConfigPlaceholder, captureProgram, toResourceStates } from "../program/capture";
import { ComponentRecord, packageOf } from "../program/components";
import { PythonSetupError } from "../program/python";
import { ProjectError, projectFile, readProject, secretPlaceholder } from "../program/project";
import { wire } from "../../policy-pack/lib/sdk";

/** The program cannot be checked (setup) or failed: one line, exit code 2. */
export class PreviewError extends Error {}

export interface PreviewedProgram {
    /** The program's registrations as one stack, for the audit. */
    stackExport: StackExport;
    /** Data-source invokes answered with unknown values, for the report's notes. */
    unmodelledInvokes: string[];
    /** The multi-language components the program registered, checked through a model or not at all. */
    components: ComponentRecord[];
    /** Required config without a value that got a placeholder (--placeholder-config). */
    placeholders: ConfigPlaceholder[];
}

export interface PreviewOptions {
    /** --placeholder-config: fill required non-secret config that has no value with placeholders. */
    placeholderConfig?: boolean;
}

const sigKey = wire.specialSigKey;
const secretSig = wire.specialSecretSig;

/**
 * Reads the project in `dir` (as the user named it, relative to `cwd`), runs its program in
 * preview mode with the stack's config, and answers its resources as a stack to audit.
 */
export async function previewProgram(
    dir: string,
    stack: string | undefined,
    cwd: string,
    capture: typeof captureProgram = captureProgram,
    options: PreviewOptions = {},
): Promise<PreviewedProgram> {
    let request;
    try {
        request = readProject(dir, stack, true, cwd);
    } catch (e) {
        throw e instanceof ProjectError ? new PreviewError(e.message) : e;
    }
    if (request.runtime === "python") {
        checkPythonMain(dir, request.dir, request.main);
    } else {
        checkInstalled(dir, request.dir, request.main);
    }
    let result: CaptureResult;
    try {
        result = await capture({ ...request, placeholderConfig: options.placeholderConfig === true });
    } catch (e) {
        throw e instanceof PythonSetupError ? new PreviewError(e.message) : e;
    }
    if (result.error) {
        throw new PreviewError(programError(result, dir, options));
    }
    const file = projectFile(dir, cwd)!;
    const secrets = new Set<string>([secretPlaceholder]);
    // The inputs hold what the program marked secret; the outputs at preview echo them, with
    // secretness widened by the SDK to whole top-level properties.
    for (const r of result.resources) {
        collectSecrets(r.inputs, secrets, false);
    }
    return {
        stackExport: {
            source: path.relative(cwd, path.resolve(cwd, file)) || file,
            stack: `${request.project}/${request.stack}`,
            resources: toResourceStates(result.resources),
            created: {},
            sourcePositions: sourcePositions(result.resources, cwd),
            lines: {},
            pending: [],
            deleted: 0,
            secrets: [...secrets],
            notSecret: [secretPlaceholder],
        },
        unmodelledInvokes: result.unmodelledInvokes,
        components: result.components,
        placeholders: result.placeholders,
    };
}

/** The note every report carries when required config got placeholders: the verdicts on what uses it rest on them. */
export function placeholderConfigNote(program: PreviewedProgram): Note[] {
    if (program.placeholders.length === 0) {
        return [];
    }
    const values = program.placeholders.map((p) => `${p.key} = ${JSON.stringify(p.value)}`);
    return [
        {
            stack: program.stackExport.stack,
            source: program.stackExport.source,
            message:
                `--placeholder-config: the program requires config that has no value, and ran with placeholders for it: ${values.join(", ")}. ` +
                "Verdicts on resources built from these values rest on the placeholders; set the values in the stack's config to check the program as it will be deployed.",
        },
    ];
}

/** The components whose contents no policy saw: every report names them, and the run is incomplete. */
export function uncheckedComponents(program: PreviewedProgram): UncheckedComponent[] {
    const { stack, source } = program.stackExport;
    return program.components.flatMap((c) => (c.unchecked === undefined ? [] : [{ stack, source, urn: c.urn, type: c.type, name: c.name, reason: c.unchecked }]));
}

/**
 * The note every report carries for components whose default children were built from a model, not
 * by their plugin, and for those whose model says they hold nothing a policy judges.
 */
export function modelledComponentsNote(program: PreviewedProgram): Note[] {
    const { stack, source, resources } = program.stackExport;
    const descendants = (urn: string): typeof resources => resources.filter((r) => r.parent === urn).flatMap((r) => [r, ...descendants(r.urn)]);
    return program.components.flatMap((c) => {
        const plugin = `${c.type} '${c.name}' is built by the ${packageOf(c.type)} plugin, which does not run offline`;
        if (c.holdsNothingJudged !== undefined) {
            return [{ stack, source, message: `${plugin}; from the inputs given, ${c.holdsNothingJudged.by} builds ${c.holdsNothingJudged.what}, which no policy of the pack judges.` }];
        }
        if (c.modelled === undefined) {
            return [];
        }
        const children = descendants(c.urn).map((r) => `${r.type.split(":").pop()} '${r.name ?? ""}'`);
        return [
            {
                stack,
                source,
                message:
                    `${plugin}; its children were checked as ${c.modelled} builds them from the inputs given ` +
                    `(${children.join(", ")}), so findings on them hold for those defaults. \`pulumi preview --policy-pack\` checks what the plugin builds.`,
            },
        ];
    });
}

/** The note every report carries when the program called data sources answered with unknowns. */
export function unmodelledInvokesNote(program: PreviewedProgram): Note[] {
    const invokes = program.unmodelledInvokes;
    if (invokes.length === 0) {
        return [];
    }
    return [
        {
            stack: program.stackExport.stack,
            source: program.stackExport.source,
            message:
                `${invokes.length === 1 ? "A data source" : `${invokes.length} data sources`} the offline preview does not model answered with unknown values: ${invokes.join(", ")}. ` +
                "A check that needs a value taken from them cannot decide and says so in an advisory \"can't run during preview\" finding; `pulumi preview` with credentials decides it.",
        },
    ];
}

/** The program runs with its own installed dependencies: without them nothing can be checked. */
function checkInstalled(dir: string, absolute: string, main: string): void {
    try {
        require.resolve("@pulumi/pulumi/package.json", { paths: [absolute] });
    } catch {
        const hasNodeModules = fs.existsSync(path.join(absolute, "node_modules"));
        throw new PreviewError(
            `${dir}: ${hasNodeModules ? "@pulumi/pulumi is not installed" : "no node_modules"} for this program; run \`npm install\` (or \`npm ci\`) in ${dir} first, as \`pulumi preview\` needs too`,
        );
    }
    const entry = path.resolve(absolute, main);
    if (main !== "." && !fs.existsSync(entry) && !["", ".ts", ".js"].some((ext) => fs.existsSync(entry + ext))) {
        throw new PreviewError(`${path.join(dir, main)}: the program's main (Pulumi.yaml 'main') does not exist`);
    }
}

/** A Python program's main: a folder with `__main__.py`, or a file (Pulumi.yaml 'main'). */
function checkPythonMain(dir: string, absolute: string, main: string): void {
    const entry = path.resolve(absolute, main);
    const file = fs.existsSync(entry) && fs.statSync(entry).isDirectory() ? path.join(entry, "__main__.py") : entry;
    if (!fs.existsSync(file)) {
        throw new PreviewError(`${path.join(dir, path.relative(absolute, file))}: the program's entry point does not exist (a Python program runs its folder's __main__.py, or the file Pulumi.yaml 'main' names)`);
    }
}

/** The program's own error on one line, where it was thrown (its TypeScript source when it has one). */
function programError(result: CaptureResult, dir: string, options: PreviewOptions): string {
    const error = result.error!;
    const message = (error.message.split("\n").find((l) => l.trim() !== "") ?? "").trim().split(secretPlaceholder).join(redactedSecret);
    const where = error.location ? `at ${path.join(dir, error.location)}` : `in ${dir}`;
    const missing = error.missingConfig;
    const hint = missing
        ? missing.secret
            ? ` (set it with \`pulumi config set --secret ${missing.key} <value>\`; ${options.placeholderConfig ? "--placeholder-config does not fill secrets" : "secrets are never filled with placeholders"})`
            : ` (set it with \`pulumi config set ${missing.key} <value>\`, or run with --placeholder-config to fill required non-secret config with placeholders)`
        : result.unmodelledInvokes.length > 0
          ? ` (offline, these data sources answered with unknown values: ${result.unmodelledInvokes.join(", ")})`
          : "";
    return `the program failed ${where}: ${message || "(no message)"}${hint}`;
}

/** Strings the program marked secret (its `secure:` config, pulumi.secret): no report may show them. */
function collectSecrets(value: unknown, into: Set<string>, inSecret: boolean): void {
    if (typeof value === "string") {
        if (inSecret) {
            into.add(value);
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => collectSecrets(v, into, inSecret));
    } else if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[sigKey] === secretSig) {
            collectSecrets(record.value, into, true);
        } else {
            Object.values(record).forEach((v) => collectSecrets(v, into, inSecret));
        }
    }
}

/**
 * Where each resource was declared, relative to `cwd` when inside it (code scanning resolves
 * paths against the repository): the program's own place, as the audit finds it in an export.
 */
function sourcePositions(resources: CapturedResource[], cwd: string): Record<string, SourcePosition> {
    const own = (r: CapturedResource): SourcePosition[] => {
        if (!r.sourcePosition || !r.sourcePosition.uri.startsWith("file:")) {
            return [];
        }
        const file = fileURLToPath(r.sourcePosition.uri);
        const relative = path.relative(cwd, file);
        const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
        return [{ path: inside ? relative : file, absolute: !inside, line: r.sourcePosition.line, column: r.sourcePosition.column }];
    };
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return programPositions(resources, (urn) => own(byUrn.get(urn)!));
}

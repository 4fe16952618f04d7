// Reading `pulumi stack export` files into what the runner evaluates, the way the Pulumi CLI's own
// offline analysis (`pulumi policy analyze --file`) maps a deployment onto the analyzer protocol:
// resources marked `delete` are skipped, the name is the last `::` segment of the URN, resource
// checks see `inputs` and stack checks `outputs` (with parent, dependencies and property
// dependencies), provider properties are the provider resource's inputs, `__*` keys are dropped,
// secrets the export holds encrypted become the string "[secret]" and secrets exported with
// `--show-secrets` (or encoded by the `b64` secrets provider) are unwrapped for the checks.
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import * as vm from "vm";
import * as zlib from "zlib";
import { urnName } from "../../policy-pack/lib/policy";
import { ResourceState } from "../../policy-pack/lib/runner";
import { proxy } from "../../policy-pack/lib/sdk";
import { ChunkReader, ParsedInChunks, bufferReader, parseInChunks } from "./json-chunks";
import { JsonTextError, parseJsonText } from "./json-text";
import { wire } from "../../policy-pack/lib/sdk";

/** A problem with an input: reported as one line naming the input, exit code 2. */
export class InputError extends Error {}

export const stdinName = "<stdin>";

/** The source of the resources of a `pulumi preview`/`up` run the pack reports on (not a file). */
export const runSources = { preview: "pulumi preview", up: "pulumi up" } as const;

/** Whether findings of this source can point into it: a file, not standard input or a run. */
export function isFileSource(source: string): boolean {
    return source !== stdinName && source !== runSources.preview && source !== runSources.up;
}

export interface PendingOperation {
    type: string;
    urn: string;
}

/** Where the program declared a resource, when the export recorded it. */
export interface SourcePosition {
    /** A path relative to the project root (`project:///…`) or an absolute file path (`file:///…`). */
    path: string;
    absolute: boolean;
    line?: number;
    column?: number;
}

export interface StackExport {
    /** The input as the user named it: a file path, or `<stdin>`. */
    source: string;
    /** `<project>/<stack>`, read from the URNs (the file name for an export with no resources). */
    stack: string;
    resources: ResourceState[];
    /** Creation times by URN, for the checks only an audit of existing state can make. */
    created: Record<string, string>;
    /** When each resource was last changed, by URN (the state's `modified`). */
    modified?: Record<string, string>;
    /**
     * Each resource's own id (the state's top-level `id`) by URN. Other resources refer to a
     * resource by it, and the outputs of some providers' resources do not repeat it.
     */
    ids?: Record<string, string>;
    /**
     * Where the program created each resource, in its own sources (see programPositions): never
     * inside an installed package or outside the project.
     */
    sourcePositions: Record<string, SourcePosition>;
    /** The line of each resource's entry in the export file, for reports that point into it. */
    lines: Record<string, number>;
    pending: PendingOperation[];
    /** How many resources were skipped because they are marked for deletion. */
    deleted: number;
    /** The plaintext secret strings of the export: no report may show them. */
    secrets: string[];
    /** Text the secrets hold that reveals nothing (the preview's placeholder): a quoted part within it is not redacted. */
    notSecret?: string[];
}

const sigKey = wire.specialSigKey;
const secretSig = wire.specialSecretSig;
const resourceReferenceSig = "5cf8f73096256a8f31e491e813e4eb8e";
const outputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const assetSig = "c44067f5952c0a294b673a41bacd8c17";
const archiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";

export const redactedSecret = "[secret]";

/**
 * How deep a property value may nest. State values of real stacks stay within a few dozen levels;
 * a bound keeps every later step (the runner, the policies, the reports) well within the call
 * stack, so that a hostile export is refused with a message instead of overflowing it.
 */
export const maxDepth = 1000;

/** An input that could not be read as state. */
export interface InputProblem {
    /** The file, directory or `<stdin>`, as the user named it (a file found in a directory: its path). */
    input: string;
    /** One line, "<input>: <problem>". */
    message: string;
}

/** The exports read from the command's arguments, and each input that could not be read. */
export interface ReadInputs {
    exports: StackExport[];
    /** One per input that is not state (in the order given). */
    problems: InputProblem[];
}

/**
 * Expands the command's arguments (files, directories, `-`) into exports, in the order given,
 * reading every input even when an earlier one is bad: a directory of many stacks should name
 * all of its bad files at once. Inputs keep the names the user gave (relative to `cwd`), so that
 * messages name them that way. Standard input arrives as it was read (bytes or text).
 */
export function readInputs(args: string[], readStdin: () => string | Buffer = () => fs.readFileSync(0), cwd: string = process.cwd()): ReadInputs {
    const result: ReadInputs = { exports: [], problems: [] };
    for (const input of listInputs(args, cwd)) {
        if ("problem" in input) {
            result.problems.push(input.problem);
            continue;
        }
        const read = readInput(input, readStdin, cwd);
        if ("problem" in read) {
            result.problems.push(read.problem);
        } else {
            result.exports.push(read.export);
        }
    }
    if (result.exports.reduce((n, e) => n + e.resources.length, 0) >= largeStateResources) {
        collectGarbage();
    }
    return result;
}

/** From this many resources, the reader's garbage is collected before the audit (see collectGarbage). */
const largeStateResources = 20000;

/**
 * One full garbage collection. Reading a large export leaves most of what the reader allocated
 * (each resource's text, the copies made while checking them) as garbage in V8's old generation,
 * which sizes the heap's next limit from it: the audit that follows then peaked at twice the
 * memory it holds (1.15 GB for an export of 250 MB, against 0.6 GB after one collection here,
 * which takes about 0.2 s). Node exposes no collection without its `--expose-gc` flag, which a
 * new context picks up when set at run time; where that does not work, nothing is done.
 */
function collectGarbage(): void {
    try {
        v8.setFlagsFromString("--expose-gc");
        (vm.runInNewContext("gc") as () => void)();
    } catch {
        // No collection: the audit runs the same, in more memory.
    }
}

/**
 * The command's arguments as the state files to read, in order (`-` for standard input), with a
 * problem in place of an argument that cannot be listed: the first step of readInputs, which the
 * parallel audit takes in the main thread before its workers read the files.
 */
export function listInputs(args: string[], cwd: string): (StateInput | { problem: InputProblem })[] {
    const inputs: (StateInput | { problem: InputProblem })[] = [];
    for (const arg of args) {
        if (arg === "-") {
            inputs.push({ file: stdinName, stdin: true });
            continue;
        }
        const files = attempt(arg, () => expand(arg, cwd));
        if ("problem" in files) {
            inputs.push(files);
        } else {
            inputs.push(...files.value.map((file) => ({ file })));
        }
    }
    return inputs;
}

/** A state file to read, or standard input. */
export interface StateInput {
    file: string;
    stdin?: boolean;
}

/** One state file (or standard input) read as an export, or the problem that makes it not state. */
export function readInput(input: StateInput, readStdin: () => string | Buffer, cwd: string): { export: StackExport } | { problem: InputProblem } {
    const { file } = input;
    const read = attempt(file, () => (input.stdin ? exportOfBytes(stdinName, decompressed(stdinName, readStdin())) : parseExportFile(file, cwd)));
    return "problem" in read ? read : { export: read.value };
}

function attempt<T>(input: string, read: () => T): { value: T } | { problem: InputProblem } {
    try {
        return { value: read() };
    } catch (e) {
        if (!(e instanceof InputError)) {
            throw e;
        }
        return { problem: { input, message: e.message } };
    }
}

/** `readInputs` for callers that want all or nothing: the first bad input is thrown as an InputError. */
export function readExports(args: string[], readStdin: () => string | Buffer = () => fs.readFileSync(0), cwd: string = process.cwd()): StackExport[] {
    const { exports, problems } = readInputs(args, readStdin, cwd);
    if (problems.length > 0) {
        throw new InputError(problems[0].message);
    }
    return exports;
}

/** State files by name: exports and file-backend checkpoints, plain or gzip-compressed. */
const stateFileName = /\.json(\.gz)?$/;
/** An update's log in a file backend's history, next to the checkpoint it wrote: not state. */
const historyFileName = /\.history\.json(\.gz)?$/;
/**
 * The folders of a file backend's state folder (`~/.pulumi`, or a copy of it under any name) that
 * hold no current state: past checkpoints (history, backups) and locks. Auditing them would report
 * every stack again, as it once was.
 */
const backendFoldersWithoutCurrentState = ["history", "backups", "locks"];

/**
 * A file backend's state folder, told by its layout rather than its name: the backend keeps a
 * `meta.yaml` in it (every backend since project-scoped stacks), or, in the older layout without
 * one, `stacks` beside its history, backups or locks. Only its `stacks` folder holds current state.
 */
function isBackendStateFolder(entries: fs.Dirent[], name: string): boolean {
    if (name === ".pulumi" || entries.some((e) => e.name === "meta.yaml" && e.isFile())) {
        return true;
    }
    const folders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    return folders.has("stacks") && backendFoldersWithoutCurrentState.some((f) => folders.has(f));
}

function expand(arg: string, cwd: string): string[] {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(path.resolve(cwd, arg));
    } catch (e) {
        throw new InputError(`${arg}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : `cannot read it (${(e as NodeJS.ErrnoException).code})`}`);
    }
    if (!stat.isDirectory()) {
        return [arg];
    }
    const files = stateFilesUnder(arg, cwd);
    if (files.length === 0) {
        throw new InputError(`${arg}: no stack exports in this directory (expected *.json or *.json.gz files written by \`pulumi stack export\` or a file backend)`);
    }
    return files;
}

/**
 * The state files under a directory, at any depth (a file backend keeps `stacks/<project>/<stack>.json`),
 * sorted by path. Hidden entries and node_modules are passed over, and in a file backend's state
 * folder everything but its stacks; symbolic links to directories are not followed (no cycles).
 */
function stateFilesUnder(dir: string, cwd: string): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(path.resolve(cwd, dir), { withFileTypes: true });
    } catch (e) {
        throw new InputError(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code})`);
    }
    const files: string[] = [];
    if (isBackendStateFolder(entries, path.basename(path.resolve(cwd, dir)))) {
        const stacks = entries.find((e) => e.name === "stacks" && e.isDirectory());
        return stacks ? stateFilesUnder(path.join(dir, stacks.name), cwd) : [];
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            const hidden = entry.name.startsWith(".") && entry.name !== ".pulumi";
            if (!hidden && entry.name !== "node_modules") {
                files.push(...stateFilesUnder(file, cwd));
            }
        } else if (stateFileName.test(entry.name) && !historyFileName.test(entry.name) && !entry.name.startsWith(".")) {
            if (entry.isFile() || (entry.isSymbolicLink() && isFile(path.resolve(cwd, file)))) {
                files.push(file);
            }
        }
    }
    return files;
}

function isFile(file: string): boolean {
    try {
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

/**
 * Reads and parses a state file a chunk at a time (see json-chunks.ts), so that a large export's
 * text is never held whole. A gzip-compressed file is decompressed whole first, and so is read
 * whole; so is a pipe (`audit <(pulumi stack export)`), which can be read only once: the text must
 * still be there to say where it stops being JSON.
 */
function parseExportFile(file: string, cwd: string): StackExport {
    let fd: number;
    try {
        fd = fs.openSync(path.resolve(cwd, file), "r");
    } catch (e) {
        return cannotRead(file, e);
    }
    try {
        const read: ChunkReader = (into) => {
            try {
                return fs.readSync(fd, into);
            } catch (e) {
                return cannotRead(file, e);
            }
        };
        // The first bytes are read at their position, which leaves the file's own position at its start.
        const magic = Buffer.alloc(2);
        if (!fs.fstatSync(fd).isFile() || (fs.readSync(fd, magic, 0, 2, 0) === 2 && isGzip(magic))) {
            return exportOfBytes(file, decompressed(file, readAll(read)));
        }
        return exportOf(file, parsedInChunks(file, read, () => textOf(file, readBytes(file, cwd))), true);
    } finally {
        fs.closeSync(fd);
    }
}

function readAll(read: ChunkReader): Buffer {
    const chunks: Buffer[] = [];
    for (;;) {
        const chunk = Buffer.allocUnsafe(1024 * 1024);
        const n = read(chunk);
        if (n === 0) {
            return Buffer.concat(chunks);
        }
        chunks.push(chunk.subarray(0, n));
    }
}

function isGzip(bytes: Buffer): boolean {
    return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function cannotRead(file: string, e: unknown): never {
    throw new InputError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code})`);
}

/** An export from bytes in memory: standard input (which reports cannot point into), or a decompressed file. */
function exportOfBytes(source: string, bytes: Buffer): StackExport {
    return exportOf(source, parsedInChunks(source, bufferReader(bytes), () => textOf(source, bytes)), source !== stdinName);
}

/**
 * The document of an export read in chunks. A text the chunked reader does not take is read whole
 * (`whole`), so that the message says where it stops being JSON.
 */
function parsedInChunks(source: string, read: ChunkReader, whole: () => string): ParsedInChunks {
    const parsed = parseInChunks(read);
    if (parsed !== undefined) {
        return parsed;
    }
    let message = "not valid JSON";
    try {
        parseJsonText(whole());
    } catch (e) {
        if (e instanceof JsonTextError) {
            message = e.message;
        }
    }
    throw new InputError(`${source}: ${message}`);
}

/** A regular file's bytes, read again whole to say where it stops being JSON. */
function readBytes(file: string, cwd: string): Buffer {
    try {
        return fs.readFileSync(path.resolve(cwd, file));
    } catch (e) {
        return cannotRead(file, e);
    }
}

function textOf(source: string, bytes: Buffer): string {
    try {
        return bytes.toString("utf8");
    } catch (e) {
        throw new InputError(`${source}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "too large"})`);
    }
}

/**
 * The bytes of an input: gzip-compressed state (a file backend with PULUMI_SELF_MANAGED_STATE_GZIP,
 * or `pulumi stack export | gzip`) is told by its magic bytes, whatever the file is called.
 */
function decompressed(source: string, data: string | Buffer): Buffer {
    if (typeof data === "string") {
        return Buffer.from(data, "utf8");
    }
    if (isGzip(data)) {
        try {
            return zlib.gunzipSync(data);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            throw new InputError(
                `${source}: not valid gzip-compressed state (${code === "ERR_BUFFER_TOO_LARGE" || code === "ERR_STRING_TOO_LONG" ? "too large once uncompressed" : code === "Z_BUF_ERROR" ? "the data ends early: truncated?" : "corrupt data"})`,
            );
        }
    }
    return data;
}

/** Parses one export's text; every problem is an InputError naming `source`. */
export function parseExport(source: string, text: string): StackExport {
    return exportOfBytes(source, Buffer.from(text, "utf8"));
}

/**
 * An export from its parsed document, with the line of each live resource's entry in the file
 * (where its own `"urn"` key is) when `withLines`.
 */
function exportOf(source: string, { value: document, urnLines }: ParsedInChunks, withLines: boolean): StackExport {
    const fail = (problem: string): never => {
        throw new InputError(`${source}: ${problem}`);
    };
    if (!isObject(document)) {
        fail("not a stack export: expected a JSON object as written by `pulumi stack export`");
    }
    const { deployment, version, stack } = deploymentOf(document as Record<string, unknown>, fail);
    const rawResources = deployment.resources ?? [];
    if (!Array.isArray(rawResources)) {
        fail("'deployment.resources' is not a list");
    }
    const rawPending = deployment.pending_operations ?? [];
    if (!Array.isArray(rawPending)) {
        fail("'deployment.pending_operations' is not a list");
    }
    // Checked in place: the entries are this reader's own parse, and a large export has 100k of them.
    const checked = rawResources as RawResource[];
    for (let i = 0; i < checked.length; i++) {
        checkResource(checked[i], resourceWhat(i), fail);
    }
    checkDuplicates(checked, fail);
    const pending = (rawPending as unknown[]).map((op, i) => {
        if (!isObject(op)) {
            return fail(`pending operation #${i + 1} is not an object`);
        }
        const resource = (op as Record<string, unknown>).resource as RawResource;
        checkResource(resource, `the resource of pending operation #${i + 1}`, fail);
        return { type: typeof (op as Record<string, unknown>).type === "string" ? ((op as Record<string, unknown>).type as string) : "unknown", urn: resource.urn };
    });

    const secrets = new Secrets(ciphertextReader(deployment));
    const lines: Record<string, number> = {};
    const resourceLines = withLines ? urnLines.get(rawResources as unknown[]) ?? [] : [];
    // A provider is looked up among live resources first; a replaced provider may linger marked for deletion.
    const providers = new Map<string, Indexed>();
    for (const live of [false, true]) {
        checked.forEach((r, index) => {
            if ((r.delete !== true) === live && r.type.startsWith("pulumi:providers:")) {
                providers.set(r.urn, { r, index });
            }
        });
    }
    const resources: ResourceState[] = [];
    const created: Record<string, string> = {};
    const frames = new Map<string, SourcePosition[]>();
    const ids: Record<string, string> = {};
    const modified: Record<string, string> = {};
    const providerInputs = new Map<string, Record<string, unknown>>();
    const providerStates = new Map<RawResource, ResourceState["provider"]>();
    let deleted = 0;
    for (let index = 0; index < checked.length; index++) {
        const r = checked[index];
        if (r.delete === true) {
            deleted++;
            continue;
        }
        const line = resourceLines[index];
        if (line) {
            lines[r.urn] = line;
        }
        const isProvider = r.type.startsWith("pulumi:providers:");
        secrets.special = false;
        const inputs = isProvider ? convertedOnce(r, index, providerInputs, secrets, fail) : convertProperties(r.inputs, secrets, index, r, "inputs", fail);
        // Which outputs were secrets is read before they are converted, and only when some input is a secret this reader cannot read.
        const plainOutputs = !isProvider && hasRedactedSecret(inputs) ? plainKeys(r.outputs) : undefined;
        const outputs = convertProperties(r.outputs, secrets, index, r, "outputs", fail);
        if (plainOutputs !== undefined) {
            takePlaintextTwins(inputs, outputs, plainOutputs, secrets);
        }
        const dependencies = Array.isArray(r.dependencies) ? (r.dependencies as string[]) : [];
        const state: ResourceState = {
            urn: r.urn,
            type: r.type,
            name: urnName(r.urn),
            inputs,
            outputs,
            dependencies,
            // Deployments before version 3 kept no dependencies per input: the CLI reads them as
            // every input depending on every dependency of the resource, and so does this reader.
            propertyDependencies:
                version < 3 && r.propertyDependencies == null ? Object.fromEntries(Object.keys(inputs).map((k) => [k, [...dependencies]])) : propertyDependencies(r.propertyDependencies),
        };
        if (typeof r.parent === "string" && r.parent !== "") {
            state.parent = r.parent;
        }
        if (!secrets.special && !isProvider && plainOutputs === undefined) {
            state.plainJson = true;
        }
        const provider = providerOf(r, providers, providerInputs, providerStates, secrets, fail);
        if (provider) {
            state.provider = provider;
        }
        resources.push(state);
        if (typeof r.created === "string") {
            created[r.urn] = r.created;
        }
        // (A time that does not read as one is no time: the checks that read it parse it.)
        if (typeof r.modified === "string") {
            modified[r.urn] = r.modified;
        }
        if (typeof r.id === "string" && r.id !== "") {
            ids[r.urn] = r.id;
        }
        // Where the resource was registered, then the stack that registered it, innermost first.
        if (r.sourcePosition !== undefined || Array.isArray(r.stackTrace)) {
            const recorded = [r.sourcePosition, ...(Array.isArray(r.stackTrace) ? r.stackTrace.map((f) => (isObject(f) ? (f as { sourcePosition?: unknown }).sourcePosition : undefined)) : [])];
            const positions = recorded.flatMap((p) => (typeof p === "string" ? parseSourcePosition(p) ?? [] : []));
            if (positions.length > 0) {
                frames.set(r.urn, positions);
            }
        }
    }
    // (Most exports record no positions: then no resource's parents need walking.)
    const sourcePositions = frames.size > 0 ? programPositions(resources, (urn) => frames.get(urn) ?? []) : {};
    return {
        source,
        stack: stackName(checked.map((r) => r.urn), source, stack),
        resources,
        created,
        modified,
        ids,
        sourcePositions,
        lines,
        pending,
        deleted,
        secrets: [...secrets],
    };
}

/** An entry of the export's resources, as written (checked by checkResource). */
interface RawResource {
    urn: string;
    type: string;
    id?: unknown;
    delete?: unknown;
    inputs?: unknown;
    outputs?: unknown;
    parent?: unknown;
    dependencies?: unknown;
    propertyDependencies?: unknown;
    provider?: unknown;
    created?: unknown;
    modified?: unknown;
    sourcePosition?: unknown;
    stackTrace?: unknown;
}

/** A resource entry with its position in the export's resources. */
interface Indexed {
    r: RawResource;
    index: number;
}

/** "resource #3", as messages name the entry at `index`. */
function resourceWhat(index: number): string {
    return `resource #${index + 1}`;
}

/** "resource #3 (ledger)". */
function named(index: number, r: RawResource): string {
    return `${resourceWhat(index)} (${urnName(r.urn)})`;
}

/** Fails unless `value` is a resource entry with the fields the Pulumi CLI writes, of the types it writes. */
function checkResource(value: unknown, what: string, fail: (problem: string) => never): void {
    if (!isObject(value)) {
        fail(`${what} is not an object`);
    }
    const r = value as Record<string, unknown>;
    if (typeof r.urn !== "string" || !r.urn.startsWith("urn:pulumi:")) {
        fail(`${what} has no valid 'urn'`);
    }
    if (typeof r.type !== "string" || r.type === "") {
        fail(`${what} (${urnName(r.urn as string)}) has no 'type'`);
    }
    const problem = resourceProblem(r);
    if (problem !== undefined) {
        fail(`${what} (${urnName(r.urn as string)}) has ${problem}`);
    }
}

/** What is wrong with an entry's fields, or undefined. */
function resourceProblem(r: Record<string, unknown>): string | undefined {
    for (const key of objectKeys) {
        if (r[key] != null && !isObject(r[key])) {
            return `'${key}' that is not an object`;
        }
    }
    // The fields that join resources and the ones the checks read must have the types the Pulumi
    // CLI writes: a value of another type would be dropped silently and change the verdicts.
    for (const key of stringKeys) {
        if (r[key] != null && typeof r[key] !== "string") {
            return `'${key}' that is not a string`;
        }
    }
    if (r.created != null && !Number.isFinite(Date.parse(r.created as string))) {
        return "'created' that is not a timestamp";
    }
    if (r.delete != null && typeof r.delete !== "boolean") {
        return "'delete' that is not true or false";
    }
    if (r.dependencies != null && !isStringList(r.dependencies)) {
        return "'dependencies' that is not a list of URNs";
    }
    const dependencies = r.propertyDependencies as Record<string, unknown> | null | undefined;
    if (dependencies != null) {
        for (const prop in dependencies) {
            const urns = dependencies[prop];
            if (urns !== null && !isStringList(urns)) {
                return `'propertyDependencies.${prop}' that is not a list of URNs`;
            }
        }
    }
    return undefined;
}

const objectKeys = ["inputs", "outputs", "propertyDependencies"];
const stringKeys = ["parent", "provider", "created", "sourcePosition"];

/**
 * Two live resources with one URN are not a state the Pulumi CLI writes (a replaced resource may
 * linger under its URN only marked for deletion), and findings could not say which one they are on.
 */
function checkDuplicates(resources: RawResource[], fail: (problem: string) => never): void {
    const seen = new Map<string, number>();
    resources.forEach((r, index) => {
        if (r.delete === true) {
            return;
        }
        const first = seen.get(r.urn);
        if (first !== undefined) {
            fail(`${named(index, r)} has the same URN as ${resourceWhat(first)}; only one of them may be live (the other marked 'delete')`);
        }
        seen.set(r.urn, index);
    });
}

function isStringList(value: unknown): boolean {
    if (!Array.isArray(value)) {
        return false;
    }
    for (let i = 0; i < value.length; i++) {
        if (typeof value[i] !== "string") {
            return false;
        }
    }
    return true;
}

function providerOf(
    r: RawResource,
    providers: Map<string, Indexed>,
    providerInputs: Map<string, Record<string, unknown>>,
    providerStates: Map<RawResource, ResourceState["provider"]>,
    secrets: Secrets,
    fail: (problem: string) => never,
): ResourceState["provider"] {
    if (typeof r.provider !== "string" || r.provider === "") {
        return undefined;
    }
    // "<provider URN>::<provider ID>": the URN itself contains "::", the ID does not.
    const providerUrn = r.provider.slice(0, r.provider.lastIndexOf("::"));
    const provider = providers.get(providerUrn);
    if (!provider) {
        return undefined;
    }
    // One object for all the resources a provider manages.
    let state = providerStates.get(provider.r);
    if (!state) {
        state = {
            urn: provider.r.urn,
            type: provider.r.type,
            name: urnName(provider.r.urn),
            inputs: convertedOnce(provider.r, provider.index, providerInputs, secrets, fail),
        };
        providerStates.set(provider.r, state);
    }
    return state;
}

/**
 * A provider's inputs are both its own resource's inputs and the provider properties of every
 * resource it manages: converted (in place) once, and shared.
 */
function convertedOnce(provider: RawResource, index: number, providerInputs: Map<string, Record<string, unknown>>, secrets: Secrets, fail: (problem: string) => never): Record<string, unknown> {
    let converted = providerInputs.get(provider.urn);
    if (converted === undefined) {
        converted = convertProperties(provider.inputs, secrets, index, provider, "inputs", fail);
        providerInputs.set(provider.urn, converted);
    }
    return converted;
}

/** An entry's property dependencies (checked lists of URNs, or null for none), as lists, in place. */
function propertyDependencies(value: unknown): Record<string, string[]> {
    if (!isObject(value)) {
        return {};
    }
    const dependencies = value as Record<string, string[] | null>;
    for (const prop in dependencies) {
        if (dependencies[prop] === null) {
            dependencies[prop] = [];
        }
    }
    return dependencies as Record<string, string[]>;
}

/**
 * The property map the engine would send: `__*` keys dropped, secrets and special values mapped.
 * The map is converted in place: it is this reader's own parse of the export, and a large export
 * would otherwise be held twice. Messages name the map as the `field` of the entry at `index`; a
 * value nested deeper than maxDepth is refused, naming the top-level property it is in.
 */
function convertProperties(value: unknown, secrets: Secrets, index: number, r: RawResource, field: string, fail: (problem: string) => never): Record<string, unknown> {
    if (!isObject(value)) {
        return {};
    }
    const object = value as Record<string, unknown>;
    for (const k in object) {
        if (isInternalKey(k)) {
            delete object[k];
            continue;
        }
        try {
            convertEntry(object, k, secrets, 1);
        } catch (e) {
            if (e instanceof TooDeep) {
                fail(`${named(index, r)} has '${field}.${k}' nested more than ${maxDepth} levels deep`);
            }
            throw e;
        }
    }
    return object;
}

/** A key the engine keeps for itself (`__defaults`, `__meta`, …), which analyzers are not sent. */
function isInternalKey(k: string): boolean {
    return k.charCodeAt(0) === 0x5f && k.charCodeAt(1) === 0x5f;
}

/**
 * Converts the value under `key` of an object or a list, at `depth`, in place. Most values are
 * strings and numbers, which stay as they are; a value is written back only when it changed.
 */
function convertEntry(container: Record<string, unknown> | unknown[], key: string | number, secrets: Secrets, depth: number): void {
    const values = container as Record<string | number, unknown>;
    const v = values[key];
    if (v !== null && typeof v === "object") {
        const converted = convertValue(v, secrets, depth);
        if (converted !== v) {
            values[key] = converted;
        }
    }
}

/** Thrown by the conversion when a value nests deeper than maxDepth; the caller names the property. */
class TooDeep {}

function convertValue(value: unknown, secrets: Secrets, depth: number): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (depth >= maxDepth) {
        throw new TooDeep();
    }
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            convertEntry(value, i, secrets, depth + 1);
        }
        return value;
    }
    const object = value as Record<string, unknown>;
    const sig = object[sigKey];
    if (sig !== undefined) {
        secrets.special = true;
    }
    switch (sig) {
        case undefined:
            break;
        case secretSig:
            return convertSecret(object, secrets, depth);
        case resourceReferenceSig:
            // Analyzers get references as plain values: a custom resource's ID, else its URN.
            return typeof object.id === "string" && object.id !== "" ? object.id : typeof object.urn === "string" ? object.urn : proxy.unknownStringValue;
        case outputValueSig: {
            const inner = "value" in object ? convertValue(object.value, secrets, depth + 1) : proxy.unknownStringValue;
            if (object.secret === true) {
                collectStrings(inner, secrets, 0);
                return { [sigKey]: secretSig, value: inner };
            }
            return inner;
        }
        case assetSig:
            return ["path", "text", "uri"].some((k) => typeof object[k] === "string" && object[k] !== "") ? object : proxy.unknownAssetValue;
        case archiveSig:
            return isObject(object.assets) || ["path", "uri"].some((k) => typeof object[k] === "string" && object[k] !== "")
                ? { ...object, ...(isObject(object.assets) ? { assets: convertValue(object.assets, secrets, depth + 1) } : {}) }
                : proxy.unknownArchiveValue;
        default: {
            // A value kind this reader does not know: its fields, without the marker the SDK would reject.
            const { [sigKey]: _, ...rest } = object;
            return convertValue(rest, secrets, depth);
        }
    }
    let internal = false;
    for (const k in object) {
        if (isInternalKey(k)) {
            internal = true;
            continue;
        }
        convertEntry(object, k, secrets, depth + 1);
    }
    if (internal) {
        for (const k of Object.keys(object).filter(isInternalKey)) {
            delete object[k];
        }
    }
    return object;
}

/**
 * The secrets of one export: how its ciphertexts read offline, and the strings of every secret
 * value read, which no report may show.
 */
class Secrets extends Set<string> {
    /**
     * Set by the conversion when a value it converted is not plain JSON (a special value): a
     * resource converted without one is marked `plainJson` for the runner. (The conversion drops
     * `__proto__` keys with the engine's other `__` keys.)
     */
    special = false;

    constructor(readonly readCiphertext: (ciphertext: string) => string | undefined) {
        super();
    }
}

/**
 * How an export's ciphertexts read offline: the JSON text of the value, or undefined. The Pulumi
 * CLI's `b64` secrets provider does not encrypt: its ciphertext is the base64 encoding of the
 * value's JSON text (pulumi/pulumi, sdk/pkg/secrets/b64). Every other provider (passphrase, a
 * cloud KMS, Pulumi Cloud) encrypts, and its secrets cannot be read here.
 */
function ciphertextReader(deployment: Record<string, unknown>): (ciphertext: string) => string | undefined {
    const provider = deployment.secrets_providers;
    if (isObject(provider) && (provider as Record<string, unknown>).type === "b64") {
        return (ciphertext) => Buffer.from(ciphertext, "base64").toString("utf8");
    }
    return () => undefined;
}

/** Whether a converted property map holds a secret this reader cannot read, at its top level. */
function hasRedactedSecret(properties: Record<string, unknown>): boolean {
    for (const k in properties) {
        if (properties[k] === redactedSecret) {
            return true;
        }
    }
    return false;
}

/** The top-level keys of a property map whose values are not secrets. */
function plainKeys(value: unknown): Set<string> {
    if (!isObject(value)) {
        return new Set();
    }
    const object = value as Record<string, unknown>;
    return new Set(Object.keys(object).filter((k) => !(isObject(object[k]) && (object[k] as Record<string, unknown>)[sigKey] === secretSig)));
}

/**
 * An input secret this reader cannot decrypt whose output of the same name the state holds in
 * plaintext (a provider that returns the value without the secret mark) is that plaintext: the
 * checks read it, and, as the program made it a secret, no report shows it.
 */
function takePlaintextTwins(inputs: Record<string, unknown>, outputs: Record<string, unknown>, plainOutputs: Set<string>, secrets: Secrets): void {
    for (const k of Object.keys(inputs)) {
        if (inputs[k] === redactedSecret && plainOutputs.has(k) && outputs[k] !== undefined && outputs[k] !== redactedSecret) {
            collectStrings(outputs[k], secrets, 0);
            inputs[k] = { [sigKey]: secretSig, value: outputs[k] };
        }
    }
}

/**
 * A secret the export holds in plaintext (`--show-secrets`), or as ciphertext this reader can
 * decode (see ciphertextReader), becomes the engine's secret envelope around its value, which the
 * SDK unwraps for the checks; its strings are remembered so that no report shows them. One held
 * as ciphertext that cannot be read offline becomes "[secret]".
 */
function convertSecret(object: Record<string, unknown>, secrets: Secrets, depth: number): unknown {
    let plain: unknown;
    const text = typeof object.plaintext === "string" ? object.plaintext : typeof object.ciphertext === "string" && !("value" in object) ? secrets.readCiphertext(object.ciphertext) : undefined;
    if (text !== undefined) {
        try {
            plain = JSON.parse(text);
        } catch {
            return redactedSecret;
        }
        if (typeof object.ciphertext === "string") {
            // A ciphertext that decodes this easily shows the value to anyone who reads it.
            secrets.add(object.ciphertext);
        }
    } else if ("value" in object) {
        plain = object.value;
    } else {
        return redactedSecret;
    }
    const value = convertValue(plain, secrets, depth + 1);
    collectStrings(value, secrets, 0);
    return { [sigKey]: secretSig, value };
}

/**
 * The strings of a secret value, and of the JSON documents among them (a policy document held as
 * a secret): a finding may quote one statement's principal or resource, not the whole document.
 * The policy language's own words inside such a document are left out: they reveal nothing, and
 * the advice of every finding in the stack quotes them.
 */
function collectStrings(value: unknown, into: Set<string>, depth: number, inDocument = false): void {
    if (depth > maxDepth) {
        return;
    }
    if (typeof value === "string") {
        if (!inDocument || !isPolicyVocabulary(value)) {
            into.add(value);
        }
        const start = value.trimStart()[0];
        if (start === "{" || start === "[") {
            let document: unknown;
            try {
                document = JSON.parse(value);
            } catch {
                return;
            }
            collectStrings(document, into, depth + 1, true);
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => collectStrings(v, into, depth + 1, inDocument));
    } else if (isObject(value)) {
        Object.entries(value as Record<string, unknown>).forEach(([k, v]) => {
            // The envelope of a secret nested in this one: its marker is no secret.
            if (k !== sigKey) {
                collectStrings(v, into, depth + 1, inDocument);
            }
        });
    }
}

/** Effects, versions, wildcards, booleans, encryption algorithms and `service:Action` patterns. */
export function isPolicyVocabulary(value: string): boolean {
    return /^(Allow|Deny|true|false|\*|\d{4}-\d{2}-\d{2}|AES256|aws:kms|aws:kms:dsse)$/.test(value) || /^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(value);
}

/**
 * Whether a recorded position is in the program's own sources: the engine records positions
 * relative to the project root (`project:///…`), so one under `..` (a library outside the project,
 * a bundled program's `/snapshot/`) or in `node_modules` is a library's, and so is an absolute
 * path (older state, which the engine had not made relative).
 */
export function inProgram(position: SourcePosition): boolean {
    return !position.absolute && !position.path.split(/[\\/]/).some((segment) => segment === ".." || segment === "node_modules");
}

/**
 * Where each resource was created in the program's own sources, for reports that point at it
 * (code scanning shows only places inside the repository): the first of its recorded frames in the
 * program (its source position, then the stack that registered it, outward), else its parent's
 * place, so that a component's child created inside a library points at the program's line that
 * declared the component. A resource with no such place has none (reports fall back to its entry
 * in the export).
 */
export function programPositions(resources: { urn: string; parent?: string }[], framesOf: (urn: string) => SourcePosition[]): Record<string, SourcePosition> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const positions: Record<string, SourcePosition> = {};
    for (const r of resources) {
        const seen = new Set<string>();
        for (let at: { urn: string; parent?: string } | undefined = r; at && !seen.has(at.urn); at = at.parent ? byUrn.get(at.parent) : undefined) {
            seen.add(at.urn);
            const position = framesOf(at.urn).find(inProgram);
            if (position) {
                positions[r.urn] = position;
                break;
            }
        }
    }
    return positions;
}

/** `project:///index.ts#12,5` or `file:///src/index.ts#12` (line, then column). */
export function parseSourcePosition(value: string): SourcePosition | undefined {
    const match = /^(project|file):\/\/\/([^#]+)(?:#(\d+)(?:,(\d+))?)?$/.exec(value);
    if (!match) {
        return undefined;
    }
    let decoded: string;
    try {
        decoded = decodeURIComponent(match[2]);
    } catch {
        return undefined;
    }
    return {
        path: match[1] === "file" ? `/${decoded}` : decoded,
        absolute: match[1] === "file",
        ...(match[3] ? { line: Number(match[3]) } : {}),
        ...(match[4] ? { column: Number(match[4]) } : {}),
    };
}

/**
 * `urn:pulumi:<stack>::<project>::…` → `<project>/<stack>`; when there is no resource, the stack a
 * checkpoint names, else the file's base name.
 */
function stackName(urns: string[], source: string, checkpointStack: string | undefined): string {
    for (const urn of urns) {
        const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
        if (match) {
            return `${match[2]}/${match[1]}`;
        }
    }
    if (checkpointStack !== undefined && checkpointStack !== "") {
        return checkpointStack;
    }
    return source === stdinName ? source : path.basename(source).replace(stateFileName, "");
}

/** The deployment versions the Pulumi CLI reads (1 and 2 are migrated as it migrates them). */
const versions = [1, 2, 3, 4];
const versionsRead = "versions 1 to 4";

/**
 * The features a version-4 deployment or checkpoint may list that the Pulumi CLI v3.252 reads
 * (`supportedFeatures` in its pkg/resource/stack/deployment.go). The CLI refuses state that lists
 * any other: that state holds something an older reader would get wrong.
 */
const knownFeatures = ["refreshBeforeUpdate", "views", "hooks", "taint", "replaceWith", "snippets-prototype", "extensionParameterization"];

/**
 * The deployment inside a state document, with its version and the stack a checkpoint names:
 * `pulumi stack export` writes `{version, deployment}` (version 4 with `features` beside it); a
 * file backend keeps a checkpoint, `{version, checkpoint: {stack, config, latest}}`, whose oldest
 * form has no version and no wrapper (`{stack, latest}`, or the first CLIs' `{target, latest}`:
 * the CLI reads any document without a version as that form, and `target` as nothing); `jq
 * .deployment` leaves the deployment object on its own.
 */
function deploymentOf(top: Record<string, unknown>, fail: (problem: string) => never): { deployment: Record<string, unknown>; version: number; stack?: string } {
    const checkVersion = (value: unknown): number => {
        if (typeof value !== "number" || !versions.includes(value)) {
            fail(`deployment version ${JSON.stringify(value)} is not supported (this reads ${versionsRead}; export the stack again with a current Pulumi CLI)`);
        }
        return value as number;
    };
    const fromCheckpoint = (checkpoint: Record<string, unknown>, version: number) => {
        if (checkpoint.latest !== undefined && checkpoint.latest !== null && !isObject(checkpoint.latest)) {
            fail("'checkpoint.latest' is not an object: not a complete checkpoint");
        }
        // A stack created but never deployed has no latest deployment: nothing to audit in it.
        const deployment = (checkpoint.latest ?? {}) as Record<string, unknown>;
        return { deployment, version, ...(typeof checkpoint.stack === "string" ? { stack: checkpoint.stack } : {}) };
    };
    const checkFeatures = (version: number) => {
        // As the CLI does, features are looked at only from version 4 on.
        if (version < 4 || top.features === undefined || top.features === null) {
            return;
        }
        if (!Array.isArray(top.features) || !top.features.every((f) => typeof f === "string")) {
            fail("'features' is not a list of names");
        }
        const unknown = (top.features as string[]).filter((f) => !knownFeatures.includes(f));
        if (unknown.length > 0) {
            fail(
                `the state uses ${unknown.length === 1 ? "a feature" : "features"} this reader does not know (${unknown.map((f) => `'${f}'`).join(", ")}); ` +
                    "it reads those the Pulumi CLI v3.252 reads, and, like that CLI, refuses state that needs more",
            );
        }
    };
    if ("checkpoint" in top && "version" in top) {
        const version = checkVersion(top.version);
        checkFeatures(version);
        if (!isObject(top.checkpoint)) {
            fail("'checkpoint' is not an object: not a complete checkpoint");
        }
        return fromCheckpoint(top.checkpoint as Record<string, unknown>, version);
    }
    if ("version" in top) {
        const version = checkVersion(top.version);
        checkFeatures(version);
        if (!isObject(top.deployment)) {
            fail("no 'deployment' object: not a complete stack export");
        }
        return { deployment: top.deployment as Record<string, unknown>, version };
    }
    if ("deployment" in top) {
        fail("no 'version': not a complete stack export");
    }
    if ("latest" in top) {
        return fromCheckpoint(top, 1);
    }
    if ("resources" in top || "manifest" in top) {
        // The deployment object on its own, e.g. `pulumi stack export | jq .deployment`.
        return { deployment: top, version: 3 };
    }
    return fail("not a stack export: expected {version, deployment} as written by `pulumi stack export`, a file backend's checkpoint, or a deployment object");
}

function isObject(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Runs one Pulumi program under Pulumi's own mocks, in a process of its own (the runtime's state
// is global, and a program may leave work behind), and records every resource registration as
// the engine receives it: inputs with secret envelopes and preview unknowns, parent,
// dependencies, property dependencies, provider. The parent process sends one request and gets
// one answer (see capture.ts).
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { ComponentRecord, componentModels, packageOf } from "./components";
import { answerInvoke, answersInvoke } from "./invokes";
import { keepKnownStructure } from "./known-structure";
import { awsRegion, computedOutputs, MockResourceArgs, plausibleNamedOutput, unknownListLength } from "./mocks";
import type { CaptureRequest, CaptureResult, CapturedResource, ConfigPlaceholder } from "./capture";

const unmodelled = new Set<string>();
const placeholders: ConfigPlaceholder[] = [];
let answered = false;

/** The one answer to the parent; anything after it (a late rejection of the program's) is moot. */
function answer(result: CaptureResult): void {
    if (!answered) {
        answered = true;
        process.send!(result, () => process.exit(0));
    }
}

process.once("message", (request: CaptureRequest) => {
    const fail = (e: unknown) => answer({ resources: [], unmodelledInvokes: [...unmodelled].sort(), components: [], placeholders, error: describeError(e, request.dir) });
    // An error thrown in an apply callback or a floating promise of the program is its error too.
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    run(request).then(answer, fail);
});

async function run(request: CaptureRequest): Promise<CaptureResult> {
    // Stack traces of a failing program then point at its TypeScript sources.
    process.setSourceMapsEnabled(true);
    const defaultRegion = awsRegion(request.config, process.env);
    // A deployed stack had a region, wherever it came from; with plausible outputs the program reads it as set.
    const config = request.preview ? request.config : { "aws:region": defaultRegion, ...request.config };
    process.env.PULUMI_CONFIG = JSON.stringify(config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(request.secretKeys);
    process.chdir(request.dir);

    const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [request.dir] }));
    const pulumi = require(pulumiRoot);
    const state = require(path.join(pulumiRoot, "runtime", "state"));
    const settings = require(path.join(pulumiRoot, "runtime", "settings"));

    const resources: CapturedResource[] = [];
    const providerRegions = new Map<string, string>();
    // With plausible outputs: the outputs of each unchecked multi-language component, by type and name.
    const componentOutputs = new Map<string, string[]>();
    const regionOf = (providerRef: string | undefined) => (providerRef ? providerRegions.get(providerRef.slice(0, providerRef.lastIndexOf("::"))) : undefined) ?? defaultRegion;

    await pulumi.runtime.setMocks(
        {
            newResource(args: MockResourceArgs) {
                if (request.preview) {
                    // At preview the engine knows only what the program declared.
                    return { id: "", state: args.inputs };
                }
                const computed = computedOutputs(args, regionOf(args.provider));
                const named = (componentOutputs.get(`${args.type}::${args.name}`) ?? []).map((key) => [key, plausibleNamedOutput(key, regionOf(args.provider))]);
                return { id: computed.id, state: { ...args.inputs, ...computed.outputs, ...Object.fromEntries(named) } };
            },
            call(args: { token: string; inputs: Record<string, any>; provider?: string }) {
                const answer = answerInvoke(args, regionOf(args.provider));
                if (answer === undefined) {
                    unmodelled.add(args.token);
                    return {};
                }
                return answer;
            },
        },
        request.project,
        request.stack,
        request.preview,
        request.organization,
    );

    const components = watchComponents(pulumiRoot, request.dir, request.preview ? undefined : componentOutputs);
    if (!request.preview) {
        answerStackReferencesPlausibly(pulumiRoot, defaultRegion);
    }
    const remoteUrns = new Set<string>();
    const modelledUrns = new Set<string>();
    const monitor = state.getStore().settings.monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) => {
        register(req, (err: unknown, resp: any) => {
            if (!err && resp) {
                if (req.getRemote()) {
                    remoteUrns.add(resp.getUrn());
                }
                // A remote component's descendants offline are its model's: where the model declared them says nothing.
                const modelled = remoteUrns.has(req.getParent()) || modelledUrns.has(req.getParent());
                if (modelled) {
                    modelledUrns.add(resp.getUrn());
                }
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                const captured: CapturedResource = {
                    urn: resp.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    id: resp.getId(),
                    inputs: req.getObject()?.toJavaScript() ?? {},
                    outputs: resp.getObject()?.toJavaScript() ?? {},
                    parent: req.getParent() || undefined,
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    provider: req.getProvider() || undefined,
                    ...(req.getRemote() ? { remote: true } : {}),
                    ...(modelled ? {} : sourcePosition(req.getSourceposition?.())),
                };
                if (captured.type.startsWith("pulumi:providers:") && typeof captured.inputs.region === "string") {
                    providerRegions.set(captured.urn, captured.inputs.region);
                }
                resources.push(captured);
            }
            callback(err, resp);
        });
    };

    answerUnmodelledInvokesUnknown(pulumiRoot, request.dir, unmodelled);
    if (request.placeholderConfig) {
        fillRequiredConfig(pulumi);
    }
    if (request.preview) {
        keepKnownStructure(pulumiRoot);
    }
    const program = resolveProgram(request.dir, request.main);
    const typescript = program.typescript ? registerTypeScript(request.dir, pulumiRoot, program) : undefined;
    const exported = await load(program, typescript);
    const entry = exported && typeof exported === "object" && "default" in exported && Object.keys(exported).length === 1 ? exported.default : exported;
    if (typeof entry === "function") {
        await entry();
    }
    await settings.waitForRPCs();
    await idle();
    return { resources, unmodelledInvokes: [...unmodelled].sort(), components: await components(), placeholders };
}

/** The SDK's error for a required config value that has none (ConfigMissingError), as `{ key, secret }`. */
function missingConfig(e: unknown): { key: string; secret: boolean } | undefined {
    const error = e as { constructor?: { name?: string }; key?: unknown; secret?: unknown } | null;
    return error?.constructor?.name === "ConfigMissingError" && typeof error.key === "string" ? { key: error.key, secret: error.secret === true } : undefined;
}

/**
 * --placeholder-config: the program's `require`, `requireNumber`, `requireBoolean` and
 * `requireObject` of a key that has no value answer a placeholder (a value the SDK's own checks
 * accept: the first allowed value, the minimum), recorded for the report. The secret forms
 * (`requireSecret`…) go through the SDK's own code, not these methods, and still fail.
 */
function fillRequiredConfig(pulumi: any): void {
    const proto = pulumi.Config.prototype;
    const fill: Record<string, (key: string, opts: any) => ConfigPlaceholder["value"]> = {
        require: (key, opts) => (Array.isArray(opts?.allowedValues) && opts.allowedValues.length > 0 ? opts.allowedValues[0] : `placeholder-${key}`),
        requireNumber: (_key, opts) => (typeof opts?.min === "number" ? opts.min : typeof opts?.max === "number" ? Math.min(opts.max, 1) : 1),
        requireBoolean: () => false,
        requireObject: () => ({}),
    };
    for (const [method, placeholder] of Object.entries(fill)) {
        const original = proto[method];
        proto[method] = function (this: any, key: string, opts?: unknown) {
            try {
                return original.call(this, key, opts);
            } catch (e) {
                const missing = missingConfig(e);
                if (missing === undefined || missing.secret) {
                    throw e;
                }
                const value = placeholder(key, opts);
                if (!placeholders.some((p) => p.key === missing.key)) {
                    placeholders.push({ key: missing.key, value });
                }
                return value;
            }
        };
    }
}

/**
 * A StackReference's outputs, which no mock can list (the program names them), answered by name
 * with plausible values (see plausibleNamedOutput); they still depend on the reference.
 */
function answerStackReferencesPlausibly(pulumiRoot: string, region: string): void {
    const pulumi = require(pulumiRoot);
    const plausible = function (this: any, name: unknown) {
        return pulumi.all([name, this.outputs]).apply(([outputName]: [string]) => plausibleNamedOutput(outputName, region));
    };
    pulumi.StackReference.prototype.getOutput = plausible;
    pulumi.StackReference.prototype.requireOutput = plausible;
}

/**
 * Watches the program's registrations of multi-language components (`remote: true`, whose
 * children the package's plugin builds) and builds the default children of those a model in
 * components.ts knows, as children of the component. Answers, once the program is done, what
 * became of each component. With `uncheckedOutputs`, records the output names of those whose
 * children were not built (the properties the SDK declares without a value), for the mocks to answer.
 */
function watchComponents(pulumiRoot: string, dir: string, uncheckedOutputs?: Map<string, string[]>): () => Promise<ComponentRecord[]> {
    const runtimeResource = require(path.join(pulumiRoot, "runtime", "resource"));
    const pulumi = require(pulumiRoot);
    const output = require(path.join(pulumiRoot, "output"));
    const seen: { resource: any; record: Omit<ComponentRecord, "urn"> }[] = [];
    let aws: any;
    const original = runtimeResource.registerResource;
    // The SDK's Resource constructor calls it through the module's exports, so this sees every registration.
    runtimeResource.registerResource = function (this: unknown, resource: any, parent: unknown, type: string, name: string, custom: boolean, remote: boolean, ...rest: any[]) {
        const result = original.call(this, resource, parent, type, name, custom, remote, ...rest);
        if (remote && !custom) {
            const opts = rest[2] ?? {};
            const version: string | undefined = typeof opts.version === "string" && opts.version !== "" ? opts.version : undefined;
            const record: Omit<ComponentRecord, "urn"> = { type, name, ...(version ? { version } : {}) };
            seen.push({ resource, record });
            const model = componentModels.get(type);
            const major = version ? Number(version.split(".")[0]) : undefined;
            const plugin = `the ${packageOf(type)} plugin builds its children, and plugins do not run offline`;
            if (!model) {
                record.unchecked = plugin;
            } else if (major === undefined || !model.majors.includes(major)) {
                record.unchecked = `${plugin}; its defaults are modelled for ${packageOf(type)} ${model.majors.map((m) => `${m}.x`).join(" and ")} only, and this registration names ${version ? `version ${version}` : "no version"}`;
            } else {
                try {
                    aws ??= require(require.resolve("@pulumi/aws", { paths: [dir] }));
                } catch {
                    record.unchecked = `${plugin}, and the @pulumi/aws its children are built with is not installed for this program`;
                }
                if (aws) {
                    const unknown = () => new output.Output(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve(new Set()));
                    const answer = model.build(name, rest[1] ?? {}, { aws, pulumi, unknown, opts: { parent: resource }, major });
                    if (answer === undefined) {
                        record.modelled = `${packageOf(type)} ${major}.x`;
                    } else if ("declined" in answer) {
                        record.unchecked = `${plugin}, and ${answer.declined}, so which children it builds is not known`;
                    } else {
                        record.holdsNothingJudged = { what: answer.holdsNothingJudged, by: `${packageOf(type)} ${major}.x` };
                    }
                }
            }
            // The mocks answer the registration only after the SDK has prepared it, later than this.
            if (record.modelled === undefined && uncheckedOutputs) {
                const props = rest[1] ?? {};
                uncheckedOutputs.set(`${type}::${name}`, Object.keys(props).filter((key) => props[key] === undefined));
            }
        }
        return result;
    };
    return async () => Promise.all(seen.map(async ({ resource, record }) => ({ urn: await resource.urn.promise(), ...record })));
}

/**
 * Waits until the program has nothing left to do (at most a few seconds): a registration whose
 * input fails later (an apply callback that throws) rejects only after the RPCs the runtime
 * tracks are done, and it must fail the program here as it fails `pulumi preview`.
 */
function idle(): Promise<void> {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            process.channel?.ref();
            resolve();
        };
        const timer = setTimeout(done, 3000).unref();
        // The channel to the parent would keep the event loop alive forever.
        process.channel?.unref();
        process.once("beforeExit", done);
    });
}

/** The program's entry module, and how Node loads it under the Pulumi CLI. */
interface ProgramEntry {
    /** The main module as `require` takes it (a file, or a folder, ending in a separator, for its index). */
    main: string;
    /** The program's package.json says `"type": "module"`: the CLI loads its main with `import()`. */
    esModule: boolean;
    /** The file `import()` loads for an ES module program (a directory's index.js, .mjs, .ts or .mts). */
    esEntry?: string;
    /** Whether the program is TypeScript (its main, or its directory's index, is a .ts file). */
    typescript: boolean;
}

/**
 * The program's entry point as the Pulumi CLI's Node language host finds it: Pulumi.yaml's
 * `main`; without one, the entry its package.json names (`exports`, else `main`, when that file
 * exists); else the folder itself, whose index module Node picks. A folder is never loaded as a
 * module path, which would make `require` try a file of the same name beside it first
 * (`infra.json` or `infra.js` next to `infra/`). The CLI takes the nearest package.json above too;
 * here only the program folder's own counts, since one above it belongs to another package (a
 * repository whose root is a library or a policy pack, with programs in folders of their own).
 */
function resolveProgram(dir: string, mainSetting: string): ProgramEntry {
    let main = path.resolve(dir, mainSetting);
    const packageRoot = nearestPackageRoot(isDirectory(main) ? main : path.dirname(main));
    const packageJson = packageRoot === undefined ? undefined : readPackageJson(packageRoot);
    const esModule = packageJson?.type === "module";
    if (mainSetting === "." && packageRoot === main && packageJson !== undefined) {
        const exported = typeof packageJson.exports === "string" ? packageJson.exports : packageJson.exports?.["."];
        const entry = typeof exported === "string" ? exported : exported !== undefined ? (exported?.default ?? exported?.require ?? exported?.import) : packageJson.main;
        if (typeof entry === "string" && entry !== "" && fs.existsSync(path.resolve(main, entry))) {
            main = path.resolve(main, entry);
        }
    }
    const folder = isDirectory(main);
    const file = folder
        ? ["index.js", "index.mjs", "index.ts", "index.mts"].map((f) => path.join(main, f)).find((f) => fs.existsSync(f))
        : [main, `${main}.ts`, `${main}.js`].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    const typescript = file !== undefined ? /\.[mc]?ts$/.test(file) : fs.existsSync(path.join(main, "index.ts"));
    return { main: folder ? main + path.sep : main, esModule, ...(esModule && file ? { esEntry: file } : {}), typescript };
}

function isDirectory(file: string): boolean {
    return fs.existsSync(file) && fs.statSync(file).isDirectory();
}

/** The folder of the package.json that governs files in `dir` (the nearest one above it). */
function nearestPackageRoot(dir: string): string | undefined {
    for (let at = dir; ; at = path.dirname(at)) {
        if (fs.existsSync(path.join(at, "package.json"))) {
            return at;
        }
        if (path.dirname(at) === at) {
            return undefined;
        }
    }
}

function readPackageJson(root: string): Record<string, any> | undefined {
    try {
        return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    } catch {
        return undefined;
    }
}

/**
 * Loads the program's main module as the Pulumi CLI's Node language host does: `import()` when
 * the program's package is an ES module (`"type": "module"`, TypeScript through the loader hooks
 * registered for it), else `require` (CommonJS, TypeScript through the require hook, ES modules
 * without top-level await), falling back to `import()` for an ES module that awaits at its top
 * level.
 */
async function load(program: ProgramEntry, typescript: TypeScriptSetup | undefined): Promise<any> {
    // TypeScript would compile `import()` to `require()`; a Function keeps it a real import.
    const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;
    if (program.esModule && program.esEntry) {
        if (typescript && /\.[mc]?ts$/.test(program.esEntry)) {
            registerTypeScriptLoader(typescript);
        }
        return dynamicImport(pathToFileURL(program.esEntry).href);
    }
    try {
        return require(program.main);
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ASYNC_MODULE") {
            throw e;
        }
        return dynamicImport(pathToFileURL(require.resolve(program.main)).href);
    }
}

/** Where the program declared the resource (the SDK reads it off the constructor's stack). */
function sourcePosition(position: any): Pick<CapturedResource, "sourcePosition"> {
    const uri = position?.getUri?.();
    return typeof uri === "string" && uri !== "" ? { sourcePosition: { uri, line: position.getLine(), column: position.getColumn() } } : {};
}

/**
 * A data source this offline run cannot answer is unknown, as at a preview whose inputs are
 * unknown: the output forms (getXOutput) give an unknown Output, whose applies do not run; the
 * plain forms give an object each of whose fields is the SDK's unknown value, as the SDK hands
 * a plain invoke's unknown fields to a program at preview. Policies then see unknowns where the
 * program used the result, not absent values they would judge as missing. A field the provider's
 * SDK declares as a list is a list of unknown values (see unknownInvokeResult), so that a program
 * that slices or maps it (awsx classic's default VPC slices `getSubnetIds().ids`) runs on.
 */
function answerUnmodelledInvokesUnknown(pulumiRoot: string, dir: string, unmodelled: Set<string>): void {
    // Providers' SDKs call them through `pulumi.runtime`, which holds its own copies of the functions.
    const invoke = require(pulumiRoot).runtime;
    const output = require(path.join(pulumiRoot, "output"));
    const unknownOutput = () => new output.Output(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve(new Set()));
    const results = new Map<string, unknown>();
    const resultOf = (token: string) => {
        if (!results.has(token)) {
            results.set(token, unknownInvokeResult(listFields(token, dir), output.unknown));
        }
        return results.get(token);
    };
    const wrap = (name: string, unknown: (token: string) => unknown) => {
        const original = invoke[name];
        invoke[name] = (token: string, ...rest: unknown[]) => {
            if (answersInvoke(token, rest[0] as Record<string, unknown> | undefined)) {
                return original(token, ...rest);
            }
            unmodelled.add(token);
            return unknown(token);
        };
    };
    wrap("invoke", (token) => Promise.resolve(resultOf(token)));
    wrap("invokeSingle", () => Promise.resolve(output.unknown));
    wrap("invokeOutput", unknownOutput);
    wrap("invokeSingleOutput", unknownOutput);
}

/**
 * The fields of a data source's result that its SDK declares as lists, read from the program's
 * own installed SDK (`aws:ec2/getSubnets:getSubnets` → @pulumi/aws/ec2/getSubnets.d.ts, interface
 * GetSubnetsResult), with whether their elements are objects. Empty when the SDK is not there.
 */
function listFields(token: string, dir: string): Map<string, "value" | "object"> {
    const fields = new Map<string, "value" | "object">();
    const [pkg, modulePath, functionName] = token.split(":");
    if (!pkg || !modulePath || !functionName) {
        return fields;
    }
    let declarations: string;
    try {
        const root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [dir] }));
        const [module, file] = modulePath.split("/");
        declarations = fs.readFileSync(path.join(root, module === "index" ? "" : module, `${file ?? module}.d.ts`), "utf8");
    } catch {
        return fields;
    }
    const result = new RegExp(`export interface ${functionName[0].toUpperCase()}${functionName.slice(1)}Result \\{\\n([\\s\\S]*?)\\n\\}`).exec(declarations);
    for (const m of (result?.[1] ?? "").matchAll(/^ {4}readonly (\w+)\??: (.+);$/gm)) {
        const list = /^(?:(.+)\[\]|Array<(.+)>)$/.exec(m[2].trim());
        if (list) {
            fields.set(m[1], /^(?:string|number|boolean)$/.test((list[1] ?? list[2]).trim()) ? "value" : "object");
        }
    }
    return fields;
}

/**
 * A plain invoke's unknown result: every field the SDK's unknown value, except the fields
 * declared as lists, which are lists of unknowns (of unknown objects when their elements are
 * objects). `then` stays absent so that awaiting the result does not treat it as a promise.
 */
export function unknownInvokeResult(lists: Map<string, "value" | "object">, unknown: unknown): unknown {
    const unknownObject: object = new Proxy({}, { get: (_target, key) => (typeof key === "string" && key !== "then" && key !== "toJSON" ? unknown : undefined) });
    return new Proxy(
        {},
        {
            get: (_target, key) => {
                if (typeof key !== "string" || key === "then" || key === "toJSON") {
                    return undefined;
                }
                const list = lists.get(key);
                return list === undefined ? unknown : Array.from({ length: unknownListLength }, () => (list === "value" ? unknown : unknownObject));
            },
        },
    );
}

/** The TypeScript compiler a program is transpiled with, and the options it is transpiled with. */
export interface TypeScriptSetup {
    /** The path `require` loads the compiler from. */
    compiler: string;
    /** The program's compiler options (its tsconfig.json over the Pulumi CLI's defaults), as JSON. */
    compilerOptions: Record<string, unknown>;
}

/**
 * Lets `require` load TypeScript sources, transpiled without type-checking, as the Pulumi CLI's
 * Node language host does: with the TypeScript the program's dependencies resolve (else the one
 * @pulumi/pulumi ships in its vendor folder), and the compiler options of the program's own
 * tsconfig.json (or the file PULUMI_NODEJS_TSCONFIG_PATH names) over the host's defaults. Only
 * the module format is chosen here, by how Node loads each file (CommonJS through `require`,
 * ES modules through the loader hooks), and source maps are inlined so that errors point at the
 * TypeScript source.
 */
function registerTypeScript(dir: string, pulumiRoot: string, program: ProgramEntry): TypeScriptSetup {
    const compiler = typeScriptCompiler(dir, pulumiRoot);
    const ts = require(compiler);
    const tsconfig = path.resolve(dir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
    let own: Record<string, unknown> = {};
    if (fs.existsSync(tsconfig)) {
        const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
        if (read.error) {
            throw new Error(`${path.relative(dir, tsconfig)}: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}`);
        }
        // Through the compiler's own parser: `extends`, enum names and paths resolved as tsc resolves them.
        own = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig).options;
    } else if (process.env.PULUMI_NODEJS_TSCONFIG_PATH) {
        throw new Error(`tsconfig path was set to ${process.env.PULUMI_NODEJS_TSCONFIG_PATH} but the file was not found`);
    }
    const compilerOptions: Record<string, unknown> = {
        target: program.esModule ? ts.ScriptTarget.ES2022 : ts.ScriptTarget.ES2020,
        ...own,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: false,
        declaration: false,
        noEmit: false,
    };
    if (!require.extensions[".ts"]) {
        const options = { ...compilerOptions, module: ts.ModuleKind.CommonJS, moduleResolution: undefined };
        const compile = (module: any, filename: string) => {
            const output = ts.transpileModule(fs.readFileSync(filename, "utf8"), { fileName: filename, compilerOptions: options });
            module._compile(output.outputText, filename);
        };
        require.extensions[".ts"] = compile;
        require.extensions[".cts"] = compile;
    }
    return { compiler, compilerOptions };
}

/** The TypeScript the Pulumi CLI would use: the program's, else the one @pulumi/pulumi vendors. */
function typeScriptCompiler(dir: string, pulumiRoot: string): string {
    for (const from of [dir, pulumiRoot]) {
        try {
            return require.resolve("typescript", { paths: [from] });
        } catch {
            // Not there: the next place.
        }
    }
    const vendored = fs.existsSync(path.join(pulumiRoot, "vendor")) ? fs.readdirSync(path.join(pulumiRoot, "vendor")).find((d) => d.startsWith("typescript@")) : undefined;
    if (vendored) {
        return path.join(pulumiRoot, "vendor", vendored, "typescript.js");
    }
    throw new Error(`the program is TypeScript, but neither it nor its @pulumi/pulumi has a 'typescript' package: run npm install in ${dir}`);
}

/** ES module TypeScript: loader hooks (typescript-hooks.ts) transpile it and resolve './x.js' to './x.ts'. */
function registerTypeScriptLoader(setup: TypeScriptSetup): void {
    // Present since Node 20.6, which the command requires.
    const nodeModule = require("module") as { register(specifier: string, parentURL: string, options: { data: unknown }): void };
    nodeModule.register(pathToFileURL(path.join(__dirname, "typescript-hooks.js")).href, pathToFileURL(__filename).href, { data: setup });
}

/** The program's own error, with the first stack frame inside the program's folder. */
function describeError(e: unknown, dir: string): NonNullable<CaptureResult["error"]> {
    const error = e instanceof Error ? e : new Error(String(e));
    const frame = (error.stack ?? "")
        .split("\n")
        .map((line) => /\(?(?:file:\/\/)?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):(\d+)\)?$/.exec(line.trim()))
        .find((m) => m && m[1].startsWith(dir) && !m[1].includes(`${path.sep}node_modules${path.sep}`));
    const missing = missingConfig(e);
    return { message: error.message, ...(frame ? { location: `${path.relative(dir, frame[1])}:${frame[2]}` } : {}), ...(missing ? { missingConfig: missing } : {}) };
}

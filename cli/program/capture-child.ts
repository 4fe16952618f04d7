// Runs one Pulumi program under Pulumi's own mocks, in a process of its own (the runtime's state
// is global, and a program may leave work behind), and records every resource registration as
// the engine receives it: inputs with secret envelopes and preview unknowns, parent,
// dependencies, property dependencies, provider. The parent process sends one request and gets
// one answer (see capture.ts).
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { answerInvoke, modelledInvokes } from "./invokes";
import { keepKnownStructure } from "./known-structure";
import { computedOutputs, MockResourceArgs } from "./mocks";
import type { CaptureRequest, CaptureResult, CapturedResource } from "./capture";

const unmodelled = new Set<string>();
let answered = false;

/** The one answer to the parent; anything after it (a late rejection of the program's) is moot. */
function answer(result: CaptureResult): void {
    if (!answered) {
        answered = true;
        process.send!(result, () => process.exit(0));
    }
}

process.once("message", (request: CaptureRequest) => {
    const fail = (e: unknown) => answer({ resources: [], unmodelledInvokes: [...unmodelled].sort(), error: describeError(e, request.dir) });
    // An error thrown in an apply callback or a floating promise of the program is its error too.
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    run(request).then(answer, fail);
});

async function run(request: CaptureRequest): Promise<CaptureResult> {
    // Stack traces of a failing program then point at its TypeScript sources.
    process.setSourceMapsEnabled(true);
    process.env.PULUMI_CONFIG = JSON.stringify(request.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(request.secretKeys);
    process.chdir(request.dir);

    const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [request.dir] }));
    const pulumi = require(pulumiRoot);
    const state = require(path.join(pulumiRoot, "runtime", "state"));
    const settings = require(path.join(pulumiRoot, "runtime", "settings"));

    const resources: CapturedResource[] = [];
    const providerRegions = new Map<string, string>();
    const defaultRegion = typeof request.config["aws:region"] === "string" ? (request.config["aws:region"] as string) : "us-east-1";
    const regionOf = (providerRef: string | undefined) => (providerRef ? providerRegions.get(providerRef.slice(0, providerRef.lastIndexOf("::"))) : undefined) ?? defaultRegion;

    await pulumi.runtime.setMocks(
        {
            newResource(args: MockResourceArgs) {
                if (request.preview) {
                    // At preview the engine knows only what the program declared.
                    return { id: "", state: args.inputs };
                }
                const computed = computedOutputs(args, regionOf(args.provider));
                return { id: computed.id, state: { ...args.inputs, ...computed.outputs } };
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
    );

    const monitor = state.getStore().settings.monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) => {
        register(req, (err: unknown, resp: any) => {
            if (!err && resp) {
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
                    ...sourcePosition(req.getSourceposition?.()),
                };
                if (captured.type.startsWith("pulumi:providers:") && typeof captured.inputs.region === "string") {
                    providerRegions.set(captured.urn, captured.inputs.region);
                }
                resources.push(captured);
            }
            callback(err, resp);
        });
    };

    answerUnmodelledInvokesUnknown(pulumiRoot, unmodelled);
    if (request.preview) {
        keepKnownStructure(pulumiRoot);
    }
    registerTypeScript(request.dir, request.main);
    const exported = await load(path.resolve(request.dir, request.main));
    const entry = exported && typeof exported === "object" && "default" in exported && Object.keys(exported).length === 1 ? exported.default : exported;
    if (typeof entry === "function") {
        await entry();
    }
    await settings.waitForRPCs();
    await idle();
    return { resources, unmodelledInvokes: [...unmodelled].sort() };
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

/**
 * Loads the program's main module: `require` (which loads CommonJS, TypeScript through the hook
 * below, and ES modules without top-level await), else `import()` for an ES module that awaits
 * at its top level, as Node loads such a program under the Pulumi CLI.
 */
async function load(main: string): Promise<any> {
    try {
        return require(main);
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ASYNC_MODULE") {
            throw e;
        }
        // TypeScript would compile `import()` to `require()`; a Function keeps it a real import.
        const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;
        return dynamicImport(pathToFileURL(require.resolve(main)).href);
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
 * program used the result, not absent values they would judge as missing.
 */
function answerUnmodelledInvokesUnknown(pulumiRoot: string, unmodelled: Set<string>): void {
    // Providers' SDKs call them through `pulumi.runtime`, which holds its own copies of the functions.
    const invoke = require(pulumiRoot).runtime;
    const output = require(path.join(pulumiRoot, "output"));
    const unknownOutput = () => new output.Output(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve(new Set()));
    const unknownFields = new Proxy(
        {},
        {
            // `then` stays absent so that awaiting the result does not treat it as a promise.
            get: (_target, key) => (typeof key === "string" && key !== "then" && key !== "toJSON" ? output.unknown : undefined),
        },
    );
    const wrap = (name: string, unknown: () => unknown) => {
        const original = invoke[name];
        invoke[name] = (token: string, ...rest: unknown[]) => {
            if (modelledInvokes.has(token)) {
                return original(token, ...rest);
            }
            unmodelled.add(token);
            return unknown();
        };
    };
    wrap("invoke", () => Promise.resolve(unknownFields));
    wrap("invokeSingle", () => Promise.resolve(output.unknown));
    wrap("invokeOutput", unknownOutput);
    wrap("invokeSingleOutput", unknownOutput);
}

/**
 * Lets `require` load TypeScript sources, transpiled without type-checking (as Pulumi does with
 * `typeCheck: false`), using the TypeScript the program itself depends on, as the Pulumi CLI
 * does: a TypeScript program that cannot be compiled where it stands cannot be deployed either.
 */
function registerTypeScript(dir: string, main: string): void {
    if (require.extensions[".ts"]) {
        return;
    }
    let tsPath: string;
    try {
        tsPath = require.resolve("typescript", { paths: [dir] });
    } catch {
        if (!/\.ts$/.test(main) && !fs.existsSync(path.resolve(dir, main, "index.ts"))) {
            return;
        }
        throw new Error(`${path.join(dir, main)} is TypeScript, but no 'typescript' package is installed for it: run npm install in ${dir}`);
    }
    const ts = require(tsPath);
    require.extensions[".ts"] = (module: any, filename: string) => {
        const source = fs.readFileSync(filename, "utf8");
        const output = ts.transpileModule(source, {
            fileName: filename,
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, sourceMap: false, inlineSourceMap: true },
        });
        module._compile(output.outputText, filename);
    };
}

/** The program's own error, with the first stack frame inside the program's folder. */
function describeError(e: unknown, dir: string): { message: string; location?: string } {
    const error = e instanceof Error ? e : new Error(String(e));
    const frame = (error.stack ?? "")
        .split("\n")
        .map((line) => /\(?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):(\d+)\)?$/.exec(line.trim()))
        .find((m) => m && m[1].startsWith(dir) && !m[1].includes(`${path.sep}node_modules${path.sep}`));
    return { message: error.message, ...(frame ? { location: `${path.relative(dir, frame[1])}:${frame[2]}` } : {}) };
}

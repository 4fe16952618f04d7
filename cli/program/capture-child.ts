// Runs one Pulumi program under Pulumi's own mocks, in a process of its own (the runtime's state
// is global, and a program may leave work behind), and records every resource registration as
// the engine receives it: inputs with secret envelopes and preview unknowns, parent,
// dependencies, property dependencies, provider. The parent process sends one request and gets
// one answer (see capture.ts).
import * as fs from "fs";
import * as path from "path";
import { answerInvoke } from "./invokes";
import { computedOutputs, MockResourceArgs } from "./mocks";
import type { CaptureRequest, CaptureResult, CapturedResource } from "./capture";

process.once("message", (request: CaptureRequest) => {
    run(request).then(
        (result) => process.send!(result, () => process.exit(0)),
        (e) => process.send!({ resources: [], unmodelledInvokes: [], error: describeError(e, request.dir) } satisfies CaptureResult, () => process.exit(0)),
    );
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
    const unmodelled = new Set<string>();
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
                };
                if (captured.type.startsWith("pulumi:providers:") && typeof captured.inputs.region === "string") {
                    providerRegions.set(captured.urn, captured.inputs.region);
                }
                resources.push(captured);
            }
            callback(err, resp);
        });
    };

    registerTypeScript(request.dir, request.main);
    const exported = require(path.resolve(request.dir, request.main));
    const entry = exported && typeof exported === "object" && "default" in exported && Object.keys(exported).length === 1 ? exported.default : exported;
    if (typeof entry === "function") {
        await entry();
    }
    await settings.waitForRPCs();
    return { resources, unmodelledInvokes: [...unmodelled].sort() };
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

// Node module loader hooks for a TypeScript program whose package is an ES module (`"type":
// "module"`), registered by capture-child.ts as the Pulumi CLI registers ts-node's ESM loader:
// a '.ts' file is transpiled with the program's TypeScript and its compiler options, and a local
// import written './x.js' (as TypeScript asks ES modules to write them) finds './x.ts'. They run
// on Node's loader thread.
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import type { TypeScriptSetup } from "./capture-child";

interface ResolveContext {
    parentURL?: string;
    conditions: string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null }>;
type NextLoad = (url: string, context: { format?: string | null }) => Promise<{ format: string; source?: string | Buffer | null }>;

let ts: any;
let moduleOptions: Record<string, unknown>;

export function initialize(setup: TypeScriptSetup): void {
    ts = require(setup.compiler);
    moduleOptions = { ...setup.compilerOptions, module: ts.ModuleKind.ESNext, moduleResolution: undefined };
}

/** The TypeScript sources an import of a JavaScript file may mean, as tsc resolves them. */
const sourcesFor: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; format?: string | null }> {
    try {
        return await next(specifier, context);
    } catch (e) {
        const local = specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/") || specifier.startsWith("file:");
        const extension = path.extname(specifier);
        if ((e as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND" || !local || !(extension in sourcesFor)) {
            throw e;
        }
        for (const source of sourcesFor[extension]) {
            try {
                return await next(specifier.slice(0, -extension.length) + source, context);
            } catch {
                // Not this one: the next candidate, else the original error.
            }
        }
        throw e;
    }
}

export async function load(url: string, context: { format?: string | null }, next: NextLoad): Promise<{ format: string; source?: string | Buffer | null; shortCircuit?: boolean }> {
    if (!url.startsWith("file:") || !/\.[mc]?tsx?$/.test(url)) {
        return next(url, context);
    }
    const file = fileURLToPath(url);
    if (formatOf(file) === "commonjs") {
        // Node's CommonJS loader then loads it, through the require hook of capture-child.ts.
        return { format: "commonjs", shortCircuit: true };
    }
    const output = ts.transpileModule(fs.readFileSync(file, "utf8"), { fileName: file, compilerOptions: moduleOptions });
    return { format: "module", source: output.outputText, shortCircuit: true };
}

/** How Node treats a file: '.mts' an ES module, '.cts' CommonJS, '.ts' as its package.json's "type" says. */
function formatOf(file: string): "module" | "commonjs" {
    if (file.endsWith(".mts")) {
        return "module";
    }
    if (file.endsWith(".cts")) {
        return "commonjs";
    }
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        const packageJson = path.join(dir, "package.json");
        if (fs.existsSync(packageJson)) {
            try {
                return JSON.parse(fs.readFileSync(packageJson, "utf8")).type === "module" ? "module" : "commonjs";
            } catch {
                return "commonjs";
            }
        }
        if (path.dirname(dir) === dir) {
            return "commonjs";
        }
    }
}

// Reads a Pulumi project (Pulumi.yaml) and one stack's settings (Pulumi.<stack>.yaml) into what
// the program needs to run offline: which module to load, and its configuration as the Pulumi
// CLI passes it (PULUMI_CONFIG: `namespace:key` → string, objects as JSON text).
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CaptureRequest, PythonOptions } from "./capture";

/** A problem with the project or its stack settings: one line naming the file. */
export class ProjectError extends Error {}

/** The placeholder a `secure:` value becomes: the ciphertext cannot be read offline. */
export const secretPlaceholder = "offline-secret-placeholder";

/** The project file of `dir` as the Pulumi CLI finds it (Pulumi.yaml, else Pulumi.yml); undefined when there is none. */
export function projectFile(dir: string, cwd: string = process.cwd()): string | undefined {
    return ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(path.resolve(cwd, f)));
}

/**
 * The project in `dir` (a path as the user gave it, relative to `cwd`; messages name files that
 * way) with the settings of `stackName`, or of the default stack: the only one, else `dev`.
 */
export function readProject(dir: string, stackName?: string, preview = true, cwd: string = process.cwd()): CaptureRequest {
    const absolute = path.resolve(cwd, dir);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
        throw new ProjectError(`${dir}: no such directory`);
    }
    const file = projectFile(dir, cwd);
    if (file === undefined) {
        throw new ProjectError(`${dir}: no Pulumi.yaml here, so this is not a Pulumi project directory (name the directory that holds Pulumi.yaml)`);
    }
    const project = readYaml(file, cwd);
    if (typeof project.name !== "string" || project.name === "") {
        throw new ProjectError(`${file}: 'name' is missing`);
    }
    const runtime = typeof project.runtime === "object" && project.runtime !== null ? project.runtime.name : project.runtime;
    if (runtime !== "nodejs" && runtime !== "python") {
        throw new ProjectError(`${file}: runtime is '${runtime ?? "(none)"}'; only Node.js and Python programs (runtime: nodejs or python) can be checked`);
    }
    const options = isMapping(project.runtime) && isMapping(project.runtime.options) ? project.runtime.options : {};
    const stacks = fs.readdirSync(absolute).flatMap((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1] ?? []).filter((s, i, all) => all.indexOf(s) === i).sort();
    const qualified = qualifiedStack(stackName, project.name, file);
    const stack = qualified.stack ?? defaultStack(dir, stacks);
    if (stacks.length > 0 && !stacks.includes(stack)) {
        throw new ProjectError(`${dir}: no stack '${stack}' (no Pulumi.${stack}.yaml); its stacks are ${stacks.join(", ")}`);
    }
    const stackFile = ["yaml", "yml"].map((ext) => path.join(dir, `Pulumi.${stack}.${ext}`)).find((f) => fs.existsSync(path.resolve(cwd, f)));
    const settings = stackFile ? readYaml(stackFile, cwd) : {};
    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const set = (rawKey: string, value: unknown) => {
        const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
        if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            config[key] = secretPlaceholder;
            secretKeys.add(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
            secretKeys.delete(key);
        }
    };
    // Project-level config: a plain value, or a declaration whose `value` or `default` applies
    // unless the stack sets the key.
    for (const [key, declared] of Object.entries(isMapping(project.config) ? project.config : {})) {
        if (isMapping(declared) && ("default" in declared || "value" in declared || "type" in declared)) {
            if ("value" in declared || "default" in declared) {
                set(key, "value" in declared ? declared.value : declared.default);
            }
        } else {
            set(key, declared);
        }
    }
    for (const [key, value] of Object.entries(isMapping(settings.config) ? settings.config : {})) {
        set(key, value);
    }
    return {
        dir: absolute,
        runtime,
        ...(runtime === "python" ? { python: pythonOptions(options, file) } : {}),
        main: typeof project.main === "string" ? project.main : ".",
        project: project.name,
        stack,
        organization: qualified.organization ?? defaultOrganization,
        preview,
        config,
        secretKeys: [...secretKeys],
    };
}

/** Pulumi.yaml's `runtime.options` for a Python program: how its interpreter is found (see python.ts). */
function pythonOptions(options: Record<string, any>, file: string): PythonOptions {
    const toolchain = options.toolchain ?? "pip";
    if (!["pip", "poetry", "uv"].includes(toolchain)) {
        throw new ProjectError(`${file}: runtime.options.toolchain is '${toolchain}'; Pulumi knows pip, poetry and uv`);
    }
    if (options.virtualenv !== undefined && typeof options.virtualenv !== "string") {
        throw new ProjectError(`${file}: runtime.options.virtualenv must be a path`);
    }
    return { toolchain, ...(options.virtualenv ? { virtualenv: options.virtualenv } : {}) };
}

/**
 * The organization a program runs in when the stack name does not say: what Pulumi itself
 * answers for a stack in a self-managed backend, which has no organizations.
 */
export const defaultOrganization = "organization";

/** A stack named as the Pulumi CLI takes it: `name`, `org/name` or `org/project/name` (its settings file is Pulumi.<name>.yaml). */
function qualifiedStack(name: string | undefined, projectName: string, file: string): { stack?: string; organization?: string } {
    if (name === undefined) {
        return {};
    }
    const parts = name.split("/");
    if (parts.length === 1) {
        return { stack: name };
    }
    if (parts.length > 3 || parts.some((p) => p === "")) {
        throw new ProjectError(`--stack ${name}: not a stack name (name, org/name or org/project/name)`);
    }
    if (parts.length === 3 && parts[1] !== projectName) {
        throw new ProjectError(`--stack ${name}: the project is '${projectName}' (${file}), not '${parts[1]}'`);
    }
    return { organization: parts[0], stack: parts[parts.length - 1] };
}

/** The stack to use when none is named: the only one, or `dev` (also when there is none yet). */
function defaultStack(dir: string, stacks: string[]): string {
    if (stacks.length === 1) {
        return stacks[0];
    }
    if (stacks.includes("dev") || stacks.length === 0) {
        return "dev";
    }
    throw new ProjectError(`${dir}: several stacks (${stacks.join(", ")}) and none is 'dev'; name one with --stack`);
}

function readYaml(file: string, cwd: string): Record<string, any> {
    let text: string;
    try {
        text = fs.readFileSync(path.resolve(cwd, file), "utf8");
    } catch (e) {
        throw new ProjectError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code})`);
    }
    let value: unknown;
    try {
        value = parse(text);
    } catch (e) {
        throw new ProjectError(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
    if (value === null || value === undefined) {
        return {};
    }
    if (!isMapping(value)) {
        throw new ProjectError(`${file}: expected a mapping of settings`);
    }
    return value;
}

function isMapping(value: unknown): value is Record<string, any> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

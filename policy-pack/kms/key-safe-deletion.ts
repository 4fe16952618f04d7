import { Node, StackGraph } from "../lib/graph";
import { summarize } from "../lib/iam-checks";
import { keyPolicyTypes, keyTypes } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, bool, isUnknown, num } from "../lib/values";

interface Config {
    minDeletionWindowDays: number;
}

export const kmsKeySafeDeletion = definePolicy<Config, "deletionWindowTooShort" | "disabledKeyInUse">({
    name: "kms-key-safe-deletion",
    description: "KMS keys must keep a deletion waiting period of at least the minimum (30 days by default), and a key the stack's resources use must not be disabled.",
    rationale:
        "A deleted key cannot be recovered, and neither can anything encrypted under it: the waiting period is the only time " +
        "in which a deletion (a removed resource, a replaced key) can be cancelled. A disabled key fails every request made " +
        "with it, so the buckets, objects and services configured with it stop reading and writing their data.",
    domain: "encryption-at-rest",
    severity: "medium",
    remediationSteps:
        "On the aws.kms.Key (or ExternalKey, ReplicaKey, ReplicaExternalKey), remove deletionWindowInDays or set it to at least " +
        "the minimum (30, the AWS default and maximum, unless configured lower). Keep isEnabled (enabled on the other key " +
        "types) true while any resource uses the key; move those resources to another key first.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "KMS.3", specification: "AWS KMS keys should not be deleted unintentionally" },
    parameters: {
        minDeletionWindowDays: {
            type: "integer",
            description: "The shortest deletion waiting period allowed, in days (AWS allows 7 to 30; unset means 30).",
            default: 30,
            minimum: 7,
            maximum: 30,
        },
    },
    messages: {
        deletionWindowTooShort:
            "KMS key '{{key}}' sets deletionWindowInDays {{days}}, below the minimum of {{min}}: once the key is scheduled for " +
            "deletion, it and everything encrypted under it are gone for good after {{days}} days. Set deletionWindowInDays " +
            "to {{min}} or more, or remove it (AWS then waits 30 days).",
        disabledKeyInUse:
            "KMS key '{{key}}' is disabled ({{input}}: false) but {{users}} use it: every request they make with the key fails. " +
            "Set {{input}}: true, or move those resources to another key before disabling it.",
    },
    resourceTypes: keyTypes,
    remediation: {
        summary:
            "Raises a deletionWindowInDays below minDeletionWindowDays to minDeletionWindowDays (the window is only read when the " +
            "key is scheduled for deletion, so the key is updated in place). A disabled key in use is not enabled: whether it " +
            "should be is the owner's call, so that finding stays mandatory.",
        resourceTypes: keyTypes,
        fix(props, config) {
            const days = num(props.deletionWindowInDays);
            return typeof days === "number" && days < config.minDeletionWindowDays ? [{ path: ["deletionWindowInDays"], value: config.minDeletionWindowDays }] : [];
        },
    },
    checkResource(key, ctx) {
        const days = num(key.props.deletionWindowInDays);
        if (days === UNKNOWN) {
            ctx.undecided("deletionWindowInDays is unknown");
        } else if (days !== undefined && days < ctx.config.minDeletionWindowDays) {
            ctx.report("deletionWindowTooShort", { key: key.name, days, min: ctx.config.minDeletionWindowDays });
        }
    },
    checkStack(stack, ctx) {
        const keys = stack.ofType(...keyTypes);
        if (keys.length === 0) {
            ctx.notApplicable("the stack has no KMS keys");
        }
        for (const key of keys) {
            const input = enabledInput(key);
            const enabled = bool(key.inputs[input]);
            if (enabled === true || enabled === undefined) {
                continue;
            }
            const { users, unresolved } = keyUsers(stack, key);
            const describeUsers = (nodes: Node[]) => summarize(nodes.map((n) => `'${n.name}'`));
            if (enabled === UNKNOWN) {
                if (users.length > 0 || unresolved.length > 0) {
                    ctx.undecided(`${input} is unknown`, key.urn);
                }
            } else if (users.length > 0) {
                ctx.report("disabledKeyInUse", { key: key.name, input, users: describeUsers(users) }, key.urn);
            } else if (unresolved.length > 0) {
                ctx.undecided(`whether ${describeUsers(unresolved)} use the disabled key is unknown`, key.urn);
            }
        }
    },
});

/** aws.kms.Key names its flag isEnabled; the key types added later name it enabled. */
function enabledInput(key: Node): string {
    return (types.kmsKey as readonly string[]).includes(key.type) ? "isEnabled" : "enabled";
}

/**
 * The in-stack resources that use a key: those whose propertyDependencies point at it, or whose
 * declared inputs hold its id or ARN in a string (a key id in an encryption rule, an alias's
 * targetKeyId, an ARN inside a policy document). A KeyPolicy only governs the key, and the
 * engine's own resources (the stack, providers) only pass values on, so neither is a use.
 * `unresolved` are resources with an input that is unknown at preview and whose
 * propertyDependencies do not say where it comes from: it may be the key's id.
 */
function keyUsers(stack: StackGraph, key: Node): { users: Node[]; unresolved: Node[] } {
    const identities = [key.outputs.id, key.outputs.arn, key.outputs.keyId].filter((v): v is string => typeof v === "string" && v !== "" && !isUnknown(v));
    const users: Node[] = [];
    const unresolved: Node[] = [];
    for (const node of stack.resources) {
        if (node === key || keyPolicyTypes.includes(node.type) || node.type.startsWith("pulumi:")) {
            continue;
        }
        if (Object.values(node.propertyDependencies).some((deps) => deps.includes(key))) {
            users.push(node);
            continue;
        }
        let mayUse = false;
        let uses = false;
        for (const [prop, value] of Object.entries(node.inputs)) {
            const { names, unknown } = scan(value, identities);
            uses ||= names;
            // Unknowns in recorded outputs are computed by the provider, not references.
            mayUse ||= unknown && node.declared && (node.propertyDependencies[prop] ?? []).length === 0;
        }
        if (uses) {
            users.push(node);
        } else if (mayUse) {
            unresolved.push(node);
        }
    }
    return { users, unresolved };
}

/** Whether a value holds one of the identities in a string, and whether it holds an unknown. */
function scan(value: unknown, identities: string[]): { names: boolean; unknown: boolean } {
    if (isUnknown(value)) {
        return { names: false, unknown: true };
    }
    if (typeof value === "string") {
        return { names: identities.some((id) => value.includes(id)), unknown: false };
    }
    const result = { names: false, unknown: false };
    if (value !== null && typeof value === "object") {
        for (const item of Object.values(value)) {
            const inner = scan(item, identities);
            result.names ||= inner.names;
            result.unknown ||= inner.unknown;
        }
    }
    return result;
}

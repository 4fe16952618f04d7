// What the KMS policies share: which resources are customer-managed keys, which aws.kms.KeyPolicy
// resources set a key's policy, and who manages the key a resource's encryption setting names.
import { Node, StackGraph } from "./graph";
import { types } from "./types";
import { UNKNOWN, isUnknown, str } from "./values";

/**
 * Resources that create a customer-managed key, each with its own key policy, deletion window and
 * enabled flag: generated material, imported material, and multi-Region replicas of either.
 */
export const keyTypes: string[] = [...types.kmsKey, ...types.kmsExternalKey, ...types.kmsReplicaKey];

export const keyPolicyTypes: string[] = [...types.kmsKeyPolicy];

export interface KeyPolicies {
    /** The KeyPolicy resources whose keyId names this key. */
    resources: Node[];
    /** KeyPolicy resources whose key cannot be told at preview: any of them may be this key's. */
    unresolved: Node[];
}

/**
 * The aws.kms.KeyPolicy resources of a key. keyId is joined through propertyDependencies first
 * (they name the key while its id is unknown at preview), then by the key's id or ARN. While the
 * key's own id and ARN are unknown, a KeyPolicy that names no in-stack key may still be its.
 */
export function keyPoliciesOf(graph: StackGraph, key: Node): KeyPolicies {
    const identified = [key.outputs.id, key.outputs.arn].some((v) => typeof v === "string" && v !== "" && !isUnknown(v));
    return {
        resources: graph.referrers(key, keyPolicyTypes, "keyId"),
        // Resolved against every key type, so that a KeyPolicy joined to a key of another type
        // does not count as a candidate for this one.
        unresolved: graph.ofType(...keyPolicyTypes).filter((policy) => {
            const targets = graph.targets(policy, "keyId", keyTypes);
            return targets === UNKNOWN || (targets.length === 0 && !identified);
        }),
    };
}

/**
 * Resources whose KMS keys are customer managed: keys created in the stack (with generated or
 * imported material, primary or replica), and aliases (an alias can only name a customer-managed key).
 */
export const customerManagedKeyTypes: string[] = [...keyTypes, ...types.kmsAlias];

/** Who manages the KMS key a resource's setting names. */
export type KeyClass =
    | { kind: "customer-managed" }
    | { kind: "aws-managed"; key: string }
    | { kind: "missing" }
    | { kind: "not-customer-managed"; key: string }
    | { kind: "unknown" };

/**
 * Who manages the KMS key that `node`'s input `prop` names. The key is joined to the stack's keys
 * and aliases through the propertyDependencies of `prop` first (they name the key even while its
 * ARN is unknown at preview), then it is looked up in `allowedKeyArns`, then by key id, key ARN,
 * alias name or alias ARN among the stack's keys and aliases. An `alias/aws/…` name or alias ARN
 * is AWS managed whatever it depends on.
 *
 * A key nested inside `prop` (a block device's kmsKeyId, an encryption rule's kmsMasterKeyId) is
 * passed as `nested.value`: propertyDependencies are keyed by top-level input names only, so the
 * dependencies of the whole block decide. When the block holds several keys (one per device),
 * say `shared`: its dependencies may come from another of them, so they decide only a key that
 * is unknown, and a known key is judged by its value. "missing" means the setting is absent or
 * empty; what the service then uses (an AWS managed `aws/<service>` key, an AWS owned key) is the
 * caller's to say.
 */
export function classifyKey(graph: StackGraph, node: Node, prop: string, allowedKeyArns: readonly string[], nested?: { value: unknown; shared?: boolean }): KeyClass {
    const key = str(nested ? nested.value : node.inputs[prop]);
    if (typeof key === "string" && isAwsManagedAlias(key)) {
        return { kind: "aws-managed", key };
    }
    const dependencies = node.propertyDependencies[prop] ?? [];
    if ((key === UNKNOWN || !nested?.shared) && dependencies.some((d) => customerManagedKeyTypes.includes(d.type))) {
        return { kind: "customer-managed" };
    }
    if (key === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (key === undefined || key === "") {
        return { kind: "missing" };
    }
    if (allowedKeyArns.includes(key)) {
        return { kind: "customer-managed" };
    }
    // A key id or ARN that names no in-stack key may still be one whose ARN is unknown at preview.
    const inStack = graph.named(key, customerManagedKeyTypes);
    if (inStack === UNKNOWN) {
        return { kind: "unknown" };
    }
    return inStack.length > 0 ? { kind: "customer-managed" } : { kind: "not-customer-managed", key };
}

/** `alias/aws/…` names (or alias ARNs of) the keys AWS creates and manages for a service. */
export function isAwsManagedAlias(key: string): boolean {
    return /^alias\/aws\//.test(key) || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\/aws\//.test(key);
}

// What the KMS key policies share: which resources are customer-managed keys, and which
// aws.kms.KeyPolicy resources set a key's policy.
import { Node, StackGraph } from "./graph";
import { types } from "./types";
import { UNKNOWN, isUnknown } from "./values";

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

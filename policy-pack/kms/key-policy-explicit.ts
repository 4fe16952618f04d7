import { Node } from "../lib/graph";
import { keyPoliciesOf, keyPolicyTypes, keyTypes } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { UNKNOWN, Unknown, bool, isUnknown } from "../lib/values";

type Messages = "noExplicitPolicy" | "keyBypassesLockoutCheck" | "keyPolicyBypassesLockoutCheck";

/**
 * Whether a key has an explicit policy is a question about what the program declares, so it is
 * decided on the key's declared inputs: a deployed key's outputs always carry a policy (AWS's
 * default one when the program set none).
 */
export const kmsKeyPolicyExplicit = definePolicy<{}, Messages>({
    name: "kms-key-policy-explicit",
    description: "KMS keys must have an explicit key policy (the key's policy or an aws.kms.KeyPolicy) and must not bypass the policy lockout safety check.",
    rationale:
        "Without an explicit policy AWS gives the key its default policy, which delegates the key to IAM: every principal of the " +
        "account whose IAM policies allow kms:* (or kms:Decrypt on '*') can use or administer it, and no one reviewing the " +
        "program can see who that is. Bypassing the lockout safety check lets a policy through that no principal can change " +
        "any more, leaving the key unmanageable without AWS Support.",
    domain: "encryption-at-rest",
    severity: "medium",
    remediationSteps:
        "Set policy on the aws.kms.Key (or ExternalKey, ReplicaKey, ReplicaExternalKey), or add one aws.kms.KeyPolicy with keyId " +
        "set to the key's id, naming the key administrators and the principals that use the key; remove " +
        "bypassPolicyLockoutSafetyCheck (or set it to false) on the key and on the KeyPolicy.",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        noExplicitPolicy:
            "KMS key '{{key}}' has no explicit key policy: neither its policy input nor an aws.kms.KeyPolicy sets one, so AWS " +
            "applies its default policy, which hands the key to every IAM principal of the account allowed kms:* by IAM. Set " +
            "policy on the key, or add an aws.kms.KeyPolicy for it, naming the administrators and users of the key.",
        keyBypassesLockoutCheck:
            "KMS key '{{key}}' sets bypassPolicyLockoutSafetyCheck: true, so AWS accepts a key policy that locks every " +
            "principal out of the key. Remove bypassPolicyLockoutSafetyCheck (or set it to false).",
        keyPolicyBypassesLockoutCheck:
            "Key policy '{{keyPolicy}}' sets bypassPolicyLockoutSafetyCheck: true, so AWS accepts a key policy that locks every " +
            "principal out of the key. Remove bypassPolicyLockoutSafetyCheck (or set it to false).",
    },
    checkStack(stack, ctx) {
        const keys = stack.ofType(...keyTypes);
        const keyPolicies = stack.ofType(...keyPolicyTypes);
        if (keys.length === 0 && keyPolicies.length === 0) {
            ctx.notApplicable("the stack has no KMS keys or key policies");
        }
        // A KeyPolicy that bypasses the check is wrong whichever key it is for, in the stack or not.
        for (const keyPolicy of keyPolicies) {
            checkBypass(ctx, keyPolicy, () => ctx.report("keyPolicyBypassesLockoutCheck", { keyPolicy: keyPolicy.name }, keyPolicy.urn));
        }
        for (const key of keys) {
            checkBypass(ctx, key, () => ctx.report("keyBypassesLockoutCheck", { key: key.name }, key.urn));
            const keyPolicyResources = keyPoliciesOf(stack, key);
            if (keyPolicyResources.resources.length > 0) {
                continue;
            }
            const inline = declaresPolicy(key);
            if (inline === true) {
                continue;
            }
            if (inline === UNKNOWN) {
                ctx.undecided("its declared inputs were not recorded, so whether it declares a policy is unknown", key.urn);
            } else if (keyPolicyResources.unresolved.length > 0) {
                ctx.undecided(`whether ${keyPolicyResources.unresolved.map((p) => `'${p.name}'`).join(", ")} sets its policy is unknown`, key.urn);
            } else {
                ctx.report("noExplicitPolicy", { key: key.name }, key.urn);
            }
        }
    },
});

function checkBypass(ctx: CheckContext<{}>, node: Node, report: () => void): void {
    const bypass = bool(node.inputs.bypassPolicyLockoutSafetyCheck);
    if (bypass === true) {
        report();
    } else if (bypass === UNKNOWN) {
        ctx.undecided("bypassPolicyLockoutSafetyCheck is unknown", node.urn);
    }
}

/**
 * Whether the program sets the key's policy input. A value unknown at preview is set (it is an
 * output of another resource); an empty string is not (the provider treats it as unset).
 */
function declaresPolicy(key: Node): boolean | Unknown {
    if (!key.declared) {
        return UNKNOWN;
    }
    const policy = key.inputs.policy;
    if (isUnknown(policy)) {
        return true;
    }
    return policy !== undefined && policy !== null && policy !== "";
}

import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, bool, str } from "../lib/values";

const subject = "ElastiCache {{kind}} '{{resource}}'";

export const elastiCacheReplicationGroupEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "elasticache-replication-group-encryption-customer-managed-key",
    description: "ElastiCache replication groups and serverless caches must encrypt data at rest with a customer-managed KMS key (kmsKeyId).",
    rationale:
        "A Redis OSS replication group without atRestEncryptionEnabled writes its data unencrypted to disk during sync, backup " +
        "and swap, and to the backups kept in S3; with encryption but no kmsKeyId (and in every serverless cache without one) " +
        "ElastiCache uses a key it manages itself, which no key policy governs. Caches hold sessions, tokens and copies of " +
        "database rows. A customer-managed key puts them behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.elasticache.ReplicationGroup or aws.elasticache.ServerlessCache",
    remediationSteps:
        "On an aws.elasticache.ReplicationGroup set atRestEncryptionEnabled: true and kmsKeyId to the ARN of a customer-managed " +
        "aws.kms.Key; on an aws.elasticache.ServerlessCache set kmsKeyId. At-rest encryption is chosen when the cache is created: " +
        "changing it replaces the cache (back it up and restore it into the new one). A key managed outside the stack can be " +
        "allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "ElastiCache.4",
        specification: "ElastiCache replication groups should be encrypted at rest",
    },
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("replication groups and serverless caches"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            `${subject} does not encrypt data at rest (atRestEncryptionEnabled is {{atRest}}). ` +
            "Set atRestEncryptionEnabled: true and kmsKeyId to the ARN of a customer-managed aws.kms.Key.",
        missingKey:
            `${subject} sets no {{setting}}, so ElastiCache encrypts it at rest with a key it manages itself. ` +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const groups = stack.ofType(...types.elastiCacheReplicationGroup);
        const caches = stack.ofType(...types.elastiCacheServerlessCache);
        if (groups.length === 0 && caches.length === 0) {
            ctx.notApplicable("the stack has no ElastiCache replication groups or serverless caches");
        }
        for (const group of groups) {
            const atRest = bool(group.inputs.atRestEncryptionEnabled);
            const key = classifyKey(stack, group, "kmsKeyId", ctx.config.allowedKeyArns);
            reportEncryption(
                ctx,
                atRestEncryption(atRest, group.inputs),
                key,
                { resource: group.name, kind: "replication group", setting: "kmsKeyId", flag: "atRestEncryptionEnabled", atRest: atRest === undefined ? "unset (off for the redis engine)" : String(atRest) },
                group.urn,
            );
        }
        // A serverless cache always encrypts at rest; only the key is the program's to choose.
        for (const cache of caches) {
            const key = classifyKey(stack, cache, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: cache.name, kind: "serverless cache", setting: "kmsKeyId" }, cache.urn);
        }
    },
});

/**
 * Whether a replication group encrypts at rest. Unset, it is off for the redis engine (the
 * default) and on for valkey. A secondary member of a global datastore inherits it from the
 * global datastore (whose primary group is judged on its own), so only its key is the member's
 * to choose.
 */
function atRestEncryption(atRest: boolean | Unknown | undefined, inputs: Record<string, unknown>): boolean | Unknown {
    if (atRest !== undefined) {
        return atRest;
    }
    const global = str(inputs.globalReplicationGroupId);
    if (global === UNKNOWN) {
        return UNKNOWN;
    }
    if (global !== undefined && global !== "") {
        return true;
    }
    const engine = str(inputs.engine) ?? "redis";
    return engine === UNKNOWN ? UNKNOWN : engine.toLowerCase() === "valkey";
}

import { definePolicy } from "../lib/policy";
import { bucketEncryption, configurationRules } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, at, list, str } from "../lib/values";

export const s3BucketBlockSseC = definePolicy({
    name: "s3-bucket-block-sse-c",
    description: "S3 buckets must block uploads encrypted with customer-provided keys (SSE-C).",
    rationale:
        "With SSE-C the key travels with each request and is never stored by AWS: KMS key policies, CloudTrail key-use " +
        "records and key rotation do not apply, a lost key makes the data unrecoverable, and a leaked key cannot be revoked. " +
        "Default encryption does not stop a client from choosing SSE-C; only blocking the encryption type does.",
    domain: "encryption-at-rest",
    severity: "medium",
    remediationSteps:
        "In the bucket's BucketServerSideEncryptionConfiguration (or inline serverSideEncryptionConfiguration), set " +
        "blockedEncryptionTypes: [\"SSE-C\"] on the rule next to applyServerSideEncryptionByDefault.",
    messages: {
        noEncryptionRule:
            "Bucket '{{bucket}}' has no encryption rule, so nothing blocks SSE-C uploads. Add a BucketServerSideEncryptionConfiguration " +
            "whose rule applies 'aws:kms' and sets blockedEncryptionTypes: [\"SSE-C\"].",
        sseCNotBlocked:
            "Bucket '{{bucket}}' accepts SSE-C uploads: the encryption rule declared on '{{declaredOn}}' does not list 'SSE-C' in " +
            "blockedEncryptionTypes. Set blockedEncryptionTypes: [\"SSE-C\"].",
    },
    remediation: {
        summary:
            "Adds 'SSE-C' to blockedEncryptionTypes on each rule of a BucketServerSideEncryptionConfiguration (updated in " +
            "place; it only narrows which uploads are accepted). A bucket with no encryption configuration, or with rules " +
            "inline on the bucket, is not changed: a fix never adds a resource, so that finding stays mandatory.",
        resourceTypes: [...types.bucketEncryption],
        fix(props) {
            return configurationRules(props).flatMap(({ path, rule }) => {
                const blocked = list(at(rule, "blockedEncryptionTypes"));
                if (blocked === UNKNOWN || blocked.some((b) => str(b) === UNKNOWN) || blocked.includes("SSE-C")) {
                    return [];
                }
                return [{ path: [...path, "blockedEncryptionTypes"], value: [...blocked, "SSE-C"] }];
            });
        },
    },
    checkStack(stack, ctx) {
        const buckets = stack.ofType(...types.bucket);
        if (buckets.length === 0) {
            ctx.notApplicable("the stack has no S3 buckets");
        }
        for (const bucket of buckets) {
            const encryption = bucketEncryption(stack, bucket);
            if (encryption.rules.length === 0) {
                if (encryption.mayHaveUnresolved) {
                    ctx.undecided("an encryption configuration's bucket is unknown", bucket.urn);
                } else {
                    ctx.report("noEncryptionRule", { bucket: bucket.name }, bucket.urn);
                }
                continue;
            }
            // Every rule must block SSE-C: a bucket declared two ways ends up with whichever was applied last.
            for (const rule of encryption.rules) {
                if (rule.blockedEncryptionTypes === UNKNOWN) {
                    ctx.undecided("blockedEncryptionTypes is unknown", bucket.urn);
                } else if (!rule.blockedEncryptionTypes.includes("SSE-C")) {
                    ctx.report("sseCNotBlocked", { bucket: bucket.name, declaredOn: rule.declaredOn.name }, bucket.urn);
                }
            }
        }
    },
});

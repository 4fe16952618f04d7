import { definePolicy } from "../lib/policy";
import { applyByDefault, bucketEncryption, configurationRules } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, at, bool, str } from "../lib/values";

export const s3BucketKeyEnabled = definePolicy({
    name: "s3-bucket-key-enabled",
    description: "S3 buckets encrypted with SSE-KMS should use an S3 Bucket Key.",
    rationale:
        "Without a bucket key S3 calls KMS for every object written or read: request costs grow with traffic and busy " +
        "buckets run into KMS request quotas (throttling reads and writes). A bucket key derives object keys inside S3 " +
        "from one KMS data key, cutting KMS calls by up to 99% while the KMS key still guards every object.",
    domain: "encryption-at-rest",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set bucketKeyEnabled: true on the rule of the bucket's BucketServerSideEncryptionConfiguration (or inline " +
        "serverSideEncryptionConfiguration) that applies 'aws:kms'. DSSE-KMS does not support bucket keys.",
    messages: {
        bucketKeyDisabled:
            "Bucket '{{bucket}}' uses SSE-KMS without an S3 Bucket Key (rule declared on '{{declaredOn}}'), so every object " +
            "read and write calls KMS. Set bucketKeyEnabled: true on the rule.",
    },
    remediation: {
        summary:
            "Sets bucketKeyEnabled: true on each rule of a BucketServerSideEncryptionConfiguration that applies 'aws:kms' " +
            "(updated in place; objects written before keep their encryption). Rules inline on the bucket are not changed.",
        resourceTypes: [...types.bucketEncryption],
        fix(props) {
            return configurationRules(props).flatMap(({ path, rule }) => {
                const enabled = bool(at(rule, "bucketKeyEnabled"));
                const kms = str(at(applyByDefault(rule), "sseAlgorithm")) === "aws:kms";
                return kms && (enabled === false || enabled === undefined) ? [{ path: [...path, "bucketKeyEnabled"], value: true }] : [];
            });
        },
    },
    checkStack(stack, ctx) {
        const buckets = stack.ofType(...types.bucket);
        if (buckets.length === 0) {
            ctx.notApplicable("the stack has no S3 buckets");
        }
        let applicable = 0;
        for (const bucket of buckets) {
            const encryption = bucketEncryption(stack, bucket);
            if (encryption.rules.length === 0 && encryption.mayHaveUnresolved) {
                applicable++;
                ctx.undecided("an encryption configuration's bucket is unknown", bucket.urn);
                continue;
            }
            let kms = false;
            for (const rule of encryption.rules) {
                if (rule.algorithm !== "aws:kms" && rule.algorithm !== UNKNOWN) {
                    continue;
                }
                kms = true;
                if (rule.bucketKeyEnabled === true) {
                    continue;
                }
                if (rule.algorithm === UNKNOWN || rule.bucketKeyEnabled === UNKNOWN) {
                    ctx.undecided(rule.algorithm === UNKNOWN ? "the encryption algorithm is unknown" : "bucketKeyEnabled is unknown", bucket.urn);
                } else {
                    ctx.report("bucketKeyDisabled", { bucket: bucket.name, declaredOn: rule.declaredOn.name }, bucket.urn);
                }
            }
            if (kms) {
                applicable++;
            }
        }
        if (applicable === 0) {
            ctx.notApplicable("no bucket in the stack is encrypted with SSE-KMS (aws:kms); bucket keys do not apply to DSSE-KMS or SSE-S3");
        }
    },
});

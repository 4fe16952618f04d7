import { definePolicy } from "../lib/policy";
import { applyByDefault, bucketEncryption, kmsAlgorithms } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, at, list, str } from "../lib/values";

export const s3BucketDefaultEncryptionKms = definePolicy({
    name: "s3-bucket-default-encryption-kms",
    description: "S3 buckets must have default encryption with SSE-KMS (aws:kms or aws:kms:dsse).",
    rationale:
        "SSE-KMS puts every read of an object behind a KMS permission and a CloudTrail record; SSE-S3 (AES256) " +
        "encrypts with a key anyone with s3:GetObject can use, so it protects only against lost disks.",
    domain: "encryption-at-rest",
    severity: "high",
    remediationSteps:
        "Give the bucket a BucketServerSideEncryptionConfiguration (or the inline serverSideEncryptionConfiguration) " +
        "whose rule applies sseAlgorithm 'aws:kms' with kmsMasterKeyId set to a customer-managed aws.kms.Key.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "S3.17", specification: "S3 general purpose buckets should be encrypted at rest with AWS KMS keys" },
    noRemediation: "moving default encryption to SSE-KMS makes every reader of new objects need kms:Decrypt on the key, so it can break readers; the key to use is the owner's choice",
    messages: {
        // Since January 5, 2023, S3 applies SSE-S3 to every bucket that declares no default encryption:
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
        noDefaultEncryption:
            "Bucket '{{bucket}}' declares no default encryption, so S3 encrypts its objects with SSE-S3 (S3-managed keys, AES256), as it does for every bucket since January 2023, not with a KMS key. " +
            "Add a server-side encryption configuration with sseAlgorithm 'aws:kms' and a customer-managed key.",
        notKms: "Bucket '{{bucket}}' is encrypted with '{{algorithm}}' (declared on '{{declaredOn}}'), not SSE-KMS. Set sseAlgorithm to 'aws:kms' with a customer-managed key.",
        configurationNotKms: "Encryption configuration '{{declaredOn}}' applies '{{algorithm}}', not SSE-KMS. Set sseAlgorithm to 'aws:kms' with a customer-managed key.",
    },
    resourceTypes: [...types.bucketEncryption],
    // A configuration that is wrong in itself is reported on itself, whatever bucket it is for.
    checkResource(config, ctx) {
        const rules = list(config.props.rules);
        for (const rule of rules === UNKNOWN ? [] : rules) {
            const algorithm = str(at(applyByDefault(rule), "sseAlgorithm"));
            if (typeof algorithm === "string" && !kmsAlgorithms.includes(algorithm)) {
                ctx.report("configurationNotKms", { declaredOn: config.name, algorithm });
            }
        }
    },
    checkStack(stack, ctx) {
        for (const bucket of stack.ofType(...types.bucket)) {
            const encryption = bucketEncryption(stack, bucket);
            if (encryption.rules.length === 0) {
                if (encryption.mayHaveUnresolved) {
                    ctx.undecided("an encryption configuration's bucket is unknown", bucket.urn);
                } else {
                    ctx.report("noDefaultEncryption", { bucket: bucket.name }, bucket.urn);
                }
                continue;
            }
            for (const rule of encryption.rules) {
                if (rule.algorithm === UNKNOWN) {
                    ctx.undecided("the encryption algorithm is unknown", bucket.urn);
                } else if (rule.algorithm === undefined || !kmsAlgorithms.includes(rule.algorithm)) {
                    ctx.report("notKms", { bucket: bucket.name, algorithm: rule.algorithm ?? "none", declaredOn: rule.declaredOn.name }, bucket.urn);
                }
            }
        }
    },
});

import { AllowedKeyArnsConfig, allowedKeyArnsParameter } from "../lib/customer-managed-keys";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { bucketEncryption, kmsAlgorithms, ruleKey } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN } from "../lib/values";

export const s3BucketEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "s3-bucket-encryption-customer-managed-key",
    description: "S3 buckets encrypted with SSE-KMS must name a customer-managed KMS key, not the AWS managed aws/s3 key.",
    rationale:
        "The AWS managed aws/s3 key's policy cannot be changed: every principal in the account with S3 access can decrypt " +
        "through it, it cannot be shared across accounts, and its use cannot be restricted or disabled. A customer-managed key " +
        "puts decryption behind a key policy the team controls, with its own rotation and deletion safeguards.",
    domain: "encryption-at-rest",
    severity: "high",
    remediationSteps:
        "Create an aws.kms.Key (with an explicit policy and enableKeyRotation: true) and set the encryption rule's " +
        "applyServerSideEncryptionByDefault.kmsMasterKeyId to its arn (or to an aws.kms.Alias of it), in the bucket's " +
        "BucketServerSideEncryptionConfiguration. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("buckets"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            "Bucket '{{bucket}}' applies '{{algorithm}}' without kmsMasterKeyId (declared on '{{declaredOn}}'), so S3 uses the AWS managed aws/s3 key. " +
            "Set kmsMasterKeyId to the ARN of a customer-managed aws.kms.Key.",
        awsManagedKey:
            "Bucket '{{bucket}}' encrypts with the AWS managed key '{{key}}' (declared on '{{declaredOn}}'). " +
            "Set kmsMasterKeyId to the ARN of a customer-managed aws.kms.Key.",
        notCustomerManaged:
            "Bucket '{{bucket}}' encrypts with KMS key '{{key}}' (declared on '{{declaredOn}}'), which is neither an aws.kms.Key or aws.kms.Alias " +
            "in this stack nor listed in allowedKeyArns. Use a customer-managed key from the stack, or add the key's ARN to allowedKeyArns.",
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
                const isKms = rule.algorithm === UNKNOWN ? UNKNOWN : rule.algorithm !== undefined && kmsAlgorithms.includes(rule.algorithm);
                if (isKms === false) {
                    continue;
                }
                kms = true;
                const key = ruleKey(stack, rule, ctx.config.allowedKeyArns);
                const data = { bucket: bucket.name, declaredOn: rule.declaredOn.name, algorithm: rule.algorithm };
                if (key.kind === "customer-managed") {
                    continue;
                }
                if (isKms === UNKNOWN) {
                    // A non-KMS algorithm would make the key irrelevant, so only a customer-managed key decides.
                    ctx.undecided("the encryption algorithm is unknown", bucket.urn);
                } else if (key.kind === "unknown") {
                    ctx.undecided("the KMS key is unknown and not linked to a key in the stack", bucket.urn);
                } else if (key.kind === "missing") {
                    ctx.report("missingKey", data, bucket.urn);
                } else if (key.kind === "aws-managed") {
                    ctx.report("awsManagedKey", { ...data, key: key.key }, bucket.urn);
                } else {
                    ctx.report("notCustomerManaged", { ...data, key: key.key }, bucket.urn);
                }
            }
            if (kms) {
                applicable++;
            }
        }
        if (applicable === 0) {
            ctx.notApplicable("no bucket in the stack is encrypted with SSE-KMS (aws:kms or aws:kms:dsse)");
        }
    },
});

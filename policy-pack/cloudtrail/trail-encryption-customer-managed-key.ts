import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";

const subject = "CloudTrail {{kind}} '{{resource}}'";

export const cloudTrailTrailEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "cloudtrail-trail-encryption-customer-managed-key",
    description: "CloudTrail trails and CloudTrail Lake event data stores must encrypt the events they keep with a customer-managed KMS key (kmsKeyId).",
    rationale:
        "A trail without kmsKeyId delivers its log files under its bucket's default encryption, SSE-S3 unless the bucket names a KMS " +
        "key, so anyone who can read the bucket reads every API call of the account; an event data store " +
        "without kmsKeyId keeps its events under a key AWS owns. With a customer-managed key, reading the events also takes kms:Decrypt " +
        "under a key policy the team controls, which attackers who reach the bucket rarely hold, and the key's use is itself logged.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.cloudtrail.Trail or aws.cloudtrail.EventDataStore",
    remediationSteps:
        "Set kmsKeyId on each aws.cloudtrail.Trail and aws.cloudtrail.EventDataStore to the ARN of a customer-managed aws.kms.Key whose " +
        "key policy lets cloudtrail.amazonaws.com use it for this account's trails (kms:GenerateDataKey* with an aws:SourceArn or " +
        "kms:EncryptionContext:aws:cloudtrail:arn condition) and lets the readers of the logs decrypt. A key managed outside the stack " +
        "can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "CloudTrail.2",
        specification: "CloudTrail should have encryption at-rest enabled",
    },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("trails and event data stores") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey: `${subject} sets no {{setting}}, so its events are kept under {{instead}}, not a customer-managed key it names. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const trails = stack.ofType(...types.cloudTrailTrail);
        const stores = stack.ofType(...types.cloudTrailEventDataStore);
        if (trails.length === 0 && stores.length === 0) {
            ctx.notApplicable("the stack has no CloudTrail trails or event data stores");
        }
        // Without kmsKeyId, CloudTrail writes log files under the bucket's default encryption (SSE-S3 unless the bucket
        // names a key), and an event data store uses a key AWS owns (AWS, CloudTrail User Guide, "Encrypting CloudTrail log
        // files, digest files, and event data stores with AWS KMS keys (SSE-KMS)").
        for (const trail of trails) {
            const key = classifyKey(stack, trail, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { kind: "trail", resource: trail.name, setting: "kmsKeyId", instead: "the destination bucket's default encryption (SSE-S3 unless the bucket names a KMS key)" }, trail.urn);
        }
        for (const store of stores) {
            const key = classifyKey(stack, store, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { kind: "event data store", resource: store.name, setting: "kmsKeyId", instead: "a key AWS owns" }, store.urn);
        }
    },
});

import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";

export const snsTopicEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "sns-topic-encryption-customer-managed-key",
    description: "SNS topics must be encrypted with a customer-managed KMS key (kmsMasterKeyId), not left without a KMS key or on the AWS managed aws/sns key.",
    rationale:
        "Without kmsMasterKeyId SNS stores a topic's messages under its own disk encryption only, behind no KMS permission. The AWS managed aws/sns key's policy cannot " +
        "be changed: every principal in the account allowed to use SNS can use it, and AWS services that publish to the topic (CloudWatch " +
        "alarms, S3 and EventBridge notifications) cannot be granted it. A customer-managed key puts the messages behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.sns.Topic",
    remediationSteps:
        "Set the topic's kmsMasterKeyId to the ARN (or an aws.kms.Alias) of an aws.kms.Key in the stack whose key policy lets the publishers, " +
        "including any AWS service that publishes to the topic, call kms:GenerateDataKey and kms:Decrypt. A key managed outside the stack can be " +
        "allowed by adding its ARN to allowedKeyArns.",
    // Retired from the Foundational Security Best Practices standard in April 2024; Security Hub
    // keeps it in its NIST SP 800-53 Rev. 5 standard.
    framework: { name: "AWS Security Hub NIST SP 800-53 Rev. 5", version: "5.0.0", reference: "SNS.1", specification: "SNS topics should be encrypted at-rest using AWS KMS" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("topics") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            "SNS topic '{{resource}}' sets no kmsMasterKeyId, so SNS stores its messages under its own disk encryption only, behind no KMS permission. " +
            "Set kmsMasterKeyId to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("SNS topic '{{resource}}'"),
    },
    withoutResourceSide: true,
    stackType: types.snsTopic[0],
    checkStack(stack, ctx) {
        const topics = stack.ofType(...types.snsTopic);
        for (const topic of topics) {
            const key = classifyKey(stack, topic, "kmsMasterKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: topic.name, setting: "kmsMasterKeyId" }, topic.urn);
        }
    },
});

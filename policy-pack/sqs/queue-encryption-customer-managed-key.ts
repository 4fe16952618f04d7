import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";

export const sqsQueueEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "sqs-queue-encryption-customer-managed-key",
    description: "SQS queues must be encrypted with a customer-managed KMS key (kmsMasterKeyId), not SSE-SQS or the AWS managed aws/sqs key.",
    rationale:
        "Without kmsMasterKeyId a queue is encrypted with SSE-SQS, under keys SQS owns that no policy of the account governs, or not at all. " +
        "The AWS managed aws/sqs key's policy cannot be changed: every principal in the account allowed to use SQS reads through it, and " +
        "producers in other accounts cannot be granted it. A customer-managed key puts every read behind a key policy the team controls, " +
        "logged in CloudTrail, that can be revoked.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.sqs.Queue",
    remediationSteps:
        "Set the queue's kmsMasterKeyId to the ARN (or an aws.kms.Alias) of an aws.kms.Key in the stack whose key policy lets the producers, " +
        "the consumers and any AWS service that sends to the queue use it (sqsManagedSseEnabled is then ignored). A key managed outside the " +
        "stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "SQS.1", specification: "Amazon SQS queues should be encrypted at rest" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("queues") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            "SQS queue '{{resource}}' sets no kmsMasterKeyId, so its messages are encrypted with keys SQS owns (SSE-SQS) or not at all. " +
            "Set kmsMasterKeyId to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("SQS queue '{{resource}}'"),
    },
    withoutResourceSide: true,
    stackType: types.sqsQueue[0],
    checkStack(stack, ctx) {
        const queues = stack.ofType(...types.sqsQueue);
        for (const queue of queues) {
            const key = classifyKey(stack, queue, "kmsMasterKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: queue.name, setting: "kmsMasterKeyId" }, queue.urn);
        }
    },
});

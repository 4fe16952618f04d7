import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";

const subject = "CloudWatch Logs log group '{{resource}}'";

export const cloudWatchLogGroupEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "cloudwatch-log-group-encryption-customer-managed-key",
    description: "CloudWatch Logs log groups must be encrypted with a customer-managed KMS key (kmsKeyId).",
    rationale:
        "Without kmsKeyId, CloudWatch Logs encrypts log data with a key of its own that no key policy governs: anyone with " +
        "logs:GetLogEvents or logs:StartQuery in the account reads what the applications log, which often includes request " +
        "payloads, tokens and personal data. A customer-managed key adds a key policy the team controls, a CloudTrail record " +
        "of every decryption, and a way to make the logs unreadable by disabling the key.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.cloudwatch.LogGroup",
    remediationSteps:
        "Set the log group's kmsKeyId to the ARN of a customer-managed aws.kms.Key (CloudWatch Logs takes a key ARN, not an alias). " +
        "The key policy must let the service principal logs.<region>.amazonaws.com use the key (kms:Encrypt, kms:Decrypt, " +
        "kms:ReEncryptFrom, kms:ReEncryptTo, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext), scoped with a " +
        "kms:EncryptionContext:aws:logs:arn condition naming the log group's ARN. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("log groups"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            `${subject} sets no {{setting}}, so CloudWatch Logs encrypts it with a key of its own that no key policy controls. ` +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key whose key policy lets logs.<region>.amazonaws.com use it.",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.logGroup[0],
    checkStack(stack, ctx) {
        const groups = stack.ofType(...types.logGroup);
        for (const group of groups) {
            const key = classifyKey(stack, group, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: group.name, setting: "kmsKeyId" }, group.urn);
        }
    },
});

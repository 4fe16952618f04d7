import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { noSafeFix } from "../lib/remediation";

const subject = "Timestream database '{{resource}}'";

export const timestreamDatabaseEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "timestream-database-encryption-customer-managed-key",
    description: "Timestream for LiveAnalytics databases must encrypt their tables with a customer-managed KMS key (kmsKeyId).",
    rationale:
        "Without kmsKeyId a Timestream database encrypts every table's memory and magnetic store with the AWS managed " +
        "aws/timestream key, whose key policy nobody can change: anyone allowed to query the tables reads the data, and " +
        "access cannot be cut off, audited or shared across accounts through the key. A customer-managed key puts the " +
        "time series behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.timestreamwrite.Database",
    remediationSteps:
        "Set the database's kmsKeyId to the ARN of an aws.kms.Key in the stack. A key managed outside the stack can be allowed " +
        "by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("databases") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            `${subject} sets no {{setting}}, so Timestream encrypts its tables with the AWS managed aws/timestream key. ` +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages(subject),
    },
    // With a resource side, so that the check reads the declared kmsKeyId: the deployed database's
    // outputs hold the ARN of the key Timestream chose, the AWS managed key's when none was declared.
    stackType: types.timestreamDatabase[0],
    checkStack(stack, ctx) {
        for (const database of stack.ofType(...types.timestreamDatabase)) {
            const key = classifyKey(stack, database, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: database.name, setting: "kmsKeyId" }, database.urn);
        }
    },
});

import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, at, bool, list } from "../lib/values";

export const dynamodbTableEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "dynamodb-table-encryption-customer-managed-key",
    description: "DynamoDB tables (and their global-table replicas) must be encrypted with a customer-managed KMS key, not an AWS owned or the AWS managed aws/dynamodb key.",
    rationale:
        "Without serverSideEncryption, or with enabled: false, DynamoDB encrypts a table with a key AWS owns, which the account can neither " +
        "see, audit nor revoke. With enabled: true but no kmsKeyArn it uses the AWS managed aws/dynamodb key, whose policy cannot be changed: " +
        "every principal in the account allowed to read the table can decrypt it. A customer-managed key puts every read behind a key policy " +
        "the team controls, logged in CloudTrail.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.dynamodb.Table (its replicas' keys included)",
    remediationSteps:
        "Set serverSideEncryption: { enabled: true, kmsKeyArn: <the ARN of an aws.kms.Key in the stack> } on the aws.dynamodb.Table, and " +
        "kmsKeyArn on each of its replicas (to a key in the replica's Region). The change re-encrypts the table in place. A key managed " +
        "outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("tables") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        awsOwnedKey:
            "DynamoDB table '{{resource}}' {{how}}, so it is encrypted with a key AWS owns, which the account cannot govern. " +
            "Set serverSideEncryption to { enabled: true, kmsKeyArn: <the ARN of a customer-managed aws.kms.Key> }.",
        missingKey:
            "DynamoDB table '{{resource}}' sets no {{setting}}, so DynamoDB uses the AWS managed aws/dynamodb key{{where}}. " +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("DynamoDB table '{{resource}}'"),
    },
    withoutResourceSide: true,
    stackType: types.dynamodbTable[0],
    checkStack(stack, ctx) {
        const tables = stack.ofType(...types.dynamodbTable);
        const allowed = ctx.config.allowedKeyArns;
        for (const table of tables) {
            const data = { resource: table.name };
            const sse = at(table.inputs.serverSideEncryption, 0);
            const enabled = sse === UNKNOWN ? UNKNOWN : bool(at(sse, "enabled"));
            if (enabled === UNKNOWN) {
                ctx.undecided("serverSideEncryption.enabled is unknown", table.urn);
                continue;
            }
            if (enabled !== true) {
                const how = sse === undefined || sse === null ? "sets no serverSideEncryption" : "does not set serverSideEncryption.enabled to true";
                ctx.report("awsOwnedKey", { ...data, how }, table.urn);
                continue;
            }
            const key = classifyKey(stack, table, "serverSideEncryption", allowed, { value: at(sse, "kmsKeyArn") });
            reportKey(ctx, key, { ...data, setting: "serverSideEncryption.kmsKeyArn", where: "" }, table.urn);
            const replicas = list(table.inputs.replicas);
            if (replicas === UNKNOWN) {
                ctx.undecided("replicas is unknown", table.urn);
                continue;
            }
            replicas.forEach((replica, i) => {
                const region = at(replica, "regionName");
                const replicaKey = classifyKey(stack, table, "replicas", allowed, { value: at(replica, "kmsKeyArn"), shared: true });
                const where = typeof region === "string" ? ` in ${region}` : "";
                reportKey(ctx, replicaKey, { ...data, setting: `replicas[${i}].kmsKeyArn`, where }, table.urn);
            });
        }
    },
});

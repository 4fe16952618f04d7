import { cloudWatchLogGroupEncryptionCustomerManagedKey } from "../../policy-pack/cloudwatch/log-group-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, aliasArn, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey, region } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = cloudWatchLogGroupEncryptionCustomerManagedKey;
const logGroupType = "aws:cloudwatch/logGroup:LogGroup";

const logGroup = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(logGroupType, name, { name: `/aws/lambda/${name}`, retentionInDays: 30, ...inputs }, extra);

/** A log group as a stack export records it after deployment: outputs carry the ARN, and "" for a kmsKeyId never set. */
const deployedLogGroup = (name: string, inputs: Record<string, unknown>) =>
    resource(logGroupType, name, { name: `/aws/lambda/${name}`, ...inputs }, {
        outputs: { id: `/aws/lambda/${name}`, arn: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${name}`, name: `/aws/lambda/${name}`, kmsKeyId: "", logGroupClass: "STANDARD", retentionInDays: 0, ...inputs },
    });

caseTable(policy, [
    { name: "pass_key_arn", resources: [key, logGroup("pass_key_arn", { kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_deployed_export_shape", resources: [key, deployedLogGroup("pass_deployed", { kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_key_as_secret", resources: [key, logGroup("pass_secret", { kmsKeyId: secret(dataKeyArn) })], expect: [] },
    { name: "pass_alias_arn_of_stack_key", resources: [key, alias, logGroup("pass_alias", { kmsKeyId: aliasArn })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, logGroup("pass_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [logGroup("pass_allowed", { kmsKeyId: externalKeyArn })],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_no_key", resources: [key, logGroup("fail_no_key", {})], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_no_key_deployed_export_shape", resources: [deployedLogGroup("fail_deployed", {})], expect: [{ on: "fail_deployed", id: "missingKey" }] },
    { name: "fail_empty_key", resources: [logGroup("fail_empty", { kmsKeyId: "" })], expect: [{ on: "fail_empty", id: "missingKey" }] },
    {
        name: "fail_aws_managed_alias_even_linked_to_a_stack_key",
        resources: [key, logGroup("fail_aws_alias", { kmsKeyId: awsManagedAliasArn("logs") }, { propertyDependencies: dependsOn({ kmsKeyId: [key] }) })],
        expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }],
    },
    { name: "fail_external_key_not_allowed", resources: [key, logGroup("fail_external", { kmsKeyId: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    {
        name: "fail_only_the_group_without_a_key",
        resources: [key, logGroup("pass_neighbour", { kmsKeyId: dataKeyArn }), logGroup("fail_neighbour", {})],
        expect: [{ on: "fail_neighbour", id: "missingKey" }],
    },
    { name: "unknown_key_not_linked", resources: [key, logGroup("unknown_key", { kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_log_groups_in_the_stack", resources: [key], expect: [], notApplicable: [] },
    { name: "unknown_arn_of_a_new_key_named_by_a_known_arn", resources: [newKey(), logGroup("unknown_new_key", { kmsKeyId: dataKeyArn })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [
    { name: "na_no_log_groups", resources: [key, resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs" })], reason: "Policy only applies to resources of type 'aws:cloudwatch/logGroup:LogGroup'" },
]);

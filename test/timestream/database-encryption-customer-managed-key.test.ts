import { timestreamDatabaseEncryptionCustomerManagedKey } from "../../policy-pack/timestream/database-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey, region } from "../lib/data-store-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = timestreamDatabaseEncryptionCustomerManagedKey;
const databaseType = "aws:timestreamwrite/database:Database";

const database = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(databaseType, name, { databaseName: name.replace(/_/g, "-"), ...inputs }, extra);

/** A database as a stack export records it: Timestream reports the key it uses, the AWS managed key's ARN when none was set. */
const deployedDatabase = (name: string, inputs: Record<string, unknown>, kmsKeyId: string) =>
    resource(databaseType, name, { databaseName: name, ...inputs }, {
        outputs: { id: name, arn: `arn:aws:timestream:${region}:${account}:database/${name}`, databaseName: name, kmsKeyId, tableCount: 0 },
    });

caseTable(policy, [
    { name: "pass_key_arn", resources: [key, database("pass_key_arn", { kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_alias_name", resources: [key, alias, database("pass_alias", { kmsKeyId: "alias/data" })], expect: [] },
    { name: "pass_deployed_export_shape", resources: [key, deployedDatabase("pass_deployed", { kmsKeyId: dataKeyArn }, dataKeyArn)], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, database("pass_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [database("pass_allowed", { kmsKeyId: externalKeyArn })], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_no_key", resources: [key, database("fail_no_key", {})], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    // The program declared no key: the ARN Timestream reports is the AWS managed key's.
    { name: "fail_no_key_deployed_export_shape", resources: [key, deployedDatabase("fail_deployed", {}, `arn:aws:kms:${region}:${account}:key/5a6b7c8d-1234-4e5f-9a0b-1c2d3e4f5a6b`)], expect: [{ on: "fail_deployed", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [database("fail_aws_alias", { kmsKeyId: awsManagedAliasArn("timestream") })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, database("fail_external", { kmsKeyId: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_key_not_linked", resources: [key, database("unknown_key", { kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "na_no_databases_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_databases", resources: [key], reason: `Policy only applies to resources of type '${databaseType}'` }]);

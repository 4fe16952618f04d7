import { dynamodbTableEncryptionCustomerManagedKey } from "../../policy-pack/dynamodb/table-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, key, keyArn, keySettingCases, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = dynamodbTableEncryptionCustomerManagedKey;
const tableType = "aws:dynamodb/table:Table";

/** A deployed table with a hash key; its outputs carry its name (the id) and ARN. */
function table(name: string, inputs: Record<string, unknown>, extra = {}) {
    const base = { name, billingMode: "PAY_PER_REQUEST", hashKey: "id", attributes: [{ name: "id", type: "S" }] };
    return resource(tableType, name, { ...base, ...inputs }, { outputs: { ...base, id: name, arn: `arn:aws:dynamodb:us-east-1:${account}:table/${name}`, ...inputs }, ...extra });
}

const sse = (kmsKeyArn: unknown) => ({ serverSideEncryption: { enabled: true, ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }) } });

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "table",
        service: "dynamodb",
        build: (name, kmsKeyArn, dependsOnKey) => [table(name, sse(kmsKeyArn), dependsOnKey ? { propertyDependencies: dependsOn({ serverSideEncryption: [dependsOnKey] }) } : {})],
    }),
    { name: "fail_no_server_side_encryption", resources: [key, table("fail_table_owned", {})], expect: [{ on: "fail_table_owned", id: "awsOwnedKey" }] },
    {
        name: "fail_encryption_disabled_with_a_key",
        resources: [key, table("fail_table_disabled", { serverSideEncryption: { enabled: false, kmsKeyArn: keyArn } })],
        expect: [{ on: "fail_table_disabled", id: "awsOwnedKey" }],
    },
    { name: "fail_empty_legacy_list", resources: [key, table("fail_table_empty_list", { serverSideEncryption: [] })], expect: [{ on: "fail_table_empty_list", id: "awsOwnedKey" }] },
    { name: "pass_legacy_list_shape", resources: [key, table("pass_table_list", { serverSideEncryption: [{ enabled: true, kmsKeyArn: keyArn }] })], expect: [] },
    {
        name: "pass_replicas_with_keys",
        resources: [key, alias, table("pass_table_replicas", { ...sse(keyArn), replicas: [{ regionName: "eu-west-1", kmsKeyArn: "alias/data-stores" }] })],
        expect: [],
    },
    {
        name: "fail_replica_without_key",
        resources: [key, table("fail_table_replica", { ...sse(keyArn), replicas: [{ regionName: "eu-west-1" }] })],
        expect: [{ on: "fail_table_replica", id: "missingKey" }],
    },
    {
        name: "fail_known_replica_key_beside_a_linked_unknown_one",
        resources: [
            key,
            table("fail_table_replica_mixed", { ...sse(keyArn), replicas: [{ regionName: "eu-west-1", kmsKeyArn: unknown.string }, { regionName: "eu-central-1", kmsKeyArn: "arn:aws:kms:eu-central-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321" }] }, {
                propertyDependencies: dependsOn({ replicas: [key] }),
            }),
        ],
        expect: [{ on: "fail_table_replica_mixed", id: "notCustomerManaged" }],
    },
    {
        name: "pass_whole_block_unknown_but_linked_to_a_key",
        resources: [newKey, table("pass_table_block_linked", { serverSideEncryption: { enabled: true, kmsKeyArn: unknown.string } }, { propertyDependencies: dependsOn({ serverSideEncryption: [newKey] }) })],
        expect: [],
    },
    { name: "unknown_whole_block", resources: [key, table("unknown_table_block", { serverSideEncryption: unknown.object })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_enabled", resources: [key, table("unknown_table_enabled", { serverSideEncryption: { enabled: unknown.bool, kmsKeyArn: keyArn } })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_tables_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_tables", resources: [key], reason: "Policy only applies to resources of type 'aws:dynamodb/table:Table'" }]);

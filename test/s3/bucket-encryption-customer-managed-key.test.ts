import { s3BucketEncryptionCustomerManagedKey } from "../../policy-pack/s3/bucket-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import {
    account,
    alias,
    bucket,
    bucketV2Type,
    config,
    configV2Type,
    encryptedBucket,
    externalKeyArn,
    inlineEncryptedBucket,
    key,
    keyArn,
    keyId,
    newBucket,
    rule,
    stackNotApplicable,
} from "./s3-fixtures";

const policy = s3BucketEncryptionCustomerManagedKey;

caseTable(policy, [
    { name: "pass_separate_configuration_key_arn", resources: [key, ...encryptedBucket("pass_key_arn")], expect: [] },
    { name: "pass_inline_key_arn", resources: [key, inlineEncryptedBucket("pass_inline")], expect: [] },
    { name: "pass_legacy_bucket_v2_and_configuration_v2", resources: [key, bucket("pass_v2", {}, bucketV2Type), config("pass_v2-sse", "pass_v2", [rule()], {}, configV2Type)], expect: [] },
    // @pulumi/aws 6's BucketV2 holds the inline block as lists.
    { name: "pass_legacy_list_shaped_key_arn", resources: [key, bucket("pass_lists", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }], bucketKeyEnabled: true }] }] }, bucketV2Type)], expect: [] },
    {
        name: "fail_legacy_list_shaped_aws_managed_alias",
        resources: [key, bucket("fail_lists_aws", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }], bucketKeyEnabled: true }] }] }, bucketV2Type)],
        expect: [{ on: "fail_lists_aws", id: "awsManagedKey" }],
    },
    { name: "pass_key_id", resources: [key, ...encryptedBucket("pass_key_id", { key: keyId })], expect: [] },
    { name: "pass_alias_name", resources: [key, alias, ...encryptedBucket("pass_alias_name", { key: "alias/data" })], expect: [] },
    { name: "pass_alias_arn", resources: [key, alias, ...encryptedBucket("pass_alias_arn", { key: `arn:aws:kms:us-east-1:${account}:alias/data` })], expect: [] },
    {
        name: "pass_replica_key_in_stack",
        resources: (() => {
            const replicaArn = `arn:aws:kms:eu-west-1:${account}:key/mrk-1234abcd12ab34cd56ef1234567890ab`;
            const replica = resource("aws:kms/replicaKey:ReplicaKey", "data-key-replica", { primaryKeyArn: keyArn }, { outputs: { id: "mrk-1234abcd12ab34cd56ef1234567890ab", arn: replicaArn } });
            return [replica, ...encryptedBucket("pass_replica", { key: replicaArn })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_key_joined_to_external_key",
        resources: (() => {
            const external = resource("aws:kms/externalKey:ExternalKey", "imported-key", { description: "imported" });
            const b = newBucket("pass_external_joined");
            return [external, b, config("pass_external_joined-sse", unknown.string, [rule({ key: unknown.string })], { propertyDependencies: dependsOn({ bucket: [b], rules: [external] }) })];
        })(),
        expect: [],
    },
    { name: "pass_dsse_with_customer_key", resources: [key, ...encryptedBucket("pass_dsse", { algorithm: "aws:kms:dsse" })], expect: [] },
    { name: "pass_rule_as_single_object", resources: [key, bucket("pass_single"), config("pass_single-sse", "pass_single", rule())], expect: [] },
    { name: "pass_key_as_secret", resources: [key, ...encryptedBucket("pass_secret", { key: secret(key.outputs!.arn) })], expect: [] },
    {
        name: "pass_allowed_external_key",
        resources: encryptedBucket("pass_allowed", { key: externalKeyArn }),
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    {
        name: "pass_unknown_key_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_joined");
            return [key, b, config("pass_joined-sse", unknown.string, [rule({ key: unknown.string })], { propertyDependencies: dependsOn({ bucket: [b], rules: [key] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_inline_key_joined_by_dependencies",
        resources: [key, inlineEncryptedBucket("pass_inline_joined", { key: unknown.string }, undefined, { propertyDependencies: dependsOn({ serverSideEncryptionConfiguration: [key] }) })],
        expect: [],
    },
    {
        name: "pass_unknown_key_joined_to_alias",
        resources: (() => {
            const b = newBucket("pass_alias_joined");
            return [key, alias, b, config("pass_alias_joined-sse", unknown.string, [rule({ key: unknown.string })], { propertyDependencies: dependsOn({ bucket: [b], rules: [alias] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_algorithm_with_customer_key",
        resources: [key, ...encryptedBucket("pass_unknown_algorithm", { algorithm: unknown.string })],
        expect: [],
    },
    { name: "fail_missing_key", resources: encryptedBucket("fail_missing", { key: undefined }), expect: [{ on: "fail_missing", id: "missingKey" }] },
    { name: "fail_missing_key_inline_legacy_v2", resources: [inlineEncryptedBucket("fail_missing_v2", { key: undefined }, bucketV2Type)], expect: [{ on: "fail_missing_v2", id: "missingKey" }] },
    { name: "fail_empty_key", resources: encryptedBucket("fail_empty", { key: "" }), expect: [{ on: "fail_empty", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [key, ...encryptedBucket("fail_aws_alias", { key: "alias/aws/s3" })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    {
        name: "fail_aws_managed_alias_arn",
        resources: encryptedBucket("fail_aws_alias_arn", { key: `arn:aws:kms:us-east-1:${account}:alias/aws/s3` }),
        expect: [{ on: "fail_aws_alias_arn", id: "awsManagedKey" }],
    },
    {
        name: "fail_aws_managed_alias_despite_key_dependency",
        resources: (() => {
            const b = bucket("fail_alias_dep");
            return [key, b, config("fail_alias_dep-sse", "fail_alias_dep", [rule({ key: "alias/aws/s3" })], { propertyDependencies: dependsOn({ rules: [key] }) })];
        })(),
        expect: [{ on: "fail_alias_dep", id: "awsManagedKey" }],
    },
    // An in-stack imported key whose ARN is unknown at preview: its ARN embeds its known id, so
    // another account's key ARN, which does not, is not it, whatever else about the key is known
    // (a short name the ARN happens to contain) or unknown (that name hidden). An unknown never
    // turns the verdict into a violation where the known value would leave it undecided.
    ...[
        { name: "fail_other_account_key_beside_external_key_with_unknown_arn", extra: { name: "a" } },
        { name: "fail_other_account_key_beside_external_key_with_unknown_arn_and_name", extra: { name: unknown.string } },
    ].map(({ name, extra }) => ({
        name,
        resources: [
            resource("aws:kms/externalKey:ExternalKey", "imported-key", { description: "imported", ...extra }, { outputs: { id: "mrk-5678efgh", arn: unknown.string, ...extra } }),
            ...encryptedBucket(name, { key: externalKeyArn }),
        ],
        expect: [{ on: name, id: "notCustomerManaged" }],
    })),
    {
        name: "unknown_key_arn_embedding_the_id_of_external_key_with_unknown_arn",
        resources: [
            resource("aws:kms/externalKey:ExternalKey", "imported-key", { description: "imported" }, { outputs: { id: "0987dcba-09fe-87dc-65ba-ab0987654321", arn: unknown.string } }),
            ...encryptedBucket("unknown_embedding_id", { key: externalKeyArn }),
        ],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "fail_external_key_not_allowed", resources: encryptedBucket("fail_external", { key: externalKeyArn }), expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "fail_dsse_without_key", resources: encryptedBucket("fail_dsse", { algorithm: "aws:kms:dsse", key: undefined }), expect: [{ on: "fail_dsse", id: "missingKey" }] },
    {
        name: "fail_only_the_bucket_without_customer_key",
        resources: [key, ...encryptedBucket("pass_neighbour"), ...encryptedBucket("fail_neighbour", { key: "alias/aws/s3" })],
        expect: [{ on: "fail_neighbour", id: "awsManagedKey" }],
    },
    {
        name: "fail_known_part_wins_over_unknown_part",
        resources: [key, bucket("fail_mixed", { serverSideEncryptionConfiguration: { rule: rule({ key: unknown.string }) } }), config("fail_mixed-sse", "fail_mixed", [rule({ key: undefined })])],
        expect: [{ on: "fail_mixed", id: "missingKey" }],
    },
    { name: "na_sse_s3_bucket_among_kms_buckets", resources: [key, ...encryptedBucket("pass_kms"), ...encryptedBucket("na_aes", { algorithm: "AES256", key: undefined })], expect: [] },
    { name: "unknown_key_without_dependencies", resources: [key, ...encryptedBucket("unknown_key", { key: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_key_arn_with_rule_naming_a_known_arn",
        resources: [resource("aws:kms/key:Key", "new-key", { description: "data" }, { outputs: { id: unknown.string, keyId: unknown.string, arn: unknown.string } }), ...encryptedBucket("unknown_new_key")],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_alias_name_with_rule_naming_a_known_alias",
        resources: [
            key,
            resource("aws:kms/alias:Alias", "new-alias", { name: unknown.string, targetKeyId: keyId }, { outputs: { name: unknown.string, arn: unknown.string, targetKeyId: keyId } }),
            ...encryptedBucket("unknown_alias", { key: "alias/data" }),
        ],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_alias_target_with_rule_naming_its_key_arn",
        resources: [
            resource("aws:kms/key:Key", "undeclared-key", { description: "data" }),
            resource("aws:kms/alias:Alias", "target-alias", { name: "alias/data", targetKeyId: keyId }, { outputs: { name: "alias/data", targetKeyId: keyId, targetKeyArn: unknown.string } }),
            ...encryptedBucket("unknown_alias_target"),
        ],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_algorithm_without_key", resources: encryptedBucket("unknown_algorithm", { algorithm: unknown.string, key: undefined }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_whole_inline_block", resources: [bucket("unknown_inline", { serverSideEncryptionConfiguration: unknown.object })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_configuration_bucket_without_dependencies",
        resources: [key, newBucket("unknown_join"), config("unknown_join-sse", unknown.string, [rule({ key: "alias/aws/s3" })])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [
    { name: "na_no_buckets", resources: [key], reason: "no S3 buckets" },
    { name: "na_sse_s3_only", resources: encryptedBucket("na_sse_s3", { algorithm: "AES256", key: undefined }), reason: "SSE-KMS" },
    { name: "na_bucket_without_encryption", resources: [bucket("na_none")], reason: "SSE-KMS" },
]);

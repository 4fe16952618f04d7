import { kmsKeySafeDeletion } from "../../policy-pack/kms/key-safe-deletion";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown, urn } from "../lib/fixtures";
import { account, deployedKey, keyArn, keyId, keyPolicyType, keyType } from "../lib/kms-fixtures";

const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "Administrators", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/key-admin` }, Action: ["kms:Describe*", "kms:PutKeyPolicy"], Resource: "*" }],
});
const compliant = { policy, enableKeyRotation: true, deletionWindowInDays: 30, isEnabled: true };
const key = (name: string, change: Record<string, unknown> = {}, type = keyType) => deployedKey(name, { ...compliant, ...change }, type);
const disabled = (name: string) => key(name, { isEnabled: false });

const encryptionType = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const encryption = (name: string, kmsMasterKeyId: unknown, extra = {}) =>
    resource(encryptionType, name, { bucket: "data", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId }, bucketKeyEnabled: true }] }, extra);

caseTable(kmsKeySafeDeletion, [
    // Deletion window (resource check)
    { name: "pass_baseline", resources: [key("pass_baseline")], expect: [] },
    { name: "pass_window_unset_is_aws_default", resources: [key("pass_unset", { deletionWindowInDays: undefined })], expect: [] },
    { name: "pass_window_as_secret", resources: [key("pass_secret", { deletionWindowInDays: secret(30) })], expect: [] },
    { name: "pass_custom_minimum", resources: [key("pass_custom", { deletionWindowInDays: 7 })], config: { "kms-key-safe-deletion": { minDeletionWindowDays: 7 } }, expect: [] },
    { name: "fail_window_seven_days", resources: [key("fail_seven", { deletionWindowInDays: 7 })], expect: [{ on: "fail_seven", id: "deletionWindowTooShort" }] },
    { name: "fail_window_numeric_string", resources: [key("fail_string", { deletionWindowInDays: "10" })], expect: [{ on: "fail_string", id: "deletionWindowTooShort" }] },
    { name: "fail_window_as_secret", resources: [key("fail_secret", { deletionWindowInDays: secret(14) })], expect: [{ on: "fail_secret", id: "deletionWindowTooShort" }] },
    {
        name: "fail_below_custom_minimum",
        resources: [key("fail_custom", { deletionWindowInDays: 14 })],
        config: { "kms-key-safe-deletion": { minDeletionWindowDays: 21 } },
        expect: [{ on: "fail_custom", id: "deletionWindowTooShort" }],
    },
    {
        name: "fail_external_key_window",
        resources: [key("fail_external", { isEnabled: undefined, enabled: true, deletionWindowInDays: 7 }, "aws:kms/externalKey:ExternalKey")],
        expect: [{ on: "fail_external", id: "deletionWindowTooShort" }],
    },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", { bucket: "na_bucket" })], expect: [], notApplicable: ["na_bucket"] },
    { name: "unknown_window", resources: [key("unknown_window", { deletionWindowInDays: unknown.number })], expect: [{ on: "unknown_window", id: "undecided" }] },

    // Disabled keys in use (stack check)
    { name: "pass_disabled_key_unused", resources: [disabled("pass_unused")], expect: [] },
    {
        name: "pass_disabled_key_with_only_a_key_policy",
        resources: [key("pass_policy_only", { isEnabled: false, policy: undefined }), resource(keyPolicyType, "pass_policy_only-policy", { keyId: keyId("pass_policy_only"), policy })],
        expect: [],
    },
    {
        name: "pass_disabled_key_only_ordered_by_depends_on",
        resources: [disabled("pass_depends_on"), resource("aws:s3/bucket:Bucket", "data", { bucket: "data" }, { dependencies: [urn(keyType, "pass_depends_on")] })],
        expect: [],
    },
    { name: "pass_enabled_key_in_use", resources: [key("pass_in_use"), encryption("data-sse", keyArn("pass_in_use"))], expect: [] },
    { name: "pass_enabled_unset_is_enabled", resources: [key("pass_enabled_unset", { isEnabled: undefined }), encryption("data-sse", keyArn("pass_enabled_unset"))], expect: [] },
    {
        name: "pass_other_key_disabled",
        resources: [key("pass_used"), disabled("pass_unused_other"), encryption("data-sse", keyArn("pass_used"))],
        expect: [],
    },
    {
        name: "fail_disabled_key_in_bucket_encryption_by_arn",
        resources: [disabled("fail_bucket_arn"), encryption("data-sse", keyArn("fail_bucket_arn"))],
        expect: [{ on: "fail_bucket_arn", id: "disabledKeyInUse" }],
    },
    {
        name: "fail_disabled_key_named_by_alias",
        resources: [disabled("fail_alias"), resource("aws:kms/alias:Alias", "data-alias", { name: "alias/data", targetKeyId: keyId("fail_alias") })],
        expect: [{ on: "fail_alias", id: "disabledKeyInUse" }],
    },
    {
        name: "fail_disabled_key_unknown_id_joined_by_dependencies",
        resources: (() => {
            const k = disabled("fail_joined");
            return [k, encryption("data-sse", unknown.string, { propertyDependencies: dependsOn({ rules: [k] }) })];
        })(),
        expect: [{ on: "fail_joined", id: "disabledKeyInUse" }],
    },
    {
        name: "fail_disabled_key_arn_in_policy_document",
        resources: [
            disabled("fail_document"),
            resource("aws:iam/rolePolicy:RolePolicy", "reader", {
                role: "app",
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn("fail_document") }] }),
            }),
        ],
        expect: [{ on: "fail_document", id: "disabledKeyInUse" }],
    },
    {
        name: "fail_disabled_as_secret",
        resources: [key("fail_secret_disabled", { isEnabled: secret(false) }), encryption("data-sse", keyArn("fail_secret_disabled"))],
        expect: [{ on: "fail_secret_disabled", id: "disabledKeyInUse" }],
    },
    {
        name: "fail_replica_key_disabled",
        resources: [
            key("fail_replica", { isEnabled: undefined, enabled: false, primaryKeyArn: keyArn("primary") }, "aws:kms/replicaKey:ReplicaKey"),
            encryption("data-sse", keyArn("fail_replica")),
        ],
        expect: [{ on: "fail_replica", id: "disabledKeyInUse" }],
    },
    {
        name: "fail_window_and_disabled_in_use",
        resources: [key("fail_both", { isEnabled: false, deletionWindowInDays: 7 }), encryption("data-sse", keyId("fail_both"))],
        expect: [
            { on: "fail_both", id: "deletionWindowTooShort" },
            { on: "fail_both", id: "disabledKeyInUse" },
        ],
    },
    {
        name: "unknown_enabled_on_used_key",
        resources: [key("unknown_enabled", { isEnabled: unknown.bool }), encryption("data-sse", keyArn("unknown_enabled"))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "pass_unknown_enabled_on_unused_key", resources: [key("pass_unknown_unused", { isEnabled: unknown.bool })], expect: [] },
    {
        name: "unknown_reference_without_dependencies",
        resources: [disabled("unknown_reference"), encryption("data-sse", unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "pass_unknown_reference_joined_to_another_key",
        resources: (() => {
            const other = key("pass_other_used");
            return [disabled("pass_disabled_spare"), other, encryption("data-sse", unknown.string, { propertyDependencies: dependsOn({ rules: [other] }) })];
        })(),
        expect: [],
    },
]);

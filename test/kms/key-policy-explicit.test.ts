import { kmsKeyPolicyExplicit } from "../../policy-pack/kms/key-policy-explicit";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { account, deployedKey, keyArn, keyId, keyPolicyType, keyType } from "../lib/kms-fixtures";

const document = {
    Version: "2012-10-17",
    Statement: [{ Sid: "Administrators", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/key-admin` }, Action: ["kms:Describe*", "kms:PutKeyPolicy"], Resource: "*" }],
};

/** A deployed key; its outputs show AWS's default policy whatever the program declared. */
const key = (name: string, inputs: Record<string, unknown> = { policy: JSON.stringify(document) }, type = keyType) => deployedKey(name, { enableKeyRotation: true, ...inputs }, type);
const keyPolicy = (name: string, keyRef: unknown, inputs: Record<string, unknown> = {}, extra = {}) =>
    resource(keyPolicyType, name, { keyId: keyRef, policy: JSON.stringify(document), ...inputs }, extra);

caseTable(kmsKeyPolicyExplicit, [
    { name: "pass_inline_policy_json_string", resources: [key("pass_inline")], expect: [] },
    { name: "pass_inline_policy_object", resources: [key("pass_object", { policy: document })], expect: [] },
    { name: "pass_inline_policy_as_secret", resources: [key("pass_secret", { policy: secret(JSON.stringify(document)) })], expect: [] },
    { name: "pass_inline_policy_unknown_at_preview", resources: [key("pass_unknown_policy", { policy: unknown.string })], expect: [] },
    { name: "pass_key_policy_by_key_id", resources: [key("pass_by_id", {}), keyPolicy("pass_by_id-policy", keyId("pass_by_id"))], expect: [] },
    { name: "pass_key_policy_by_key_arn", resources: [key("pass_by_arn", {}), keyPolicy("pass_by_arn-policy", keyArn("pass_by_arn"))], expect: [] },
    {
        name: "pass_key_policy_unknown_key_id_joined_by_dependencies",
        resources: (() => {
            const k = key("pass_joined", {});
            return [k, keyPolicy("pass_joined-policy", unknown.string, { policy: unknown.string }, { propertyDependencies: dependsOn({ keyId: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_with_policy", resources: [key("pass_external", undefined, "aws:kms/externalKey:ExternalKey")], expect: [] },
    { name: "pass_bypass_false", resources: [key("pass_bypass_false", { policy: JSON.stringify(document), bypassPolicyLockoutSafetyCheck: false })], expect: [] },
    { name: "fail_no_policy_although_outputs_show_default", resources: [key("fail_no_policy", {})], expect: [{ on: "fail_no_policy", id: "noExplicitPolicy" }] },
    { name: "fail_empty_policy_string", resources: [key("fail_empty", { policy: "" })], expect: [{ on: "fail_empty", id: "noExplicitPolicy" }] },
    {
        name: "fail_key_policy_for_a_key_outside_the_stack",
        resources: [key("fail_other_key", {}), keyPolicy("fail_other_key-policy", `arn:aws:kms:us-east-1:${account}:key/ffffffff-0000-0000-0000-000000000000`)],
        expect: [{ on: "fail_other_key", id: "noExplicitPolicy" }],
    },
    {
        name: "fail_key_policy_for_another_key_in_the_stack",
        resources: [key("fail_sibling", {}), key("pass_owner", {}), keyPolicy("pass_owner-policy", keyId("pass_owner"))],
        expect: [{ on: "fail_sibling", id: "noExplicitPolicy" }],
    },
    { name: "fail_replica_key_no_policy", resources: [key("fail_replica", { primaryKeyArn: keyArn("primary") }, "aws:kms/replicaKey:ReplicaKey")], expect: [{ on: "fail_replica", id: "noExplicitPolicy" }] },
    {
        name: "fail_key_bypasses_lockout_check",
        resources: [key("fail_key_bypass", { policy: JSON.stringify(document), bypassPolicyLockoutSafetyCheck: true })],
        expect: [{ on: "fail_key_bypass", id: "keyBypassesLockoutCheck" }],
    },
    {
        name: "fail_key_bypass_as_secret",
        resources: [key("fail_secret_bypass", { policy: JSON.stringify(document), bypassPolicyLockoutSafetyCheck: secret(true) })],
        expect: [{ on: "fail_secret_bypass", id: "keyBypassesLockoutCheck" }],
    },
    {
        name: "fail_key_policy_bypasses_lockout_check",
        resources: [key("pass_key", {}), keyPolicy("fail_policy_bypass", keyId("pass_key"), { bypassPolicyLockoutSafetyCheck: true })],
        expect: [{ on: "fail_policy_bypass", id: "keyPolicyBypassesLockoutCheck" }],
    },
    {
        name: "fail_bypass_and_no_policy",
        resources: [key("fail_both", { bypassPolicyLockoutSafetyCheck: "true" })],
        expect: [
            { on: "fail_both", id: "keyBypassesLockoutCheck" },
            { on: "fail_both", id: "noExplicitPolicy" },
        ],
    },
    { name: "na_no_keys", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", { bucket: "na_bucket" })], expect: [] },
    {
        name: "unknown_key_policy_key_id_without_dependencies",
        resources: [key("unknown_join", {}), keyPolicy("unknown_join-policy", unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_key_id_of_key_with_a_key_policy_naming_no_key_in_stack",
        resources: [
            resource(keyType, "unknown_own_id", { enableKeyRotation: true }, { outputs: { enableKeyRotation: true, id: unknown.string, arn: unknown.string } }),
            keyPolicy("unknown_own_id-policy", keyId("unknown_own_id")),
        ],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "fail_unknown_key_id_without_any_key_policy",
        resources: [resource(keyType, "fail_unknown_own_id", { enableKeyRotation: true }, { outputs: { enableKeyRotation: true, id: unknown.string, arn: unknown.string } })],
        expect: [{ on: "fail_unknown_own_id", id: "noExplicitPolicy" }],
    },
    {
        name: "unknown_bypass_flag",
        resources: [key("unknown_bypass", { policy: JSON.stringify(document), bypassPolicyLockoutSafetyCheck: unknown.bool })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_join_but_bypass_fails",
        resources: [key("fail_known_part", { bypassPolicyLockoutSafetyCheck: true }), keyPolicy("unknown_join_policy", unknown.string)],
        expect: [{ on: "fail_known_part", id: "keyBypassesLockoutCheck" }],
    },
]);

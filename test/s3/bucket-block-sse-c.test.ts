import { s3BucketBlockSseC } from "../../policy-pack/s3/bucket-block-sse-c";
import { caseTable } from "../lib/cases";
import { dependsOn, secret, unknown } from "../lib/fixtures";
import { bucket, bucketV2Type, config, configV2Type, encryptedBucket, inlineEncryptedBucket, key, newBucket, rule, stackNotApplicable } from "./s3-fixtures";

const policy = s3BucketBlockSseC;

caseTable(policy, [
    { name: "pass_separate_configuration", resources: [key, ...encryptedBucket("pass_separate")], expect: [] },
    { name: "pass_inline", resources: [key, inlineEncryptedBucket("pass_inline")], expect: [] },
    { name: "pass_legacy_bucket_v2_and_configuration_v2", resources: [bucket("pass_v2", {}, bucketV2Type), config("pass_v2-sse", "pass_v2", [rule()], {}, configV2Type)], expect: [] },
    { name: "pass_blocked_types_as_secret", resources: encryptedBucket("pass_secret", { blockedEncryptionTypes: secret(["SSE-C"]) }), expect: [] },
    { name: "pass_blocked_type_as_single_value", resources: encryptedBucket("pass_single", { blockedEncryptionTypes: "SSE-C" }), expect: [] },
    {
        name: "pass_unknown_bucket_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_joined");
            return [key, b, config("pass_joined-sse", unknown.string, [rule({ key: unknown.string })], { propertyDependencies: dependsOn({ bucket: [b], rules: [key] }) })];
        })(),
        expect: [],
    },
    { name: "fail_not_blocked", resources: encryptedBucket("fail_unset", { blockedEncryptionTypes: undefined }), expect: [{ on: "fail_unset", id: "sseCNotBlocked" }] },
    { name: "fail_unblocked_with_none", resources: encryptedBucket("fail_none_type", { blockedEncryptionTypes: ["NONE"] }), expect: [{ on: "fail_none_type", id: "sseCNotBlocked" }] },
    { name: "fail_empty_list", resources: [inlineEncryptedBucket("fail_empty_inline", { blockedEncryptionTypes: [] })], expect: [{ on: "fail_empty_inline", id: "sseCNotBlocked" }] },
    { name: "fail_no_encryption_rule", resources: [bucket("fail_no_rule")], expect: [{ on: "fail_no_rule", id: "noEncryptionRule" }] },
    { name: "fail_no_encryption_rule_legacy_v2", resources: [bucket("fail_no_rule_v2", {}, bucketV2Type)], expect: [{ on: "fail_no_rule_v2", id: "noEncryptionRule" }] },
    {
        name: "fail_inline_blocks_but_separate_does_not",
        resources: [inlineEncryptedBucket("fail_two_ways"), config("fail_two_ways-sse", "fail_two_ways", [rule({ blockedEncryptionTypes: undefined })])],
        expect: [{ on: "fail_two_ways", id: "sseCNotBlocked" }],
    },
    { name: "fail_sse_s3_rule_without_block", resources: encryptedBucket("fail_aes", { algorithm: "AES256", key: undefined, blockedEncryptionTypes: undefined }), expect: [{ on: "fail_aes", id: "sseCNotBlocked" }] },
    { name: "unknown_blocked_types", resources: encryptedBucket("unknown_blocked", { blockedEncryptionTypes: unknown.array }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_blocked_type_element", resources: encryptedBucket("unknown_element", { blockedEncryptionTypes: [unknown.string] }), expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_configuration_bucket_without_dependencies",
        resources: [newBucket("unknown_join"), config("unknown_join-sse", unknown.string, [rule()])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_buckets", resources: [key], reason: "no S3 buckets" }]);

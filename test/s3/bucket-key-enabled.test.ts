import { s3BucketKeyEnabled } from "../../policy-pack/s3/bucket-key-enabled";
import { caseTable } from "../lib/cases";
import { dependsOn, secret, unknown } from "../lib/fixtures";
import { bucket, bucketV2Type, config, configV2Type, encryptedBucket, inlineEncryptedBucket, key, newBucket, rule, stackNotApplicable } from "./s3-fixtures";

const policy = s3BucketKeyEnabled;

caseTable(policy, [
    { name: "pass_separate_configuration", resources: [key, ...encryptedBucket("pass_separate")], expect: [] },
    { name: "pass_inline", resources: [key, inlineEncryptedBucket("pass_inline")], expect: [] },
    { name: "pass_legacy_bucket_v2_and_configuration_v2", resources: [bucket("pass_v2", {}, bucketV2Type), config("pass_v2-sse", "pass_v2", [rule()], {}, configV2Type)], expect: [] },
    { name: "pass_enabled_as_string", resources: encryptedBucket("pass_string", { bucketKeyEnabled: "true" }), expect: [] },
    { name: "pass_enabled_as_secret", resources: encryptedBucket("pass_secret", { bucketKeyEnabled: secret(true) }), expect: [] },
    {
        name: "pass_unknown_bucket_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_joined");
            return [key, b, config("pass_joined-sse", unknown.string, [rule({ key: unknown.string })], { propertyDependencies: dependsOn({ bucket: [b], rules: [key] }) })];
        })(),
        expect: [],
    },
    { name: "pass_unknown_algorithm_with_bucket_key", resources: encryptedBucket("pass_unknown_algorithm", { algorithm: unknown.string }), expect: [] },
    { name: "na_dsse_without_bucket_key_among_kms", resources: [...encryptedBucket("pass_kms"), ...encryptedBucket("na_dsse", { algorithm: "aws:kms:dsse", bucketKeyEnabled: false })], expect: [] },
    { name: "fail_disabled", resources: encryptedBucket("fail_disabled", { bucketKeyEnabled: false }), expect: [{ on: "fail_disabled", id: "bucketKeyDisabled", level: "advisory" }] },
    { name: "fail_unset", resources: encryptedBucket("fail_unset", { bucketKeyEnabled: undefined }), expect: [{ on: "fail_unset", id: "bucketKeyDisabled", level: "advisory" }] },
    {
        name: "fail_inline_legacy_v2",
        resources: [inlineEncryptedBucket("fail_inline_v2", { bucketKeyEnabled: false }, bucketV2Type)],
        expect: [{ on: "fail_inline_v2", id: "bucketKeyDisabled", level: "advisory" }],
    },
    {
        name: "fail_mandatory_when_configured",
        resources: encryptedBucket("fail_mandatory", { bucketKeyEnabled: false }),
        config: { "s3-bucket-key-enabled": "mandatory" },
        expect: [{ on: "fail_mandatory", id: "bucketKeyDisabled", level: "mandatory" }],
    },
    { name: "unknown_bucket_key", resources: encryptedBucket("unknown_bucket_key", { bucketKeyEnabled: unknown.bool }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_algorithm_without_bucket_key", resources: encryptedBucket("unknown_algorithm", { algorithm: unknown.string, bucketKeyEnabled: false }), expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_configuration_bucket_without_dependencies",
        resources: [newBucket("unknown_join"), config("unknown_join-sse", unknown.string, [rule()])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [
    { name: "na_no_buckets", resources: [key], reason: "no S3 buckets" },
    { name: "na_dsse_only", resources: encryptedBucket("na_dsse", { algorithm: "aws:kms:dsse", bucketKeyEnabled: false }), reason: "DSSE-KMS" },
    { name: "na_sse_s3_only", resources: encryptedBucket("na_aes", { algorithm: "AES256", key: undefined, bucketKeyEnabled: false }), reason: "SSE-KMS" },
    { name: "na_no_encryption", resources: [bucket("na_none")], reason: "SSE-KMS" },
]);

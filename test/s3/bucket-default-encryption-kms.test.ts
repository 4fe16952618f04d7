import { s3BucketDefaultEncryptionKms } from "../../policy-pack/s3/bucket-default-encryption-kms";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";

const bucketType = "aws:s3/bucket:Bucket";
const configType = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const key = resource("aws:kms/key:Key", "data-key", { enableKeyRotation: true }, { outputs: { arn: keyArn, enableKeyRotation: true } });
const rule = (sseAlgorithm: unknown, kmsMasterKeyId: unknown = keyArn) => ({ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] });
const bucket = (name: string, inputs: Record<string, unknown> = {}, type = bucketType) => resource(type, name, { bucket: name, ...inputs }, { outputs: { bucket: name, id: name, ...inputs } });
const config = (name: string, bucketRef: unknown, rules: unknown[], extra = {}) => resource(configType, name, { bucket: bucketRef, rules }, extra);

const separate = (name: string, sseAlgorithm: unknown) => {
    const b = bucket(name);
    return [b, config(`${name}-sse`, name, [rule(sseAlgorithm)])];
};

caseTable(s3BucketDefaultEncryptionKms, [
    { name: "pass_separate_configuration", resources: [key, ...separate("pass_separate", "aws:kms")], expect: [] },
    { name: "pass_inline_dsse", resources: [bucket("pass_inline", { serverSideEncryptionConfiguration: { rule: rule("aws:kms:dsse") } })], expect: [] },
    { name: "pass_legacy_bucket_v2", resources: [bucket("pass_v2", { serverSideEncryptionConfiguration: { rule: rule("aws:kms") } }, "aws:s3/bucketV2:BucketV2")], expect: [] },
    {
        name: "pass_unknown_bucket_name_joined_by_dependencies",
        resources: (() => {
            const b = bucket("pass_joined");
            return [key, b, config("pass_joined-sse", unknown.string, [rule("aws:kms", unknown.string)], { propertyDependencies: dependsOn({ bucket: [b], rules: [key] }) })];
        })(),
        expect: [],
    },
    {
        name: "fail_sse_s3_separate",
        resources: separate("fail_sse_s3", "AES256"),
        expect: [
            { on: "fail_sse_s3", id: "notKms" },
            { on: "fail_sse_s3-sse", id: "configurationNotKms" },
        ],
    },
    {
        // @pulumi/aws 6's BucketV2 (and its Bucket) hold the inline block as lists.
        name: "pass_legacy_list_shaped_kms",
        resources: [
            key,
            bucket(
                "pass_lists",
                { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }], bucketKeyEnabled: true }] }] },
                "aws:s3/bucketV2:BucketV2",
            ),
        ],
        expect: [],
    },
    {
        name: "fail_legacy_list_shaped_sse_s3",
        resources: [bucket("fail_lists", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }] })],
        expect: [{ on: "fail_lists", id: "notKms" }],
    },
    {
        name: "unknown_legacy_list_shaped_block",
        resources: [bucket("unknown_lists", { serverSideEncryptionConfigurations: unknown.array }, "aws:s3/bucketV2:BucketV2")],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "fail_sse_s3_inline", resources: [bucket("fail_inline_aes", { serverSideEncryptionConfiguration: { rule: rule("AES256") } })], expect: [{ on: "fail_inline_aes", id: "notKms" }] },
    { name: "fail_no_encryption", resources: [bucket("fail_none")], expect: [{ on: "fail_none", id: "noDefaultEncryption" }] },
    { name: "fail_no_encryption_legacy_v2", resources: [bucket("fail_none_v2", {}, "aws:s3/bucketV2:BucketV2")], expect: [{ on: "fail_none_v2", id: "noDefaultEncryption" }] },
    {
        name: "fail_config_for_other_bucket",
        resources: [bucket("fail_other"), ...separate("pass_mine", "aws:kms")],
        expect: [{ on: "fail_other", id: "noDefaultEncryption" }],
    },
    { name: "na_no_buckets", resources: [key], expect: [] },
    {
        name: "unknown_algorithm",
        resources: [bucket("unknown_algo", { serverSideEncryptionConfiguration: { rule: rule(unknown.string) } })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_configuration_bucket_without_dependencies",
        resources: [bucket("unknown_join"), config("unknown_join-sse", unknown.string, [rule("aws:kms")])],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

import { expect } from "chai";
import { s3ObjectEncryptionKms } from "../../policy-pack/s3/object-encryption-kms";
import { caseTable, findings } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { bucket, bucketV2Type, encryptedBucket, inlineEncryptedBucket, key, keyArn, newBucket, objectCopyType, objectType, objectV2Type, stackNotApplicable } from "./s3-fixtures";

const policy = s3ObjectEncryptionKms;

/** A compliant object: explicit SSE-KMS with the stack's key. */
const object = (name: string, bucketRef: unknown, change: Record<string, unknown> = {}, type = objectV2Type, extra = {}) =>
    resource(type, name, { bucket: bucketRef, key: `${name}.json`, content: "{}", serverSideEncryption: "aws:kms", kmsKeyId: keyArn, ...change }, extra);
/** An object that names no encryption and relies on its bucket's default. */
const plainObject = (name: string, bucketRef: unknown, type = objectV2Type, extra = {}) => object(name, bucketRef, { serverSideEncryption: undefined, kmsKeyId: undefined }, type, extra);
const copy = (name: string, bucketRef: unknown, change: Record<string, unknown> = {}) =>
    resource(objectCopyType, name, { bucket: bucketRef, key: `${name}.json`, source: "source-bucket/data.json", ...change });

const kmsBucket = (name: string) => encryptedBucket(name);
const aesBucket = (name: string) => encryptedBucket(name, { algorithm: "AES256", key: undefined });

caseTable(policy, [
    { name: "pass_explicit_kms", resources: [key, ...aesBucket("data"), object("pass_explicit", "data")], expect: [] },
    { name: "pass_explicit_dsse", resources: [key, ...aesBucket("data"), object("pass_dsse", "data", { serverSideEncryption: "aws:kms:dsse" })], expect: [] },
    { name: "pass_kms_key_id_only", resources: [key, ...aesBucket("data"), object("pass_key_only", "data", { serverSideEncryption: undefined })], expect: [] },
    { name: "pass_explicit_kms_as_secret", resources: [key, ...aesBucket("data"), object("pass_secret", "data", { serverSideEncryption: secret("aws:kms") })], expect: [] },
    { name: "pass_bucket_default_kms", resources: [key, ...kmsBucket("data"), plainObject("pass_default", "data")], expect: [] },
    { name: "pass_bucket_default_kms_legacy_tokens", resources: [key, inlineEncryptedBucket("data", {}, bucketV2Type), plainObject("pass_legacy", "data", objectType)], expect: [] },
    { name: "pass_object_copy_explicit_kms", resources: [key, ...aesBucket("data"), copy("pass_copy", "data", { serverSideEncryption: "aws:kms", kmsKeyId: keyArn })], expect: [] },
    { name: "pass_object_copy_bucket_default_kms", resources: [key, ...kmsBucket("data"), copy("pass_copy_default", "data")], expect: [] },
    {
        name: "pass_unknown_bucket_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("data_new", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn } } } });
            return [key, b, plainObject("pass_joined", unknown.string, objectV2Type, { propertyDependencies: dependsOn({ bucket: [b] }) })];
        })(),
        expect: [],
    },
    { name: "pass_unknown_key_in_kms_bucket", resources: [key, ...kmsBucket("data"), object("pass_unknown_key", "data", { serverSideEncryption: undefined, kmsKeyId: unknown.string })], expect: [] },
    { name: "fail_explicit_sse_s3", resources: [key, ...kmsBucket("data"), object("fail_aes", "data", { serverSideEncryption: "AES256", kmsKeyId: undefined })], expect: [{ on: "fail_aes", id: "objectNotKms" }] },
    {
        name: "fail_explicit_sse_s3_legacy_bucket_object",
        resources: [key, ...kmsBucket("data"), object("fail_aes_legacy", "data", { serverSideEncryption: "AES256", kmsKeyId: undefined }, objectType)],
        expect: [{ on: "fail_aes_legacy", id: "objectNotKms" }],
    },
    { name: "fail_object_copy_sse_s3", resources: [key, ...kmsBucket("data"), copy("fail_copy_aes", "data", { serverSideEncryption: "AES256" })], expect: [{ on: "fail_copy_aes", id: "objectNotKms" }] },
    {
        name: "fail_object_copy_customer_key",
        resources: [key, ...kmsBucket("data"), copy("fail_sse_c", "data", { customerAlgorithm: "AES256", customerKey: secret("c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcyEhISE=") })],
        expect: [{ on: "fail_sse_c", id: "customerProvidedKey" }],
    },
    { name: "fail_bucket_default_sse_s3", resources: [...aesBucket("data"), plainObject("fail_default_aes", "data")], expect: [{ on: "fail_default_aes", id: "bucketDefaultNotKms" }] },
    { name: "fail_bucket_without_encryption", resources: [bucket("data"), plainObject("fail_no_default", "data", objectType)], expect: [{ on: "fail_no_default", id: "bucketDefaultNotKms" }] },
    { name: "fail_object_copy_bucket_default_sse_s3", resources: [...aesBucket("data"), copy("fail_copy_default", "data")], expect: [{ on: "fail_copy_default", id: "bucketDefaultNotKms" }] },
    { name: "fail_bucket_outside_stack", resources: [plainObject("fail_external", "someone-elses-bucket")], expect: [{ on: "fail_external", id: "bucketOutsideStack" }] },
    { name: "na_not_an_object", resources: [key, ...kmsBucket("na_bucket"), plainObject("pass_object", "na_bucket")], expect: [], notApplicable: ["data-key", "na_bucket", "na_bucket-sse"] },
    { name: "unknown_sse", resources: [key, ...kmsBucket("data"), object("unknown_sse", "data", { serverSideEncryption: unknown.string })], expect: [{ on: "unknown_sse", id: "undecided" }] },
    { name: "unknown_customer_key", resources: [key, ...kmsBucket("data"), copy("unknown_customer", "data", { serverSideEncryption: "aws:kms", customerKey: unknown.string })], expect: [{ on: "unknown_customer", id: "undecided" }] },
    { name: "unknown_bucket_without_dependencies", resources: [key, ...kmsBucket("data"), plainObject("unknown_bucket", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_bucket_default", resources: [...encryptedBucket("data", { algorithm: unknown.string }), plainObject("unknown_default", "data")], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_key_in_sse_s3_bucket", resources: [...aesBucket("data"), object("unknown_key", "data", { serverSideEncryption: undefined, kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_objects", resources: [key, ...kmsBucket("data")], reason: "no S3 objects" }]);

describe(`${policy.name} messages`, () => {
    it("never quote a customer-provided key", async () => {
        const customerKey = "c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcyEhISE=";
        const { result } = await findings(policy, [key, ...kmsBucket("data"), copy("fail_sse_c", "data", { customerAlgorithm: "AES256", customerKey: secret(customerKey) })]);
        const messages = result.diagnostics.filter((d) => d.policyName === policy.name).map((d) => d.message);
        expect(messages).to.have.length(1);
        expect(messages[0]).to.not.contain(customerKey);
    });
});

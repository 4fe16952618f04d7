import { kinesisStreamEncryptionCustomerManagedKey } from "../../policy-pack/kinesis/stream-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey, region } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = kinesisStreamEncryptionCustomerManagedKey;
const streamType = "aws:kinesis/stream:Stream";
const firehoseType = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const roleArn = `arn:aws:iam::${account}:role/firehose-delivery`;

const stream = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(streamType, name, { name: name.replace(/_/g, "-"), retentionPeriod: 24, streamModeDetails: { streamMode: "ON_DEMAND" }, ...inputs }, extra);
const kms = (kmsKeyId: unknown) => ({ encryptionType: "KMS", kmsKeyId });

/** A Direct PUT delivery stream to S3. */
const delivery = (name: string, serverSideEncryption: unknown, inputs: Record<string, unknown> = {}, extra = {}) =>
    resource(firehoseType, name, {
        name: name.replace(/_/g, "-"),
        destination: "extended_s3",
        extendedS3Configuration: { roleArn, bucketArn: "arn:aws:s3:::delivery-target" },
        ...(serverSideEncryption === undefined ? {} : { serverSideEncryption }),
        ...inputs,
    }, extra);
const customerKey = (keyArn: unknown, enabled: unknown = true) => ({ enabled, keyType: "CUSTOMER_MANAGED_CMK", ...(keyArn === undefined ? {} : { keyArn }) });

caseTable(policy, [
    { name: "pass_stream_with_stack_key", resources: [key, stream("pass_stream", kms(dataKeyArn))], expect: [] },
    { name: "pass_stream_with_alias_name", resources: [key, alias, stream("pass_alias", kms("alias/data"))], expect: [] },
    { name: "pass_key_as_secret", resources: [key, stream("pass_secret", kms(secret(dataKeyArn)))], expect: [] },
    { name: "pass_delivery_with_stack_key", resources: [key, delivery("pass_delivery", customerKey(dataKeyArn))], expect: [] },
    { name: "pass_delivery_block_as_list", resources: [key, delivery("pass_delivery_list", [customerKey(dataKeyArn)])], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [
                k,
                stream("pass_linked", kms(unknown.string), { propertyDependencies: dependsOn({ kmsKeyId: [k] }) }),
                delivery("pass_delivery_linked", customerKey(unknown.string), {}, { propertyDependencies: dependsOn({ serverSideEncryption: [k] }) }),
            ];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [stream("pass_allowed", kms(externalKeyArn))],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    {
        name: "pass_delivery_from_a_stream_is_judged_on_the_stream",
        resources: (() => {
            const source = stream("pass_source", kms(dataKeyArn));
            return [key, source, delivery("pass_from_stream", undefined, { kinesisSourceConfiguration: { kinesisStreamArn: `arn:aws:kinesis:${region}:${account}:stream/pass-source`, roleArn } })];
        })(),
        expect: [],
    },
    { name: "fail_stream_unencrypted_by_default", resources: [key, stream("fail_default", {})], expect: [{ on: "fail_default", id: "notEncrypted" }] },
    { name: "fail_stream_none", resources: [stream("fail_none", { encryptionType: "NONE" })], expect: [{ on: "fail_none", id: "notEncrypted" }] },
    { name: "fail_stream_kms_without_key", resources: [stream("fail_no_key", { encryptionType: "KMS" })], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_stream_aws_managed_alias", resources: [key, stream("fail_aws_alias", kms("alias/aws/kinesis"))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_stream_aws_managed_alias_arn", resources: [stream("fail_aws_alias_arn", kms(awsManagedAliasArn("kinesis")))], expect: [{ on: "fail_aws_alias_arn", id: "awsManagedKey" }] },
    { name: "fail_stream_external_key_not_allowed", resources: [key, stream("fail_external", kms(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "fail_delivery_without_encryption", resources: [key, delivery("fail_delivery_none", undefined)], expect: [{ on: "fail_delivery_none", id: "notEncrypted" }] },
    { name: "fail_delivery_disabled", resources: [delivery("fail_delivery_off", customerKey(dataKeyArn, false))], expect: [{ on: "fail_delivery_off", id: "notEncrypted" }] },
    { name: "fail_delivery_aws_owned_key_by_default", resources: [key, delivery("fail_delivery_owned", { enabled: true })], expect: [{ on: "fail_delivery_owned", id: "awsOwnedKey" }] },
    {
        name: "fail_delivery_aws_owned_key_whatever_the_switch",
        resources: [delivery("fail_delivery_owned_unknown", { enabled: unknown.bool, keyType: "AWS_OWNED_CMK" })],
        expect: [{ on: "fail_delivery_owned_unknown", id: "awsOwnedKey" }],
    },
    { name: "fail_delivery_customer_type_without_key", resources: [delivery("fail_delivery_no_key", customerKey(undefined))], expect: [{ on: "fail_delivery_no_key", id: "missingKey" }] },
    { name: "fail_delivery_aws_managed_alias", resources: [delivery("fail_delivery_alias", customerKey(awsManagedAliasArn("firehose")))], expect: [{ on: "fail_delivery_alias", id: "awsManagedKey" }] },
    // A stream's kmsKeyId is used only with encryptionType KMS.
    { name: "pass_unknown_stream_type_with_stack_key", resources: [key, stream("pass_unknown_type", { encryptionType: unknown.string, kmsKeyId: dataKeyArn })], expect: [] },
    { name: "unknown_stream_type_with_aws_managed_alias", resources: [stream("unknown_type_alias", { encryptionType: unknown.string, kmsKeyId: "alias/aws/kinesis" })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_stream_key_not_linked", resources: [key, stream("unknown_key", kms(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    // Firehose takes a keyArn only with keyType CUSTOMER_MANAGED_CMK.
    { name: "pass_unknown_delivery_key_type_with_stack_key", resources: [key, delivery("pass_unknown_key_type", { enabled: true, keyType: unknown.string, keyArn: dataKeyArn })], expect: [] },
    { name: "unknown_delivery_key_type_without_key", resources: [delivery("unknown_key_type_no_key", { enabled: true, keyType: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_delivery_source",
        resources: [key, delivery("unknown_source", undefined, { kinesisSourceConfiguration: unknown.object })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [
    { name: "na_no_streams", resources: [key], reason: "no Kinesis data streams or Firehose delivery streams" },
    {
        name: "na_delivery_streams_read_from_msk_only",
        resources: [delivery("na_from_msk", undefined, { mskSourceConfiguration: { mskClusterArn: `arn:aws:kafka:${region}:${account}:cluster/events/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-1`, topicName: "events" } })],
        reason: "reads from a Kinesis stream or MSK",
    },
]);

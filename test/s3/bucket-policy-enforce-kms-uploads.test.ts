import { s3BucketPolicyEnforceKmsUploads } from "../../policy-pack/s3/bucket-policy-enforce-kms-uploads";
import { caseTable } from "../lib/cases";
import { dependsOn, secret, unknown } from "../lib/fixtures";
import { bucket, bucketPolicy, bucketV2Type, key, keyArn, newBucket, policyDocument, stackNotApplicable } from "./s3-fixtures";

const policy = s3BucketPolicyEnforceKmsUploads;

const header = "s3:x-amz-server-side-encryption";
const objects = (name: string) => `arn:aws:s3:::${name}/*`;
const denyNonKms = (name: string, change: Record<string, unknown> = {}) => ({
    Sid: "DenyNonKmsUploads",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:PutObject",
    Resource: objects(name),
    Condition: { StringNotEqualsIfExists: { [header]: ["aws:kms", "aws:kms:dsse"] } },
    ...change,
});
const denyPlainHttp = (name: string) => ({
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${name}`, objects(name)],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});

const withPolicy = (name: string, document?: unknown, type?: string) => [bucket(name, {}, type), bucketPolicy(`${name}-policy`, name, document ?? policyDocument(denyNonKms(name)))];
const withStatement = (name: string, change: Record<string, unknown>) => withPolicy(name, policyDocument(denyNonKms(name, change)));
const withCondition = (name: string, condition: unknown) => withStatement(name, { Condition: condition });

caseTable(policy, [
    { name: "pass_object_document", resources: withPolicy("pass_object"), expect: [] },
    { name: "pass_json_string_document", resources: withPolicy("pass_json", JSON.stringify(policyDocument(denyPlainHttp("pass_json"), denyNonKms("pass_json")))), expect: [] },
    { name: "pass_statement_as_object", resources: withPolicy("pass_single", { Version: "2012-10-17", Statement: denyNonKms("pass_single") }), expect: [] },
    { name: "pass_document_as_secret", resources: withPolicy("pass_secret", secret(JSON.stringify(policyDocument(denyNonKms("pass_secret"))))), expect: [] },
    { name: "pass_legacy_bucket_v2", resources: withPolicy("pass_v2", undefined, bucketV2Type), expect: [] },
    { name: "pass_inline_policy", resources: [bucket("pass_inline", { policy: policyDocument(denyNonKms("pass_inline")) })], expect: [] },
    { name: "pass_string_not_equals_single_value", resources: withCondition("pass_not_equals", { StringNotEquals: { [header]: "aws:kms" } }), expect: [] },
    { name: "pass_with_header_present_condition", resources: withCondition("pass_null_false", { StringNotEquals: { [header]: "aws:kms" }, Null: { [header]: "false" } }), expect: [] },
    { name: "pass_kms_key_id_condition", resources: withCondition("pass_key_id", { StringNotEqualsIfExists: { [`${header}-aws-kms-key-id`]: keyArn } }), expect: [] },
    { name: "pass_string_not_like_kms_pattern", resources: withCondition("pass_like", { StringNotLike: { [header]: "aws:kms*" } }), expect: [] },
    { name: "pass_ignore_case", resources: withCondition("pass_ignore_case", { StringNotEqualsIgnoreCase: { [header]: ["AWS:KMS"] } }), expect: [] },
    { name: "pass_action_list_with_s3_star", resources: withStatement("pass_action_list", { Action: ["s3:GetObject", "s3:*"] }), expect: [] },
    { name: "pass_action_put_wildcard", resources: withStatement("pass_put_star", { Action: "s3:Put*" }), expect: [] },
    { name: "pass_resource_list_and_aws_principal", resources: withStatement("pass_lists", { Resource: [objects("pass_lists")], Principal: { AWS: "*" } }), expect: [] },
    {
        name: "pass_unknown_arns_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_joined");
            const document = policyDocument(denyNonKms("pass_joined", { Resource: unknown.string }));
            return [b, bucketPolicy("pass_joined-policy", unknown.string, document, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [],
    },
    { name: "fail_no_policy", resources: [bucket("fail_none")], expect: [{ on: "fail_none", id: "noPolicy" }] },
    { name: "fail_no_policy_legacy_v2", resources: [bucket("fail_none_v2", {}, bucketV2Type)], expect: [{ on: "fail_none_v2", id: "noPolicy" }] },
    { name: "fail_only_tls_statement", resources: withPolicy("fail_tls_only", policyDocument(denyPlainHttp("fail_tls_only"))), expect: [{ on: "fail_tls_only", id: "notEnforced" }] },
    { name: "fail_denies_only_missing_header", resources: withCondition("fail_null_only", { Null: { [header]: "true" } }), expect: [{ on: "fail_null_only", id: "notEnforced" }] },
    { name: "fail_allows_aes256", resources: withCondition("fail_aes_allowed", { StringNotEquals: { [header]: ["aws:kms", "AES256"] } }), expect: [{ on: "fail_aes_allowed", id: "notEnforced" }] },
    { name: "fail_denylist_of_aes256", resources: withCondition("fail_denylist", { StringEquals: { [header]: "AES256" } }), expect: [{ on: "fail_denylist", id: "notEnforced" }] },
    { name: "fail_broad_like_pattern", resources: withCondition("fail_like", { StringNotLike: { [header]: "aws:*" } }), expect: [{ on: "fail_like", id: "notEnforced" }] },
    {
        name: "fail_narrowing_condition",
        resources: withCondition("fail_narrowed", { StringNotEquals: { [header]: "aws:kms" }, StringEquals: { "aws:PrincipalAccount": "111122223333" } }),
        expect: [{ on: "fail_narrowed", id: "notEnforced" }],
    },
    { name: "fail_other_action", resources: withStatement("fail_get", { Action: "s3:GetObject" }), expect: [{ on: "fail_get", id: "notEnforced" }] },
    { name: "fail_one_principal", resources: withStatement("fail_principal", { Principal: { AWS: "arn:aws:iam::111122223333:role/uploader" } }), expect: [{ on: "fail_principal", id: "notEnforced" }] },
    { name: "fail_bucket_arn_only", resources: withStatement("fail_bucket_arn", { Resource: "arn:aws:s3:::fail_bucket_arn" }), expect: [{ on: "fail_bucket_arn", id: "notEnforced" }] },
    { name: "fail_allow_effect", resources: withStatement("fail_allow", { Effect: "Allow" }), expect: [{ on: "fail_allow", id: "notEnforced" }] },
    { name: "fail_policy_of_other_bucket", resources: [bucket("fail_other"), ...withPolicy("pass_mine")], expect: [{ on: "fail_other", id: "noPolicy" }] },
    { name: "unknown_condition_block", resources: withCondition("unknown_conditions", unknown.object), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_condition_values", resources: withCondition("unknown_values", { StringNotEquals: { [header]: unknown.array } }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_resource_without_dependencies", resources: withStatement("unknown_resource", { Resource: unknown.string }), expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_whole_document",
        resources: (() => {
            const b = newBucket("unknown_document");
            return [b, bucketPolicy("unknown_document-policy", unknown.string, unknown.string, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_policy_bucket_without_dependencies",
        resources: [bucket("unknown_join"), bucketPolicy("unknown_join-policy", unknown.string, policyDocument(denyNonKms("unknown_join")))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_bucket_name_with_a_policy_for_a_known_name",
        resources: [newBucket("unknown_name", { bucket: unknown.string }), bucketPolicy("unknown_name-policy", "orders-data", policyDocument(denyNonKms("orders-data")))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        // The bucket's ARN is unknown and its policy (JSON text) denies only plain HTTP: no statement can enforce SSE-KMS.
        name: "fail_json_text_without_kms_deny_and_unknown_arns",
        resources: (() => {
            const b = newBucket("fail_json_no_kms");
            const document = JSON.stringify(policyDocument({ ...denyPlainHttp("fail_json_no_kms"), Resource: [unknown.string, `${unknown.string}/*`] }));
            return [b, bucketPolicy("fail_json_no_kms-policy", unknown.string, document, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [{ on: "fail_json_no_kms", id: "notEnforced" }],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_buckets", resources: [key], reason: "no S3 buckets" }]);

import { s3BucketPolicyTlsOnly } from "../../policy-pack/s3/bucket-policy-tls-only";
import { caseTable } from "../lib/cases";
import { dependsOn, secret, unknown } from "../lib/fixtures";
import { bucket, bucketPolicy, bucketV2Type, key, newBucket, policyDocument, stackNotApplicable } from "./s3-fixtures";

const policy = s3BucketPolicyTlsOnly;

const arn = (name: string) => `arn:aws:s3:::${name}`;
const denyPlainHttp = (name: string, change: Record<string, unknown> = {}) => ({
    Sid: "DenyPlainHttp",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [arn(name), `${arn(name)}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
    ...change,
});
const readRole = (name: string) => ({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/reader" }, Action: "s3:GetObject", Resource: `${arn(name)}/*` });

/** A bucket with a BucketPolicy holding `statements` (the compliant statement unless given). */
const withPolicy = (name: string, document?: unknown, type?: string) => [bucket(name, {}, type), bucketPolicy(`${name}-policy`, name, document ?? policyDocument(denyPlainHttp(name)))];
const withStatement = (name: string, change: Record<string, unknown>) => withPolicy(name, policyDocument(denyPlainHttp(name, change)));

caseTable(policy, [
    { name: "pass_object_document", resources: withPolicy("pass_object"), expect: [] },
    { name: "pass_json_string_document", resources: withPolicy("pass_json", JSON.stringify(policyDocument(readRole("pass_json"), denyPlainHttp("pass_json")))), expect: [] },
    { name: "pass_statement_as_object", resources: withPolicy("pass_single", { Version: "2012-10-17", Statement: denyPlainHttp("pass_single") }), expect: [] },
    { name: "pass_document_as_secret", resources: withPolicy("pass_secret", secret(JSON.stringify(policyDocument(denyPlainHttp("pass_secret"))))), expect: [] },
    { name: "pass_legacy_bucket_v2", resources: withPolicy("pass_v2", undefined, bucketV2Type), expect: [] },
    { name: "pass_inline_policy", resources: [bucket("pass_inline", { policy: JSON.stringify(policyDocument(denyPlainHttp("pass_inline"))) })], expect: [] },
    { name: "pass_action_list_and_aws_principal", resources: withStatement("pass_lists", { Action: ["s3:*"], Principal: { AWS: ["*"] } }), expect: [] },
    { name: "pass_action_star_and_resource_string", resources: withStatement("pass_strings", { Action: "*", Resource: `${arn("pass_strings")}*` }), expect: [] },
    { name: "pass_resource_all_buckets", resources: withStatement("pass_all", { Resource: "arn:aws:s3:::*" }), expect: [] },
    { name: "pass_boolean_condition_value", resources: withStatement("pass_bool", { Condition: { Bool: { "aws:SecureTransport": false } } }), expect: [] },
    { name: "pass_bool_if_exists", resources: withStatement("pass_if_exists", { Condition: { BoolIfExists: { "aws:SecureTransport": ["false"] } } }), expect: [] },
    { name: "pass_not_action_outside_s3", resources: withStatement("pass_not_action", { Action: undefined, NotAction: "iam:*" }), expect: [] },
    {
        name: "pass_split_over_two_statements",
        resources: withPolicy("pass_split", policyDocument(denyPlainHttp("pass_split", { Resource: arn("pass_split") }), denyPlainHttp("pass_split", { Resource: `${arn("pass_split")}/*` }))),
        expect: [],
    },
    {
        name: "pass_unknown_arns_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_joined");
            const document = policyDocument(denyPlainHttp("pass_joined", { Resource: [unknown.string, unknown.string] }));
            return [b, bucketPolicy("pass_joined-policy", unknown.string, document, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_resource_list_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_joined_list");
            const document = policyDocument(denyPlainHttp("pass_joined_list", { Resource: unknown.array }));
            return [b, bucketPolicy("pass_joined_list-policy", unknown.string, document, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [],
    },
    { name: "fail_no_policy", resources: [bucket("fail_none")], expect: [{ on: "fail_none", id: "noPolicy" }] },
    { name: "fail_no_policy_legacy_v2", resources: [bucket("fail_none_v2", {}, bucketV2Type)], expect: [{ on: "fail_none_v2", id: "noPolicy" }] },
    { name: "fail_policy_of_other_bucket", resources: [bucket("fail_other"), ...withPolicy("pass_mine")], expect: [{ on: "fail_other", id: "noPolicy" }] },
    { name: "fail_objects_not_covered", resources: withStatement("fail_objects", { Resource: arn("fail_objects") }), expect: [{ on: "fail_objects", id: "notEnforced" }] },
    { name: "fail_bucket_not_covered", resources: withStatement("fail_bucket", { Resource: [`${arn("fail_bucket")}/*`] }), expect: [{ on: "fail_bucket", id: "notEnforced" }] },
    { name: "fail_only_a_prefix_of_objects", resources: withStatement("fail_prefix", { Resource: [arn("fail_prefix"), `${arn("fail_prefix")}/logs/*`] }), expect: [{ on: "fail_prefix", id: "notEnforced" }] },
    { name: "fail_some_actions", resources: withStatement("fail_actions", { Action: ["s3:GetObject", "s3:PutObject"] }), expect: [{ on: "fail_actions", id: "notEnforced" }] },
    { name: "fail_not_action_excludes_s3", resources: withStatement("fail_not_action", { Action: undefined, NotAction: "s3:GetObject" }), expect: [{ on: "fail_not_action", id: "notEnforced" }] },
    { name: "fail_one_principal", resources: withStatement("fail_principal", { Principal: { AWS: "arn:aws:iam::111122223333:root" } }), expect: [{ on: "fail_principal", id: "notEnforced" }] },
    { name: "fail_not_principal", resources: withStatement("fail_not_principal", { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }), expect: [{ on: "fail_not_principal", id: "notEnforced" }] },
    { name: "fail_allow_over_tls_instead_of_deny", resources: withStatement("fail_allow", { Effect: "Allow", Condition: { Bool: { "aws:SecureTransport": "true" } } }), expect: [{ on: "fail_allow", id: "notEnforced" }] },
    { name: "fail_denies_tls_requests", resources: withStatement("fail_true", { Condition: { Bool: { "aws:SecureTransport": "true" } } }), expect: [{ on: "fail_true", id: "notEnforced" }] },
    { name: "fail_no_condition", resources: withStatement("fail_unconditional", { Condition: undefined }), expect: [{ on: "fail_unconditional", id: "notEnforced" }] },
    {
        name: "fail_narrowing_condition",
        resources: withStatement("fail_narrowed", { Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "111122223333" } } }),
        expect: [{ on: "fail_narrowed", id: "notEnforced" }],
    },
    { name: "fail_invalid_json", resources: withPolicy("fail_invalid", "{not json"), expect: [{ on: "fail_invalid", id: "notEnforced" }] },
    {
        name: "fail_known_resources_of_joined_policy",
        resources: (() => {
            const b = bucket("fail_joined");
            const document = policyDocument(denyPlainHttp("fail_joined", { Resource: arn("fail_joined") }));
            return [b, bucketPolicy("fail_joined-policy", "fail_joined", document, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [{ on: "fail_joined", id: "notEnforced" }],
    },
    {
        name: "unknown_resources_without_dependencies",
        resources: withStatement("unknown_resources", { Resource: [unknown.string, unknown.string] }),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_whole_document",
        resources: (() => {
            const b = newBucket("unknown_document");
            return [b, bucketPolicy("unknown_document-policy", unknown.string, unknown.string, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_condition_value", resources: withStatement("unknown_condition", { Condition: { Bool: { "aws:SecureTransport": unknown.string } } }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_principal", resources: withStatement("unknown_principal", { Principal: unknown.object }), expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_bucket_name_with_literal_resources",
        resources: (() => {
            const b = newBucket("unknown_name");
            return [b, bucketPolicy("unknown_name-policy", unknown.string, policyDocument(denyPlainHttp("some-bucket")), { propertyDependencies: dependsOn({ bucket: [b] }) })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_policy_bucket_without_dependencies",
        resources: [bucket("unknown_join"), bucketPolicy("unknown_join-policy", unknown.string, policyDocument(denyPlainHttp("unknown_join")))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        // The bucket's name and ARN are unknown, and its policy (JSON text) has no Deny at all: it fails whatever the ARN.
        name: "fail_no_deny_with_unknown_arns",
        resources: (() => {
            const b = newBucket("fail_no_deny");
            const document = JSON.stringify(policyDocument({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${unknown.string}/*` }));
            return [b, bucketPolicy("fail_no_deny-policy", unknown.string, document, { propertyDependencies: dependsOn({ bucket: [b], policy: [b] }) })];
        })(),
        expect: [{ on: "fail_no_deny", id: "notEnforced" }],
    },
    {
        // A Deny whose Resource is written around an unknown ARN ("<unknown>/*") outside the stack cannot be placed.
        name: "unknown_interpolated_resource_without_dependencies",
        resources: withPolicy("unknown_interpolated", JSON.stringify(policyDocument(denyPlainHttp("unknown_interpolated", { Resource: [`${unknown.string}`, `${unknown.string}/*`] })))),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        // A JSON template that wrote a statement's key from an unknown value: that key may be its Effect.
        name: "unknown_statement_key_in_template",
        resources: withPolicy("unknown_key", `{"Version":"2012-10-17","Statement":[{"${unknown.string}":"Deny","Principal":"*","Action":"s3:*","Resource":["${arn("unknown_key")}","${arn("unknown_key")}/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_document_key_in_template",
        resources: withPolicy("unknown_doc_key", `{"Version":"2012-10-17","${unknown.string}":[]}`),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_buckets", resources: [key], reason: "no S3 buckets" }]);

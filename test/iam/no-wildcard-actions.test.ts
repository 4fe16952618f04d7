import { iamNoWildcardActions } from "../../policy-pack/iam/no-wildcard-actions";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import {
    account,
    allow,
    bucketArn,
    bucketPolicyType,
    doc,
    groupPolicyType,
    keyArn,
    keyPolicyType,
    keyType,
    lambdaTrustStatement,
    policy,
    queuePolicyType,
    readOrders,
    role,
    rolePolicyType,
    topicPolicyType,
    userPolicyType,
} from "./iam-fixtures";

const withStatement = (statement: unknown) => doc(...readOrders.Statement, statement);
const bucket = resource("aws:s3/bucket:Bucket", "orders", { bucket: "orders-data" }, { outputs: { bucket: "orders-data", arn: bucketArn } });
const rootAccess = { Sid: "KeyAdmins", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/key-admin` }, Action: ["kms:DescribeKey", "kms:EnableKeyRotation"], Resource: "*" };

caseTable(iamNoWildcardActions, [
    // Compliant documents wherever they are held, in each form the engine sends.
    { name: "pass_policy_json_string", resources: [policy("pass_json", JSON.stringify(readOrders))], expect: [] },
    { name: "pass_policy_object", resources: [policy("pass_object", readOrders)], expect: [] },
    { name: "pass_secret_wrapped_document", resources: [policy("pass_secret", secret(JSON.stringify(readOrders)))], expect: [] },
    { name: "pass_statement_object_action_string", resources: [policy("pass_single", { Version: "2012-10-17", Statement: allow("s3:GetObject") })], expect: [] },
    { name: "pass_narrow_wildcard_generate_data_key", resources: [policy("pass_gdk", withStatement(allow("kms:GenerateDataKey*", keyArn)))], expect: [] },
    { name: "pass_deny_with_every_action", resources: [policy("pass_deny", withStatement({ Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }))], expect: [] },
    { name: "pass_role_trust_and_inline_policy", resources: [role("pass_role", { inlinePolicies: [{ name: "orders", policy: JSON.stringify(readOrders) }] })], expect: [] },
    { name: "pass_role_inline_policies_removed", resources: [role("pass_role_empty", { inlinePolicies: [{}] })], expect: [] },
    { name: "pass_trust_policy_assume_role_variants", resources: [role("pass_trust_variants", { assumeRolePolicy: doc({ ...lambdaTrustStatement, Action: "sts:AssumeRole*" }) })], expect: [] },
    { name: "pass_key_policy_listed_actions", resources: [resource(keyType, "pass_key", { policy: JSON.stringify(doc(rootAccess)) })], expect: [] },
    {
        name: "pass_allowed_pattern_in_config",
        resources: [policy("pass_allowed", withStatement(allow("s3:Get*")))],
        config: { "iam-no-wildcard-actions": { allowedActionPatterns: ["S3:GET*"] } },
        expect: [],
    },
    {
        name: "pass_larger_expansion_limit",
        resources: [policy("pass_limit", withStatement(allow("s3:Get*")))],
        config: { "iam-no-wildcard-actions": { maxWildcardExpansion: 10000 } },
        expect: [],
    },
    { name: "pass_unknown_service_grants_nothing_known", resources: [policy("pass_unknown_service", withStatement(allow("notaservice:Get*")))], expect: [] },
    {
        name: "pass_unknown_resource_joined_through_dependencies",
        resources: [bucket, policy("pass_joined", doc(allow(["s3:GetObject"], unknown.string)), { propertyDependencies: dependsOn({ policy: [bucket] }) })],
        expect: [],
    },

    // The acceptance examples.
    { name: "fail_s3_star_on_star", resources: [policy("fail_s3_star", doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }))], expect: [{ on: "fail_s3_star", id: "serviceWide" }] },
    { name: "fail_every_action", resources: [policy("fail_star", doc({ Effect: "Allow", Action: "*", Resource: "*" }))], expect: [{ on: "fail_star", id: "allActions" }] },
    { name: "fail_every_action_as_star_colon_star", resources: [policy("fail_star_star", doc(allow("*:*")))], expect: [{ on: "fail_star_star", id: "allActions" }] },
    { name: "fail_not_action", resources: [policy("fail_not_action", doc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }))], expect: [{ on: "fail_not_action", id: "notAction" }] },
    { name: "fail_iam_star_on_scoped_resource", resources: [policy("fail_iam_star", doc(allow("iam:*", `arn:aws:iam::${account}:role/app`)))], expect: [{ on: "fail_iam_star", id: "serviceWide" }] },
    // '?' is a wildcard too: one character, so 's3:GetObjec?' is s3:GetObject alone, and 'iam:PutRolePolic?' reaches iam:PutRolePolicy.
    { name: "pass_question_mark_wildcard_one_action", resources: [policy("pass_question_mark", withStatement(allow("s3:GetObjec?")))], expect: [] },
    { name: "fail_question_mark_wildcard_permissions_management", resources: [policy("fail_question_mark", withStatement(allow("iam:PutRolePolic?", `arn:aws:iam::${account}:role/app`)))], expect: [{ on: "fail_question_mark", id: "permissionsManagement" }] },
    { name: "fail_partial_wildcard_too_broad", resources: [policy("fail_s3_get", withStatement(allow("s3:Get*")))], expect: [{ on: "fail_s3_get", id: "tooBroad" }] },
    { name: "fail_partial_wildcard_permissions_management", resources: [policy("fail_kms_create", withStatement(allow("kms:Create*", keyArn)))], expect: [{ on: "fail_kms_create", id: "permissionsManagement" }] },
    {
        name: "fail_object_with_unknown_arns_but_every_action",
        resources: [policy("fail_unknown_arn", doc(allow("*", [unknown.string, unknown.string])))],
        expect: [{ on: "fail_unknown_arn", id: "allActions" }],
    },
    {
        name: "fail_each_pattern_reported",
        resources: [policy("fail_two", withStatement(allow(["s3:*", "kms:Create*", "s3:GetObject"])))],
        expect: [
            { on: "fail_two", id: "serviceWide" },
            { on: "fail_two", id: "permissionsManagement" },
        ],
    },

    // Every holder of a document.
    { name: "fail_role_inline_policy", resources: [role("fail_inline", { inlinePolicies: [{ name: "orders", policy: JSON.stringify(withStatement(allow("dynamodb:*"))) }] })], expect: [{ on: "fail_inline", id: "serviceWide" }] },
    { name: "fail_role_trust_policy", resources: [role("fail_trust", { assumeRolePolicy: JSON.stringify(doc({ ...lambdaTrustStatement, Action: "sts:*" })) })], expect: [{ on: "fail_trust", id: "serviceWide" }] },
    { name: "fail_role_policy", resources: [resource(rolePolicyType, "fail_role_policy", { role: "app", policy: JSON.stringify(withStatement(allow("s3:*"))) })], expect: [{ on: "fail_role_policy", id: "serviceWide" }] },
    { name: "fail_user_policy", resources: [resource(userPolicyType, "fail_user_policy", { user: "dev", policy: withStatement(allow("*")) })], expect: [{ on: "fail_user_policy", id: "allActions" }] },
    { name: "fail_group_policy", resources: [resource(groupPolicyType, "fail_group_policy", { group: "ops", policy: withStatement(allow("ec2:*")) })], expect: [{ on: "fail_group_policy", id: "serviceWide" }] },
    {
        name: "fail_bucket_policy",
        resources: [resource(bucketPolicyType, "fail_bucket_policy", { bucket: "orders-data", policy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "s3:*", Resource: `${bucketArn}/*` })) })],
        expect: [{ on: "fail_bucket_policy", id: "serviceWide" }],
    },
    {
        name: "fail_key_policy_on_key",
        resources: [resource(keyType, "fail_key", { policy: JSON.stringify(doc(rootAccess, { ...rootAccess, Sid: "Root", Action: "kms:*" })) })],
        expect: [{ on: "fail_key", id: "serviceWide" }],
    },
    { name: "fail_key_policy_resource", resources: [resource(keyPolicyType, "fail_key_policy", { keyId: "k", policy: doc({ ...rootAccess, Action: "kms:*" }) })], expect: [{ on: "fail_key_policy", id: "serviceWide" }] },
    {
        name: "fail_queue_policy",
        resources: [resource(queuePolicyType, "fail_queue_policy", { queueUrl: "https://sqs", policy: JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:*", Resource: "*" })) })],
        expect: [{ on: "fail_queue_policy", id: "serviceWide" }],
    },
    {
        name: "fail_topic_policy",
        resources: [resource(topicPolicyType, "fail_topic_policy", { arn: "arn:aws:sns:us-east-1:111122223333:t", policy: JSON.stringify(doc({ Effect: "Allow", Principal: "*", NotAction: "sns:Publish", Resource: "*" })) })],
        expect: [{ on: "fail_topic_policy", id: "notAction" }],
    },
    {
        name: "fail_queue_inline_policy",
        resources: [resource("aws:sqs/queue:Queue", "fail_queue", { name: "orders", policy: JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:*", Resource: "*" })) })],
        expect: [{ on: "fail_queue", id: "serviceWide" }],
    },
    { name: "na_queue_without_policy", resources: [resource("aws:sqs/queue:Queue", "na_queue", { name: "orders" })], expect: [], notApplicable: ["na_queue"] },
    { name: "fail_effect_case_insensitive", resources: [policy("fail_lower_effect", doc({ effect: "allow", action: "s3:*", resource: "*" }))], expect: [{ on: "fail_lower_effect", id: "serviceWide" }] },

    { name: "na_key_without_policy", resources: [resource(keyType, "na_key", { enableKeyRotation: true })], expect: [], notApplicable: ["na_key"] },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", { bucket: "b" })], expect: [], notApplicable: ["na_bucket"] },

    // Preview: decide on what is known, say once what is not.
    { name: "unknown_document_from_json_stringify", resources: [policy("unknown_doc", unknown.string)], expect: [{ on: "unknown_doc", id: "undecided" }] },
    { name: "unknown_action_element", resources: [policy("unknown_action", doc(allow(["s3:GetObject", unknown.string])))], expect: [{ on: "unknown_action", id: "undecided" }] },
    { name: "unknown_effect_of_wildcard_statement", resources: [policy("unknown_effect", doc({ Effect: unknown.string, Action: "s3:*", Resource: "*" }))], expect: [{ on: "unknown_effect", id: "undecided" }] },
    { name: "unknown_statement_list", resources: [policy("unknown_statements", { Version: "2012-10-17", Statement: unknown.array })], expect: [{ on: "unknown_statements", id: "undecided" }] },
    { name: "unknown_inline_policies", resources: [role("unknown_inline", { inlinePolicies: unknown.array })], expect: [{ on: "unknown_inline", id: "undecided" }] },
    {
        name: "unknown_inline_policy_document_but_trust_fails",
        resources: [role("fail_trust_known", { assumeRolePolicy: doc({ ...lambdaTrustStatement, Action: "sts:*" }), inlinePolicies: [{ name: "x", policy: unknown.string }] })],
        expect: [{ on: "fail_trust_known", id: "serviceWide" }],
    },

    // Partly unknown documents, in the forms a program builds them: the known statements decide.
    {
        // pulumi.jsonStringify with a bucket's ARN: JSON text whose Resource is the unknown marker.
        name: "fail_json_text_with_unknown_arn_and_logs_star_on_star",
        resources: [bucket, policy("fail_json_unknown_arn", JSON.stringify(doc(allow(["s3:GetObject"], [unknown.string]), allow("logs:*", "*"))), { propertyDependencies: dependsOn({ policy: [bucket] }) })],
        expect: [{ on: "fail_json_unknown_arn", id: "serviceWide" }],
    },
    {
        // A JSON template (pulumi.interpolate) that wrote the ARN inside a string: "<unknown>/*".
        name: "fail_json_template_with_interpolated_arn_and_every_action",
        resources: [policy("fail_template", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${unknown.string}/*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}`)],
        expect: [{ on: "fail_template", id: "allActions" }],
    },
    {
        // An action written around an unknown value is unknown, not the odd known action it spells.
        name: "unknown_action_interpolated_from_unknown_value",
        resources: [policy("unknown_interpolated_action", JSON.stringify(doc(allow([`s3:${unknown.string}`]))))],
        expect: [{ on: "unknown_interpolated_action", id: "undecided" }],
    },
    {
        // JSON.stringify of the SDK's unknown value, as a program that stringifies a plain invoke's field writes it.
        name: "unknown_action_stringified_sdk_unknown",
        resources: [policy("unknown_sdk_object", JSON.stringify(doc(allow([{ __pulumiUnknown: true }]))))],
        expect: [{ on: "unknown_sdk_object", id: "undecided" }],
    },
]);

import { iamNoWildcardResources } from "../../policy-pack/iam/no-wildcard-resources";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { account, allow, bucketArn, bucketPolicyType, doc, groupPolicyType, keyType, policy, readOrders, role, rolePolicyType, userPolicyType } from "./iam-fixtures";

const withStatement = (statement: unknown) => doc(...readOrders.Statement, statement);
const bucket = resource("aws:s3/bucket:Bucket", "orders", { bucket: "orders-data" }, { outputs: { bucket: "orders-data", arn: bucketArn } });

caseTable(iamNoWildcardResources, [
    // Compliant documents, in each form the engine sends.
    { name: "pass_policy_json_string", resources: [policy("pass_json", JSON.stringify(readOrders))], expect: [] },
    { name: "pass_policy_object", resources: [policy("pass_object", readOrders)], expect: [] },
    { name: "pass_secret_wrapped_document", resources: [policy("pass_secret", secret(JSON.stringify(readOrders)))], expect: [] },
    { name: "pass_resource_string_not_list", resources: [policy("pass_string", doc(allow("s3:GetObject", `${bucketArn}/reports/*`)))], expect: [] },
    { name: "pass_get_caller_identity_on_star", resources: [policy("pass_sts", withStatement(allow("sts:GetCallerIdentity", "*")))], expect: [] },
    { name: "pass_wildcard_only_actions_on_star", resources: [policy("pass_list_all", withStatement(allow(["s3:ListAllMyBuckets", "ec2:DescribeInstances"], "*")))], expect: [] },
    { name: "pass_wildcard_expanding_to_wildcard_only_actions", resources: [policy("pass_describe", withStatement(allow("ec2:DescribeInstanceType*", "*")))], expect: [] },
    // Its one resource type (a dataset) is optional: metrics outside a dataset are granted on '*' alone.
    { name: "pass_put_metric_data_on_star", resources: [policy("pass_metrics", withStatement(allow(["cloudwatch:PutMetricData", "cloudwatch:GetMetricData"], "*")))], expect: [] },
    // Alarms are a required resource type of PutMetricAlarm (datasets an optional one): scopable.
    { name: "fail_put_metric_alarm_on_star", resources: [policy("fail_alarms", withStatement(allow("cloudwatch:PutMetricAlarm", "*")))], expect: [{ on: "fail_alarms", id: "allResources" }] },
    // Both of s3:GetObject's resource types are optional (a request names an object or an access point's object): still scopable.
    { name: "fail_get_object_optional_resource_types_on_star", resources: [policy("fail_objects_star", withStatement(allow("s3:GetObject", "*")))], expect: [{ on: "fail_objects_star", id: "allResources" }] },
    { name: "pass_bucket_scoped_objects", resources: [policy("pass_bucket_objects", doc(allow(["s3:GetObject", "s3:ListBucket"], [bucketArn, `${bucketArn}/*`])))], expect: [] },
    { name: "pass_deny_on_star", resources: [policy("pass_deny", withStatement({ Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }))], expect: [] },
    { name: "pass_role_inline_policy", resources: [role("pass_role", { inlinePolicies: [{ name: "orders", policy: JSON.stringify(readOrders) }] })], expect: [] },
    { name: "pass_name_prefix_wildcard", resources: [policy("pass_prefix", doc(allow("iam:PassRole", `arn:aws:iam::${account}:role/app-*`)))], expect: [] },
    {
        name: "pass_wildcard_only_action_on_unknown_arn",
        resources: [bucket, policy("pass_joined", doc(allow("sts:GetCallerIdentity", "*"), allow("s3:ListAllMyBuckets", [unknown.string])), { propertyDependencies: dependsOn({ policy: [bucket] }) })],
        expect: [],
    },
    {
        name: "na_trust_policy_exempt",
        resources: [role("pass_trust_only", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }) })],
        expect: [],
        notApplicable: ["pass_trust_only"],
    },

    // The acceptance examples.
    { name: "fail_s3_star_on_star", resources: [policy("fail_s3_star", doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }))], expect: [{ on: "fail_s3_star", id: "allResources" }] },
    { name: "fail_every_action_on_star", resources: [policy("fail_star", doc({ Effect: "Allow", Action: "*", Resource: "*" }))], expect: [{ on: "fail_star", id: "allResources" }] },
    { name: "fail_get_object_on_every_bucket_objects", resources: [policy("fail_all_objects", doc(allow("s3:GetObject", "arn:aws:s3:::*/*")))], expect: [{ on: "fail_all_objects", id: "serviceWideArn" }] },
    { name: "fail_get_object_on_every_bucket", resources: [policy("fail_all_buckets", doc(allow("s3:GetObject", "arn:aws:s3:::*")))], expect: [{ on: "fail_all_buckets", id: "serviceWideArn" }] },
    { name: "fail_pass_role_any_account", resources: [policy("fail_any_role", doc(allow("iam:PassRole", "arn:aws:iam::*:role/*")))], expect: [{ on: "fail_any_role", id: "serviceWideArn" }] },
    { name: "fail_pass_role_every_role_of_account", resources: [policy("fail_every_role", doc(allow("iam:PassRole", `arn:aws:iam::${account}:role/*`)))], expect: [{ on: "fail_every_role", id: "serviceWideArn" }] },
    { name: "fail_every_table", resources: [policy("fail_tables", doc(allow("dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:${account}:table/*`)))], expect: [{ on: "fail_tables", id: "serviceWideArn" }] },
    { name: "fail_not_resource", resources: [policy("fail_not_resource", doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: `${bucketArn}/secret/*` }))], expect: [{ on: "fail_not_resource", id: "notResource" }] },
    { name: "fail_mixed_statement_scopable_action_on_star", resources: [policy("fail_mixed", doc(allow(["sts:GetCallerIdentity", "kms:Decrypt"], "*")))], expect: [{ on: "fail_mixed", id: "allResources" }] },
    { name: "fail_every_action_on_service_wide_arn", resources: [policy("fail_star_buckets", doc(allow("*", "arn:aws:s3:::*")))], expect: [{ on: "fail_star_buckets", id: "serviceWideArn" }] },
    {
        name: "fail_each_broad_resource",
        resources: [policy("fail_two", doc(allow("s3:GetObject", ["*", "arn:aws:s3:::*/*", `${bucketArn}/*`])))],
        expect: [
            { on: "fail_two", id: "allResources" },
            { on: "fail_two", id: "serviceWideArn" },
        ],
    },

    // Every identity-policy holder.
    { name: "fail_role_inline_policy", resources: [role("fail_inline", { inlinePolicies: [{ name: "orders", policy: JSON.stringify(withStatement(allow("kms:Decrypt", "*"))) }] })], expect: [{ on: "fail_inline", id: "allResources" }] },
    { name: "fail_role_policy", resources: [resource(rolePolicyType, "fail_role_policy", { role: "app", policy: JSON.stringify(withStatement(allow("s3:PutObject", "*"))) })], expect: [{ on: "fail_role_policy", id: "allResources" }] },
    { name: "fail_user_policy", resources: [resource(userPolicyType, "fail_user_policy", { user: "dev", policy: withStatement(allow("s3:PutObject", "*")) })], expect: [{ on: "fail_user_policy", id: "allResources" }] },
    { name: "fail_group_policy", resources: [resource(groupPolicyType, "fail_group_policy", { group: "ops", policy: withStatement(allow("s3:PutObject", "*")) })], expect: [{ on: "fail_group_policy", id: "allResources" }] },

    // Resource policies are not identity policies: '*' in a key policy means "this key".
    { name: "na_key_policy_on_star", resources: [resource(keyType, "na_key", { policy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:Decrypt", Resource: "*" })) })], expect: [], notApplicable: ["na_key"] },
    {
        name: "na_bucket_policy",
        resources: [resource(bucketPolicyType, "na_bucket_policy", { bucket: "orders-data", policy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" })) })],
        expect: [],
        notApplicable: ["na_bucket_policy"],
    },
    { name: "na_role_without_inline_policies", resources: [role("na_role")], expect: [], notApplicable: ["na_role"] },

    // Preview.
    { name: "unknown_document_from_json_stringify", resources: [policy("unknown_doc", unknown.string)], expect: [{ on: "unknown_doc", id: "undecided" }] },
    {
        // An ARN unknown at preview that comes from no resource of the stack (an invoke, another stack) cannot be judged.
        name: "unknown_resource_from_outside_the_stack",
        resources: [policy("unknown_arn", doc(allow("s3:GetObject", [unknown.string])))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        // An ARN unknown at preview that comes from an in-stack resource names that resource: decided, no diagnostic.
        name: "pass_unknown_resource_from_in_stack_bucket",
        resources: [bucket, policy("pass_joined_arn", doc(allow("s3:GetObject", [unknown.string])), { propertyDependencies: dependsOn({ policy: [bucket] }) })],
        expect: [],
    },
    {
        name: "pass_unknown_inline_policy_resource_from_in_stack_bucket",
        resources: [
            bucket,
            role("pass_joined_inline", { inlinePolicies: [{ name: "read", policy: doc(allow("s3:GetObject", [unknown.string])) }] }, { propertyDependencies: dependsOn({ inlinePolicies: [bucket] }) }),
        ],
        expect: [],
    },
    { name: "unknown_action_on_star", resources: [policy("unknown_action", doc(allow(["sts:GetCallerIdentity", unknown.string], "*")))], expect: [{ on: "unknown_action", id: "undecided" }] },
    { name: "unknown_inline_policies", resources: [role("unknown_inline", { inlinePolicies: unknown.array })], expect: [{ on: "unknown_inline", id: "undecided" }] },
    {
        name: "unknown_arns_with_every_action_still_fails_on_known_star",
        resources: [policy("fail_known_star", doc(allow("*", [unknown.string, "*"])))],
        expect: [{ on: "fail_known_star", id: "allResources" }],
    },
    { name: "unknown_effect", resources: [policy("unknown_effect", doc({ Effect: unknown.string, Action: "s3:GetObject", Resource: "*" }))], expect: [{ on: "unknown_effect", id: "undecided" }] },

    // Partly unknown documents, in the forms a program builds them: the known statements decide.
    {
        // pulumi.jsonStringify with a bucket's ARN in one statement and logs:* on '*' in the other.
        name: "fail_json_text_with_unknown_arn_and_logs_star_on_star",
        resources: [bucket, policy("fail_json_unknown_arn", JSON.stringify(doc(allow(["s3:GetObject"], [unknown.string]), allow("logs:*", "*"))), { propertyDependencies: dependsOn({ policy: [bucket] }) })],
        expect: [{ on: "fail_json_unknown_arn", id: "allResources" }],
    },
    {
        name: "pass_json_template_with_interpolated_arn_from_in_stack_bucket",
        resources: [bucket, policy("pass_template", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${unknown.string}/*"}]}`, { propertyDependencies: dependsOn({ policy: [bucket] }) })],
        expect: [],
    },
    {
        // "<unknown>/*" built from a value outside the stack may be anything: not a pass by accident.
        name: "unknown_interpolated_arn_from_outside_the_stack",
        resources: [policy("unknown_template", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${unknown.string}/*"}]}`)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

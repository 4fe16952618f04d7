import { createHash } from "crypto";
import { iamRoleSeparationOfDuties } from "../../policy-pack/iam/role-separation-of-duties";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { account, allow, awsManaged, deployedPolicy, doc, keyArn, policyAttachmentType, readOrders, role, rolePolicyAttachmentType, rolePolicyType } from "./iam-fixtures";

const functionArn = `arn:aws:lambda:us-east-1:${account}:function:orders`;
const logGroupArn = `arn:aws:logs:us-east-1:${account}:log-group:/aws/lambda/orders:*`;
const deploy = doc(allow(["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"], functionArn), allow("iam:PassRole", `arn:aws:iam::${account}:role/orders`));
const logging = allow(["logs:CreateLogStream", "logs:PutLogEvents"], logGroupArn);

const inline = (...policies: { name: string; policy: unknown }[]) => ({ inlinePolicies: policies });
const dataRole = (name: string, extra: Record<string, unknown> = {}) => role(name, { ...inline({ name: "orders", policy: JSON.stringify(readOrders) }), ...extra });
const rolePolicy = (name: string, roleRef: unknown, policy: unknown, extra: Parameters<typeof resource>[3] = {}) => resource(rolePolicyType, name, { role: roleRef, policy }, extra);
/** A role at its first preview: name and ARN unknown, so its policies join it through propertyDependencies only. */
const newRole = (name: string, inputs: Record<string, unknown> = {}) => role(name, inputs, { outputs: { name: unknown.string, arn: unknown.string } });

caseTable(iamRoleSeparationOfDuties, [
    { name: "pass_data_only_role", resources: [dataRole("pass_data")], expect: [] },
    { name: "pass_data_with_logging_and_tracing", resources: [role("pass_logging", inline({ name: "orders", policy: doc(...readOrders.Statement, logging, allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "*")) }))], expect: [] },
    { name: "pass_control_only_role", resources: [role("pass_deploy", inline({ name: "deploy", policy: JSON.stringify(deploy) }))], expect: [] },
    { name: "pass_data_with_reads_and_lists", resources: [role("pass_reads", inline({ name: "orders", policy: doc(...readOrders.Statement, allow(["ec2:DescribeInstances", "s3:ListBucket"], "*")) }))], expect: [] },
    { name: "pass_duties_split_across_roles", resources: [dataRole("pass_split_data"), role("pass_split_deploy", inline({ name: "deploy", policy: deploy }))], expect: [] },
    { name: "pass_deny_of_control_actions", resources: [role("pass_deny", inline({ name: "orders", policy: doc(...readOrders.Statement, { Effect: "Deny", Action: "iam:*", Resource: "*" }) }))], expect: [] },
    {
        name: "pass_invocation_counted_as_data_plane_by_config",
        resources: [role("pass_invoke", inline({ name: "orders", policy: doc(...readOrders.Statement, allow("lambda:InvokeAsync", functionArn)) }))],
        config: { "iam-role-separation-of-duties": { dataPlaneActionPatterns: ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "lambda:Invoke*"] } },
        expect: [],
    },
    {
        name: "pass_role_policy_joined_through_dependencies_at_preview",
        resources: (() => {
            const r = newRole("pass_new_role");
            return [r, rolePolicy("pass_new_role-orders", unknown.string, JSON.stringify(readOrders), { propertyDependencies: dependsOn({ role: [r] }) })];
        })(),
        expect: [],
    },

    { name: "fail_inline_data_and_pass_role", resources: [role("fail_pass_role", inline({ name: "orders", policy: JSON.stringify(readOrders) }, { name: "deploy", policy: deploy }))], expect: [{ on: "fail_pass_role", id: "mixedDuties" }] },
    { name: "fail_role_policy_adds_bucket_policy_changes", resources: [dataRole("fail_role_policy"), rolePolicy("fail_role_policy-admin", "fail_role_policy", doc(allow("s3:PutBucketPolicy", "arn:aws:s3:::orders-data")))], expect: [{ on: "fail_role_policy", id: "mixedDuties" }] },
    { name: "fail_role_policy_secret_document", resources: [dataRole("fail_secret"), rolePolicy("fail_secret-admin", "fail_secret", secret(JSON.stringify(doc(allow("kms:PutKeyPolicy", keyArn)))))], expect: [{ on: "fail_secret", id: "mixedDuties" }] },
    {
        name: "fail_attached_stack_policy",
        resources: (() => {
            const admin = deployedPolicy("key-admin", JSON.stringify(doc(allow("kms:PutKeyPolicy", keyArn))));
            return [dataRole("fail_attached"), admin, resource(rolePolicyAttachmentType, "fail_attached-att", { role: "fail_attached", policyArn: admin.outputs!.arn })];
        })(),
        expect: [{ on: "fail_attached", id: "mixedDuties" }],
    },
    {
        name: "fail_attached_stack_policy_joined_through_dependencies",
        resources: (() => {
            const r = newRole("fail_new_role");
            const admin = resource("aws:iam/policy:Policy", "deploy-policy", { policy: deploy }, { outputs: { arn: unknown.string } });
            return [
                r,
                admin,
                rolePolicy("fail_new_role-orders", unknown.string, readOrders, { propertyDependencies: dependsOn({ role: [r] }) }),
                resource(rolePolicyAttachmentType, "fail_new_role-att", { role: unknown.string, policyArn: unknown.string }, { propertyDependencies: dependsOn({ role: [r], policyArn: [admin] }) }),
            ];
        })(),
        expect: [{ on: "fail_new_role", id: "mixedDuties" }],
    },
    { name: "fail_aws_managed_administrator", resources: [role("fail_admin", { managedPolicyArns: [awsManaged("AdministratorAccess")] })], expect: [{ on: "fail_admin", id: "mixedDuties" }] },
    {
        // As aws.lambda.CallbackFunction builds them with no `policies` (@pulumi/aws names each attachment by the first 8 hex digits of the ARN's SHA-1).
        name: "fail_callback_function_default_s3_full_access",
        resources: (() => {
            const r = role("handler");
            const arn = awsManaged("AmazonS3FullAccess");
            const attachment = resource(rolePolicyAttachmentType, `handler-${createHash("sha1").update(arn).digest("hex").slice(0, 8)}`, { role: unknown.string, policyArn: arn }, { propertyDependencies: dependsOn({ role: [r] }) });
            const fn = resource("aws:lambda/function:Function", "handler", { role: unknown.string }, { propertyDependencies: dependsOn({ role: [r] }) });
            return [r, attachment, fn];
        })(),
        expect: [{ on: "handler", id: "mixedDutiesOfCallbackFunction" }],
    },
    { name: "fail_aws_managed_s3_full_access", resources: [role("fail_s3_full", { managedPolicyArns: [awsManaged("AmazonS3FullAccess")] })], expect: [{ on: "fail_s3_full", id: "mixedDuties" }] },
    {
        name: "fail_data_role_with_aws_managed_power_user_attachment",
        resources: [dataRole("fail_power"), resource(policyAttachmentType, "fail_power-att", { roles: ["fail_power"], policyArn: awsManaged("PowerUserAccess") })],
        expect: [{ on: "fail_power", id: "mixedDuties" }],
    },
    { name: "fail_update_code_with_item_access", resources: [role("fail_code", inline({ name: "app", policy: doc(allow(["dynamodb:GetItem", "dynamodb:PutItem"], `arn:aws:dynamodb:us-east-1:${account}:table/orders`), allow("lambda:UpdateFunctionCode", functionArn)) }))], expect: [{ on: "fail_code", id: "mixedDuties" }] },
    { name: "fail_object_wildcard_reaches_object_acls", resources: [role("fail_acl", inline({ name: "app", policy: doc(allow("s3:PutObject*")) }))], expect: [{ on: "fail_acl", id: "mixedDuties" }] },
    { name: "fail_not_action", resources: [role("fail_not_action", inline({ name: "app", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }))], expect: [{ on: "fail_not_action", id: "mixedDuties" }] },

    { name: "na_no_roles", resources: [deployedPolicy("lonely", JSON.stringify(readOrders))], expect: [] },

    {
        name: "unknown_role_policy_document",
        resources: [dataRole("unknown_doc"), rolePolicy("unknown_doc-extra", "unknown_doc", unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_role_of_role_policy", resources: [dataRole("unknown_target"), rolePolicy("unknown_target-admin", unknown.string, deploy)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_inline_policies", resources: [role("unknown_inline", { inlinePolicies: unknown.array })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_part_beside_known_mix_still_fails",
        resources: [role("fail_known_mix", inline({ name: "orders", policy: readOrders }, { name: "deploy", policy: deploy }, { name: "later", policy: unknown.string }))],
        expect: [{ on: "fail_known_mix", id: "mixedDuties" }],
    },
    {
        // One pulumi.jsonStringify document: reads on a table whose ARN is unknown, and logs:* on '*', which writes resource policies.
        name: "fail_json_text_with_unknown_arn_mixing_data_and_control",
        resources: [
            role("fail_json_mix", inline({ name: "app", policy: JSON.stringify(doc(allow(["dynamodb:GetItem", "dynamodb:Query"], unknown.string), allow("logs:*", "*"))) })),
        ],
        expect: [{ on: "fail_json_mix", id: "mixedDuties" }],
    },
    {
        // The control side would be the action written around an unknown value: not known to be one.
        name: "unknown_interpolated_action_beside_data_access",
        resources: [role("unknown_interpolated", inline({ name: "app", policy: JSON.stringify(doc(allow(["s3:GetObject", `iam:${unknown.string}`], "*"))) }))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

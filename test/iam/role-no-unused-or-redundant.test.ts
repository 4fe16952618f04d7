import { iamRoleNoUnusedOrRedundant } from "../../policy-pack/iam/role-no-unused-or-redundant";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";

const account = "111122223333";
const roleType = "aws:iam/role:Role";
const lambdaType = "aws:lambda/function:Function";
const policyType = "aws:iam/policy:Policy";
const rolePolicyType = "aws:iam/rolePolicy:RolePolicy";
const attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const policyAttachmentType = "aws:iam/policyAttachment:PolicyAttachment";
const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const basicExecution = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

const trust = (principal: unknown) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: principal }] });
const serviceTrust = (service: string) => JSON.stringify(trust({ Service: service }));
const arnOf = (name: string) => `arn:aws:iam::${account}:role/${name}`;
const readBucket = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::reports/*" }] };
const writeBucket = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::reports/*" }] };

/** A deployed role: its name and ARN are known. */
const role = (name: string, assumeRolePolicy: unknown = serviceTrust("lambda.amazonaws.com"), inputs: Record<string, unknown> = {}) =>
    resource(roleType, name, { name, assumeRolePolicy, ...inputs }, { outputs: { name, id: name, arn: arnOf(name), assumeRolePolicy, ...inputs } });
/** A role at the first preview: the provider names it, so its name and ARN are unknown. */
const newRole = (name: string, assumeRolePolicy: unknown = serviceTrust("lambda.amazonaws.com")) =>
    resource(roleType, name, { assumeRolePolicy }, { outputs: { assumeRolePolicy, name: unknown.string, arn: unknown.string } });
const lambda = (name: string, roleRef: unknown, extra: Partial<ResourceState> = {}) => resource(lambdaType, name, { role: roleRef, runtime: "nodejs20.x", handler: "index.handler" }, extra);
const attach = (name: string, roleRef: unknown, policyArn: unknown, extra: Partial<ResourceState> = {}) => resource(attachmentType, name, { role: roleRef, policyArn }, extra);
const rolePolicy = (name: string, roleRef: unknown, policy: unknown, extra: Partial<ResourceState> = {}) => resource(rolePolicyType, name, { role: roleRef, name, policy }, extra);
const customerPolicy = (name: string) => resource(policyType, name, { policy: JSON.stringify(readBucket) }, { outputs: { arn: unknown.string, policy: JSON.stringify(readBucket) } });

/** The compliant baseline: a Lambda role, used by its function, with one policy attached once. */
const usedByLambda = (name: string, roleInputs: Record<string, unknown> = {}): ResourceState[] => [
    role(name, serviceTrust("lambda.amazonaws.com"), roleInputs),
    lambda(`${name}-fn`, arnOf(name)),
    attach(`${name}-logs`, name, basicExecution),
];

caseTable(iamRoleNoUnusedOrRedundant, [
    { name: "pass_lambda_function_role_by_arn", resources: usedByLambda("pass_lambda"), expect: [] },
    {
        name: "pass_lambda_role_joined_by_dependencies",
        resources: (() => {
            const r = newRole("pass_joined");
            return [r, lambda("pass_joined-fn", unknown.string, { propertyDependencies: dependsOn({ role: [r] }) }), attach("pass_joined-logs", unknown.string, basicExecution, { propertyDependencies: dependsOn({ role: [r] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_inputs_named_like_object_members",
        resources: [...usedByLambda("pass_members"), resource(lambdaType, "pass_members-other", { constructor: "x", toString: "y", role: arnOf("pass_members") })],
        expect: [],
    },
    { name: "pass_role_arn_as_secret", resources: [role("pass_secret"), lambda("pass_secret-fn", secret(arnOf("pass_secret")))], expect: [] },
    {
        name: "pass_instance_profile_by_name",
        resources: [role("pass_ec2", serviceTrust("ec2.amazonaws.com")), resource("aws:iam/instanceProfile:InstanceProfile", "pass_ec2-profile", { role: "pass_ec2" })],
        expect: [],
    },
    {
        name: "pass_ecs_task_and_execution_roles",
        resources: [
            role("pass_task", serviceTrust("ecs-tasks.amazonaws.com")),
            role("pass_execution", serviceTrust("ecs-tasks.amazonaws.com")),
            resource("aws:ecs/taskDefinition:TaskDefinition", "pass_ecs-task", { family: "api", taskRoleArn: arnOf("pass_task"), executionRoleArn: arnOf("pass_execution"), containerDefinitions: "[]" }),
        ],
        expect: [],
    },
    {
        name: "pass_api_gateway_integration_credentials",
        resources: [
            role("pass_apigw", serviceTrust("apigateway.amazonaws.com")),
            resource("aws:apigateway/integration:Integration", "pass_apigw-integration", { type: "AWS", credentials: arnOf("pass_apigw"), uri: "arn:aws:apigateway:us-east-1:sqs:path/queue" }),
        ],
        expect: [],
    },
    {
        name: "pass_api_gateway_v2_integration_credentials_arn",
        resources: (() => {
            const r = newRole("pass_apigw2", serviceTrust("apigateway.amazonaws.com"));
            return [r, resource("aws:apigatewayv2/integration:Integration", "pass_apigw2-integration", { integrationType: "AWS_PROXY", credentialsArn: unknown.string }, { propertyDependencies: dependsOn({ credentialsArn: [r] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_any_other_resource_input",
        resources: [role("pass_sfn", serviceTrust("states.amazonaws.com")), resource("aws:sfn/stateMachine:StateMachine", "pass_sfn-machine", { roleArn: arnOf("pass_sfn"), definition: "{}" })],
        expect: [],
    },
    {
        name: "pass_passed_by_a_policy_document",
        resources: [
            role("pass_passed", serviceTrust("ecs-tasks.amazonaws.com")),
            resource(policyType, "pass_passer", {
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: arnOf("pass_passed") }] }),
            }),
        ],
        expect: [],
    },
    {
        name: "pass_exported_by_the_stack",
        resources: [role("pass_exported"), resource("pulumi:pulumi:Stack", "project-test", {}, { outputs: { lambdaRoleArn: arnOf("pass_exported") } })],
        expect: [],
    },
    {
        name: "pass_trusted_by_github_oidc",
        resources: [role("pass_github", JSON.stringify(trust({ Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` })))],
        expect: [],
    },
    { name: "pass_trusted_by_another_account", resources: [role("pass_cross", trust({ AWS: "arn:aws:iam::444455556666:root" }))], expect: [] },
    { name: "pass_trusted_by_own_account_principals", resources: [role("pass_humans", trust({ AWS: [`arn:aws:iam::${account}:root`] }))], expect: [] },
    {
        name: "pass_trust_joined_to_in_stack_oidc_provider",
        resources: (() => {
            const provider = resource("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "pass_provider", { url: "https://token.actions.githubusercontent.com" });
            const r = resource(roleType, "pass_oidc_joined", { assumeRolePolicy: unknown.string }, { propertyDependencies: dependsOn({ assumeRolePolicy: [provider] }) });
            return [provider, r];
        })(),
        expect: [],
    },
    {
        name: "pass_different_inline_documents",
        resources: usedByLambda("pass_inline", { inlinePolicies: [{ name: "read", policy: JSON.stringify(readBucket) }] }).concat(rolePolicy("pass_inline-write", "pass_inline", writeBucket)),
        expect: [],
    },
    {
        name: "pass_unknown_documents_built_from_different_resources",
        resources: (() => {
            const r = newRole("pass_unknown_docs");
            const bucket = resource("aws:s3/bucket:Bucket", "pass_docs-bucket", {});
            const queue = resource("aws:sqs/queue:Queue", "pass_docs-queue", {});
            return [
                r,
                bucket,
                queue,
                lambda("pass_unknown_docs-fn", unknown.string, { propertyDependencies: dependsOn({ role: [r] }) }),
                rolePolicy("pass_unknown_docs-s3", unknown.string, unknown.string, { propertyDependencies: dependsOn({ role: [r], policy: [bucket] }) }),
                rolePolicy("pass_unknown_docs-sqs", unknown.string, unknown.string, { propertyDependencies: dependsOn({ role: [r], policy: [queue] }) }),
            ];
        })(),
        expect: [],
    },
    {
        name: "pass_deployed_role_outputs_list_its_attachments",
        resources: (() => {
            const [r, ...rest] = usedByLambda("pass_deployed");
            return [{ ...r, outputs: { ...r.outputs, managedPolicyArns: [basicExecution] } }, ...rest];
        })(),
        expect: [],
    },
    { name: "fail_unused_service_role", resources: [role("fail_unused")], expect: [{ on: "fail_unused", id: "unusedRole" }] },
    {
        name: "fail_only_its_own_attachments_refer_to_it",
        resources: [
            role("fail_attachments_only"),
            attach("fail_attachments_only-logs", "fail_attachments_only", basicExecution),
            rolePolicy("fail_attachments_only-self", "fail_attachments_only", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetRole", Resource: arnOf("fail_attachments_only") }] }),
        ],
        expect: [{ on: "fail_attachments_only", id: "unusedRole" }],
    },
    {
        name: "fail_unused_joined_role_at_preview",
        resources: (() => {
            const r = newRole("fail_unused_new");
            return [r, attach("fail_unused_new-logs", unknown.string, basicExecution, { propertyDependencies: dependsOn({ role: [r] }) })];
        })(),
        expect: [{ on: "fail_unused_new", id: "unusedRole" }],
    },
    {
        name: "fail_tag_value_is_not_a_use",
        resources: [role("fail_tagged"), resource("aws:s3/bucket:Bucket", "fail_tagged-bucket", { tags: { Role: "fail_tagged" } })],
        expect: [{ on: "fail_tagged", id: "unusedRole" }],
    },
    {
        name: "fail_being_trusted_by_another_role_is_not_a_use",
        resources: [role("fail_trusted_only"), role("pass_trusting", trust({ AWS: arnOf("fail_trusted_only") }))],
        expect: [{ on: "fail_trusted_only", id: "unusedRole" }],
    },
    {
        name: "fail_managed_policy_in_list_and_attachment",
        resources: usedByLambda("fail_list_and_attachment", { managedPolicyArns: [basicExecution] }),
        expect: [{ on: "fail_list_and_attachment", id: "managedPolicyTwice" }],
    },
    {
        name: "fail_two_attachments_of_one_arn",
        resources: usedByLambda("fail_two_attachments").concat(attach("fail_two_attachments-logs-again", "fail_two_attachments", basicExecution)),
        expect: [{ on: "fail_two_attachments", id: "managedPolicyTwice" }],
    },
    {
        name: "fail_in_stack_policy_twice_joined_by_dependencies",
        resources: (() => {
            const r = newRole("fail_joined_twice");
            const p = customerPolicy("fail_joined_twice-policy");
            return [
                r,
                p,
                lambda("fail_joined_twice-fn", unknown.string, { propertyDependencies: dependsOn({ role: [r] }) }),
                attach("fail_joined_twice-a", unknown.string, unknown.string, { propertyDependencies: dependsOn({ role: [r], policyArn: [p] }) }),
                resource(policyAttachmentType, "fail_joined_twice-b", { roles: [unknown.string], policyArn: unknown.string }, { propertyDependencies: dependsOn({ roles: [r], policyArn: [p] }) }),
            ];
        })(),
        expect: [{ on: "fail_joined_twice", id: "managedPolicyTwice" }],
    },
    {
        name: "fail_same_inline_document_twice",
        resources: usedByLambda("fail_inline_twice", { inlinePolicies: [{ name: "read", policy: JSON.stringify(readBucket) }] }).concat(
            rolePolicy("fail_inline_twice-read", "fail_inline_twice", { ...readBucket, Statement: [{ ...readBucket.Statement[0], Action: "s3:GetObject" }] }),
        ),
        expect: [{ on: "fail_inline_twice", id: "inlinePolicyTwice" }],
    },
    { name: "na_no_roles", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [] },
    { name: "unknown_trust_document", resources: [resource(roleType, "unknown_trust", { assumeRolePolicy: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_input_without_dependencies",
        resources: [role("unknown_user"), lambda("unknown_user-fn", unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_role_name_with_a_profile_naming_a_known_name",
        resources: [newRole("unknown_name", serviceTrust("ec2.amazonaws.com")), resource("aws:iam/instanceProfile:InstanceProfile", "unknown_name-profile", { role: "ec2-app" })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_role_name_with_a_function_naming_a_known_arn_built_from_other_resources",
        resources: (() => {
            const bucket = resource("aws:s3/bucket:Bucket", "unknown_built-bucket", {});
            return [newRole("unknown_built"), bucket, lambda("unknown_built-fn", arnOf("app"), { propertyDependencies: dependsOn({ role: [bucket] }) })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_attached_policy_without_dependencies",
        resources: usedByLambda("unknown_policy", { managedPolicyArns: [readOnly] }).concat(attach("unknown_policy-extra", "unknown_policy", unknown.string)),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_documents_built_from_the_same_resources",
        resources: (() => {
            const r = newRole("unknown_docs");
            const bucket = resource("aws:s3/bucket:Bucket", "unknown_docs-bucket", {});
            return [
                r,
                bucket,
                lambda("unknown_docs-fn", unknown.string, { propertyDependencies: dependsOn({ role: [r] }) }),
                rolePolicy("unknown_docs-a", unknown.string, unknown.string, { propertyDependencies: dependsOn({ role: [r], policy: [bucket] }) }),
                rolePolicy("unknown_docs-b", unknown.string, unknown.string, { propertyDependencies: dependsOn({ role: [r], policy: [bucket] }) }),
            ];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        // Two JSON templates that read alike but interpolate different buckets' ARNs ("<unknown>/*"): not the same document.
        name: "pass_templates_alike_built_from_different_buckets",
        resources: (() => {
            const [a, b] = ["pass_templates-a-bucket", "pass_templates-b-bucket"].map((n) => resource("aws:s3/bucket:Bucket", n, {}));
            const template = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${unknown.string}/*"}]}`;
            return [
                ...usedByLambda("pass_templates"),
                a,
                b,
                rolePolicy("pass_templates-a", "pass_templates", template, { propertyDependencies: dependsOn({ policy: [a] }) }),
                rolePolicy("pass_templates-b", "pass_templates", template, { propertyDependencies: dependsOn({ policy: [b] }) }),
            ];
        })(),
        expect: [],
    },
    {
        name: "unknown_templates_alike_built_from_the_same_bucket",
        resources: (() => {
            const bucket = resource("aws:s3/bucket:Bucket", "unknown_templates-bucket", {});
            const template = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${unknown.string}/*"}]}`;
            return [
                ...usedByLambda("unknown_templates"),
                bucket,
                rolePolicy("unknown_templates-a", "unknown_templates", template, { propertyDependencies: dependsOn({ policy: [bucket] }) }),
                rolePolicy("unknown_templates-b", "unknown_templates", template, { propertyDependencies: dependsOn({ policy: [bucket] }) }),
            ];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

import { expect } from "chai";
import { createHash } from "crypto";
import { iamNoBroadManagedPolicies } from "../../policy-pack/iam/no-broad-managed-policies";
import { managedPolicyDocument } from "../../policy-pack/lib/iam-actions";
import { caseTable, findings } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import {
    awsManaged,
    deployedPolicy,
    group,
    groupPolicyAttachmentType,
    policyAttachmentType,
    readOrders,
    role,
    rolePolicyAttachmentType,
    user,
    userPolicyAttachmentType,
} from "./iam-fixtures";

const attach = (name: string, r: ReturnType<typeof role>, policyArn: unknown, extra: Parameters<typeof resource>[3] = {}) =>
    resource(rolePolicyAttachmentType, name, { role: r.name, policyArn }, extra);
/** A role at its first preview: name and ARN unknown, so attachments join it through propertyDependencies only. */
const newRole = (name: string) => role(name, {}, { outputs: { name: unknown.string, arn: unknown.string } });
const customer = deployedPolicy("orders-access", JSON.stringify(readOrders));

const broad = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess", "ReadOnlyAccess", "service-role/AWSLambdaBasicExecutionRole"];

caseTable(iamNoBroadManagedPolicies, [
    { name: "pass_customer_managed_policy_attached", resources: [role("pass_customer"), customer, attach("pass_customer-att", role("pass_customer"), customer.outputs!.arn)], expect: [] },
    { name: "pass_customer_managed_policy_in_managed_policy_arns", resources: [customer, role("pass_arns", { managedPolicyArns: [customer.outputs!.arn] })], expect: [] },
    {
        name: "pass_unknown_policy_arn_joined_to_stack_policy",
        resources: (() => {
            const r = newRole("pass_joined");
            const p = resource("aws:iam/policy:Policy", "new-policy", { policy: JSON.stringify(readOrders) }, { outputs: { arn: unknown.string } });
            return [r, p, attach("pass_joined-att", r, unknown.string, { propertyDependencies: dependsOn({ role: [r], policyArn: [p] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_managed_policy_arns_joined_to_stack_policy",
        resources: (() => {
            const p = resource("aws:iam/policy:Policy", "new-policy", { policy: JSON.stringify(readOrders) }, { outputs: { arn: unknown.string } });
            return [p, role("pass_role_joined", { managedPolicyArns: [unknown.string] }, { propertyDependencies: dependsOn({ managedPolicyArns: [p] }) })];
        })(),
        expect: [],
    },
    { name: "pass_no_managed_policies", resources: [role("pass_plain")], expect: [] },

    // The acceptance example: a role with AmazonS3FullAccess.
    { name: "fail_role_with_s3_full_access_attached", resources: [role("fail_s3_full"), attach("fail_s3_full-att", role("fail_s3_full"), awsManaged("AmazonS3FullAccess"))], expect: [{ on: "fail_s3_full", id: "broadManagedPolicy" }] },
    {
        // As aws.lambda.CallbackFunction builds them with no `policies`: role and function share the name, the attachment is named by the ARN's SHA-1.
        name: "fail_callback_function_default_policy",
        resources: (() => {
            const r = role("handler");
            const arn = awsManaged("AmazonS3FullAccess");
            const fn = resource("aws:lambda/function:Function", "handler", { role: unknown.string, runtime: "nodejs20.x" }, { propertyDependencies: dependsOn({ role: [r] }) });
            return [r, attach(`handler-${createHash("sha1").update(arn).digest("hex").slice(0, 8)}`, r, arn), fn];
        })(),
        expect: [{ on: "handler", id: "broadManagedPolicyOfCallbackFunction" }],
    },
    {
        // Its defaults attach several broad policies: one finding on the role lists them, since one argument fixes them all.
        name: "fail_callback_function_default_policies_one_finding",
        resources: (() => {
            const r = role("handler");
            const fn = resource("aws:lambda/function:Function", "handler", { role: unknown.string, runtime: "nodejs20.x" }, { propertyDependencies: dependsOn({ role: [r] }) });
            const attachments = ["AmazonS3FullAccess", "AmazonSQSFullAccess", "AmazonKinesisFullAccess"].map((name) => {
                const arn = awsManaged(name);
                return attach(`handler-${createHash("sha1").update(arn).digest("hex").slice(0, 8)}`, r, arn);
            });
            return [r, ...attachments, fn];
        })(),
        expect: [{ on: "handler", id: "broadManagedPolicyOfCallbackFunction" }],
    },
    {
        // A role named like the function it serves, attached by hand: no CallbackFunction here.
        name: "fail_role_named_like_its_function_attached_by_hand",
        resources: [role("worker"), attach("worker-s3", role("worker"), awsManaged("AmazonS3FullAccess")), resource("aws:lambda/function:Function", "worker", { role: role("worker").outputs!.arn })],
        expect: [{ on: "worker", id: "broadManagedPolicy" }],
    },
    { name: "fail_managed_policy_arns_on_role", resources: [role("fail_arns", { managedPolicyArns: [awsManaged("AdministratorAccess")] })], expect: [{ on: "fail_arns", id: "broadManagedPolicy" }] },
    { name: "fail_lambda_basic_execution_role", resources: [role("fail_basic", { managedPolicyArns: [awsManaged("service-role/AWSLambdaBasicExecutionRole")] })], expect: [{ on: "fail_basic", id: "broadManagedPolicy" }] },
    {
        name: "fail_attachment_joined_by_dependencies_at_preview",
        resources: (() => {
            const r = newRole("fail_new_role");
            return [r, attach("fail_new_role-att", r, awsManaged("PowerUserAccess"), { propertyDependencies: dependsOn({ role: [r] }) })];
        })(),
        expect: [{ on: "fail_new_role", id: "broadManagedPolicy" }],
    },
    { name: "fail_user_attachment", resources: [user("fail_user"), resource(userPolicyAttachmentType, "fail_user-att", { user: "fail_user", policyArn: awsManaged("IAMFullAccess") })], expect: [{ on: "fail_user", id: "broadManagedPolicy" }] },
    { name: "fail_group_attachment", resources: [group("fail_group"), resource(groupPolicyAttachmentType, "fail_group-att", { group: "fail_group", policyArn: awsManaged("ReadOnlyAccess") })], expect: [{ on: "fail_group", id: "broadManagedPolicy" }] },
    {
        name: "fail_policy_attachment_to_role_user_and_group",
        resources: [
            role("fail_pa_role"),
            user("fail_pa_user"),
            group("fail_pa_group"),
            resource(policyAttachmentType, "fail_pa", { roles: ["fail_pa_role"], users: ["fail_pa_user"], groups: ["fail_pa_group"], policyArn: awsManaged("AmazonS3FullAccess") }),
        ],
        expect: [
            { on: "fail_pa_role", id: "broadManagedPolicy" },
            { on: "fail_pa_user", id: "broadManagedPolicy" },
            { on: "fail_pa_group", id: "broadManagedPolicy" },
        ],
    },
    { name: "fail_principal_outside_stack_lands_on_attachment", resources: [attach("fail_outside-att", role("existing-role"), awsManaged("AdministratorAccess"))], expect: [{ on: "fail_outside-att", id: "attachmentOfBroadManagedPolicy" }] },
    { name: "fail_other_partition", resources: [role("fail_gov", { managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"] })], expect: [{ on: "fail_gov", id: "broadManagedPolicy" }] },

    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", { bucket: "b" })], expect: [], notApplicable: ["na_bucket"] },

    {
        name: "unknown_policy_arn_without_dependencies",
        resources: [role("unknown_arn_role"), attach("unknown_arn-att", role("unknown_arn_role"), unknown.string)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_role_of_broad_attachment",
        resources: [role("unknown_target"), resource(rolePolicyAttachmentType, "unknown_target-att", { role: unknown.string, policyArn: awsManaged("AdministratorAccess") })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_managed_policy_arns_element", resources: [role("unknown_arns", { managedPolicyArns: [unknown.string] })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_element_beside_a_known_broad_one",
        resources: [role("fail_known_broad", { managedPolicyArns: [unknown.string, awsManaged("AmazonS3FullAccess")] })],
        expect: [
            { on: "fail_known_broad", id: "broadManagedPolicy" },
        ],
    },
]);

describe("iam-no-broad-managed-policies: decided from the managed policies' documents", () => {
    for (const name of broad) {
        it(`${name} fails`, async () => {
            const { got } = await findings(iamNoBroadManagedPolicies, [role("r", { managedPolicyArns: [awsManaged(name)] })]);
            expect(got.map((g) => g.id)).to.deep.equal(["broadManagedPolicy"]);
        });
    }

    it("quotes the offending statement of AmazonS3FullAccess as compact JSON", async () => {
        const { result } = await findings(iamNoBroadManagedPolicies, [role("app"), attach("app-att", role("app"), awsManaged("AmazonS3FullAccess"))]);
        const messages = result.diagnostics.filter((d) => d.policyName === iamNoBroadManagedPolicies.name).map((d) => d.message);
        expect(messages).to.have.length(1);
        expect(messages[0]).to.contain(`Role 'app' gets the AWS managed policy 'AmazonS3FullAccess' through 'app-att'`);
        const offending = (managedPolicyDocument(awsManaged("AmazonS3FullAccess")) as { Statement: unknown[] }).Statement.find((st) => JSON.stringify(st).includes('"s3:*"'));
        expect(messages[0]).to.contain(`Its statement ${JSON.stringify(offending)} allows every action of a service ('s3:*'`);
    });

    it("an AWS managed policy that names its actions and resources passes", async () => {
        // AWSDenyAll only denies; the data has it at every version.
        const { got } = await findings(iamNoBroadManagedPolicies, [role("r", { managedPolicyArns: [awsManaged("AWSDenyAll")] })]);
        expect(got).to.deep.equal([]);
    });
});

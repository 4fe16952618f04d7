import { expect } from "chai";
import { actionInfo } from "../../policy-pack/lib/iam-actions";
import { credentialActions, escalationPaths } from "../../policy-pack/lib/iam-escalation";
import { iamNoPrivilegeEscalation } from "../../policy-pack/iam/no-privilege-escalation";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { account, allow, awsManaged, doc, group, groupPolicyAttachmentType, policy, readOrders, role, rolePolicyType, user, userPolicyType } from "./iam-fixtures";

const appRoleArn = `arn:aws:iam::${account}:role/app`;
const functionArn = `arn:aws:lambda:us-east-1:${account}:function:orders`;
const inline = (name: string, policyDocument: unknown) => ({ inlinePolicies: [{ name, policy: JSON.stringify(policyDocument) }] });
/** A deployer that passes the application's role, by name, to the functions it creates. */
const deployer = doc(allow("iam:PassRole", appRoleArn), allow(["lambda:CreateFunction", "lambda:UpdateFunctionCode"], functionArn));
const withDeploy = (name: string, ...extra: unknown[]) => role(name, inline("deploy", doc(...deployer.Statement, ...extra)));
const passedTo = (service: string, operator = "StringEquals") => ({ Condition: { [operator]: { "iam:PassedToService": service } } });

caseTable(iamNoPrivilegeEscalation, [
    { name: "pass_data_only_role", resources: [role("pass_data", inline("orders", readOrders))], expect: [] },
    { name: "pass_pass_role_by_name_with_create_function", resources: [withDeploy("pass_deployer")], expect: [] },
    { name: "pass_pass_any_role_to_another_service_only", resources: [withDeploy("pass_passed_to_ec2", allow("iam:PassRole", "*", passedTo("ec2.amazonaws.com")))], expect: [] },
    { name: "pass_attach_pinned_to_named_policies", resources: [withDeploy("pass_attach_pinned", allow("iam:AttachRolePolicy", appRoleArn, { Condition: { ArnEquals: { "iam:PolicyARN": `arn:aws:iam::${account}:policy/orders-read` } } }))], expect: [] },
    {
        name: "pass_put_role_policy_requires_permissions_boundary",
        resources: [withDeploy("pass_boundary", allow("iam:PutRolePolicy", `arn:aws:iam::${account}:role/app-*`, { Condition: { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${account}:policy/boundary` } } }))],
        expect: [],
    },
    { name: "pass_assume_named_role", resources: [withDeploy("pass_assume_named", allow("sts:AssumeRole", appRoleArn))], expect: [] },
    { name: "pass_denied_by_explicit_deny", resources: [withDeploy("pass_deny", allow("iam:CreatePolicyVersion", "*"), { Effect: "Deny", Action: "iam:*", Resource: "*" })], expect: [] },
    {
        name: "pass_resource_unknown_from_stack_resource",
        resources: (() => {
            const fn = resource("aws:lambda/function:Function", "orders", {}, { outputs: { arn: unknown.string } });
            const r = role("pass_new_function", {});
            return [fn, r, resource(rolePolicyType, "pass_new_function-deploy", { role: "pass_new_function", policy: JSON.stringify(doc(allow("lambda:UpdateFunctionCode", unknown.string))) }, { propertyDependencies: dependsOn({ policy: [fn] }) })];
        })(),
        expect: [],
    },

    { name: "fail_pass_any_role_with_create_function_named_outright", resources: [withDeploy("fail_lambda", allow("iam:PassRole", "*"))], expect: [{ on: "fail_lambda", id: "escalation" }] },
    { name: "fail_pass_role_pinned_to_the_service_it_creates", resources: [withDeploy("fail_passed_to_lambda", allow("iam:PassRole", "*", passedTo("lambda.amazonaws.com")))], expect: [{ on: "fail_passed_to_lambda", id: "escalation" }] },
    {
        name: "fail_pass_role_and_run_instances_from_two_documents",
        resources: (() => {
            const ec2 = policy("launch", JSON.stringify(doc(allow("ec2:RunInstances", "*"))), { outputs: { arn: `arn:aws:iam::${account}:policy/launch` } });
            return [ec2, role("fail_ec2", { ...inline("pass", doc(allow("iam:PassRole", `arn:aws:iam::${account}:role/*`))), managedPolicyArns: [`arn:aws:iam::${account}:policy/launch`] })];
        })(),
        expect: [{ on: "fail_ec2", id: "escalation" }],
    },
    { name: "fail_create_policy_version_on_one_policy", resources: [withDeploy("fail_policy_version", allow("iam:CreatePolicyVersion", `arn:aws:iam::${account}:policy/orders-read`))], expect: [{ on: "fail_policy_version", id: "escalation" }] },
    {
        name: "fail_attach_pinned_to_every_policy",
        resources: [withDeploy("fail_attach_any", allow("iam:AttachRolePolicy", appRoleArn, { Condition: { ArnLike: { "iam:PolicyARN": "arn:aws:iam::*:policy/*" } } }))],
        expect: [{ on: "fail_attach_any", id: "escalation" }],
    },
    {
        name: "fail_permissions_boundary_if_exists_does_not_pin",
        resources: [withDeploy("fail_boundary_if_exists", allow("iam:PutRolePolicy", appRoleArn, { Condition: { StringEqualsIfExists: { "iam:PermissionsBoundary": `arn:aws:iam::${account}:policy/boundary` } } }))],
        expect: [{ on: "fail_boundary_if_exists", id: "escalation" }],
    },
    { name: "fail_mfa_condition_does_not_scope", resources: [withDeploy("fail_mfa", allow("iam:UpdateAssumeRolePolicy", appRoleArn, { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }))], expect: [{ on: "fail_mfa", id: "escalation" }] },
    { name: "fail_assume_any_role", resources: [withDeploy("fail_assume", allow("sts:AssumeRole", "*"))], expect: [{ on: "fail_assume", id: "escalation" }] },
    { name: "fail_update_code_of_every_function", resources: [withDeploy("fail_code", allow("lambda:UpdateFunctionCode", `arn:aws:lambda:*:${account}:function:*`))], expect: [{ on: "fail_code", id: "escalation" }] },
    { name: "fail_partial_wildcard_reaches_put_policy", resources: [withDeploy("fail_put_wildcard", allow("iam:Put*Policy", appRoleArn))], expect: [{ on: "fail_put_wildcard", id: "escalation" }] },
    { name: "fail_not_action", resources: [role("fail_not_action", inline("all", doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })))], expect: [{ on: "fail_not_action", id: "escalation" }] },
    { name: "fail_aws_managed_iam_full_access", resources: [role("fail_managed", { managedPolicyArns: [awsManaged("IAMFullAccess")] })], expect: [{ on: "fail_managed", id: "escalation" }] },
    { name: "fail_user_policy", resources: [user("fail_user"), resource(userPolicyType, "fail_user-admin", { user: "fail_user", policy: JSON.stringify(doc(allow("iam:AttachUserPolicy", "*"))) })], expect: [{ on: "fail_user", id: "escalation" }] },
    { name: "fail_group_managed_attachment", resources: [group("fail_group"), resource(groupPolicyAttachmentType, "fail_group-att", { group: "fail_group", policyArn: awsManaged("AdministratorAccess") })], expect: [{ on: "fail_group", id: "escalation" }] },
    { name: "fail_policy_attached_to_no_principal", resources: [policy("fail_lone", JSON.stringify(doc(allow("iam:AddUserToGroup", "*"))))], expect: [{ on: "fail_lone", id: "escalationInPolicy" }] },

    { name: "unknown_pass_role_resource_from_outside_the_stack", resources: [withDeploy("unknown_resource", allow("iam:PassRole", unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_condition", resources: [withDeploy("unknown_condition", allow("iam:AttachRolePolicy", appRoleArn, { Condition: { ArnEquals: { "iam:PolicyARN": unknown.string } } }))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_inline_policies", resources: [role("unknown_inline", { inlinePolicies: unknown.array })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_arn_of_attached_stack_policy_is_not_judged_alone",
        resources: (() => {
            const ec2 = policy("launch-new", JSON.stringify(doc(allow("ec2:RunInstances", "*"))), { outputs: { arn: unknown.string } });
            return [ec2, role("unknown_attached", { ...inline("pass", doc(allow("iam:PassRole", "*"))), managedPolicyArns: [`arn:aws:iam::${account}:policy/launch-new`] })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_deny_may_refuse_the_action", resources: [withDeploy("unknown_deny", allow("sts:AssumeRole", "*"), { Effect: "Deny", Action: "sts:AssumeRole", Resource: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "not_applicable_without_iam", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [] },
]);

describe("escalation and credential actions", () => {
    it("are all actions of the IAM reference data", () => {
        const actions = [...escalationPaths.flatMap((p) => p.steps.map((s) => s.action)), ...credentialActions];
        expect(actions.filter((a) => actionInfo(a)?.name.toLowerCase() !== a.toLowerCase())).to.deep.equal([]);
    });
});

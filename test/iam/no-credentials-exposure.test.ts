import { iamNoCredentialsExposure } from "../../policy-pack/iam/no-credentials-exposure";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { account, allow, awsManaged, doc, group, groupPolicyType, policy, readOrders, role, rolePolicyType, user, userPolicyAttachmentType } from "./iam-fixtures";

const ownUser = `arn:aws:iam::${account}:user/\${aws:username}`;
/** Each member of the group manages its own access keys and password: AWS's documented self-service pattern. */
const selfService = doc(allow(["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"], ownUser));
const groupWith = (name: string, ...statements: unknown[]) => [group(name), resource(groupPolicyType, `${name}-self-service`, { group: name, policy: JSON.stringify(doc(...selfService.Statement, ...statements)) })];

caseTable(iamNoCredentialsExposure, [
    { name: "pass_self_service_group", resources: groupWith("pass_self_service"), expect: [] },
    { name: "pass_data_only_role", resources: [role("pass_data", { inlinePolicies: [{ name: "orders", policy: JSON.stringify(readOrders) }] })], expect: [] },
    { name: "pass_named_service_user", resources: groupWith("pass_named_user", allow("iam:CreateAccessKey", `arn:aws:iam::${account}:user/ci-uploader`)), expect: [] },
    { name: "pass_named_federated_user", resources: groupWith("pass_federated_named", allow("sts:GetFederationToken", `arn:aws:sts::${account}:federated-user/support`)), expect: [] },
    { name: "pass_denied_by_explicit_deny", resources: groupWith("pass_deny", allow("iam:CreateAccessKey", "*"), { Effect: "Deny", Action: "iam:CreateAccessKey", Resource: "*" }), expect: [] },
    {
        name: "pass_user_arn_unknown_from_stack_resource",
        resources: (() => {
            const uploader = resource("aws:iam/user:User", "uploader", { name: "uploader" }, { outputs: { arn: unknown.string } });
            return [uploader, role("pass_rotator"), resource(rolePolicyType, "pass_rotator-keys", { role: "pass_rotator", policy: JSON.stringify(doc(allow("iam:CreateAccessKey", unknown.string))) }, { propertyDependencies: dependsOn({ policy: [uploader] }) })];
        })(),
        expect: [],
    },

    { name: "fail_access_keys_for_any_user", resources: groupWith("fail_keys", allow("iam:CreateAccessKey", "*")), expect: [{ on: "fail_keys", id: "credentialsForAnyUser" }] },
    { name: "fail_console_password_for_every_user_arn", resources: groupWith("fail_login", allow("iam:CreateLoginProfile", `arn:aws:iam::${account}:user/*`)), expect: [{ on: "fail_login", id: "credentialsForAnyUser" }] },
    { name: "fail_federation_token_on_star", resources: [role("fail_federation", { inlinePolicies: [{ name: "broker", policy: JSON.stringify(doc(allow("sts:GetFederationToken", "*"))) }] })], expect: [{ on: "fail_federation", id: "credentialsForAnyUser" }] },
    { name: "fail_wildcard_action_reaches_create_access_key", resources: groupWith("fail_wildcard", allow("iam:Create*", "*")), expect: [{ on: "fail_wildcard", id: "credentialsForAnyUser" }] },
    { name: "fail_not_resource", resources: groupWith("fail_not_resource", { Effect: "Allow", Action: "iam:ResetServiceSpecificCredential", NotResource: `arn:aws:iam::${account}:user/admin` }), expect: [{ on: "fail_not_resource", id: "credentialsForAnyUser" }] },
    { name: "fail_aws_managed_iam_full_access_on_user", resources: [user("fail_user"), resource(userPolicyAttachmentType, "fail_user-att", { user: "fail_user", policyArn: awsManaged("IAMFullAccess") })], expect: [{ on: "fail_user", id: "credentialsForAnyUser" }] },
    { name: "fail_policy_attached_to_no_principal", resources: [policy("fail_lone", JSON.stringify(doc(allow("iam:UpdateLoginProfile", "*"))))], expect: [{ on: "fail_lone", id: "credentialsForAnyUserInPolicy" }] },

    { name: "unknown_resource_from_outside_the_stack", resources: groupWith("unknown_resource", allow("iam:CreateAccessKey", unknown.string)), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_document", resources: [group("unknown_doc"), resource(groupPolicyType, "unknown_doc-policy", { group: "unknown_doc", policy: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_statement_may_be_a_deny", resources: [group("unknown_deny"), resource(groupPolicyType, "unknown_deny-policy", { group: "unknown_deny", policy: JSON.stringify(doc(allow("iam:CreateAccessKey", "*"), unknown.string)) })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "not_applicable_without_iam", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [] },
]);

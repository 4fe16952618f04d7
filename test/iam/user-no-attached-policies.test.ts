import { iamUserNoAttachedPolicies } from "../../policy-pack/iam/user-no-attached-policies";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const account = "111122223333";
const userType = "aws:iam/user:User";
const user = (name: string): ResourceState => resource(userType, name, { name }, { outputs: { id: name, name, arn: `arn:aws:iam::${account}:user/${name}` } });
const readOnly = `arn:aws:iam::${account}:policy/read-reports`;
const group = resource("aws:iam/group:Group", "analysts", { name: "analysts" }, { outputs: { id: "analysts", name: "analysts", arn: `arn:aws:iam::${account}:group/analysts` } });
const membership = (u: ResourceState) => resource("aws:iam/userGroupMembership:UserGroupMembership", `${u.name}-groups`, { user: u.name, groups: ["analysts"] });
const groupAttachment = resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "analysts-read", { group: "analysts", policyArn: readOnly });
const inlineDocument = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] });

caseTable(iamUserNoAttachedPolicies, [
    { name: "pass_permissions_through_group", resources: [user("pass_alice"), group, membership(user("pass_alice")), groupAttachment], expect: [] },
    { name: "pass_exclusive_with_no_policies", resources: [user("pass_bob"), resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "bob-none", { userName: "pass_bob", policyArns: [] })], expect: [] },
    { name: "pass_policy_attachment_to_roles_only", resources: [user("pass_carol"), resource("aws:iam/policyAttachment:PolicyAttachment", "roles-only", { policyArn: readOnly, roles: ["app"] })], expect: [] },
    { name: "fail_user_policy_attachment", resources: [user("fail_dave"), resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "dave-read", { user: "fail_dave", policyArn: readOnly })], expect: [{ on: "fail_dave", id: "attachedPolicy" }] },
    { name: "fail_inline_user_policy", resources: [user("fail_erin"), resource("aws:iam/userPolicy:UserPolicy", "erin-inline", { user: "fail_erin", policy: inlineDocument })], expect: [{ on: "fail_erin", id: "inlinePolicy" }] },
    {
        name: "fail_policy_attachment_with_users",
        resources: [user("fail_frank"), user("fail_grace"), resource("aws:iam/policyAttachment:PolicyAttachment", "shared-read", { policyArn: readOnly, users: ["fail_frank", "fail_grace"], groups: ["analysts"] })],
        expect: [{ on: "fail_frank", id: "attachedPolicy" }, { on: "fail_grace", id: "attachedPolicy" }],
    },
    { name: "fail_exclusive_attachments", resources: [user("fail_heidi"), resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "heidi-only", { userName: "fail_heidi", policyArns: [readOnly] })], expect: [{ on: "fail_heidi", id: "attachedPolicy" }] },
    { name: "fail_exclusive_inline_names", resources: [user("fail_ivan"), resource("aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "ivan-only", { userName: "fail_ivan", policyNames: ["ivan-inline"] })], expect: [{ on: "fail_ivan", id: "inlinePolicy" }] },
    {
        name: "fail_user_name_unknown_joined_by_dependencies",
        resources: (() => {
            const u = resource(userType, "fail_judy", {});
            return [u, resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "judy-read", { user: unknown.string, policyArn: readOnly }, { propertyDependencies: dependsOn({ user: [u] }) })];
        })(),
        expect: [{ on: "fail_judy", id: "attachedPolicy" }],
    },
    { name: "fail_user_outside_stack", resources: [resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "fail_external_grant", { user: "mallory", policyArn: readOnly })], expect: [{ on: "fail_external_grant", id: "userOutsideStack" }] },
    { name: "unknown_user", resources: [user("unknown_kim"), resource("aws:iam/userPolicy:UserPolicy", "someone-inline", { user: unknown.string, policy: inlineDocument })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_exclusive_list", resources: [user("unknown_leo"), resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "leo-only", { userName: "unknown_leo", policyArns: unknown.array })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(iamUserNoAttachedPolicies, [{ name: "na_no_users", resources: [group, groupAttachment], reason: "no IAM users" }]);

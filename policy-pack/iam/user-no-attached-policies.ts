import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, list, str } from "../lib/values";

/** Every way a program gives an IAM user a policy of its own, and the input that names the user. */
const grants = [
    { types: [...types.iamUserPolicy], userProp: "user", kind: "inline" as const },
    { types: [...types.iamUserPolicyAttachment], userProp: "user", kind: "attached" as const, policyProp: "policyArn" },
    { types: [...types.iamPolicyAttachment], userProp: "users", kind: "attached" as const, policyProp: "policyArn" },
    // The exclusive resources name the policies a user keeps: an empty list removes them all.
    { types: [...types.iamUserPoliciesExclusive], userProp: "userName", kind: "inline" as const, exclusive: "policyNames" },
    { types: [...types.iamUserPolicyAttachmentsExclusive], userProp: "userName", kind: "attached" as const, policyProp: "policyArns", exclusive: "policyArns" },
];

export const iamUserNoAttachedPolicies = definePolicy({
    name: "iam-user-no-attached-policies",
    description: "IAM users must not have policies of their own (inline or attached); their permissions come from groups.",
    rationale:
        "Policies attached to individual users are granted one person at a time and drift apart: nobody can tell what a job " +
        "function is allowed, and permissions outlive the role the person had. Granting through groups (or roles) keeps one " +
        "place per job function to review and to revoke.",
    domain: "iam",
    severity: "medium",
    remediationSteps:
        "Move the policy to an aws.iam.Group (aws.iam.GroupPolicy or aws.iam.GroupPolicyAttachment) and add the user to it " +
        "with aws.iam.UserGroupMembership; for workloads, use a role instead of a user. Then remove the aws.iam.UserPolicy, " +
        "UserPolicyAttachment, the user from a PolicyAttachment's users, or the policies from UserPoliciesExclusive / " +
        "UserPolicyAttachmentsExclusive.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "IAM.2", specification: "IAM users should not have IAM policies attached" },
    noRemediation: "moving the user's policies to a group is a new resource, which a fix cannot add",
    messages: {
        inlinePolicy:
            "IAM user '{{user}}' has an inline policy of its own (from '{{grant}}'). Put the permissions in a policy of a group the " +
            "user belongs to (aws.iam.GroupPolicy) and delete '{{grant}}'.",
        attachedPolicy:
            "IAM user '{{user}}' has policy {{policy}} attached directly (by '{{grant}}'). Attach it to a group instead " +
            "(aws.iam.GroupPolicyAttachment), add the user to the group, and remove '{{grant}}'.",
        userOutsideStack:
            "'{{grant}}' gives IAM user '{{user}}' (not declared in this stack) a policy of its own. Grant it to a group the user " +
            "belongs to instead.",
    },
    // User names, policy ARNs and policy lists are required inputs that outputs repeat as declared.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const found = grants.flatMap((g) => stack.ofType(...g.types).map((node) => ({ node, grant: g })));
        if (found.length === 0 && stack.ofType(...types.iamUser).length === 0) {
            ctx.notApplicable("the stack has no IAM users or user policies");
        }
        for (const { node, grant } of found) {
            if (grant.exclusive !== undefined) {
                const kept = list(node.inputs[grant.exclusive]);
                if (kept === UNKNOWN) {
                    ctx.undecided(`${grant.exclusive} is unknown`, node.urn);
                    continue;
                }
                if (kept.length === 0) {
                    continue;
                }
            }
            const users = stack.targets(node, grant.userProp, [...types.iamUser]);
            if (users === UNKNOWN) {
                ctx.undecided(`${grant.userProp} is unknown`, node.urn);
                continue;
            }
            const policy = grant.policyProp !== undefined ? policyLabel(node.inputs[grant.policyProp]) : undefined;
            const messageId = grant.kind === "inline" ? "inlinePolicy" : "attachedPolicy";
            for (const user of users) {
                ctx.report(messageId, { user: user.name, grant: node.name, policy }, user.urn);
            }
            if (users.length === 0) {
                const names = list(node.inputs[grant.userProp]);
                const named = names === UNKNOWN ? [] : names.map((n) => str(n)).filter((n): n is string => typeof n === "string" && n !== "");
                for (const name of named) {
                    ctx.report("userOutsideStack", { user: name, grant: node.name }, node.urn);
                }
            }
        }
    },
});

function policyLabel(value: unknown): string {
    const items = list(value);
    if (items === UNKNOWN) {
        return "(unknown until deployment)";
    }
    const known = items.map((v) => str(v)).map((v) => (typeof v === "string" ? `'${v}'` : "(unknown until deployment)"));
    return known.length > 0 ? known.join(", ") : "(none)";
}

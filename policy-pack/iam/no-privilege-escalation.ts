import { Allowance, allowancesOf, grantSubjects } from "../lib/iam-grants";
import { EscalationPath, escalationActions, escalationPaths, pathReach } from "../lib/iam-escalation";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";

export const iamNoPrivilegeEscalation = definePolicy({
    name: "iam-no-privilege-escalation",
    description:
        "A role, user or group must not be able to raise its own permissions: pass any role to a service it controls, rewrite or attach policies, change trust policies, or assume any role.",
    rationale:
        "Least privilege holds only while a principal cannot grant itself more. iam:PassRole on every role with lambda:CreateFunction or " +
        "ec2:RunInstances runs code as the most powerful role in the account; iam:CreatePolicyVersion, iam:Attach*Policy or iam:Put*Policy " +
        "write 'Allow *' into a policy; iam:UpdateAssumeRolePolicy and sts:AssumeRole on '*' take over other roles. Each is a full " +
        "administrator in waiting, whether it is granted by a wildcard or named outright.",
    domain: "iam",
    severity: "critical",
    remediationSteps:
        "Remove the actions from the workload's policies and keep them in an administration role that people assume with MFA. Where a " +
        "principal must keep one: name the roles iam:PassRole may pass (their ARNs, not '*') and pin iam:PassedToService; pin " +
        "iam:PolicyARN on Attach*Policy to the policies it may attach; require an iam:PermissionsBoundary on Put/Attach role and user " +
        "policies; name the roles sts:AssumeRole may assume and the functions lambda:UpdateFunctionCode may update.",
    findingsOn: "the role, user or group that gets the permissions; an aws.iam.Policy that no principal of the stack gets is judged by itself",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        escalation: "{{subject}} can raise its own permissions: it can {{paths}}. Remove these actions, or scope them: name the roles iam:PassRole may pass, pin iam:PassedToService or iam:PolicyARN, or require an iam:PermissionsBoundary.",
        escalationInPolicy:
            "{{subject}}, attached to no principal in the stack, lets whoever gets it raise their own permissions: they can {{paths}}. Remove these actions, or scope them: name the roles iam:PassRole may pass, pin iam:PassedToService or iam:PolicyARN, or require an iam:PermissionsBoundary.",
    },
    checkStack(stack, ctx) {
        const subjects = grantSubjects(stack);
        if (subjects.length === 0) {
            ctx.notApplicable("the stack has no IAM roles, users, groups or policies");
        }
        for (const subject of subjects) {
            const allowances = allowancesOf(subject.grants.documents, escalationActions);
            const reached: string[] = [];
            let undecided = false;
            for (const path of escalationPaths) {
                const { reach, through } = pathReach(allowances, path);
                if (reach === "reached") {
                    reached.push(describe(path, through));
                }
                undecided ||= reach === "unknown";
            }
            if (reached.length > 0) {
                const more = reached.length > 3 ? `; and ${reached.length - 3} more ways` : "";
                ctx.report(subject.lone ? "escalationInPolicy" : "escalation", { subject: subject.label, paths: reached.slice(0, 3).join("; ") + more }, subject.node.urn);
                continue;
            }
            [...subject.grants.unknown, ...allowances.unknown].forEach((what) => ctx.undecided(what, subject.node.urn));
            if (undecided) {
                ctx.undecided("a resource or condition of a statement that allows an escalation action is unknown", subject.node.urn);
            }
        }
    },
});

/** `can create a Lambda function that runs as any role (iam:PassRole on '*' by inline policy 'deploy', …)`. */
function describe(path: EscalationPath, through: Allowance[]): string {
    const steps = through.map((a) => {
        const resources = a.statement.notResource ? "NotResource" : (a.statement.resource?.known ?? []).map((r) => `'${r}'`).join(", ");
        return `${a.action} on ${resources || "(none)"} by the ${a.source}`;
    });
    return `${path.how} (${steps.join("; ")})`;
}

import { credentialActions } from "../lib/iam-escalation";
import { Allowance, allowancesOf, grantSubjects, onEveryResource } from "../lib/iam-grants";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";

export const iamNoCredentialsExposure = definePolicy({
    name: "iam-no-credentials-exposure",
    description:
        "A role, user or group must not be able to create access keys, console passwords, service credentials or federation tokens for any user: only for named users, such as the caller itself.",
    rationale:
        "iam:CreateAccessKey or iam:CreateLoginProfile on every user lets the holder mint long-lived credentials for any user of the account, " +
        "administrators included, and keep them after its own access is revoked; sts:GetFederationToken on '*' hands out credentials for any " +
        "federated user name, which no trail ties back to a person.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "Set Resource of the statement to the users whose credentials the principal manages, e.g. arn:aws:iam::ACCOUNT:user/${aws:username} so " +
        "that each user manages only its own keys and password, or the ARNs of named service users; for sts:GetFederationToken name the " +
        "federated users (arn:aws:sts::ACCOUNT:federated-user/NAME). Better, give workloads roles, which need no long-lived keys at all.",
    findingsOn: "the role, user or group that gets the permissions; an aws.iam.Policy that no principal of the stack gets is judged by itself",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        credentialsForAnyUser: "{{subject}} can hand out credentials for any user: {{grants}}. Scope Resource to named users, e.g. arn:aws:iam::ACCOUNT:user/${aws:username} for a user's own credentials.",
        credentialsForAnyUserInPolicy:
            "{{subject}}, attached to no principal in the stack, lets whoever gets it hand out credentials for any user: {{grants}}. Scope Resource to named users, e.g. arn:aws:iam::ACCOUNT:user/${aws:username} for a user's own credentials.",
    },
    checkStack(stack, ctx) {
        const subjects = grantSubjects(stack);
        if (subjects.length === 0) {
            ctx.notApplicable("the stack has no IAM roles, users, groups or policies");
        }
        for (const subject of subjects) {
            const allowances = allowancesOf(subject.grants.documents, credentialActions);
            const exposing: Allowance[] = [];
            let undecided = false;
            for (const action of credentialActions) {
                for (const allowance of allowances.byAction.get(action) ?? []) {
                    const verdict = onEveryResource(allowance.statement, action);
                    // An ARN unknown at preview that comes from an in-stack resource names that one resource.
                    if (verdict === "pass") {
                        exposing.push(allowance);
                        break;
                    }
                    undecided ||= verdict === "unknown" && !allowance.grant.fromStack;
                }
            }
            if (exposing.length > 0) {
                ctx.report(subject.lone ? "credentialsForAnyUserInPolicy" : "credentialsForAnyUser", { subject: subject.label, grants: exposing.map(describe).join("; ") }, subject.node.urn);
                continue;
            }
            [...subject.grants.unknown, ...allowances.unknown].forEach((what) => ctx.undecided(what, subject.node.urn));
            if (undecided) {
                ctx.undecided("a Resource of a statement that allows a credential action is unknown and comes from no resource in the stack", subject.node.urn);
            }
        }
    },
});

function describe(a: Allowance): string {
    const resources = a.statement.notResource ? `every resource except ${a.statement.notResource.known.join(", ")} (NotResource)` : (a.statement.resource?.known ?? []).map((r) => `'${r}'`).join(", ");
    return `${a.action} on ${resources} by the ${a.source}`;
}

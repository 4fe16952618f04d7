// The known ways an IAM principal can give itself (or take) more permissions than it was granted,
// and the actions that mint long-lived or federated credentials. Each step is an action the IAM
// reference data knows (a test holds them to it); whether a principal's documents allow it is
// read with the data too (wildcards, NotAction), so `iam:Put*` and `iam:*` reach the same paths as
// the action named outright.
//
// Escalation paths, in the project's words, from the IAM User Guide's descriptions of the actions
// and of "Permissions boundaries for IAM entities":
// - passing any role to a service that then runs code the principal controls under that role;
// - changing what a managed policy or a principal's policies allow (new default version,
//   attaching or writing policies, adding a user to a group);
// - changing who may assume a role (its trust policy), or assuming any role that trusts the account;
// - replacing the code of any function, which then runs as that function's role.
import { actionInfo, resourceArnFormats } from "./iam-actions";
import { coversEveryResourceOfType } from "./iam-checks";
import { Allowance, Allowances, onEveryResource, passesPins, pinnedValues } from "./iam-grants";
import { UNKNOWN } from "./values";

export interface Step {
    action: string;
    /** The step counts only when the action is allowed on every resource of its type (`*`, `role/*`). */
    onEveryResource?: boolean;
    /** For iam:PassRole: the service the role is passed to (iam:PassedToService). */
    passedTo?: string;
}

export interface EscalationPath {
    id: string;
    /** What the path lets the principal do, for messages. */
    how: string;
    steps: Step[];
}

/**
 * iam:PassRole counts only on every role: a role passed by name grants only that role's own
 * permissions, which these same policies judge on that role.
 */
const passAnyRole = (service: string): Step => ({ action: "iam:PassRole", onEveryResource: true, passedTo: service });

export const escalationPaths: EscalationPath[] = [
    { id: "passRoleToLambda", how: "create a Lambda function that runs as any role", steps: [passAnyRole("lambda.amazonaws.com"), { action: "lambda:CreateFunction" }] },
    { id: "passRoleToEc2", how: "launch an EC2 instance with any role's instance profile", steps: [passAnyRole("ec2.amazonaws.com"), { action: "ec2:RunInstances" }] },
    { id: "passRoleToEcs", how: "run an ECS task as any role", steps: [passAnyRole("ecs-tasks.amazonaws.com"), { action: "ecs:RegisterTaskDefinition" }, { action: "ecs:RunTask" }] },
    { id: "passRoleToCloudFormation", how: "create a CloudFormation stack that deploys as any role", steps: [passAnyRole("cloudformation.amazonaws.com"), { action: "cloudformation:CreateStack" }] },
    { id: "passRoleToCodeBuild", how: "create a CodeBuild project that builds as any role", steps: [passAnyRole("codebuild.amazonaws.com"), { action: "codebuild:CreateProject" }] },
    { id: "passRoleToGlue", how: "create a Glue development endpoint that runs as any role", steps: [passAnyRole("glue.amazonaws.com"), { action: "glue:CreateDevEndpoint" }] },
    { id: "passRoleToSageMaker", how: "create a SageMaker notebook instance that runs as any role", steps: [passAnyRole("sagemaker.amazonaws.com"), { action: "sagemaker:CreateNotebookInstance" }] },
    { id: "passRoleToDataPipeline", how: "create a Data Pipeline that runs as any role", steps: [passAnyRole("datapipeline.amazonaws.com"), { action: "datapipeline:CreatePipeline" }] },
    { id: "createPolicyVersion", how: "give a managed policy a new default version that allows anything", steps: [{ action: "iam:CreatePolicyVersion" }] },
    { id: "setDefaultPolicyVersion", how: "make an older, broader version of a managed policy the default", steps: [{ action: "iam:SetDefaultPolicyVersion" }] },
    { id: "attachRolePolicy", how: "attach any managed policy (AdministratorAccess) to a role", steps: [{ action: "iam:AttachRolePolicy" }] },
    { id: "attachUserPolicy", how: "attach any managed policy (AdministratorAccess) to a user", steps: [{ action: "iam:AttachUserPolicy" }] },
    { id: "attachGroupPolicy", how: "attach any managed policy (AdministratorAccess) to a group", steps: [{ action: "iam:AttachGroupPolicy" }] },
    { id: "putRolePolicy", how: "write an inline policy that allows anything into a role", steps: [{ action: "iam:PutRolePolicy" }] },
    { id: "putUserPolicy", how: "write an inline policy that allows anything into a user", steps: [{ action: "iam:PutUserPolicy" }] },
    { id: "putGroupPolicy", how: "write an inline policy that allows anything into a group", steps: [{ action: "iam:PutGroupPolicy" }] },
    { id: "addUserToGroup", how: "add a user to any group, and so to its permissions", steps: [{ action: "iam:AddUserToGroup" }] },
    { id: "updateAssumeRolePolicy", how: "rewrite a role's trust policy so that anyone it chooses can assume the role", steps: [{ action: "iam:UpdateAssumeRolePolicy" }] },
    { id: "assumeAnyRole", how: "assume any role that trusts the account", steps: [{ action: "sts:AssumeRole", onEveryResource: true }] },
    { id: "updateAnyFunctionCode", how: "replace the code of any Lambda function, which then runs as that function's role", steps: [{ action: "lambda:UpdateFunctionCode", onEveryResource: true }] },
];

/** Actions that hand out credentials for an IAM user or a federated user, judged on every user. */
export const credentialActions: string[] = [
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "sts:GetFederationToken",
];

export const escalationActions: string[] = [...new Set(escalationPaths.flatMap((p) => p.steps.map((s) => s.action)))];

export type Reach = "reached" | "not" | "unknown";

/**
 * Whether one allowing statement gives the step. Conditions are honoured where the IAM reference
 * data lists their key for the action and they pin it (`pinnedValues`):
 * - iam:PassedToService limits the services a role can be passed to (IAM User Guide, "Granting a
 *   user permissions to pass a role to an AWS service");
 * - iam:PolicyARN limits which managed policies can be attached, unless a pinned value matches
 *   every policy;
 * - iam:PermissionsBoundary requires that the user or role changed has that boundary, which caps
 *   what any policy can give it (IAM User Guide, "Permissions boundaries for IAM entities",
 *   delegating responsibility to others).
 * Other conditions (MFA, source IP, time) say who may make the change, not what it can grant.
 */
export function stepReach(allowance: Allowance, step: Step): Reach {
    const s = allowance.statement;
    // An ARN unknown at preview that comes from an in-stack resource names that one resource.
    const resource = step.onEveryResource ? onEveryResource(s, step.action) : "pass";
    if (resource === "fail" || (resource === "unknown" && allowance.grant.fromStack)) {
        return "not";
    }
    const keys = new Set(actionInfo(step.action)?.conditionKeys ?? []);
    let unknown = resource === "unknown";
    const check = (key: string, scoped: (pins: string[][]) => boolean) => {
        if (!keys.has(key)) {
            return false;
        }
        const pins = pinnedValues(s, key);
        if (pins === UNKNOWN) {
            unknown = true;
            return false;
        }
        return pins.length > 0 && scoped(pins);
    };
    const policyFormats = resourceArnFormats("iam:CreatePolicyVersion");
    const limited =
        (step.passedTo !== undefined && check("iam:passedtoservice", (pins) => !passesPins(pins, step.passedTo!))) ||
        check("iam:policyarn", (pins) => pins.some((vs) => vs.every((v) => !policyFormats.some((f) => coversEveryResourceOfType(v, f))))) ||
        check("iam:permissionsboundary", () => true);
    if (limited) {
        return "not";
    }
    return unknown ? "unknown" : "reached";
}

/** Whether the allowances give every step of the path, and the statements that do. */
export function pathReach(allowances: Allowances, path: EscalationPath): { reach: Reach; through: Allowance[] } {
    const through: Allowance[] = [];
    let reach: Reach = "reached";
    for (const step of path.steps) {
        const candidates = allowances.byAction.get(step.action) ?? [];
        const verdicts = candidates.map((a) => ({ a, reach: stepReach(a, step) }));
        const giving = verdicts.filter((v) => v.reach === "reached");
        if (giving.length > 0) {
            through.push(giving[0].a);
        } else if (verdicts.some((v) => v.reach === "unknown")) {
            reach = "unknown";
        } else {
            return { reach: "not", through: [] };
        }
    }
    return { reach, through: reach === "reached" ? through : [] };
}

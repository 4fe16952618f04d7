import { Node, StackGraph } from "../lib/graph";
import { isAwsManagedPolicyArn } from "../lib/iam-actions";
import { ManagedPolicyVerdict, broadManagedPolicy, quoteStatement } from "../lib/iam-checks";
import { callbackFunctionOf, policyRefs } from "../lib/iam-roles";
import { CheckContext, definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, list } from "../lib/values";

type Messages = "broadManagedPolicy" | "broadManagedPolicyOfCallbackFunction" | "attachmentOfBroadManagedPolicy";

/** The inputs of each attachment type that name the principals it attaches to. */
const attachmentPrincipals: { tokens: readonly string[]; pointers: { prop: string; tokens: readonly string[] }[] }[] = [
    { tokens: types.iamRolePolicyAttachment, pointers: [{ prop: "role", tokens: types.iamRole }] },
    { tokens: types.iamUserPolicyAttachment, pointers: [{ prop: "user", tokens: types.iamUser }] },
    { tokens: types.iamGroupPolicyAttachment, pointers: [{ prop: "group", tokens: types.iamGroup }] },
    {
        tokens: types.iamPolicyAttachment,
        pointers: [
            { prop: "roles", tokens: types.iamRole },
            { prop: "users", tokens: types.iamUser },
            { prop: "groups", tokens: types.iamGroup },
        ],
    },
];

export const iamNoBroadManagedPolicies = definePolicy<{}, Messages>({
    name: "iam-no-broad-managed-policies",
    description: "Roles, users and groups must not get AWS managed policies whose documents allow wildcard actions or wildcard resources.",
    rationale:
        "AWS managed policies are written for every customer, so they grant whole services or every resource: AmazonS3FullAccess reaches " +
        "every bucket, ReadOnlyAccess reads the configuration of every service, even AWSLambdaBasicExecutionRole writes to every log group. " +
        "AWS also changes them without notice, so what a principal may do can grow without a change to the program.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "Remove the AWS managed policy from the Role's managedPolicyArns, or delete the RolePolicyAttachment, UserPolicyAttachment, " +
        "GroupPolicyAttachment or PolicyAttachment that attaches it. Attach instead an aws.iam.Policy (or a RolePolicy) whose document lists " +
        "the actions needed on the ARNs of the stack's resources, e.g. logs:CreateLogStream and logs:PutLogEvents on the function's log group.",
    framework: {
        name: "CIS AWS Foundations Benchmark",
        version: "3.0.0",
        reference: "1.16",
        specification: "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached",
    },
    noRemediation: "the fix is a narrower policy written for the workload, which only its owner can write; detaching the broad one could cut off access the workload needs",
    messages: {
        broadManagedPolicy:
            "{{kind}} '{{principal}}' gets the AWS managed policy '{{policy}}' through {{via}}. Its statement {{statement}} {{reason}}{{more}}. Replace it with a customer-managed policy that grants only the actions and resources needed.",
        broadManagedPolicyOfCallbackFunction:
            "Role '{{principal}}', which aws.lambda.CallbackFunction '{{function}}' created, gets {{count}} through the attachments the function creates for its `policies` " +
            "(broad AWS managed policies when the argument is left out): {{policies}}. Pass the function's `policies` argument: the ARNs of customer-managed policies that grant only the actions and resources it needs (or pass a `role` of the program's own).",
        attachmentOfBroadManagedPolicy:
            "'{{attachment}}' attaches the AWS managed policy '{{policy}}' to '{{principal}}', which is not in this stack. Its statement {{statement}} {{reason}}{{more}}. Attach a customer-managed policy that grants only the actions and resources needed.",
    },
    resourceTypes: [...types.iamRole],
    // managedPolicyArns as declared on the role; an unknown element is left to the stack check,
    // which can tell through propertyDependencies whether it is a policy of the stack.
    checkResource(role, ctx) {
        const arns = list(at(role.props, "managedPolicyArns"));
        for (const arn of arns === UNKNOWN ? [] : arns) {
            if (typeof arn === "string") {
                const verdict = broadManagedPolicy(arn);
                if (verdict) {
                    ctx.report("broadManagedPolicy", { kind: "Role", principal: role.name, via: "managedPolicyArns", ...describe(verdict) });
                }
            }
        }
    },
    checkStack(stack, ctx) {
        const ofCallbackFunctions = new Map<Node, { fn: Node; verdicts: ManagedPolicyVerdict[] }>();
        for (const { tokens, pointers } of attachmentPrincipals) {
            for (const attachment of stack.ofType(...tokens)) {
                checkAttachment(stack, attachment, pointers, ctx, ofCallbackFunctions);
            }
        }
        // A CallbackFunction's role gets one finding for all it attaches: one argument fixes them all.
        for (const [role, { fn, verdicts }] of ofCallbackFunctions) {
            const more = (n: number) => (n === 0 ? "" : n === 1 ? "; 1 more statement as broad" : `; ${n} more statements as broad`);
            const policies = verdicts.map((v) => `'${v.name}' (${v.brief}${more(v.failing - 1)})`).join(", ");
            const count = verdicts.length === 1 ? "a broad AWS managed policy" : `${verdicts.length} broad AWS managed policies`;
            ctx.report("broadManagedPolicyOfCallbackFunction", { principal: role.name, function: fn.name, count, policies }, role.urn);
        }
        for (const role of stack.ofType(...types.iamRole)) {
            // A known broad ARN beside the unknown one has already failed the role in the resource check.
            const refs = policyRefs(stack, role, "managedPolicyArns");
            if (refs.unknown && !refs.refs.some((r) => broadManagedPolicy(r.key))) {
                ctx.undecided(`a managed policy ARN of role '${role.name}' is unknown and comes from no policy in the stack`, role.urn);
            }
        }
    },
});

function checkAttachment(
    stack: StackGraph,
    attachment: Node,
    pointers: { prop: string; tokens: readonly string[] }[],
    ctx: CheckContext<{}>,
    ofCallbackFunctions: Map<Node, { fn: Node; verdicts: ManagedPolicyVerdict[] }>,
): void {
    const refs = policyRefs(stack, attachment, "policyArn");
    const verdicts = refs.refs.filter((r) => isAwsManagedPolicyArn(r.key)).flatMap((r) => broadManagedPolicy(r.key) ?? []);
    for (const { prop, tokens } of pointers) {
        const declared = list(at(attachment.inputs, prop));
        if (declared !== UNKNOWN && declared.length === 0) {
            continue;
        }
        const principals = stack.targets(attachment, prop, [...tokens]);
        if (principals === UNKNOWN) {
            if (verdicts.length > 0 || refs.unknown) {
                ctx.undecided(`the principal '${attachment.name}' attaches to is unknown`, attachment.urn);
            }
            continue;
        }
        if (refs.unknown) {
            principals.forEach((p) => ctx.undecided(`the policy '${attachment.name}' attaches is unknown and comes from no policy in the stack`, p.urn));
        }
        for (const verdict of verdicts) {
            if (principals.length === 0) {
                const named = declared === UNKNOWN ? [] : declared.filter((d): d is string => typeof d === "string");
                ctx.report("attachmentOfBroadManagedPolicy", { attachment: attachment.name, principal: named.join("', '"), ...describe(verdict) }, attachment.urn);
            }
            for (const principal of principals) {
                const kind = principal.type.slice(principal.type.lastIndexOf(":") + 1);
                const fn = kind === "Role" ? callbackFunctionOf(stack, principal) : undefined;
                if (fn) {
                    const found = ofCallbackFunctions.get(principal) ?? { fn, verdicts: [] };
                    found.verdicts.push(verdict);
                    ofCallbackFunctions.set(principal, found);
                } else {
                    ctx.report("broadManagedPolicy", { kind, principal: principal.name, via: `'${attachment.name}'`, ...describe(verdict) }, principal.urn);
                }
            }
        }
    }
}

function describe(verdict: ManagedPolicyVerdict): Record<string, unknown> {
    return {
        policy: verdict.name,
        statement: quoteStatement(verdict.statement),
        reason: verdict.reason,
        more: verdict.failing > 1 ? ` (and ${verdict.failing - 1} more of its statements are as broad)` : "",
    };
}

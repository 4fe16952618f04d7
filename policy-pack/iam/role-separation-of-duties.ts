import { accessLevel, expandActionPattern } from "../lib/iam-actions";
import { summarize } from "../lib/iam-checks";
import { parseDocument, wildcardMatcher } from "../lib/iam-document";
import { principalGrants } from "../lib/iam-grants";
import { callbackFunctionOf } from "../lib/iam-roles";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN } from "../lib/values";

interface Config {
    dataPlaneActionPatterns: string[];
    loggingActionPatterns: string[];
}

export const iamRoleSeparationOfDuties = definePolicy<Config>({
    name: "iam-role-separation-of-duties",
    description: "A role must not combine data access with control-plane power (permissions management, iam:PassRole, code, policy or infrastructure changes).",
    rationale:
        "A workload role that can read or write data and also change code, policies or roles lets one compromised function or leaked " +
        "credential both take the data and widen or hide its own access; keeping the two in separate roles confines each failure to one side.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "Split the role: give the workload's aws.iam.Role only the data actions it needs (inlinePolicies, RolePolicy or attached aws.iam.Policy), " +
        "and move permissions management, iam:PassRole, code updates (lambda:UpdateFunctionCode), bucket or key policy changes " +
        "(s3:PutBucketPolicy, kms:PutKeyPolicy) and other infrastructure writes to a separate deployment or administration role. Replace " +
        "broad AWS managed policies with customer-managed ones, since they usually grant both sides.",
    parameters: {
        dataPlaneActionPatterns: {
            type: "array",
            items: { type: "string" },
            description:
                "Data-plane actions: reading or writing data (objects, cryptographic operations, items, secret values, messages, events, invocations); matching actions count as data access, " +
                "unless their access level is Permissions management (s3:PutObjectAcl changes who can read the object).",
            default: [
                "s3:GetObject*",
                "s3:PutObject*",
                "s3:DeleteObject*",
                "s3:AbortMultipartUpload",
                "s3:RestoreObject",
                "s3-object-lambda:GetObject*",
                "s3-object-lambda:PutObject*",
                "s3-object-lambda:DeleteObject*",
                "kms:Decrypt",
                "kms:Encrypt",
                "kms:GenerateDataKey*",
                "kms:ReEncrypt*",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchGetItem",
                "dynamodb:BatchWriteItem",
                "dynamodb:ConditionCheckItem",
                "dynamodb:Query",
                "dynamodb:Scan",
                "secretsmanager:GetSecretValue",
                "ssm:GetParameter*",
                "sqs:ReceiveMessage",
                "sqs:SendMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sns:Publish",
                "kinesis:GetRecords",
                "kinesis:PutRecord*",
                "firehose:PutRecord*",
                "lambda:InvokeFunction",
                "states:StartExecution",
                "events:PutEvents",
            ],
        },
        loggingActionPatterns: {
            type: "array",
            items: { type: "string" },
            description: "Logging, metrics and tracing writes, counted as neither data access nor control-plane power.",
            default: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "cloudwatch:PutMetricData", "xray:Put*"],
        },
    },
    noRemediation: "which of the conflicting permissions the role should keep is the owner's decision; removing either could break the workload",
    messages: {
        mixedDuties:
            "Role '{{role}}' mixes data access ({{dataActions}}) with control-plane power ({{controlActions}}), through {{sources}}. Split it into a role for the data access and another for deployment or administration.",
        mixedDutiesOfCallbackFunction:
            "Role '{{role}}', which aws.lambda.CallbackFunction '{{function}}' created, mixes data access ({{dataActions}}) with control-plane power ({{controlActions}}), through {{sources}}. " +
            "Pass the function's `policies` argument (broad AWS managed policies when it is left out): the ARNs of customer-managed policies that grant only the data access it needs.",
    },
    checkStack(stack, ctx) {
        const roles = stack.ofType(...types.iamRole);
        if (roles.length === 0) {
            ctx.notApplicable("the stack has no IAM roles");
        }
        const classify = classifier(ctx.config);
        // Stacks repeat documents (one managed policy on many roles, a copied inline policy), and
        // a document allowing `*` expands to every action: each distinct document is classified
        // once, and each distinct set of documents summarized once.
        const sidesOf = memoize((document: unknown) => {
            const { actions, unknown } = allowedActions(document);
            const data = new Set<string>();
            const control = new Set<string>();
            for (const action of actions) {
                const side = classify(action);
                if (side !== "neutral") {
                    (side === "data" ? data : control).add(action);
                }
            }
            return { data, control, unknown };
        });
        const summaries = new Map<string, { dataActions: string; controlActions: string } | null>();
        for (const role of roles) {
            const grants = principalGrants(stack, role);
            const keys: string[] = [];
            const sources = new Set<string>();
            for (const grant of grants.documents) {
                const key = JSON.stringify(grant.document) ?? "";
                const sides = sidesOf(key, grant.document);
                if (sides.unknown) {
                    grants.unknown.push(`the ${grant.source} is unknown`);
                }
                if (sides.data.size > 0 || sides.control.size > 0) {
                    sources.add(grant.source);
                    keys.push(key);
                }
            }
            const setKey = keys.join("\u0000");
            let summary = summaries.get(setKey);
            if (summary === undefined) {
                const sides = keys.map((k) => sidesOf(k, undefined));
                const data = new Set(sides.flatMap((d) => [...d.data]));
                const control = new Set(sides.flatMap((d) => [...d.control]));
                summary = data.size > 0 && control.size > 0 ? { dataActions: summarize([...data].sort()), controlActions: summarize(byPower([...control])) } : null;
                summaries.set(setKey, summary);
            }
            if (summary) {
                const fn = callbackFunctionOf(stack, role);
                if (fn) {
                    ctx.report("mixedDutiesOfCallbackFunction", { role: role.name, function: fn.name, ...summary, sources: [...sources].join(", ") }, role.urn);
                } else {
                    ctx.report("mixedDuties", { role: role.name, ...summary, sources: [...sources].join(", ") }, role.urn);
                }
            } else {
                grants.unknown.forEach((what) => ctx.undecided(what, role.urn));
            }
        }
    },
});

type Side = "data" | "control" | "neutral";

/** A function of a document, computed once per key (the document's JSON text). */
function memoize<T>(compute: (document: unknown) => T): (key: string, document: unknown) => T {
    const cache = new Map<string, T>();
    return (key, document) => {
        let result = cache.get(key);
        if (result === undefined) {
            result = compute(document);
            cache.set(key, result);
        }
        return result;
    };
}

/**
 * Logging writes are neutral; permissions management is control-plane power even when a data
 * pattern matches it; then data patterns; then iam:PassRole and every other Write or Tagging
 * action is control-plane (changing code, policies, infrastructure); Read and List are neutral.
 */
function classifier(config: Config): (action: string) => Side {
    const isLogging = wildcardMatcher(config.loggingActionPatterns, true);
    const isData = wildcardMatcher(config.dataPlaneActionPatterns, true);
    const cache = new Map<string, Side>();
    return (action) => {
        let side = cache.get(action);
        if (side === undefined) {
            const level = accessLevel(action);
            if (isLogging(action)) {
                side = "neutral";
            } else if (level === "Permissions management") {
                side = "control";
            } else if (isData(action)) {
                side = "data";
            } else if (action.toLowerCase() === "iam:passrole" || level === "Write" || level === "Tagging") {
                side = "control";
            } else {
                side = "neutral";
            }
            cache.set(action, side);
        }
        return side;
    };
}

/** Control-plane actions for a message: permissions management first, then iam:PassRole, then the rest. */
function byPower(actions: string[]): string[] {
    // Ranked once per action, not once per comparison: a role with `*` has thousands of them.
    const ranks = new Map(actions.map((a) => [a, accessLevel(a) === "Permissions management" ? 0 : a.toLowerCase() === "iam:passrole" ? 1 : 2]));
    return actions.sort((a, b) => ranks.get(a)! - ranks.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
}

/** The actions a document allows (NotAction as every other action), and whether some are unknown. */
function allowedActions(document: unknown): { actions: string[]; unknown: boolean } {
    const parsed = parseDocument(document);
    if (parsed.kind === "unknown") {
        return { actions: [], unknown: true };
    }
    if (parsed.kind !== "document") {
        return { actions: [], unknown: false };
    }
    const actions = new Set<string>();
    let unknown = parsed.unknownStatements;
    for (const s of parsed.statements) {
        if (s.effect === UNKNOWN) {
            unknown = true;
        }
        if (s.effect !== "Allow") {
            continue;
        }
        if (s.notAction?.unknown) {
            // An unknown exclusion could remove any action: nothing is known to be allowed.
            unknown = true;
        } else if (s.notAction) {
            const excluded = wildcardMatcher(s.notAction.known, true);
            expandActionPattern("*")
                .filter((a) => !excluded(a))
                .forEach((a) => actions.add(a));
        } else {
            (s.action?.known ?? []).forEach((p) => expandActionPattern(p).forEach((a) => actions.add(a)));
            unknown ||= s.action?.unknown ?? false;
        }
    }
    return { actions: [...actions], unknown };
}

// Every policy document that grants an IAM principal (role, user or group) permissions in the
// stack: its inline policies, its RolePolicy / UserPolicy / GroupPolicy resources, and the managed
// policies it gets through managedPolicyArns and attachments, in the stack (aws.iam.Policy) or
// AWS managed. Customer-managed policies outside the stack cannot be read and are left out.
//
// A user's permissions also come from its groups; each group is judged as a principal of its own,
// so that a finding lands where the grant is made.
import { Node, StackGraph } from "./graph";
import { isAllActions, isAwsManagedPolicyArn, managedPolicyDocument, resourceArnFormats } from "./iam-actions";
import { coversEveryResourceOfType } from "./iam-checks";
import { Statement, conditionsOn, coversAction, parseDocument, wildcardMatch } from "./iam-document";
import { policyRefs, roleAttachments } from "./iam-roles";
import { types } from "./types";
import { UNKNOWN, Unknown, Verdict, at, list, str } from "./values";

export interface Grant {
    /** How a message names where the permissions come from: `inline policy 'x'`, `RolePolicy 'y'`, `policy 'z'`, `AWS managed policy 'AdministratorAccess'`. */
    source: string;
    document: unknown;
    /** The in-stack aws.iam.Policy the document is, when it is one. */
    policy?: Node;
    /**
     * Values of the document unknown at preview come from in-stack resources (the holder's
     * propertyDependencies): each such ARN names one resource of the stack, never a wildcard.
     */
    fromStack?: boolean;
}

export interface PrincipalGrants {
    documents: Grant[];
    /** What could not be read at preview, in words. */
    unknown: string[];
    /** True when an attached policy is unknown at preview: it may be any policy of the stack. */
    unknownPolicy?: boolean;
}

/** The principals whose grants `principalGrants` reads. */
export const principalTypes: string[] = [...types.iamRole, ...types.iamUser, ...types.iamGroup];

/** For users and groups: the inline-policy resources and attachments that name the principal, by input. */
const userAndGroupGrants = {
    user: { inline: { tokens: [...types.iamUserPolicy], prop: "user" }, attachments: [{ tokens: [...types.iamUserPolicyAttachment], prop: "user" }, { tokens: [...types.iamPolicyAttachment], prop: "users" }] },
    group: { inline: { tokens: [...types.iamGroupPolicy], prop: "group" }, attachments: [{ tokens: [...types.iamGroupPolicyAttachment], prop: "group" }, { tokens: [...types.iamPolicyAttachment], prop: "groups" }] },
};

/** The kind of principal for messages: `Role`, `User` or `Group`. */
export function principalKind(principal: Node): string {
    return principal.type.slice(principal.type.lastIndexOf(":") + 1);
}

/** Every document that grants `principal` (a role, user or group) permissions. */
export function principalGrants(stack: StackGraph, principal: Node): PrincipalGrants {
    const documents: Grant[] = [];
    const unknown: string[] = [];
    let unknownPolicy = false;
    const kind = principalKind(principal).toLowerCase();
    const refSources: { node: Node; prop: string }[] = [];
    let unresolved: Node[];
    if (kind === "role") {
        const inline = list(at(principal.inputs, "inlinePolicies"));
        if (inline === UNKNOWN) {
            unknown.push(`the inline policies of role '${principal.name}' are unknown`);
        } else {
            inline.forEach((p, i) => {
                const name = str(at(p, "name"));
                documents.push({ source: `inline policy '${typeof name === "string" ? name : `#${i + 1}`}'`, document: at(p, "policy"), fromStack: dependsOnStack(principal, "inlinePolicies") });
            });
        }
        const attachments = roleAttachments(stack, principal);
        for (const rolePolicy of attachments.rolePolicies) {
            documents.push({ source: `RolePolicy '${rolePolicy.name}'`, document: rolePolicy.inputs.policy, fromStack: dependsOnStack(rolePolicy, "policy") });
        }
        refSources.push(
            { node: principal, prop: "managedPolicyArns" },
            ...attachments.rolePolicyAttachments.map((node) => ({ node, prop: "policyArn" })),
            ...attachments.policyAttachments.map((node) => ({ node, prop: "policyArn" })),
        );
        unresolved = attachments.unresolved;
    } else {
        const kinds = kind === "user" ? userAndGroupGrants.user : userAndGroupGrants.group;
        for (const inline of stack.referrers(principal, kinds.inline.tokens, kinds.inline.prop)) {
            documents.push({ source: `${principalKind(inline)} '${inline.name}'`, document: inline.inputs.policy, fromStack: dependsOnStack(inline, "policy") });
        }
        for (const { tokens, prop } of kinds.attachments) {
            stack.referrers(principal, tokens, prop).forEach((node) => refSources.push({ node, prop: "policyArn" }));
        }
        unresolved = [kinds.inline, ...kinds.attachments].flatMap(({ tokens, prop }) => stack.unresolvedReferrers(tokens, prop, principal.type));
    }
    for (const { node, prop } of refSources) {
        const refs = policyRefs(stack, node, prop);
        if (refs.unknown) {
            unknownPolicy = true;
            unknown.push(`a policy attached to ${kind} '${principal.name}' (${node === principal ? prop : `'${node.name}'`}) is unknown`);
        }
        for (const ref of refs.refs) {
            const policy = stack.byUrn(ref.key);
            if (!policy && !isAwsManagedPolicyArn(ref.key) && stack.named(ref.key, [...types.iamPolicy]) === UNKNOWN) {
                // An ARN that may be a policy of the stack whose ARN is unknown at preview.
                unknownPolicy = true;
                unknown.push(`policy '${ref.key}' attached to ${kind} '${principal.name}' may be a policy of the stack whose ARN is unknown`);
                continue;
            }
            if (policy) {
                documents.push({ source: `policy '${policy.name}'`, document: policy.inputs.policy, policy, fromStack: dependsOnStack(policy, "policy") });
            } else if (isAwsManagedPolicyArn(ref.key)) {
                const document = managedPolicyDocument(ref.key);
                if (document !== undefined) {
                    documents.push({ source: `AWS managed policy '${ref.key.replace(/^.*?:policy\//, "")}'`, document });
                }
            }
        }
    }
    if (unresolved.length > 0) {
        unknown.push(`the ${kind} of ${unresolved.map((a) => `'${a.name}'`).join(", ")} is unknown`);
    }
    return { documents, unknown, unknownPolicy };
}

/** Whether the input depends on resources of the stack (its unknown values are their outputs). */
function dependsOnStack(node: Node, prop: string): boolean {
    return (node.propertyDependencies[prop] ?? []).length > 0;
}

/** What a check of granted permissions judges: a principal with its documents, or a policy no principal of the stack gets. */
export interface GrantSubject {
    node: Node;
    /** How a message names it: `Role 'app'`, `Group 'support'`, `Policy 'deploy'`. */
    label: string;
    grants: PrincipalGrants;
    /** An aws.iam.Policy that no principal of the stack gets, judged by itself. */
    lone: boolean;
}

/**
 * Every role, user and group of the stack with the documents that grant it permissions, and every
 * aws.iam.Policy that none of them gets (it is meant for principals elsewhere, so it is judged by
 * itself). When an attachment's policy is unknown at preview, any policy may be attached: none is
 * judged by itself then, and the principals say what is unknown.
 */
export function grantSubjects(stack: StackGraph): GrantSubject[] {
    const principals = stack.ofType(...principalTypes).map((node) => ({ node, label: `${principalKind(node)} '${node.name}'`, grants: principalGrants(stack, node), lone: false }));
    if (principals.some((p) => p.grants.unknownPolicy)) {
        return principals;
    }
    const reached = new Set(principals.flatMap((p) => p.grants.documents.flatMap((d) => d.policy ?? [])));
    const lone = stack
        .ofType(...types.iamPolicy)
        .filter((p) => !reached.has(p))
        .map((node) => ({ node, label: `Policy '${node.name}'`, lone: true, grants: { documents: [{ source: `policy '${node.name}'`, document: node.inputs.policy, policy: node, fromStack: dependsOnStack(node, "policy") }], unknown: [] } }));
    return [...principals, ...lone];
}

// ---- What the documents allow ----------------------------------------------------------------

/** One statement that allows an action, and where it is. */
export interface Allowance {
    /** The action as the check names it, e.g. `iam:PassRole`. */
    action: string;
    statement: Statement;
    source: string;
    grant: Grant;
}

export interface Allowances {
    /** The allowing statements of each action, by the action as asked. */
    byAction: Map<string, Allowance[]>;
    /** What could not be read at preview, in words. */
    unknown: string[];
}

/**
 * The statements of the documents that allow each of `actions` (by Action, wildcard or NotAction,
 * per the IAM reference data's spelling). An action that an unconditional Deny on every resource
 * (`"Resource": "*"`) refuses in one of the documents is allowed by none: an explicit Deny wins
 * over every Allow (IAM User Guide, "Policy evaluation logic"). A part unknown at preview that may
 * be such a Deny (a statement, its Effect, actions, Condition or Resource) leaves the action's
 * allowances unknown.
 */
export function allowancesOf(grants: Grant[], actions: readonly string[]): Allowances {
    const byAction = new Map<string, Allowance[]>(actions.map((a) => [a, []]));
    const denied = new Set<string>();
    const maybeDenied = new Set<string>();
    const unknown: string[] = [];
    for (const grant of grants) {
        const parsed = parseDocument(grant.document);
        if (parsed.kind === "unknown" || (parsed.kind === "document" && parsed.unknownStatements)) {
            unknown.push(parsed.kind === "unknown" ? `the ${grant.source} is unknown` : `a statement of the ${grant.source} is unknown`);
            actions.forEach((a) => maybeDenied.add(a));
        }
        if (parsed.kind !== "document") {
            continue;
        }
        for (const s of parsed.statements) {
            for (const action of actions) {
                const covers = coversAction(s, action);
                if (covers === false) {
                    continue;
                }
                const where = `statement ${s.sid ? `'${s.sid}'` : `#${s.index + 1}`} of the ${grant.source}`;
                if (s.effect === "Allow" && covers === true) {
                    byAction.get(action)!.push({ action, statement: s, source: grant.source, grant });
                } else if (s.effect === "Deny" || s.effect === UNKNOWN) {
                    const denial = unconditionalOnEverything(s);
                    if (s.effect === "Deny" && covers === true && denial === "pass") {
                        denied.add(action);
                    } else if (denial !== "fail") {
                        maybeDenied.add(action);
                        unknown.push(`the Effect, an action, the Condition or the Resource of ${where} is unknown`);
                    }
                } else if (covers === UNKNOWN) {
                    unknown.push(`an action of ${where} is unknown`);
                }
            }
        }
    }
    for (const action of actions) {
        if (denied.has(action) || maybeDenied.has(action)) {
            byAction.set(action, []);
        }
    }
    return { byAction, unknown: [...new Set(unknown)] };
}

/** Whether a statement applies without condition to every resource (`"Resource": "*"`). */
function unconditionalOnEverything(s: Statement): Verdict {
    const conditions: Verdict = s.conditions === UNKNOWN || s.conditions.some((c) => c.key === "") ? "unknown" : s.conditions.length === 0 ? "pass" : "fail";
    const everything: Verdict = (s.resource?.known ?? []).some((r) => isAllActions(r)) ? "pass" : s.resource?.unknown ? "unknown" : "fail";
    return conditions === "fail" || everything === "fail" ? "fail" : conditions === "pass" && everything === "pass" ? "pass" : "unknown";
}

/**
 * Does the statement allow the action on every resource of a type it can be scoped to (`*`,
 * NotResource, or an ARN whose name part is a wildcard, such as `arn:aws:iam::*:role/*`)?
 */
export function onEveryResource(s: Statement, action: string): Verdict {
    if (s.notResource) {
        return "pass";
    }
    const formats = resourceArnFormats(action);
    const known = s.resource?.known ?? [];
    if (known.some((r) => isAllActions(r) || formats.some((f) => coversEveryResourceOfType(r, f)))) {
        return "pass";
    }
    return s.resource?.unknown ? "unknown" : "fail";
}

/**
 * The lists of values the statement's conditions pin a key to: each from a positive string or ARN
 * operator (StringEquals, StringLike, ArnEquals, ArnLike, …) on the key, without IfExists (which
 * passes requests that lack the key) and without ForAllValues (which passes an empty set). A
 * request passes when its value matches every list (conditions on one key are all required).
 * Empty when nothing pins the key; UNKNOWN when the Condition block or a value is unknown.
 */
export function pinnedValues(s: Statement, key: string): string[][] | Unknown {
    const conditions = conditionsOn(s, key);
    if (conditions === UNKNOWN || (s.conditions !== UNKNOWN && s.conditions.some((c) => c.key === ""))) {
        return UNKNOWN;
    }
    const pinning = conditions.filter((c) => /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i.test(c.operator) && !c.ifExists && c.setQualifier !== "ForAllValues");
    if (pinning.some((c) => c.values.unknown)) {
        return UNKNOWN;
    }
    return pinning.map((c) => c.values.known).filter((vs) => vs.length > 0);
}

/** Whether a request with `value` for the key passes the statement's pinning conditions on it. */
export function passesPins(pins: string[][], value: string): boolean {
    return pins.every((vs) => vs.some((p) => wildcardMatch(p, value, true)));
}

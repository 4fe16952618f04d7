// What the role policies need to know about IAM roles: which role an attachment points at, what
// is attached to a role, which policy an attachment attaches, a role's trust document and the
// principals in it, and which resources in the stack use a role.
//
// Roles are joined by `propertyDependencies` first: at preview a new role's name and ARN are
// unknown, but the engine still says which role an input came from.
import { createHash } from "crypto";
import { Node, StackGraph, Targets } from "./graph";
import { ParsedDocument, parseDocument } from "./iam-document";
import { memoizedByText } from "./memo";
import { types } from "./types";
import { UNKNOWN, Unknown, at, holdsUnknown, isUnknown, list, raw } from "./values";

export const roleTypes: string[] = [...types.iamRole];
const policyTypes: string[] = [...types.iamPolicy];

/** The input of each attachment type that names the role it is about. */
const rolePointers = new Map<string, string>([
    ...types.iamRolePolicy.map((t) => [t, "role"] as const),
    ...types.iamRolePolicyAttachment.map((t) => [t, "role"] as const),
    ...types.iamPolicyAttachment.map((t) => [t, "roles"] as const),
    ...types.iamRolePoliciesExclusive.map((t) => [t, "roleName"] as const),
    ...types.iamRolePolicyAttachmentsExclusive.map((t) => [t, "roleName"] as const),
]);

/** The input naming the role, for resources that attach policies to a role; undefined for any other type. */
export function rolePointer(type: string): string | undefined {
    return rolePointers.get(type);
}

/**
 * The aws.lambda.CallbackFunction that created a role, when one did: @pulumi/aws names the role
 * after the function it creates it for, and each attachment of the function's `policies` (its
 * broad defaults when the program passes none) `<role>-<SHA-1 of the policy ARN>`, the digest
 * cut to its first 8 hex digits since @pulumi/aws 6.
 */
export function callbackFunctionOf(graph: StackGraph, role: Node): Node | undefined {
    const attachments = graph.referrers(role, [...types.iamRolePolicyAttachment], "role");
    const named = attachments.some((a) => {
        const arn = raw(a.inputs.policyArn);
        const suffix = a.name.startsWith(`${role.name}-`) ? a.name.slice(role.name.length + 1) : "";
        return typeof arn === "string" && /^[0-9a-f]{8,40}$/.test(suffix) && createHash("sha1").update(arn).digest("hex").startsWith(suffix);
    });
    if (!named) {
        return undefined;
    }
    return graph.ofType(...types.lambdaFunction).find((fn) => {
        const roles = fn.name === role.name ? graph.targets(fn, "role", roleTypes) : [];
        return roles !== UNKNOWN && roles.includes(role);
    });
}

/** The roles an attachment (RolePolicy, RolePolicyAttachment, PolicyAttachment, the exclusive resources) is about. */
export function attachmentRoles(graph: StackGraph, attachment: Node): Targets {
    const prop = rolePointer(attachment.type);
    return prop === undefined ? [] : graph.targets(attachment, prop, roleTypes);
}

export interface RoleAttachments {
    /** Inline policies as separate resources (aws.iam.RolePolicy). */
    rolePolicies: Node[];
    rolePolicyAttachments: Node[];
    /** aws.iam.PolicyAttachment resources listing the role in `roles`. */
    policyAttachments: Node[];
    policiesExclusive: Node[];
    attachmentsExclusive: Node[];
    /** Attachments whose role cannot be resolved at preview: any of them may be about this role. */
    unresolved: Node[];
}

/** Everything in the stack that attaches a policy to `role`. */
export function roleAttachments(graph: StackGraph, role: Node): RoleAttachments {
    const of = (tokens: readonly string[]) => graph.referrers(role, [...tokens], rolePointer(tokens[0])!);
    const unresolvedOf = (tokens: readonly string[]) => graph.unresolvedReferrers([...tokens], rolePointer(tokens[0])!, role.type);
    const kinds = [types.iamRolePolicy, types.iamRolePolicyAttachment, types.iamPolicyAttachment, types.iamRolePoliciesExclusive, types.iamRolePolicyAttachmentsExclusive];
    return {
        rolePolicies: of(types.iamRolePolicy),
        rolePolicyAttachments: of(types.iamRolePolicyAttachment),
        policyAttachments: of(types.iamPolicyAttachment),
        policiesExclusive: of(types.iamRolePoliciesExclusive),
        attachmentsExclusive: of(types.iamRolePolicyAttachmentsExclusive),
        unresolved: kinds.flatMap(unresolvedOf),
    };
}

/** One managed policy an input refers to: an in-stack aws.iam.Policy (keyed by URN) or an ARN. */
export interface PolicyRef {
    key: string;
    /** What a message calls it: the policy resource's name, or the ARN. */
    label: string;
}

export interface PolicyRefs {
    refs: PolicyRef[];
    /** True when some element is unknown at preview and cannot be joined to an in-stack policy. */
    unknown: boolean;
}

/**
 * The managed policies that input `prop` of `node` names (`policyArn`, `managedPolicyArns`,
 * `policyArns`). An in-stack policy is one key whether it is named by its ARN or joined through
 * `propertyDependencies`; unknown elements are joined when every dependency of the input is a
 * policy resource, and are unknown otherwise.
 */
export function policyRefs(graph: StackGraph, node: Node, prop: string): PolicyRefs {
    const refs = new Map<string, PolicyRef>();
    const deps = node.propertyDependencies[prop] ?? [];
    const value = list(at(node.inputs, prop));
    const elements = value === UNKNOWN ? [UNKNOWN] : value;
    let unknownElements = false;
    for (const element of elements) {
        if (isUnknown(element)) {
            unknownElements = true;
        } else if (typeof element === "string") {
            const inStack = graph.identifiedBy(element, policyTypes);
            for (const ref of inStack.length > 0 ? inStack.map(policyRef) : [{ key: element, label: element }]) {
                refs.set(ref.key, ref);
            }
        }
    }
    const joinable = deps.length > 0 && deps.every((d) => policyTypes.includes(d.type));
    if (unknownElements && joinable) {
        deps.map(policyRef).forEach((ref) => refs.set(ref.key, ref));
    }
    return { refs: [...refs.values()], unknown: unknownElements && !joinable };
}

function policyRef(policy: Node): PolicyRef {
    return { key: policy.urn, label: policy.name };
}

/** The role's trust policy (`assumeRolePolicy`), as declared. */
export function trustDocument(role: Node): ParsedDocument {
    return parseDocument(role.inputs.assumeRolePolicy);
}

/** The in-stack resources the trust policy's unknown parts come from, at preview. */
export function trustDependencies(role: Node): Node[] {
    return role.propertyDependencies.assumeRolePolicy ?? [];
}

/**
 * The account of an AWS principal: an account id, or the account in an IAM or STS principal ARN
 * (`arn:aws:iam::123456789012:root`, `…:role/x`, `arn:aws:sts::…:assumed-role/…`). `"*"` for
 * a wildcard, undefined for what is not an account principal (e.g. a unique id like `AROA…`).
 */
export function principalAccount(value: string): string | undefined {
    if (value.includes("*")) {
        return "*";
    }
    if (/^\d{12}$/.test(value)) {
        return value;
    }
    return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];
}

/** A federated principal: an IAM OIDC or SAML provider ARN, or a web identity provider's host. */
export interface FederatedProvider {
    protocol: "oidc" | "saml";
    /** The OIDC provider's URL without scheme (the prefix of its condition keys, e.g. `token.actions.githubusercontent.com`). */
    host: string;
}

export function federatedProvider(value: string): FederatedProvider {
    const arn = /^arn:aws[a-z-]*:iam::[^:]*:(oidc-provider|saml-provider)\/(.+)$/.exec(value);
    if (arn) {
        return { protocol: arn[1] === "saml-provider" ? "saml" : "oidc", host: arn[2] };
    }
    return { protocol: "oidc", host: value };
}

/** The host an aws.iam.OpenIdConnectProvider serves (its `url` without the scheme). */
export function oidcProviderHost(provider: Node): string | Unknown | undefined {
    const url = at(provider.inputs, "url");
    if (url === UNKNOWN) {
        return UNKNOWN;
    }
    return typeof url === "string" ? url.replace(/^https:\/\//i, "").replace(/\/$/, "") : undefined;
}

/** The accounts of the in-stack resources, read from their known `arn` outputs. */
export function stackAccounts(graph: StackGraph): Set<string> {
    const accounts = new Set<string>();
    for (const node of graph.resources) {
        const arn = node.outputs.arn;
        const account = typeof arn === "string" ? /^arn:aws[a-z-]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined;
        if (account) {
            accounts.add(account);
        }
    }
    return accounts;
}

/** Which resources of the stack use each role, and which inputs could not be resolved at preview. */
export interface RoleUses {
    /** Users of each role, by the role's URN. */
    users: Map<string, Node[]>;
    /** Resources with an input that is unknown at preview and has no propertyDependencies: it may name any role. */
    unresolved: Node[];
}

/**
 * A role is used by a resource whose input refers to it: through `propertyDependencies`, by its
 * ARN (also inside a string, as in a JSON policy that grants `iam:PassRole` on it), or by its name
 * in an input whose path names a role (`role`, `roleName`, `serviceRole`, …; tags excluded, so
 * that a tag value equal to a role's name is not a use); a stack output that exports the role
 * counts too, as another stack or a person may use it. References that are about the role
 * itself do not count: the attachments and inline policies of the role (through the input that
 * names the role), and other roles' trust policies (trusting a role does not use it).
 */
export function roleUses(graph: StackGraph): RoleUses {
    const roles = graph.ofType(...roleTypes);
    const users = new Map<string, Node[]>();
    const unresolved: Node[] = [];
    if (roles.length === 0) {
        return { users, unresolved };
    }
    const byArn = new Map<string, Node>();
    const byName = new Map<string, Node[]>();
    for (const role of roles) {
        for (const source of [role.outputs, role.inputs]) {
            const arn = source.arn;
            if (typeof arn === "string" && !isUnknown(arn)) {
                byArn.set(arn, role);
            }
            for (const name of [source.name, source.id, ...(source === role.outputs ? [role.id] : [])]) {
                if (typeof name === "string" && !isUnknown(name) && name !== "" && !(byName.get(name) ?? []).includes(role)) {
                    byName.set(name, [...(byName.get(name) ?? []), role]);
                }
            }
        }
    }

    const index: RoleIndex = { byArn, byName, unresolved: (v) => graph.named(v, roleTypes) === UNKNOWN };
    // (One set for every resource's findings, emptied for each: a large stack has 100k resources.)
    const found = new Set<Node>();
    for (const node of graph.resources) {
        const pointer = rolePointer(node.type);
        const isRole = roleTypes.includes(node.type);
        found.clear();
        let unresolvedInput = false;
        const declared = declarations(node);
        for (const prop in declared) {
            if (prop === pointer || tagInputs.has(prop) || (isRole && prop === "assumeRolePolicy")) {
                continue;
            }
            const deps = node.propertyDependencies[prop] ?? [];
            for (const d of deps) {
                if (roleTypes.includes(d.type)) {
                    found.add(d);
                }
            }
            const scan = scanForRoles(declared[prop], namesRoleKey(prop), index, found);
            // An unknown value comes from its dependencies; a known name that names no role is
            // unresolved whatever the input depends on.
            if ((scan.unknown && deps.length === 0) || scan.unresolved) {
                unresolvedInput = true;
            }
        }
        if (found.size > 0) {
            const about = pointer === undefined ? [] : attachmentRoles(graph, node);
            for (const role of found) {
                if (role !== node && (about === UNKNOWN || !about.includes(role))) {
                    users.set(role.urn, [...(users.get(role.urn) ?? []), node]);
                }
            }
        }
        if (unresolvedInput) {
            unresolved.push(node);
        }
    }
    return { users, unresolved };
}

const stackType = "pulumi:pulumi:Stack";

/** What a resource declares about others: its inputs, or for the stack its exports (its outputs). */
function declarations(node: Node): Record<string, unknown> {
    return node.type === stackType ? node.outputs : node.inputs;
}

const roleArnPattern = /arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+/g;
const tagInputs = new Set(["tags", "tagsAll"]);

interface RoleIndex {
    byArn: Map<string, Node>;
    byName: Map<string, Node[]>;
    /** True when a role reference that names no role may name one whose name or ARN is unknown at preview. */
    unresolved: (reference: string) => boolean;
}

// The answers for one value, shared rather than allocated for each of the stack's strings.
const scanClean = Object.freeze({ unknown: false, unresolved: false });
const scanUnresolved = Object.freeze({ unknown: false, unresolved: true });
const scanUnknown = Object.freeze({ unknown: true, unresolved: false });
const scanBoth = Object.freeze({ unknown: true, unresolved: true });

function scanAnswer(unknown: boolean, unresolved: boolean): Readonly<{ unknown: boolean; unresolved: boolean }> {
    return unknown ? (unresolved ? scanBoth : scanUnknown) : unresolved ? scanUnresolved : scanClean;
}

/** Whether an input or key names a role (`role`, `roleName`, `serviceRole`, …), asked once per distinct key. */
const namesRoleKey = memoizedByText((key) => /role/i.test(key), 10000);

/** `unknown`: a value is unknown at preview; `unresolved`: a known name or ARN may name a role whose name or ARN is unknown. */
function scanForRoles(value: unknown, namesRole: boolean, index: RoleIndex, found: Set<Node>): Readonly<{ unknown: boolean; unresolved: boolean }> {
    const { byArn, byName } = index;
    const v = raw(value);
    if (isUnknown(v)) {
        return scanUnknown;
    }
    if (typeof v === "string") {
        let unresolved = false;
        const exact = byArn.get(v);
        if (exact) {
            found.add(exact);
        }
        if (namesRole) {
            const named = byName.get(v) ?? [];
            named.forEach((r) => found.add(r));
            unresolved = !exact && named.length === 0 && v !== "" && index.unresolved(v);
        }
        // Most strings name no role: the scan for role ARNs is kept for those that may.
        for (const match of v.includes(":role/") ? v.matchAll(roleArnPattern) : []) {
            const end = (match.index ?? 0) + match[0].length;
            if (v[end] === "*") {
                continue;
            }
            const arnRole = byArn.get(match[0]);
            if (arnRole) {
                found.add(arnRole);
            } else {
                const name = match[0].slice(match[0].lastIndexOf("/") + 1);
                const named = byName.get(name) ?? [];
                named.forEach((r) => found.add(r));
                unresolved ||= named.length === 0 && index.unresolved(match[0]);
            }
        }
        // A known text may hold a value not known yet (a JSON template built from an output).
        return scanAnswer(holdsUnknown(v), unresolved);
    }
    let unknown = false;
    let unresolved = false;
    if (Array.isArray(v)) {
        for (const item of v) {
            const scan = scanForRoles(item, namesRole, index, found);
            unknown ||= scan.unknown;
            unresolved ||= scan.unresolved;
        }
    } else if (v !== null && typeof v === "object") {
        const object = v as Record<string, unknown>;
        for (const key in object) {
            if (!tagInputs.has(key)) {
                const scan = scanForRoles(object[key], namesRole || namesRoleKey(key), index, found);
                unknown ||= scan.unknown;
                unresolved ||= scan.unresolved;
            }
        }
    }
    return scanAnswer(unknown, unresolved);
}

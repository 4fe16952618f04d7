import { Node, StackGraph } from "../lib/graph";
import { Statement } from "../lib/iam-document";
import { PolicyRefs, policyRefs, roleAttachments, roleTypes, roleUses, trustDependencies, trustDocument } from "../lib/iam-roles";
import { CheckContext, definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, holdsUnknown, isUnknown, list, raw } from "../lib/values";

type Messages = "unusedRole" | "managedPolicyTwice" | "inlinePolicyTwice";

// In-stack resources whose outputs can stand for a principal outside the stack's resources in a
// trust policy: IAM principals and identity providers.
const outsidePrincipalSources: string[] = [...types.iamRole, ...types.iamUser, ...types.iamOpenIdConnectProvider, ...types.iamSamlProvider];
const rolePolicyTypes: string[] = [...types.iamRolePolicy];
const managedAttachmentTypes: string[] = [...types.iamRolePolicyAttachment, ...types.iamPolicyAttachment];

/**
 * A role is used when a resource in the stack refers to it (see `roleUses`: instance profiles,
 * Lambda functions, ECS task definitions, API Gateway integrations, event targets, policies that
 * pass it, stack outputs, …) or when its trust policy lets principals outside the stack's
 * resources assume it: a federated provider, or any AWS principal (another account, or people and
 * workloads of the same account, which the stack cannot see). A role that only AWS services may
 * assume is unused when no resource in the stack hands it to such a service.
 */
export const iamRoleNoUnusedOrRedundant = definePolicy<{}, Messages>({
    name: "iam-role-no-unused-or-redundant",
    description: "Every IAM role must be used by a resource in the stack or trusted by a federated or external principal, and no policy may reach a role twice.",
    rationale:
        "A role nothing uses is standing access nobody reviews: its permissions stay assumable by the services it trusts " +
        "and drift out of date. A policy that reaches a role twice (a managed policy attached by two resources, the same " +
        "inline document twice) hides what the role really needs, and deleting one copy silently detaches the other's " +
        "(the attachments share one AWS identity).",
    domain: "iam",
    severity: "medium",
    remediationSteps:
        "Delete the unused aws.iam.Role (with its RolePolicy and RolePolicyAttachment resources), or reference it where it " +
        "is needed (InstanceProfile role, lambda.Function role, ecs.TaskDefinition taskRoleArn/executionRoleArn, API Gateway " +
        "integration credentials). Attach each managed policy once: either in the role's managedPolicyArns or with one " +
        "RolePolicyAttachment, not both, and keep one copy of each inline policy document.",
    noRemediation: "removing a role or a policy is a deletion, and a role unused in the stack may be used from outside it",
    messages: {
        unusedRole:
            "Role '{{role}}' is used by no resource in the stack and can be assumed only by {{trusted}}. Hand it to the resource " +
            "that needs it (e.g. a Lambda function's role or an instance profile) or delete it.",
        managedPolicyTwice: "Role '{{role}}' gets managed policy '{{policy}}' twice, through {{via}}. Attach it once.",
        inlinePolicyTwice: "Role '{{role}}' has the same inline policy document twice, in {{via}}. Keep one of them.",
    },
    checkStack(stack, ctx) {
        const roles = stack.ofType(...roleTypes);
        if (roles.length === 0) {
            ctx.notApplicable("the stack has no IAM roles");
        }
        const uses = roleUses(stack);
        for (const role of roles) {
            if ((uses.users.get(role.urn) ?? []).length === 0) {
                const outside = trustedFromOutside(role);
                const unresolved = uses.unresolved.filter((n) => n !== role);
                if (outside === UNKNOWN) {
                    ctx.undecided("the principals its trust policy names are unknown", role.urn);
                } else if (outside.length === 0 && unresolved.length > 0) {
                    ctx.undecided(`an input of ${unresolved.map((n) => `'${n.name}'`).join(", ")} is unknown and may name it`, role.urn);
                } else if (outside.length === 0) {
                    ctx.report("unusedRole", { role: role.name, trusted: servicePrincipals(role) }, role.urn);
                }
            }
            checkRedundancy(stack, role, ctx);
        }
    },
});

function checkRedundancy(stack: StackGraph, role: Node, ctx: CheckContext<{}>): void {
    const attached = roleAttachments(stack, role);

    const managed: { via: string; refs: PolicyRefs }[] = [];
    if (role.inputs.managedPolicyArns !== undefined && role.inputs.managedPolicyArns !== null) {
        managed.push({ via: "managedPolicyArns", refs: policyRefs(stack, role, "managedPolicyArns") });
    }
    for (const a of attached.rolePolicyAttachments) {
        managed.push({ via: `RolePolicyAttachment '${a.name}'`, refs: policyRefs(stack, a, "policyArn") });
    }
    for (const a of attached.policyAttachments) {
        managed.push({ via: `PolicyAttachment '${a.name}'`, refs: policyRefs(stack, a, "policyArn") });
    }
    const sources = new Map<string, { label: string; via: string[] }>();
    for (const source of managed) {
        for (const ref of source.refs.refs) {
            const entry = sources.get(ref.key) ?? { label: ref.label, via: [] };
            entry.via.push(source.via);
            sources.set(ref.key, entry);
        }
    }
    for (const { label, via } of sources.values()) {
        if (via.length > 1) {
            ctx.report("managedPolicyTwice", { role: role.name, policy: label, via }, role.urn);
        }
    }
    const unresolvedAttachments = attached.unresolved.filter((a) => managedAttachmentTypes.includes(a.type));
    if (managed.length > 0 && (unresolvedAttachments.length > 0 || (managed.length > 1 && managed.some((m) => m.refs.unknown)))) {
        ctx.undecided("a managed policy attached to it is unknown", role.urn);
    }

    const inline = inlineDocuments(role, attached.rolePolicies);
    const duplicates = new Set<number>();
    let undecided = false;
    inline.forEach((a, i) => {
        for (let j = i + 1; j < inline.length; j++) {
            const same = sameDocument(a, inline[j]);
            if (same === true && !duplicates.has(j)) {
                duplicates.add(j);
                ctx.report("inlinePolicyTwice", { role: role.name, via: [a.via, inline[j].via] }, role.urn);
            } else if (same === UNKNOWN) {
                undecided = true;
            }
        }
    });
    const unresolvedRolePolicies = attached.unresolved.filter((a) => rolePolicyTypes.includes(a.type));
    if (undecided || (inline.length > 0 && unresolvedRolePolicies.length > 0)) {
        ctx.undecided("an inline policy document is unknown", role.urn);
    }
}

/**
 * The role's trust policy principals that are outside the stack's resources: [] when only
 * services may assume it, UNKNOWN when a principal cannot be told at preview.
 */
function trustedFromOutside(role: Node): string[] | Unknown {
    const doc = trustDocument(role);
    const joinable = trustDependencies(role).some((d) => outsidePrincipalSources.includes(d.type));
    if (doc.kind === "unknown") {
        return joinable ? ["principals from the stack"] : UNKNOWN;
    }
    if (doc.kind !== "document") {
        return [];
    }
    const outside: string[] = [];
    let unknown = doc.unknownStatements;
    for (const s of doc.statements) {
        if (s.effect === "Deny" || s.effect === undefined) {
            continue;
        }
        const principals = outsidePrincipals(s);
        if (principals === UNKNOWN) {
            if (joinable) {
                outside.push("principals from the stack");
            } else {
                unknown = true;
            }
        } else if (principals.length > 0) {
            if (s.effect === UNKNOWN) {
                unknown = true;
            } else {
                outside.push(...principals);
            }
        }
    }
    return outside.length === 0 && unknown ? UNKNOWN : outside;
}

function outsidePrincipals(s: Statement): string[] | Unknown {
    if (s.principal === "*" || s.notPrincipal !== undefined) {
        return ["*"];
    }
    if (s.principal === UNKNOWN) {
        return UNKNOWN;
    }
    if (s.principal === undefined) {
        return [];
    }
    const found: string[] = [];
    let unknown = false;
    for (const [kind, values] of s.principal) {
        if (kind !== "Service") {
            found.push(...values.known);
            unknown = unknown || values.unknown;
        }
    }
    return found.length === 0 && unknown ? UNKNOWN : found;
}

function servicePrincipals(role: Node): string {
    const doc = trustDocument(role);
    const services = doc.kind === "document" ? doc.statements.flatMap((s) => (s.principal instanceof Map ? s.principal.get("Service")?.known ?? [] : [])) : [];
    return services.length > 0 ? `AWS services (${[...new Set(services)].map((v) => `'${v}'`).join(", ")})` : "no principal";
}

interface InlineDocument {
    via: string;
    document: unknown;
    /** The in-stack resources an unknown document is built from, when known per document. */
    dependencies?: Node[];
}

function inlineDocuments(role: Node, rolePolicies: Node[]): InlineDocument[] {
    const documents: InlineDocument[] = [];
    const inline = list(at(role.inputs, "inlinePolicies"));
    if (inline === UNKNOWN) {
        documents.push({ via: "inlinePolicies", document: UNKNOWN });
    } else {
        inline.forEach((entry, i) => {
            const policy = at(entry, "policy");
            const name = at(entry, "name");
            if (policy !== undefined && policy !== null && policy !== "") {
                documents.push({ via: `inlinePolicies '${typeof name === "string" ? name : `#${i + 1}`}'`, document: policy });
            }
        });
    }
    for (const p of rolePolicies) {
        documents.push({ via: `RolePolicy '${p.name}'`, document: at(p.inputs, "policy"), dependencies: p.propertyDependencies.policy ?? [] });
    }
    return documents;
}

/**
 * Whether two policy documents are the same: JSON strings and objects compare by content, a
 * single value equals a one-element list, and list order does not matter. Unknown parts make the
 * answer unknown, except that two documents whose unknown parts are built from different resources differ.
 */
function sameDocument(a: InlineDocument, b: InlineDocument): boolean | Unknown {
    const x = parsed(a.document);
    const y = parsed(b.document);
    const same = equal(x, y);
    if (same === UNKNOWN && a.dependencies && b.dependencies && !sameNodes(a.dependencies, b.dependencies)) {
        return false;
    }
    return same;
}

function parsed(document: unknown): unknown {
    const value = raw(document);
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (typeof value === "string") {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}

function equal(a: unknown, b: unknown): boolean | Unknown {
    if (holdsUnknown(a) || holdsUnknown(b) || isUnknownObject(a) || isUnknownObject(b)) {
        return UNKNOWN;
    }
    const x = Array.isArray(a) && a.length === 1 ? a[0] : a;
    const y = Array.isArray(b) && b.length === 1 ? b[0] : b;
    if (x !== a || y !== b) {
        return equal(x, y);
    }
    if (Array.isArray(x) && Array.isArray(y)) {
        if (x.length !== y.length) {
            return false;
        }
        const sortable = (v: unknown[]) => v.every((e) => typeof e === "string" && !holdsUnknown(e));
        const [xs, ys] = sortable(x) && sortable(y) ? [[...x].sort(), [...y].sort()] : [x, y];
        return allOf(xs.map((e, i) => equal(e, ys[i])));
    }
    if (isObject(x) && isObject(y)) {
        const keys = Object.keys(x);
        if (keys.length !== Object.keys(y).length || !keys.every((k) => k in y)) {
            return false;
        }
        return allOf(keys.map((k) => equal(x[k], y[k])));
    }
    return x === y;
}

function allOf(results: (boolean | Unknown)[]): boolean | Unknown {
    if (results.includes(false)) {
        return false;
    }
    return results.includes(UNKNOWN) ? UNKNOWN : true;
}

/** The SDK's unknown value as JSON.stringify writes it into a document built by the program. */
function isUnknownObject(v: unknown): boolean {
    return isObject(v) && v.__pulumiUnknown === true && Object.keys(v).length === 1;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

function sameNodes(a: Node[], b: Node[]): boolean {
    const urns = new Set(a.map((n) => n.urn));
    return a.length === b.length && b.every((n) => urns.has(n.urn));
}

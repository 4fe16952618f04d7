// Whether a resource policy refuses requests that are not made over TLS: a Deny for every
// principal whose only condition is `aws:SecureTransport` false. S3 bucket policies judge their
// bucket and object ARNs (lib/s3.ts); queue and topic policies judge the one ARN of the queue or
// topic they are attached to, inline (`policy`) or through a separate policy resource.
import { Node, StackGraph, push } from "./graph";
import { ParsedDocument, Statement, deniesEveryone, parseDocument, wildcardMatch } from "./iam-document";
import { UNKNOWN, Unknown, Verdict, all, isUnknown, some, str } from "./values";

/** `Bool` (or `BoolIfExists`) `aws:SecureTransport` `false`; any other condition narrows the Deny. */
export function onlyWithoutTls(s: Statement): Verdict {
    if (s.conditions === UNKNOWN) {
        return "unknown";
    }
    let withoutTls = false;
    let unknown = false;
    for (const c of s.conditions) {
        if (c.key === "" || (c.key === "aws:securetransport" && c.values.unknown)) {
            unknown = true;
        } else if (c.operator.toLowerCase() === "bool" && c.setQualifier === undefined && c.key === "aws:securetransport" && c.values.known.length > 0 && c.values.known.every((v) => v.toLowerCase() === "false")) {
            withoutTls = true;
        } else {
            return "fail";
        }
    }
    if (unknown) {
        return "unknown";
    }
    return withoutTls ? "pass" : "fail";
}

export interface TlsDenial {
    verdict: Verdict;
    /** The resources that declare the target's policy documents: the target itself (inline) and policy resources. */
    declaredOn: Node[];
    /** True when a policy resource's target is unknown at preview and may be this one. */
    mayHaveUnresolved: boolean;
}

export interface AttachedPolicy {
    /** The separate policy resources' types, and the input that names the target. */
    policyTypes: string[];
    linkProp: string;
    /** The service whose ARNs the target has (`sqs`, `sns`). */
    service: string;
    /** Whether a statement's actions are those the Deny must cover. */
    actions(s: Statement): Verdict;
}

/**
 * Whether the target's policies (its inline `policy` and every policy resource linked to it)
 * deny, to everyone, the requests without TLS on the target. A policy resource whose document
 * depends on the target names it through the target's own outputs, so Resource elements unknown
 * at preview are the target's ARN.
 */
export function tlsDenial(graph: StackGraph, target: Node, attached: AttachedPolicy): TlsDenial {
    const documents: { declaredOn: Node; document: ParsedDocument }[] = [];
    const inline = parseDocument(target.inputs.policy);
    if (inline.kind !== "absent") {
        documents.push({ declaredOn: target, document: inline });
    }
    const linked = linkedPolicies(graph, target, attached);
    for (const policy of linked.policies) {
        documents.push({ declaredOn: policy, document: parseDocument(policy.inputs.policy) });
    }
    const identity: Identity = { arn: str(target.outputs.arn), name: str(target.inputs.name) ?? str(target.outputs.name) };
    const verdicts: Verdict[] = [];
    for (const { declaredOn, document } of documents) {
        if (document.kind === "unknown") {
            verdicts.push("unknown");
            continue;
        }
        if (document.kind !== "document") {
            continue;
        }
        if (document.unknownStatements) {
            verdicts.push("unknown");
        }
        const joined = declaredOn !== target && (declaredOn.propertyDependencies.policy ?? []).includes(target);
        for (const s of document.statements) {
            verdicts.push(all([deniesEveryone(s), onlyWithoutTls(s), attached.actions(s), coversTarget(s, attached.service, identity, joined)]));
        }
    }
    return {
        verdict: some(verdicts),
        declaredOn: documents.map((d) => d.declaredOn),
        mayHaveUnresolved: linked.mayHaveUnresolved,
    };
}

/** Where a queue or topic can be told apart: its id (a queue's is its URL), ARN and URL. */
const linkFields = ["id", "arn", "url"];

/**
 * The policy resources whose link input names the target: through propertyDependencies, else by
 * one of the target's known ids, ARN or URL. A link unknown at preview, or one that names none
 * of the stack's resources of the target's type while the target's own identity is partly
 * unknown (and may end in the target's name), may be the target's.
 */
function linkedPolicies(graph: StackGraph, target: Node, attached: AttachedPolicy): { policies: Node[]; mayHaveUnresolved: boolean } {
    const index = linkIndex(graph, target.type, attached);
    const ownKnown = knownIdentities(target);
    const found = new Set<Node>(index.byDependency.get(target) ?? []);
    for (const value of new Set(ownKnown)) {
        (index.byLink.get(value) ?? []).forEach((p) => found.add(p));
    }
    const policies = [...found].sort((a, b) => index.order.get(a)! - index.order.get(b)!);
    if (index.unknownLink) {
        return { policies, mayHaveUnresolved: true };
    }
    // A link that names no resource of the target's type in the stack may be the target's, when
    // the target's own identity is partly unknown and the link may end in its name.
    const ownPartlyUnknown = linkIdentities(target).some(isUnknown) || ownKnown.length === 0;
    const name = str(target.inputs.name) ?? str(target.outputs.name);
    const mayHaveUnresolved =
        ownPartlyUnknown && index.namingNone.some((link) => !ownKnown.includes(link) && (typeof name !== "string" || name === "" || link.endsWith(`/${name}`) || link.endsWith(`:${name}`)));
    return { policies, mayHaveUnresolved };
}

/**
 * The policies of one kind (queue policies, topic policies) by what they link to, read once per
 * stack graph and target type: every queue asks for its policies, and scanning all the stack's
 * policies (and, for each link, all its queues) per queue made the check cubic in the stack.
 */
interface LinkIndex {
    /** Position among the policies, to list them in stack order. */
    order: Map<Node, number>;
    /** In-stack targets named by a policy's link through propertyDependencies → those policies. */
    byDependency: Map<Node, Node[]>;
    /** Known link values (of policies with no dependency of the target's type) → those policies. */
    byLink: Map<string, Node[]>;
    /** Whether a link with no dependency of the target's type is unknown at preview. */
    unknownLink: boolean;
    /** Known links that name none of the stack's resources of the target's type by a known identity. */
    namingNone: string[];
}

const linkIndexes = new WeakMap<StackGraph, Map<string, LinkIndex>>();

function linkIndex(graph: StackGraph, targetType: string, attached: AttachedPolicy): LinkIndex {
    const key = `${attached.policyTypes.join(",")}|${attached.linkProp}|${targetType}`;
    let indexes = linkIndexes.get(graph);
    if (!indexes) {
        indexes = new Map();
        linkIndexes.set(graph, indexes);
    }
    const cached = indexes.get(key);
    if (cached) {
        return cached;
    }
    const index: LinkIndex = { order: new Map(), byDependency: new Map(), byLink: new Map(), unknownLink: false, namingNone: [] };
    const identified = new Set(graph.ofType(targetType).flatMap(knownIdentities));
    graph.ofType(...attached.policyTypes).forEach((policy, i) => {
        index.order.set(policy, i);
        const viaDependencies = (policy.propertyDependencies[attached.linkProp] ?? []).filter((d) => d.type === targetType);
        if (viaDependencies.length > 0) {
            new Set(viaDependencies).forEach((d) => push(index.byDependency, d, policy));
            return;
        }
        const link = str(policy.inputs[attached.linkProp]);
        if (link === UNKNOWN) {
            index.unknownLink = true;
        } else if (link !== undefined && link !== "") {
            push(index.byLink, link, policy);
            if (!identified.has(link)) {
                index.namingNone.push(link);
            }
        }
    });
    indexes.set(key, index);
    return index;
}

/** A resource's id, ARN and URL, in its outputs and inputs, as policies link to it. */
function linkIdentities(node: Node): unknown[] {
    return [node.outputs, node.inputs].flatMap((props) => linkFields.map((f) => props[f]));
}

function knownIdentities(node: Node): string[] {
    return linkIdentities(node).filter((v): v is string => typeof v === "string" && !isUnknown(v) && v !== "");
}

interface Identity {
    arn: string | Unknown | undefined;
    name: string | Unknown | undefined;
}

/**
 * Whether a statement's Resource covers the target. While the target's ARN is unknown (preview),
 * a pattern of the service's ARN shape whose resource part matches the target's name covers it:
 * region and account come from the provider, the name from the program.
 */
function coversTarget(s: Statement, service: string, target: Identity, joined: boolean): Verdict {
    const matches = (pattern: string): Verdict => {
        if (pattern === "*") {
            return "pass";
        }
        if (typeof target.arn === "string" && target.arn !== "") {
            return wildcardMatch(pattern, target.arn, false) ? "pass" : "fail";
        }
        const parts = pattern.split(":");
        if (typeof target.name === "string" && target.name !== "" && parts.length === 6 && parts[0] === "arn") {
            return wildcardMatch(parts[2], service, false) && wildcardMatch(parts[5], target.name, false) ? "pass" : "fail";
        }
        return "unknown";
    };
    if (s.resource) {
        const verdict = some(s.resource.known.map(matches));
        if (verdict !== "pass" && s.resource.unknown) {
            return joined ? "pass" : "unknown";
        }
        return verdict;
    }
    if (s.notResource) {
        if (s.notResource.unknown) {
            return "unknown";
        }
        // Excluding a pattern that covers the target leaves the target out of the Deny.
        const excluded = some(s.notResource.known.map(matches));
        return excluded === "pass" ? "fail" : excluded === "unknown" ? "unknown" : "pass";
    }
    return "fail";
}

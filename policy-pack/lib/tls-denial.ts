// Whether a resource policy refuses requests that are not made over TLS: a Deny for every
// principal whose only condition is `aws:SecureTransport` false. S3 bucket policies judge their
// bucket and object ARNs (lib/s3.ts); queue and topic policies judge the one ARN of the queue or
// topic they are attached to, inline (`policy`) or through a separate policy resource.
import { Node, StackGraph } from "./graph";
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
    const policies: Node[] = [];
    let mayHaveUnresolved = false;
    const identities = (node: Node) => [node.outputs, node.inputs].flatMap((props) => linkFields.map((f) => props[f]));
    const known = (node: Node) => identities(node).filter((v): v is string => typeof v === "string" && !isUnknown(v) && v !== "");
    const ownKnown = known(target);
    const ownPartlyUnknown = identities(target).some(isUnknown) || ownKnown.length === 0;
    const name = str(target.inputs.name) ?? str(target.outputs.name);
    for (const policy of graph.ofType(...attached.policyTypes)) {
        const viaDependencies = (policy.propertyDependencies[attached.linkProp] ?? []).filter((d) => d.type === target.type);
        if (viaDependencies.length > 0) {
            if (viaDependencies.includes(target)) {
                policies.push(policy);
            }
            continue;
        }
        const link = str(policy.inputs[attached.linkProp]);
        if (link === UNKNOWN) {
            mayHaveUnresolved = true;
            continue;
        }
        if (link === undefined || link === "") {
            continue;
        }
        if (ownKnown.includes(link)) {
            policies.push(policy);
            continue;
        }
        const namesAnother = graph.ofType(target.type).some((other) => other !== target && known(other).includes(link));
        if (!namesAnother && ownPartlyUnknown && (typeof name !== "string" || name === "" || link.endsWith(`/${name}`) || link.endsWith(`:${name}`))) {
            mayHaveUnresolved = true;
        }
    }
    return { policies, mayHaveUnresolved };
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

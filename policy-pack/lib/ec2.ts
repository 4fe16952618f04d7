// Security group ingress as the three ways a program declares it (inline `ingress` on the group,
// aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule), what a rule opens to the internet,
// which resources use a group, and whether a load balancer answers port 80 only with redirects
// to HTTPS.
import { allRedirectToHttps, classicListeners, classicTlsProtocols, effectiveProtocol, tlsProtocols } from "./elb";
import { Node, StackGraph, push } from "./graph";
import { isOneOf, types } from "./types";
import { UNKNOWN, Unknown, Verdict, at, isUnknown, list, num, str } from "./values";

/** One ingress rule, with its fields as declared (raw, possibly unknown). */
export interface IngressRule {
    /** How a message names the rule: "Ingress rule #2 of security group 'web'", "Security group rule 'allow-http'". */
    label: string;
    /** Unknown when a SecurityGroupRule's `type` is unknown: it may be an egress rule. */
    isIngress: boolean | Unknown;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    /** Source CIDRs (lists or single values), IPv4 and IPv6. */
    sources: unknown[];
}

/** Rule-holding resource types: the group (inline rules) and the two rule resources. */
export const ingressHolderTypes = [...types.securityGroup, ...types.securityGroupRule, ...types.securityGroupIngressRule];

/**
 * The ingress rules a resource declares: a group's inline rules, or the one rule of a rule
 * resource ([] for an egress SecurityGroupRule). UNKNOWN when a group's rule list is unknown.
 */
export function ingressRules(type: string, name: string, inputs: Record<string, unknown>): IngressRule[] | Unknown {
    if (isOneOf(type, types.securityGroup)) {
        const rules = list(inputs.ingress);
        if (rules === UNKNOWN) {
            return UNKNOWN;
        }
        return rules.map((rule, i) => ({
            label: `Ingress rule #${i + 1} of security group '${name}'`,
            isIngress: true,
            protocol: at(rule, "protocol"),
            fromPort: at(rule, "fromPort"),
            toPort: at(rule, "toPort"),
            sources: [at(rule, "cidrBlocks"), at(rule, "ipv6CidrBlocks")],
        }));
    }
    if (isOneOf(type, types.securityGroupRule)) {
        const direction = str(inputs.type);
        if (typeof direction === "string" && direction !== "ingress") {
            return [];
        }
        return [
            {
                label: `Security group rule '${name}'`,
                isIngress: direction === UNKNOWN ? UNKNOWN : true,
                protocol: inputs.protocol,
                fromPort: inputs.fromPort,
                toPort: inputs.toPort,
                sources: [inputs.cidrBlocks, inputs.ipv6CidrBlocks],
            },
        ];
    }
    if (isOneOf(type, types.securityGroupIngressRule)) {
        return [
            {
                label: `Security group ingress rule '${name}'`,
                isIngress: true,
                protocol: inputs.ipProtocol,
                fromPort: inputs.fromPort,
                toPort: inputs.toPort,
                sources: [inputs.cidrIpv4, inputs.cidrIpv6],
            },
        ];
    }
    return [];
}

/** What a rule opens to the whole internet among some ports. */
export type Exposure =
    | { kind: "closed" }
    /**
     * `allPorts`: every protocol and port (protocol -1/all); `everyTcpPort`: a TCP rule over the
     * whole port range (0-65535); `ports`: those of the asked ports the rule opens.
     */
    | { kind: "open"; allPorts: boolean; everyTcpPort?: string; ports: number[]; source: string }
    | { kind: "unknown"; what: string };

/**
 * Which of `ports` (TCP) the rule opens to 0.0.0.0/0 or ::/0, or whether it opens every port.
 * The plaintext services these ports stand for run over TCP, so UDP, ICMP and other protocols
 * open none of them. A value the answer needs that is unknown makes it unknown; a known part that
 * settles it (a source that is not the internet, a port range that misses every port) settles it.
 */
export function exposure(rule: IngressRule, ports: number[]): Exposure {
    const source = internetSource(rule.sources);
    if (source === undefined) {
        return { kind: "closed" };
    }
    const protocol = protocolOf(rule.protocol);
    let result: Exposure;
    if (protocol === UNKNOWN) {
        result = { kind: "unknown", what: "the protocol is unknown" };
    } else if (protocol === "all") {
        result = { kind: "open", allPorts: true, ports: [...ports].sort((a, b) => a - b), source: source === UNKNOWN ? "" : source };
    } else if (protocol !== "tcp") {
        return { kind: "closed" };
    } else {
        const from = num(rule.fromPort);
        const to = num(rule.toPort);
        if (from === UNKNOWN || to === UNKNOWN) {
            result = { kind: "unknown", what: "the port range is unknown" };
        } else if (from === undefined || to === undefined) {
            // TCP rules need both ends of the range; the provider rejects one without them.
            return { kind: "closed" };
        } else {
            const opened = ports.filter((p) => from <= p && p <= to).sort((a, b) => a - b);
            if (opened.length === 0) {
                return { kind: "closed" };
            }
            result = { kind: "open", allPorts: false, ...(from <= 1 && to >= 65535 ? { everyTcpPort: `${from}-${to}` } : {}), ports: opened, source: source === UNKNOWN ? "" : source };
        }
    }
    if (source === UNKNOWN && result.kind === "open") {
        return { kind: "unknown", what: "the source CIDR is unknown" };
    }
    if (rule.isIngress === UNKNOWN && result.kind === "open") {
        return { kind: "unknown", what: "whether the rule is ingress or egress (type) is unknown" };
    }
    return result;
}

/** The internet-wide CIDRs among the sources ("0.0.0.0/0", "::/0"), UNKNOWN when one may be, undefined when none is. */
function internetSource(sources: unknown[]): string | Unknown | undefined {
    const found: string[] = [];
    let unknown = false;
    for (const source of sources) {
        const cidrs = list(source);
        if (cidrs === UNKNOWN) {
            unknown = true;
            continue;
        }
        for (const cidr of cidrs) {
            const value = str(cidr);
            if (value === UNKNOWN) {
                unknown = true;
            } else if (typeof value === "string" && value.trim().endsWith("/0")) {
                found.push(value.trim());
            }
        }
    }
    return found.length > 0 ? found.join(" and ") : unknown ? UNKNOWN : undefined;
}

/** "all" (protocol -1/all), "tcp" (tcp/6), another protocol's name, or UNKNOWN. */
function protocolOf(value: unknown): string | Unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    // The provider takes a protocol's name or number; a value of another type names none.
    const protocol = typeof value === "string" || typeof value === "number" ? String(value).trim().toLowerCase() : "";
    if (protocol === "-1" || protocol === "all") {
        return "all";
    }
    return protocol === "6" ? "tcp" : protocol;
}

/** The security group a rule resource belongs to: the in-stack group, "outside" the stack, or UNKNOWN. */
export function groupOfRule(stack: StackGraph, rule: Node): Node | "outside" | Unknown {
    const groups = stack.targets(rule, "securityGroupId", [...types.securityGroup]);
    if (groups === UNKNOWN) {
        return UNKNOWN;
    }
    return groups[0] ?? "outside";
}

/** A verdict with, when it fails, the reason in words for a message. */
export interface Judged {
    verdict: Verdict;
    reason?: string;
}

/**
 * Whether port 80 may face the internet on a group: only when load balancers, and nothing else in
 * the stack, use the group and every port-80 listener of theirs serves TLS or redirects to HTTPS.
 */
export function onlyRedirectingLoadBalancers(stack: StackGraph, group: Node): Judged {
    // Asked once per rule that opens port 80 on the group; a group shared by many stacks' load
    // balancers has rules from each of them, so the answer is kept per group.
    return memoized(judgedGroups, stack, group, () => judgeGroupUsers(stack, group));
}

const judgedGroups = new WeakMap<StackGraph, Map<Node, Judged>>();
const judgedBalancers = new WeakMap<StackGraph, Map<Node, Judged>>();

/** The answer for a node of a stack graph, computed on first use. */
function memoized(cache: WeakMap<StackGraph, Map<Node, Judged>>, stack: StackGraph, node: Node, compute: () => Judged): Judged {
    let answers = cache.get(stack);
    if (!answers) {
        answers = new Map();
        cache.set(stack, answers);
    }
    let answer = answers.get(node);
    if (!answer) {
        answer = compute();
        answers.set(node, answer);
    }
    return answer;
}

function judgeGroupUsers(stack: StackGraph, group: Node): Judged {
    const { users, unresolved } = usersOf(stack, group);
    const other = users.find((u) => !isLoadBalancer(u));
    if (other) {
        return { verdict: "fail", reason: `it is also used by '${other.name}' (${other.type}), which is not a load balancer` };
    }
    const balancers = users.filter(isLoadBalancer);
    const judged = balancers.map((lb) => port80Redirects(stack, lb));
    const failed = judged.find((j) => j.verdict === "fail");
    if (failed) {
        return failed;
    }
    if (unresolved || judged.some((j) => j.verdict === "unknown")) {
        return { verdict: "unknown" };
    }
    if (balancers.length === 0) {
        return { verdict: "fail", reason: "no load balancer in the stack uses it" };
    }
    return { verdict: "pass" };
}

function isLoadBalancer(node: Node): boolean {
    return isOneOf(node.type, types.loadBalancer) || isOneOf(node.type, types.classicLoadBalancer);
}

/** Rule resources and groups refer to a group as a traffic source or a target, which is not using it. */
const notUsers: string[] = [...types.securityGroup, ...types.securityGroupRule, ...types.securityGroupIngressRule, ...types.securityGroupEgressRule];

/** Input keys that hold security groups, at any depth: securityGroups, vpcSecurityGroupIds, securityGroupIds, … */
const securityGroupKey = /securitygroup/i;

/**
 * The in-stack resources that attach the group (instances, load balancers, ENIs, functions,
 * services, databases, …), found in inputs whose keys name security groups: by the group's id or
 * name, or by `propertyDependencies` (known or unknown at preview). `unresolved` is set
 * when such an input is unknown and nothing tells where it comes from.
 */
export function usersOf(stack: StackGraph, group: Node): { users: Node[]; unresolved: boolean } {
    const index = usersIndex(stack);
    const identityValues = groupIdentityValues(group);
    const identities = new Set(identityValues.filter(isKnownIdentity));
    const found = new Set<Node>(index.byDependency.get(group) ?? []);
    for (const identity of identities) {
        (index.byValue.get(identity) ?? []).forEach((n) => found.add(n));
    }
    found.delete(group);
    const users = [...found].sort((a, b) => index.order.get(a)! - index.order.get(b)!);
    // An input that is unknown with nothing telling where it comes from leaves the group's users
    // open, unless it is the group's own or also names the group by a known value.
    const excluded = new Set<UnresolvedInput>(index.unresolvedOf.get(group) ?? []);
    for (const identity of identities) {
        (index.unresolvedByValue.get(identity) ?? []).forEach((u) => excluded.add(u));
    }
    // A group whose id or name is unknown (one being replaced, at preview) may be what a known
    // reference names, unless every known reference names another group of the stack.
    const mayBeNamed = identityValues.some(isUnknown) && index.namesOutsideGroups;
    const opaque = index.opaqueUnresolved || index.opaqueByDependency.has(group) || [...identities].some((v) => index.opaqueByValue.has(v)) || (identityValues.some(isUnknown) && index.opaqueByValue.size > 0);
    return { users, unresolved: mayBeNamed || opaque || index.unresolved.length > excluded.size };
}

/**
 * A component rather than a resource of AWS: a type of a package other than the AWS providers'
 * (awsx, eks, a program's own components). Its children hold what it builds.
 */
function isComponent(node: Node): boolean {
    return !/^aws(-native)?:/.test(node.type);
}

/** The values other resources may name a security group by: its id and its name. */
function groupIdentityValues(group: Node): unknown[] {
    return [group.id, group.outputs.name, group.inputs.name];
}

function isKnownIdentity(v: unknown): v is string {
    return typeof v === "string" && v !== "" && !isUnknown(v);
}

/** An input under a security-group key that is unknown and has no propertyDependencies. */
interface UnresolvedInput {
    node: Node;
}

/**
 * Which resources name which security groups, read once per stack graph: a check asks for the users
 * of every group with an open port 80, and scanning the whole stack per group would make the
 * check quadratic in the size of the stack.
 */
interface UsersIndex {
    /** Position in the stack, to list users in stack order. */
    order: Map<Node, number>;
    /** Known strings under security-group keys → the resources holding them. */
    byValue: Map<string, Node[]>;
    /** A group → the resources with an unknown security-group input that depends on it. */
    byDependency: Map<Node, Node[]>;
    unresolved: UnresolvedInput[];
    unresolvedOf: Map<Node, UnresolvedInput[]>;
    unresolvedByValue: Map<string, UnresolvedInput[]>;
    /** Whether some known reference names no security group of the stack by a known id or name. */
    namesOutsideGroups: boolean;
    /** Groups that components without children in the stack name, by value or by dependency: their users are not known. */
    opaqueByValue: Set<string>;
    opaqueByDependency: Set<Node>;
    /** Whether such a component holds an unknown security-group input with nothing telling where it comes from. */
    opaqueUnresolved: boolean;
}

const usersIndexes = new WeakMap<StackGraph, UsersIndex>();

function usersIndex(stack: StackGraph): UsersIndex {
    let index = usersIndexes.get(stack);
    if (index) {
        return index;
    }
    index = {
        order: new Map(),
        byValue: new Map(),
        byDependency: new Map(),
        unresolved: [],
        unresolvedOf: new Map(),
        unresolvedByValue: new Map(),
        namesOutsideGroups: false,
        opaqueByValue: new Set(),
        opaqueByDependency: new Set(),
        opaqueUnresolved: false,
    };
    stack.resources.forEach((node, i) => index!.order.set(node, i));
    const parents = new Set(stack.resources.flatMap((n) => (n.parent ? [n.parent] : [])));
    for (const node of stack.resources) {
        if (node.type.startsWith("pulumi:") || notUsers.includes(node.type)) {
            continue;
        }
        if (isComponent(node)) {
            // A component attaches nothing itself: its children, which use what it was given, do.
            // One whose children are not in the stack (a multi-language component at an offline
            // preview) may hand a group it names to anything, so its use of the group is unknown.
            if (!parents.has(node)) {
                for (const [prop, value] of Object.entries(node.inputs)) {
                    const refs = securityGroupReferences(value, securityGroupKey.test(prop));
                    refs.values.forEach((v) => index!.opaqueByValue.add(v));
                    if (refs.unknown) {
                        const dependencies = node.propertyDependencies[prop] ?? [];
                        dependencies.forEach((d) => index!.opaqueByDependency.add(d));
                        index.opaqueUnresolved ||= dependencies.length === 0;
                    }
                }
            }
            continue;
        }
        for (const [prop, value] of Object.entries(node.inputs)) {
            const refs = securityGroupReferences(value, securityGroupKey.test(prop));
            if (!refs.unknown && refs.values.length === 0) {
                continue;
            }
            for (const v of new Set(refs.values)) {
                push(index.byValue, v, node);
            }
            // The engine names the in-stack groups a security-group input came from, whether its
            // value is known (an id the group's outputs may not repeat) or unknown at preview.
            // (Only read here: most inputs hold no security group.)
            const dependencies = node.propertyDependencies[prop] ?? [];
            for (const d of new Set(dependencies)) {
                push(index.byDependency, d, node);
            }
            if (!refs.unknown) {
                continue;
            }
            if (dependencies.length === 0) {
                const input: UnresolvedInput = { node };
                index.unresolved.push(input);
                push(index.unresolvedOf, node, input);
                for (const v of new Set(refs.values)) {
                    push(index.unresolvedByValue, v, input);
                }
            }
        }
    }
    const groupIdentities = new Set(stack.ofType(...types.securityGroup).flatMap((g) => groupIdentityValues(g).filter(isKnownIdentity)));
    index.namesOutsideGroups = [...index.byValue.keys()].some((v) => !groupIdentities.has(v));
    usersIndexes.set(stack, index);
    return index;
}

/** The known strings and whether there are unknowns under security-group keys of a value. */
function securityGroupReferences(value: unknown, underKey: boolean): { values: string[]; unknown: boolean } {
    const result = { values: [] as string[], unknown: false };
    const walk = (v: unknown, inKey: boolean): void => {
        if (isUnknown(v)) {
            result.unknown ||= inKey;
        } else if (typeof v === "string") {
            if (inKey) {
                result.values.push(v);
            }
        } else if (Array.isArray(v)) {
            v.forEach((item) => walk(item, inKey));
        } else if (v !== null && typeof v === "object") {
            for (const [key, item] of Object.entries(v)) {
                walk(item, inKey || securityGroupKey.test(key));
            }
        }
    };
    walk(value, underKey);
    return result;
}

/**
 * Whether every port-80 listener of a load balancer serves TLS or redirects every request (its
 * default actions and the actions of its rules) to HTTPS. A classic load balancer cannot redirect.
 */
function port80Redirects(stack: StackGraph, lb: Node): Judged {
    // A load balancer is judged once, whichever of its groups asks.
    return memoized(judgedBalancers, stack, lb, () => judgePort80(stack, lb));
}

function judgePort80(stack: StackGraph, lb: Node): Judged {
    if (isOneOf(lb.type, types.classicLoadBalancer)) {
        const listeners = classicListeners(lb.inputs);
        if (listeners === UNKNOWN) {
            return { verdict: "unknown" };
        }
        const verdicts: Judged[] = listeners.map((l) => {
            const port = num(l.lbPort);
            if (port !== 80 && port !== UNKNOWN) {
                return { verdict: "pass" };
            }
            if (l.lbProtocol === UNKNOWN) {
                return { verdict: "unknown" };
            }
            if (typeof l.lbProtocol === "string" && classicTlsProtocols.includes(l.lbProtocol)) {
                return { verdict: "pass" };
            }
            return port === UNKNOWN
                ? { verdict: "unknown" }
                : { verdict: "fail", reason: `classic load balancer '${lb.name}' serves plain ${String(l.lbProtocol ?? "http")} on port 80 (a classic load balancer cannot redirect)` };
        });
        return combine(verdicts);
    }

    const listeners = stack.referrers(lb, [...types.listener], "loadBalancerArn");
    const unresolved = stack.unresolvedReferrers([...types.listener], "loadBalancerArn", lb.type);
    const mayBeAnother = new Set(unresolved);
    const verdicts = [...listeners, ...unresolved].map((listener) => {
        const judged = listenerRedirects(stack, listener, lb);
        // A listener that may belong to another load balancer can only make the verdict unknown.
        return mayBeAnother.has(listener) && judged.verdict === "fail" ? { verdict: "unknown" as Verdict } : judged;
    });
    return combine(verdicts);
}

function listenerRedirects(stack: StackGraph, listener: Node, lb: Node): Judged {
    const port = num(listener.inputs.port);
    if (port !== 80 && port !== UNKNOWN) {
        return { verdict: "pass" };
    }
    const protocol = effectiveProtocol(stack, listener);
    if (typeof protocol === "string" && tlsProtocols.includes(protocol)) {
        return { verdict: "pass" };
    }
    const rules = stack.referrers(listener, [...types.listenerRule], "listenerArn");
    const unresolvedRules = stack.unresolvedReferrers([...types.listenerRule], "listenerArn", listener.type);
    const actions: Verdict[] = [
        allRedirectToHttps(listener.inputs.defaultActions),
        ...rules.map((r) => allRedirectToHttps(r.inputs.actions)),
        ...unresolvedRules.map((r) => (allRedirectToHttps(r.inputs.actions) === "pass" ? "pass" : "unknown") as Verdict),
    ];
    const failedAction = actions.includes("fail");
    if (protocol === UNKNOWN || port === UNKNOWN) {
        return { verdict: failedAction || actions.includes("unknown") ? "unknown" : "pass" };
    }
    if (failedAction) {
        return { verdict: "fail", reason: `load balancer '${lb.name}' listener '${listener.name}' on port 80 does not redirect every request to HTTPS` };
    }
    return { verdict: actions.includes("unknown") ? "unknown" : "pass" };
}

function combine(judged: Judged[]): Judged {
    return judged.find((j) => j.verdict === "fail") ?? (judged.some((j) => j.verdict === "unknown") ? { verdict: "unknown" } : { verdict: "pass" });
}

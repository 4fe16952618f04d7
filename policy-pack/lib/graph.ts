// The resource graph a stack check works on.
//
// References between resources are resolved through `propertyDependencies` first (they name the
// in-stack resource an input came from even when its value is unknown at preview), then by value
// against the names, ids and ARNs of in-stack resources (a resource's id is its `outputs.id`, or
// the id the state keeps beside outputs that lack it). Lookups go through indexes built on
// first use, so a stack check stays linear in the number of resources.
import { PolicyResource } from "@pulumi/policy";
import { recordedInputs } from "./inputs";
import { recordedId } from "./resource-ids";
import { types as typeTokens } from "./types";
import { UNKNOWN, Unknown, Verdict, isUnknown, list, raw, str } from "./values";

export interface Node {
    urn: string;
    type: string;
    name: string;
    /** What the program declared (recorded at Analyze); the outputs when no inputs were recorded. */
    inputs: Record<string, unknown>;
    /** False when no inputs were recorded for the resource and `inputs` holds its outputs. */
    declared: boolean;
    outputs: Record<string, unknown>;
    /**
     * The resource's own id: `outputs.id` (possibly unknown at preview), else the id the state
     * keeps beside the outputs (see resource-ids.ts); undefined when neither is there.
     */
    id: unknown;
    parent?: Node;
    dependencies: Node[];
    propertyDependencies: Record<string, Node[]>;
    /** The resource's provider (its explicit one, or the default provider), with the provider resource's inputs. */
    provider?: { urn: string; inputs: Record<string, unknown> };
}

/**
 * The AWS Region a resource is in: its own `region` (@pulumi/aws 7), else its provider's `region`
 * input (what @pulumi/aws 6 state and an explicit provider hold). Undefined when neither names one:
 * the provider then takes the Region from its environment (AWS_REGION, the profile), the same for
 * every such provider of the program.
 */
export function regionOf(node: Node): string | Unknown | undefined {
    const own = str(node.inputs.region);
    return own !== undefined ? own : str(node.provider?.inputs.region);
}

/** Whether two resources are in the same Region; unknown while a Region is, or where one comes from the environment and the other is named. */
export function sameRegion(a: Node, b: Node): Verdict {
    const [ra, rb] = [regionOf(a), regionOf(b)];
    if (ra === UNKNOWN || rb === UNKNOWN) {
        return "unknown";
    }
    if (ra === undefined || rb === undefined) {
        return ra === rb ? "pass" : "unknown";
    }
    return ra === rb ? "pass" : "fail";
}

/** The in-stack resources a reference points at, or UNKNOWN when it cannot be resolved at preview. */
export type Targets = Node[] | Unknown;

/** Output fields that identify a resource when another resource refers to it by value. */
const identityFields = ["id", "arn", "name", "bucket", "keyId", "targetKeyArn", "targetKeyId"];
/**
 * Identity fields that name one thing: the resource itself, or the key an alias points at. Each
 * group has one ARN field, which embeds the group's other values: its names, and its ids unless
 * an id is a URL or an ARN itself (a queue's id is its URL, a listener's its ARN).
 */
const identityGroups = [
    { arn: "arn", ids: ["id"], names: ["name", "bucket", "keyId"] },
    { arn: "targetKeyArn", ids: ["targetKeyId"], names: [] },
];

/** Types whose `name` is a label of their own, not embedded in their ARN (a security group's ARN embeds its id). */
const labelNamed = new Set<string>(typeTokens.securityGroup);

/**
 * What is known of a group of identity fields of which some are unknown at preview: the known
 * ARN values, the known values the ARN embeds, and which kinds of field are unknown.
 */
interface PartlyUnknown {
    arns: string[];
    embedded: string[];
    arnUnknown: boolean;
    idUnknown: boolean;
    nameUnknown: boolean;
    labelUnknown: boolean;
}

/**
 * What a resource of the in-process runner gives the graph: its properties without the SDK's
 * proxy, and its parent and dependencies as URNs, which the graph resolves to its own nodes,
 * rather than through the proxy and the resources the runner would build for each first (see
 * runner.ts).
 */
export const plainResource = Symbol("plain resource");

export interface PlainResource {
    /** The properties (the outputs), without the proxy. */
    outputs: Record<string, unknown>;
    state: { parent?: string; dependencies?: string[]; propertyDependencies?: Record<string, string[]> };
}

function plainResourceOf(resource: PolicyResource): PlainResource | undefined {
    return (resource as { [plainResource]?: PlainResource })[plainResource];
}

/**
 * A resource of the graph. Its parent, dependencies and property dependencies are resolved to
 * nodes when a check first asks for them, and kept: resolving every resource's up front held them
 * all for the whole stack check phase, although most checks ask for few.
 */
class GraphNode implements Node {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly declared: boolean;
    readonly outputs: Record<string, unknown>;
    readonly id: unknown;
    readonly provider?: { urn: string; inputs: Record<string, unknown> };
    private resolvedParent?: { node: Node | undefined };
    private resolvedDependencies?: Node[];
    private resolvedPropertyDependencies?: Record<string, Node[]>;

    constructor(
        private readonly resource: PolicyResource,
        private readonly byUrn: ReadonlyMap<string, Node>,
    ) {
        const outputs = (plainResourceOf(resource)?.outputs ?? raw(resource.props) ?? {}) as Record<string, unknown>;
        const inputs = recordedInputs(resource.urn);
        this.urn = resource.urn;
        this.type = resource.type;
        this.name = resource.name;
        this.inputs = inputs ?? outputs;
        this.declared = inputs !== undefined;
        this.outputs = outputs;
        this.id = outputs.id ?? recordedId(resource.urn);
        if (resource.provider) {
            this.provider = { urn: resource.provider.urn, inputs: (raw(resource.provider.props) ?? {}) as Record<string, unknown> };
        }
    }

    get parent(): Node | undefined {
        if (this.resolvedParent === undefined) {
            const plain = plainResourceOf(this.resource);
            const parent = plain ? plain.state.parent : this.resource.parent?.urn;
            this.resolvedParent = { node: parent ? this.byUrn.get(parent) : undefined };
        }
        return this.resolvedParent.node;
    }

    get dependencies(): Node[] {
        if (this.resolvedDependencies === undefined) {
            const plain = plainResourceOf(this.resource);
            this.resolvedDependencies = this.nodes(plain ? plain.state.dependencies : this.resource.dependencies?.map((d) => d.urn));
        }
        return this.resolvedDependencies;
    }

    get propertyDependencies(): Record<string, Node[]> {
        if (this.resolvedPropertyDependencies === undefined) {
            // No prototype: checks look dependencies up by input names, and an input named
            // `constructor` or `toString` must not find Object's members.
            const resolved = Object.create(null) as Record<string, Node[]>;
            const plain = plainResourceOf(this.resource);
            if (plain) {
                const dependencies = plain.state.propertyDependencies ?? {};
                for (const prop in dependencies) {
                    resolved[prop] = this.nodes(dependencies[prop]);
                }
            } else {
                for (const [prop, deps] of Object.entries(this.resource.propertyDependencies ?? {})) {
                    resolved[prop] = this.nodes(deps.map((d) => d.urn));
                }
            }
            this.resolvedPropertyDependencies = resolved;
        }
        return this.resolvedPropertyDependencies;
    }

    private nodes(urns: string[] | undefined): Node[] {
        if (urns === undefined || urns.length === 0) {
            // (Most inputs depend on nothing: one empty list for all, which no reader may change.)
            return noNodes;
        }
        const nodes: Node[] = [];
        for (const urn of urns) {
            const node = this.byUrn.get(urn);
            if (node) {
                nodes.push(node);
            }
        }
        return nodes;
    }
}

const noNodes: Node[] = Object.freeze([]) as unknown as Node[];

const graphs = new WeakMap<PolicyResource[], StackGraph>();

export class StackGraph {
    readonly resources: Node[];
    private readonly byUrnIndex = new Map<string, Node>();
    private readonly byTypeIndex = new Map<string, Node[]>();
    private readonly byValueIndex = new Map<string, Map<string, Node[]>>();
    private readonly referrerIndex: Questions<Map<string, Node[]>> = new Map();
    private readonly partlyUnknownIndex = new Map<string, PartlyUnknown[]>();
    private readonly unresolvedIndex: Questions<Node[]> = new Map();

    /**
     * The graph of a list of resources, built once per list. The in-process runner hands every
     * stack check the same list: they share one graph and its indexes instead of each building
     * its own. (The analyzer server builds a new list per policy, so each of its checks still
     * gets its own graph.)
     */
    static of(resources: PolicyResource[]): StackGraph {
        let graph = graphs.get(resources);
        if (!graph) {
            graph = new StackGraph(resources);
            graphs.set(resources, graph);
        }
        return graph;
    }

    constructor(resources: PolicyResource[]) {
        this.resources = resources.map((r) => new GraphNode(r, this.byUrnIndex));
        for (const node of this.resources) {
            this.byUrnIndex.set(node.urn, node);
            const ofType = this.byTypeIndex.get(node.type) ?? [];
            ofType.push(node);
            this.byTypeIndex.set(node.type, ofType);
        }
    }

    byUrn(urn: string): Node | undefined {
        return this.byUrnIndex.get(urn);
    }

    ofType(...types: string[]): Node[] {
        return types.flatMap((t) => this.byTypeIndex.get(t) ?? []);
    }

    /**
     * The in-stack resources of `types` that `node`'s input `prop` refers to. An empty list means
     * the reference points outside the stack (or is absent); UNKNOWN means it cannot be told.
     */
    targets(node: Node, prop: string, types: string[]): Targets {
        const viaDependencies = (node.propertyDependencies[prop] ?? []).filter((d) => types.includes(d.type));
        if (viaDependencies.length > 0) {
            return viaDependencies;
        }
        const value = node.inputs[prop];
        if (isUnknown(value)) {
            return UNKNOWN;
        }
        const values = list(value);
        if (values === UNKNOWN) {
            return UNKNOWN;
        }
        const found = new Set<Node>();
        for (const v of values) {
            if (isUnknown(v)) {
                return UNKNOWN;
            }
            if (typeof v === "string") {
                const named = this.named(v, types);
                if (named === UNKNOWN) {
                    return UNKNOWN;
                }
                named.forEach((n) => found.add(n));
            }
        }
        return [...found];
    }

    /**
     * The in-stack resources of `types` that a known value names, as `identifiedBy`; UNKNOWN when
     * it names none but may name one whose id, ARN or name is unknown at preview: one that nothing
     * known identifies, or one whose unknown field the value may be given what is known of the
     * others (an unknown ARN embeds the known id and name; an unknown id or name is embedded in
     * the known ARN, unless it is a URL or an ARN itself).
     *
     * Each known value only rules candidates out, so hiding one more value never decides a
     * reference that was undecided: the verdict with an unknown is never a violation where the
     * known value would leave it undecided or passing.
     */
    named(value: string, types: string[]): Targets {
        const found = this.identifiedBy(value, types);
        if (found.length > 0) {
            return found;
        }
        const mayBe = types.some((type) => this.partlyUnknownIdentities(type).some((g) => mayBeUnknownField(g, value)));
        return mayBe ? UNKNOWN : [];
    }

    /**
     * For each resource of `type` and each group of its identity fields (its own id, ARN and name;
     * the key an alias points at) with a field unknown at preview, what is known of the group: an
     * alias's target key id says nothing about the alias's own name, and the other way round. An
     * id the resource lacks altogether counts as unknown.
     */
    private partlyUnknownIdentities(type: string): PartlyUnknown[] {
        let result = this.partlyUnknownIndex.get(type);
        if (!result) {
            result = [];
            const labels = labelNamed.has(type) ? ["name"] : [];
            for (const node of this.ofType(type)) {
                const sources = [node.outputs, node.inputs];
                const own = node.outputs.id === undefined ? [node.id] : [];
                for (const group of identityGroups) {
                    const values = (fields: string[]) => sources.flatMap((source) => fields.map((field) => source[field]));
                    const arns = values([group.arn]);
                    const ids = [...(group.ids.includes("id") ? own : []), ...values(group.ids)];
                    const names = values(group.names.filter((field) => !labels.includes(field)));
                    const label = values(group.names.filter((field) => labels.includes(field)));
                    if (![...arns, ...ids, ...names, ...label].some(isUnknown)) {
                        continue;
                    }
                    result.push({
                        arns: arns.filter(isKnownString),
                        embedded: [...ids, ...names].filter((v): v is string => isKnownString(v) && embeddable(v)),
                        arnUnknown: arns.some(isUnknown),
                        // An id the resource lacks altogether may be anything too.
                        idUnknown: ids.some(isUnknown) || (group.ids.includes("id") && node.id === undefined),
                        nameUnknown: names.some(isUnknown),
                        labelUnknown: label.some(isUnknown),
                    });
                }
            }
            this.partlyUnknownIndex.set(type, result);
        }
        return result;
    }

    /** The resources of `types` whose input `prop` refers to `target`. */
    referrers(target: Node, types: string[], prop: string): Node[] {
        const index = question(this.referrerIndex, types, prop, target.type, () => {
            const made = new Map<string, Node[]>();
            for (const from of this.ofType(...types)) {
                const to = this.targets(from, prop, [target.type]);
                if (to === UNKNOWN) {
                    continue;
                }
                for (const t of to) {
                    push(made, t.urn, from);
                }
            }
            return made;
        });
        return index.get(target.urn) ?? [];
    }

    /**
     * Referrers whose reference cannot be resolved at preview: they may or may not point at a
     * given resource, so a verdict that depends on them is undecided.
     */
    unresolvedReferrers(types: string[], prop: string, targetType: string): Node[] {
        // Checks ask this once per target; the answer does not depend on the target, so it is
        // computed once per question (a copy is returned: callers may change their list).
        const found = question(this.unresolvedIndex, types, prop, targetType, () => this.ofType(...types).filter((from) => this.targets(from, prop, [targetType]) === UNKNOWN));
        return found.length === 0 ? [] : [...found];
    }

    /**
     * The in-stack resources of `types` that a known value names by id, ARN, name or bucket: for
     * references nested inside a property (a key id inside an encryption rule), where `targets`
     * cannot read the value from a top-level input.
     */
    identifiedBy(value: string, types: string[]): Node[] {
        return types.flatMap((type) => this.valueIndex(type).get(value) ?? []);
    }

    private valueIndex(type: string): Map<string, Node[]> {
        let index = this.byValueIndex.get(type);
        if (!index) {
            index = new Map();
            for (const node of this.ofType(type)) {
                const seen = new Set<string>();
                // The id the state keeps beside outputs that lack one is the resource's id too.
                const own: Record<string, unknown>[] = node.outputs.id === undefined && node.id !== undefined ? [{ id: node.id }] : [];
                for (const source of [...own, node.outputs, node.inputs]) {
                    for (const field of identityFields) {
                        const v = source[field];
                        if (typeof v === "string" && !isUnknown(v) && v !== "" && !seen.has(v)) {
                            seen.add(v);
                            push(index, v, node);
                        }
                    }
                }
            }
            this.byValueIndex.set(type, index);
        }
        return index;
    }

}

/**
 * Whether a value that names no in-stack resource by a known identity may be one of the unknown
 * identity fields of a group: an unknown ARN is an ARN that embeds the known ids and names; an
 * unknown id or name is embedded in the known ARN (an id may also be a URL or an ARN); a label
 * may be anything but a URL or an ARN.
 */
function mayBeUnknownField(g: PartlyUnknown, value: string): boolean {
    const inKnownArns = g.arns.every((arn) => arn.includes(value));
    return (
        (g.arnUnknown && value.startsWith("arn:") && g.embedded.every((known) => value.includes(known))) ||
        (g.idUnknown && (!embeddable(value) || inKnownArns)) ||
        (g.nameUnknown && embeddable(value) && inKnownArns) ||
        (g.labelUnknown && embeddable(value))
    );
}

function isKnownString(value: unknown): value is string {
    return typeof value === "string" && !isUnknown(value) && value !== "";
}

/** Whether a resource's ARN embeds this value of one of its other identity fields (a queue's URL id, or an id that is the ARN, it does not). */
function embeddable(value: string): boolean {
    return !value.includes("://") && !value.startsWith("arn:");
}

/** Answers about references, by the referrers' types, the property, then the target's type. */
type Questions<T> = Map<string, Map<string, Map<string, T>>>;

/**
 * The answer to a question about references, made once. (Looked up through nested maps: checks
 * ask once per resource, and a key joined from the three would be a new string each time.)
 */
function question<T>(answers: Questions<T>, types: string[], prop: string, targetType: string, make: () => T): T {
    const typesKey = types.length === 1 ? types[0] : types.join(",");
    let byProp = answers.get(typesKey);
    if (byProp === undefined) {
        byProp = new Map();
        answers.set(typesKey, byProp);
    }
    let byTarget = byProp.get(prop);
    if (byTarget === undefined) {
        byTarget = new Map();
        byProp.set(prop, byTarget);
    }
    let answer = byTarget.get(targetType);
    if (answer === undefined) {
        answer = make();
        byTarget.set(targetType, answer);
    }
    return answer;
}

/** Adds a value to the list a map holds under a key. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const values = map.get(key);
    if (values) {
        values.push(value);
    } else {
        map.set(key, [value]);
    }
}

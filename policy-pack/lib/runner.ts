// Evaluates policies on a set of resources with the analyzer server's semantics, in process:
// config resolved as the CLI resolves it, `disabled` skipped, `remediate` reported as mandatory,
// unknown reads reported once as advisory, not-applicable recorded with its reason. Resource
// checks run on inputs (Analyze), then stack checks on outputs (AnalyzeStack). Unit tests, the
// reference-stack check and the offline audit all go through here; a differential test holds it
// against the real server over gRPC.
import { EnforcementLevel, Policy, PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { PolicyPackConfigFile, ResolvedPolicyConfig, resolveConfig } from "./config";
import { PlainResource, plainResource } from "./graph";
import { clearRecordedInputs, recordInputs } from "./inputs";
import { packVersion } from "./pack-info";
import { packName, resourceSide, urnName } from "./policy";
import { PropertyChange, applyChanges, diffProperties, remediates } from "./remediation";
import { deserializeProperties, isUnknownValueError, proxy, sdkPolicy, wire } from "./sdk";
import { recordIds } from "./resource-ids";
import { clearRecordedCreated, recordTimes } from "./timestamps";
import type { Waived } from "./waivers";

export interface ResourceState {
    urn: string;
    type: string;
    /** Defaults to the last `::` segment of the URN. */
    name?: string;
    /** The inputs as the engine sends them (secret envelopes and unknown sentinels allowed). */
    inputs: Record<string, unknown>;
    /** The outputs for the stack checks; the inputs when absent (as at preview of a new stack). */
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: { urn: string; type: string; name?: string; inputs: Record<string, unknown> };
    /**
     * Set by a maker that knows the inputs and outputs to be plain JSON (no special values), as the
     * audit's reader does for those it converted: the runner then uses them without walking them.
     */
    plainJson?: true;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory";
    severity?: string;
    urn?: string;
    /**
     * The resources a stack check's "can't run" advisory is about: the server's diagnostic has no
     * URN for it, but reports can point at what it names.
     */
    about?: string[];
    /** The message id the policy reported (absent for the SDK's own "can't run" advisories). */
    messageId?: string;
    /** The waiver that turned this finding into an advisory one (see waivers.ts). */
    waived?: Waived;
    phase: "analyze" | "analyzeStack";
}

export interface NotApplicable {
    policyName: string;
    reason: string;
    urn?: string;
}

/** What a policy at `remediate` changed on a resource before Analyze judged it. */
export interface Remediated {
    policyName: string;
    urn: string;
    changes: PropertyChange[];
}

export interface RunResult {
    diagnostics: Diagnostic[];
    /**
     * The remediations of the policies at `remediate`, in the order the server runs them. Analyze
     * judges the remediated inputs; the stack checks judge the outputs with the same changes made.
     */
    remediations: Remediated[];
    notApplicable: NotApplicable[];
    /** Policy evaluations run: resource checks per resource plus one per stack check. */
    evaluations: number;
    /** The evaluations that applied (not answered not-applicable), in order: by resource, then the stack checks. */
    applied: { policyName: string; urn?: string }[];
}

export interface RunOptions {
    config?: PolicyPackConfigFile;
    stackTags?: Record<string, string>;
    /** Run only the resource checks, only the stack checks, or both (the default). */
    phases?: ("analyze" | "analyzeStack")[];
    /**
     * Creation times by URN (ISO 8601, as a stack export's `created`). When given, they replace
     * whatever was recorded before; the analyzer protocol carries none (see timestamps.ts).
     */
    created?: Record<string, string>;
    /** Times each resource was last changed by URN (a stack export's `modified`), recorded with `created`. */
    modified?: Record<string, string>;
    /**
     * Each resource's own id by URN (a stack export's top-level `id`). When given, they replace
     * whatever was recorded before; the analyzer protocol carries only `outputs.id` (see resource-ids.ts).
     */
    ids?: Record<string, string>;
    /**
     * Keep the not-applicable answers (the default). The audit reports only what applied and turns
     * this off: a large stack has a few million of them.
     */
    keepNotApplicable?: boolean;
}

class NotApplicableError extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}

const throwNotApplicable = (reason?: string): never => {
    // Caught by the runner and never shown: capturing a stack trace for each of the many answers
    // of a large stack would be wasted.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        throw new NotApplicableError(reason ?? "Policy does not apply");
    } finally {
        Error.stackTraceLimit = limit;
    }
};

export async function runPolicies(policies: Policy[], resources: ResourceState[], options: RunOptions = {}): Promise<RunResult> {
    const config = resolveConfig(policies, options.config);
    const phases = options.phases ?? ["analyze", "analyzeStack"];
    const stackTags = freeze(new Map(Object.entries(options.stackTags ?? {})));
    const result: RunResult = { diagnostics: [], remediations: [], notApplicable: [], evaluations: 0, applied: [] };
    clearRecordedInputs();
    if (options.created) {
        clearRecordedCreated();
        recordTimes(options.created, options.modified ?? {});
    }
    if (options.ids) {
        recordIds(options.ids);
    }

    // Resources share their provider: its properties are deserialized once for all of them.
    const providers = new Map<ResourceState["provider"], Prepared["provider"]>();
    const providerOf = (provider: ResourceState["provider"]) => {
        let prepared = providers.get(provider);
        if (prepared === undefined && provider) {
            prepared = { urn: provider.urn, type: provider.type, name: provider.name ?? urnName(provider.urn), props: proxy.unknownCheckingProxy(deserialized(provider.inputs)) };
            providers.set(provider, prepared);
        }
        return prepared;
    };
    const prepared: Prepared[] = resources.map((r) => ({
        state: r,
        name: r.name ?? urnName(r.urn),
        inputs: r.plainJson ? r.inputs : deserialized(r.inputs),
        outputs: r.plainJson ? r.outputs ?? r.inputs : deserialized(r.outputs ?? r.inputs),
        provider: providerOf(r.provider),
    }));

    const plans = new Map<string, AnalyzePlan>();
    const planOf = (type: string): AnalyzePlan => {
        let plan = plans.get(type);
        if (plan === undefined) {
            plan = analyzePlan(policies, config, type);
            plans.set(type, plan);
        }
        return plan;
    };

    const remediating = policies.filter((p) => config.get(p.name)!.enforcementLevel === "remediate" && remediates(p));
    if (remediating.length > 0 && phases.includes("analyze")) {
        for (const r of prepared) {
            const changes = await remediate(remediating, r, config, stackTags, result);
            if (changes.length > 0) {
                // The outputs as they would be after the update: the same properties changed.
                r.outputs = r.state.outputs === undefined ? r.inputs : applyChanges(r.outputs, changes.map((c) => ({ path: c.path, value: c.to })));
            }
        }
    }

    // A shallow copy of the properties, as the server's getConfig returns: one function per policy.
    const getConfigs = new Map(policies.map((p) => [p, () => ({ ...config.get(p.name)!.properties }) as any]));

    if (phases.includes("analyze")) {
        const keepNotApplicable = options.keepNotApplicable ?? true;
        for (const r of prepared) {
            const plan = planOf(r.state.type);
            // (Without the answers kept, only the calls: most of the pack does not apply to a type.)
            for (const step of keepNotApplicable ? plan.steps : plan.calls) {
                const { policy } = step;
                if ("notApplicable" in step) {
                    result.notApplicable.push({ policyName: policy.name, urn: r.state.urn, reason: step.notApplicable });
                    continue;
                }
                for (const validation of step.validations) {
                    result.evaluations++;
                    const props = proxy.unknownCheckingProxy(r.inputs);
                    const args: ResourceValidationArgs = {
                        type: r.state.type,
                        props,
                        urn: r.state.urn,
                        name: r.name,
                        opts: resourceOptions(r.state),
                        stackTags,
                        isType: isNoType,
                        asType: asNoType,
                        getConfig: getConfigs.get(policy)!,
                        notApplicable: throwNotApplicable,
                    };
                    if (r.provider) {
                        args.provider = r.provider as any;
                    }
                    // (Most checks answer at once: waiting only for those that return a promise spares a turn of the loop per evaluation.)
                    const pending = evaluate(policy, "analyze", r.state.urn, result, () => validation(args, reporter(policy, step.level, "analyze", r.state.urn, result)));
                    if (pending !== undefined) {
                        await pending;
                    }
                }
            }
        }
    }

    if (phases.includes("analyzeStack")) {
        // In the pack, every policy the server calls at Analyze records the inputs it is called
        // with (inputs.ts), and stack checks find a resource's inputs only when some policy was
        // called for it. The runner, which does not call stack-only policies only for that,
        // records the same resources here, also for a run of the stack checks alone.
        for (const r of prepared) {
            if (planOf(r.state.type).recordsInputs) {
                recordInputs(r.state.urn, r.inputs);
            }
        }
        const stackResources = buildStackResources(prepared);
        // (Asked by every stack check marked with a type: a large stack has 100k resources.)
        const typesInStack = new Set(resources.map((r) => r.type));
        for (const policy of policies) {
            const level = effectiveLevel(policy, config);
            if (level === undefined || !sdkPolicy.isStackPolicy(policy)) {
                continue;
            }
            const validateStack = (policy as any).validateStack;
            const fastType = sdkPolicy.getPulumiType(validateStack);
            if (fastType && !typesInStack.has(fastType)) {
                result.notApplicable.push({ policyName: policy.name, reason: `Policy only applies to resources of type '${fastType}'` });
                continue;
            }
            result.evaluations++;
            const args: StackValidationArgs = {
                resources: stackResources,
                getConfig: getConfigs.get(policy)!,
                stackTags,
                notApplicable: throwNotApplicable,
            };
            await evaluate(policy, "analyzeStack", undefined, result, () => validateStack(args, reporter(policy, level, "analyzeStack", undefined, result)));
        }
    }
    return result;
}

/**
 * The server's Remediate for one resource: each policy at `remediate` with a fix, in the pack's
 * order, gets the properties the previous one returned; a fix that reads an unknown value is
 * reported as the server reports it (advisory: it cannot run during preview). Replaces the
 * resource's inputs with the result and returns every property changed.
 */
async function remediate(
    policies: Policy[],
    r: { state: ResourceState; name: string; inputs: Record<string, any>; provider?: any },
    config: Map<string, ResolvedPolicyConfig>,
    stackTags: ReadonlyMap<string, string>,
    result: RunResult,
): Promise<PropertyChange[]> {
    const all: PropertyChange[] = [];
    for (const policy of policies) {
        const remediateResource = (policy as any).remediateResource as (args: ResourceValidationArgs) => unknown;
        const fastType = sdkPolicy.getPulumiType(remediateResource);
        if (fastType && fastType !== r.state.type) {
            continue;
        }
        const args: ResourceValidationArgs = {
            type: r.state.type,
            props: proxy.unknownCheckingProxy(r.inputs),
            urn: r.state.urn,
            name: r.name,
            opts: resourceOptions(r.state),
            stackTags,
            isType: () => false,
            asType: () => undefined,
            getConfig: () => ({ ...config.get(policy.name)!.properties }) as any,
            notApplicable: throwNotApplicable,
            ...(r.provider ? { provider: r.provider } : {}),
        };
        let remediated: Record<string, any> | undefined;
        try {
            remediated = (await Promise.resolve(remediateResource(args))) as Record<string, any> | undefined;
        } catch (e) {
            if (e instanceof NotApplicableError) {
                continue;
            }
            if (isUnknownValueError(e)) {
                result.diagnostics.push({
                    ...base(policy),
                    message: `can't run remediation '${policy.name}' from policy pack '${packName}@v${packVersion}' during preview: ${(e as Error).message}`,
                    enforcementLevel: "advisory",
                    phase: "analyze",
                    urn: r.state.urn,
                });
                continue;
            }
            throw new Error(`Error remediating resource with remediation '${policy.name}' from policy pack '${packName}@v${packVersion}': ${(e as Error)?.stack ?? e}`);
        }
        if (remediated) {
            const changes = diffProperties(r.inputs, remediated);
            r.inputs = remediated;
            if (changes.length > 0) {
                result.remediations.push({ policyName: policy.name, urn: r.state.urn, changes });
                all.push(...changes);
            }
        }
    }
    return all;
}

/** The level a policy runs at, or undefined when it is disabled; `remediate` reports as mandatory. */
function effectiveLevel(policy: Policy, config: Map<string, ResolvedPolicyConfig>): "advisory" | "mandatory" | undefined {
    const level: EnforcementLevel = config.get(policy.name)!.enforcementLevel;
    if (level === "disabled") {
        return undefined;
    }
    return level === "remediate" ? "mandatory" : level;
}

/** What Analyze does with one policy for resources of one type: answer not-applicable, or call it. */
type AnalyzeStep =
    | { policy: Policy; notApplicable: string }
    | { policy: Policy; level: "advisory" | "mandatory"; validations: ((args: ResourceValidationArgs, report: any) => unknown)[] };

interface AnalyzePlan {
    steps: AnalyzeStep[];
    /** The steps that call a policy, in order. */
    calls: AnalyzeStep[];
    /** Whether the server calls some policy for resources of the type, which records their inputs. */
    recordsInputs: boolean;
}

/**
 * The server's Analyze for a resource type, decided once per type: disabled policies and policies
 * without a resource side are passed over, and a policy marked with another type is answered by
 * the server without a call (not counted as an evaluation), as is a policy of several types for a
 * type it does not check (its answer known from its metadata). A stack-only policy's resource side
 * only records the inputs, which the runner does itself before the stack checks.
 */
function analyzePlan(policies: Policy[], config: Map<string, ResolvedPolicyConfig>, type: string): AnalyzePlan {
    const plan: AnalyzePlan = { steps: [], calls: [], recordsInputs: false };
    for (const policy of policies) {
        const level = effectiveLevel(policy, config);
        if (level === undefined || !sdkPolicy.isResourcePolicy(policy)) {
            continue;
        }
        const validate = (policy as any).validateResource;
        const fastType = !Array.isArray(validate) ? sdkPolicy.getPulumiType(validate) : undefined;
        const side = resourceSide(policy, type);
        // A check of several types is marked for the call in progress (policy.ts), so the server
        // answers for the types it does not check without a call, as for a one-type mark.
        const notApplicable = fastType && fastType !== type ? `Policy only applies to resources of type '${fastType}'` : side && "notApplicable" in side ? side.notApplicable : undefined;
        if (notApplicable !== undefined) {
            plan.steps.push({ policy, notApplicable });
            // Its stack check judges the declared inputs of resources of any type: they are
            // recorded while it is enabled, as when its resource side was called for every type.
            plan.recordsInputs ||= sdkPolicy.isStackPolicy(policy);
            continue;
        }
        if (side && "none" in side) {
            continue;
        }
        plan.recordsInputs = true;
        if (side && "recordsOnly" in side) {
            continue;
        }
        const call = { policy, level, validations: Array.isArray(validate) ? validate : [validate] };
        plan.steps.push(call);
        plan.calls.push(call);
    }
    return plan;
}

/**
 * Whether the server's Analyze, under `file`, records the inputs of resources of a type: whether
 * it calls some policy's resource side for them. A pack process keeps what it recorded until it
 * exits, so a harness that replays several previews through one process needs this to tell when
 * a fresh process would see other inputs (see test/harness/differential.test.ts).
 */
export function recordsInputsAtAnalyze(policies: Policy[], file: PolicyPackConfigFile | undefined): (type: string) => boolean {
    const config = resolveConfig(policies, file);
    const answers = new Map<string, boolean>();
    return (type) => {
        let answer = answers.get(type);
        if (answer === undefined) {
            answer = analyzePlan(policies, config, type).recordsInputs;
            answers.set(type, answer);
        }
        return answer;
    };
}

/**
 * Runs one evaluation and records what it answered; a promise when the check answered with one,
 * settled once that is recorded (as the server awaits every check, answers are recorded in order).
 */
function evaluate(policy: Policy, phase: Diagnostic["phase"], urn: string | undefined, result: RunResult, run: () => unknown): Promise<void> | undefined {
    let answer: unknown;
    try {
        answer = run();
    } catch (error) {
        settled(policy, phase, urn, result, { error });
        return undefined;
    }
    if (answer !== null && typeof (answer as { then?: unknown } | undefined)?.then === "function") {
        return Promise.resolve(answer).then(
            () => settled(policy, phase, urn, result, undefined),
            (error) => settled(policy, phase, urn, result, { error }),
        );
    }
    settled(policy, phase, urn, result, undefined);
    return undefined;
}

/** Records an evaluation that applied (`failure` undefined), or what it threw. */
function settled(policy: Policy, phase: Diagnostic["phase"], urn: string | undefined, result: RunResult, failure: { error: unknown } | undefined): void {
    if (failure === undefined) {
        result.applied.push(urn ? { policyName: policy.name, urn } : { policyName: policy.name });
        return;
    }
    const e = failure.error;
    if (e instanceof NotApplicableError) {
        result.notApplicable.push({ policyName: policy.name, reason: e.reason, ...(urn ? { urn } : {}) });
    } else if (isUnknownValueError(e)) {
        result.applied.push(urn ? { policyName: policy.name, urn } : { policyName: policy.name });
        result.diagnostics.push({
            ...base(policy),
            message: `can't run policy '${policy.name}' from policy pack '${packName}@v${packVersion}' during preview: ${(e as Error).message}`,
            enforcementLevel: "advisory",
            phase,
            ...(urn ? { urn } : {}),
            ...(!urn && (e as { about?: string[] }).about ? { about: (e as { about?: string[] }).about } : {}),
        });
    } else {
        const where = phase === "analyze" ? "resource" : "stack";
        throw new Error(`Error validating ${where} with policy '${policy.name}' from policy pack '${packName}@v${packVersion}': ${(e as Error)?.stack ?? e}`);
    }
}

/** The SDK's object form of a report, as the server reads it: its fields override the policy's. */
interface ReportedInfo {
    message?: string;
    description?: string;
    urn?: string;
    enforcementLevel?: EnforcementLevel;
}

function reporter(policy: Policy, level: "advisory" | "mandatory", phase: Diagnostic["phase"], resourceUrn: string | undefined, result: RunResult) {
    return (message: string | ReportedInfo, urn?: string, messageId?: string, waived?: Diagnostic["waived"]) => {
        if (typeof message === "object" && message !== null) {
            // The server takes the object's message as is (no description prefix), its URN (the
            // CLI then attaches a URN-less finding of Analyze to the analyzed resource) and its level.
            const reportedUrn = message.urn || (phase === "analyze" ? resourceUrn : undefined);
            result.diagnostics.push({
                ...base(policy),
                message: message.message || message.description || policy.description,
                enforcementLevel: (message.enforcementLevel as "advisory" | "mandatory" | undefined) || level,
                phase,
                ...(reportedUrn ? { urn: reportedUrn } : {}),
                ...(messageId ? { messageId } : {}),
                ...(waived ? { waived } : {}),
            });
            return;
        }
        result.diagnostics.push({
            ...base(policy),
            message: message ? `${policy.description}\n${message}` : policy.description,
            enforcementLevel: level,
            phase,
            ...(urn ?? resourceUrn ? { urn: urn ?? resourceUrn } : {}),
            ...(messageId ? { messageId } : {}),
            ...(waived ? { waived } : {}),
        });
    };
}

function base(policy: Policy) {
    return {
        policyName: policy.name,
        policyPackName: packName,
        policyPackVersion: packVersion,
        description: policy.description,
        ...(policy.severity ? { severity: policy.severity } : {}),
    };
}

/** A resource as the runner evaluates it: its properties deserialized, as the server does. */
interface Prepared {
    state: ResourceState;
    name: string;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
    provider?: { urn: string; type: string; name: string; props: Record<string, any> };
}

/**
 * The stack's resources as the server hands them to stack checks, with the outputs as their
 * properties. What they hold beyond the state (the properties' proxy, the parent, dependencies,
 * property dependencies and options) is made when asked for, a fresh copy each time: checks read
 * them through the stack graph, which reads the state directly (see graph.ts), and building them
 * all up front held several hundred bytes per resource for the whole stack check phase.
 */
function buildStackResources(resources: Prepared[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    return resources.map((r) => {
        const resource = new StackResource(r, byUrn);
        byUrn.set(r.state.urn, resource);
        return resource;
    });
}

const isNoType = () => false;
const asNoType = () => undefined;

class StackResource {
    readonly isType = isNoType as PolicyResource["isType"];
    readonly asType = asNoType as PolicyResource["asType"];

    constructor(
        private readonly resource: Prepared,
        private readonly byUrn: ReadonlyMap<string, PolicyResource>,
    ) {}

    get type(): string {
        return this.resource.state.type;
    }

    get urn(): string {
        return this.resource.state.urn;
    }

    get name(): string {
        return this.resource.name;
    }

    get provider() {
        return this.resource.provider;
    }

    get props(): Record<string, any> {
        return proxy.unknownCheckingProxy(this.resource.outputs);
    }

    /** For the stack graph, which reads them without the proxy and resolves URNs to its own nodes (see graph.ts). */
    get [plainResource](): PlainResource {
        return this.resource;
    }

    get opts() {
        return resourceOptions(this.resource.state);
    }

    get parent(): PolicyResource | undefined {
        return this.resource.state.parent ? this.byUrn.get(this.resource.state.parent) : undefined;
    }

    get dependencies(): PolicyResource[] {
        return (this.resource.state.dependencies ?? []).flatMap((d) => this.byUrn.get(d) ?? []);
    }

    get propertyDependencies(): Record<string, PolicyResource[]> {
        const result: Record<string, PolicyResource[]> = {};
        for (const [prop, urns] of Object.entries(this.resource.state.propertyDependencies ?? {})) {
            result[prop] = urns.flatMap((d) => this.byUrn.get(d) ?? []);
        }
        return result;
    }
}

function resourceOptions(r: ResourceState) {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

/**
 * The properties as the server deserializes them. Plain JSON values (no undefined, no secret or
 * other special objects) deserialize to an equal copy, so they are used as they are: an audit of a
 * large stack would otherwise hold every resource's properties twice more.
 */
function deserialized(props: Record<string, unknown>): Record<string, any> {
    return isPlainJson(props) ? props : deserializeProperties(stripUndefined(props));
}

function isPlainJson(value: unknown): boolean {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return true;
    }
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            if (!isPlainJson(value[i])) {
                return false;
            }
        }
        return true;
    }
    // A `__proto__` key would become the copy's prototype rather than a property of it.
    if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype || wire.specialSigKey in value || Object.hasOwn(value, "__proto__")) {
        return false;
    }
    for (const key in value) {
        if (!isPlainJson((value as Record<string, unknown>)[key])) {
            return false;
        }
    }
    return true;
}

/** Drops undefined values, as the protobuf Struct the engine sends cannot hold them. */
export function stripUndefined<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map((v) => (v === undefined ? null : stripUndefined(v))) as T;
    }
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined) {
                out[k] = stripUndefined(v);
            }
        }
        return out as T;
    }
    return value;
}

function freeze(map: Map<string, string>): ReadonlyMap<string, string> {
    return Object.freeze(map);
}

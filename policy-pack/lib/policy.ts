// The one factory every policy goes through. A policy file declares its metadata, its config
// schema (with defaults), its message templates and its check; the factory turns that into the
// SDK's own policy object, so the metadata lives on the SDK object and nowhere else.
import {
    EnforcementLevel,
    PolicyComplianceFramework,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
    ResourceValidationPolicy,
} from "@pulumi/policy";
import { StackGraph } from "./graph";
import { typeUnderAnalysis } from "./analyze-call";
import { recordInputs, recordedInputs } from "./inputs";
import { unknownValueError } from "./sdk";
import { Remediation, applyChanges, markType, plaintext } from "./remediation";
import { raw } from "./values";
import { Waived, Waiver, awsTagRules, invalidWaiverMessage, judgeWaivers, waivedMessage, waiverTagKey, waiversParameter } from "./waivers";

export const packName = "aws-secure-baseline";

/** Where the generated policy reference lives; each policy's `url` points at its section. */
export const docsUrl = "https://github.com/aws-secure-baseline/aws-secure-baseline/blob/main/docs/policies.md";

export type Domain = "encryption-at-rest" | "encryption-in-transit" | "iam" | "access";

/** A JSON-schema property of a policy parameter; `default` is required so that behaviour is explicit. */
export interface Parameter {
    type: "string" | "number" | "integer" | "boolean" | "array" | "object";
    description: string;
    default: unknown;
    items?: Record<string, unknown>;
    enum?: unknown[];
    minimum?: number;
    maximum?: number;
}

/** A reported finding: a message id from the policy's `messages`, the values for its template, and where it lands. */
export interface Finding {
    messageId: string;
    data?: Record<string, unknown>;
    urn?: string;
}

export interface CheckContext<C> {
    readonly config: C;
    /** Report a violation. In a stack check, `urn` names the resource the finding lands on. */
    report(messageId: string, data?: Record<string, unknown>, urn?: string): void;
    /**
     * Report a finding as advisory whatever the policy's level: for what the check cannot tell is
     * wrong but a person should look at (it names what to check).
     */
    advise(messageId: string, data?: Record<string, unknown>, urn?: string): void;
    /**
     * Say that a value the verdict needs is unknown at preview. When the check reports nothing
     * else for the resource, the policy answers once, as advisory, naming what was undecided.
     */
    undecided(what: string, urn?: string): void;
    notApplicable(reason: string): never;
}

/** The resource under a resource check: type, name, URN and its raw input properties. */
export interface ResourceUnderCheck {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
}

export interface PolicyDefinition<C, M extends string> {
    name: string;
    description: string;
    /** Why the rule exists: the risk it closes. Shown in the policy reference. */
    rationale: string;
    domain: Domain;
    severity: Severity;
    enforcementLevel?: EnforcementLevel;
    remediationSteps: string;
    /** Where findings land, in the policy reference: the resource a person would fix. */
    findingsOn?: string;
    framework?: PolicyComplianceFramework;
    tags?: string[];
    /** Parameters with their defaults; the names become config-schema properties. */
    parameters?: { [K in keyof C]: Parameter };
    /** Message templates by id; `{{key}}` is replaced by the reported data. */
    messages: Record<M, string>;
    /** Resource check: runs on each resource's inputs (Analyze) of the listed types. */
    resourceTypes?: string[];
    checkResource?(resource: ResourceUnderCheck, ctx: CheckContext<C>): void;
    /** Stack check: runs once on the whole stack (AnalyzeStack). */
    checkStack?(stack: StackGraph, ctx: CheckContext<C>): void;
    /**
     * For a stack check with no resource check: give the policy no resource side at all. A
     * stack-only policy otherwise has an empty one, for which the server calls nothing, but while
     * the policy is enabled the pack records every resource's inputs at Analyze for its check
     * (inputs.ts, input-recorder.ts). Without it, the check's `node.inputs` are the inputs
     * recorded for the other enabled policies, or the resource's outputs when none had them
     * recorded (`node.declared` is then false): so only for checks that read properties which are
     * the same in a resource's inputs and outputs, such as a key id or an encryption flag, and
     * that never ask whether the program declared something.
     */
    withoutResourceSide?: boolean;
    /**
     * For a stack check that judges resources of one type only: its check is marked with the type,
     * and the server answers "not applicable" itself, without deserializing every resource for
     * the check, when the stack has no resource of that type.
     */
    stackType?: string;
    /**
     * The policy's safe fix, applied by the engine at enforcement level `remediate` (see
     * remediation.ts for what a fix may change). Findings it cannot fix stay mandatory.
     */
    remediation?: Remediation<C>;
    /** Why the policy has no safe fix, for the policy reference: it stays mandatory at `remediate`. */
    noRemediation?: string;
}

/** The SDK policy object plus the metadata the docs and reports use. */
export type BaselinePolicy = (ResourceValidationPolicy | StackValidationPolicy) & {
    domain: Domain;
    rationale: string;
    messages: Record<string, string>;
    kind: "resource" | "stack" | "resource + stack";
    resourceTypes?: string[];
    /** False for a stack-only policy made `withoutResourceSide`: nothing calls it at Analyze. */
    hasResourceSide: boolean;
    findingsOn?: string;
    stackType?: string;
    /** What the policy's fix at `remediate` sets, and the types it fixes. */
    remediation?: { summary: string; resourceTypes: readonly string[] };
    /** Why the policy has no fix at `remediate`. */
    noRemediation?: string;
};

/**
 * The SDK's reportViolation ignores a third and fourth argument; the runner passes a function that
 * records them, so tests can assert message ids rather than match text, and the audit can list
 * waived findings apart. The message may also be the SDK's object form, whose
 * `enforcementLevel` overrides the policy's for that one finding (how a waived finding is
 * reported as advisory by the real server).
 */
type Reporter = (
    message: string | { message: string; urn?: string; enforcementLevel: EnforcementLevel },
    urn?: string,
    messageId?: string,
    waived?: Waived,
) => void;

export function definePolicy<C extends object = {}, M extends string = string>(def: PolicyDefinition<C, M>): BaselinePolicy {
    if (def.parameters && "waivers" in def.parameters) {
        throw new Error(`policy ${def.name}: 'waivers' is the parameter every policy shares; name the parameter differently`);
    }
    const tagKey = waiverTagKey(def.name);
    if ([...tagKey].length > awsTagRules.maxKeyLength || !awsTagRules.characters.test(tagKey)) {
        throw new Error(`policy ${def.name}: its waiver tag '${tagKey}' would break AWS's rules for tag keys; give the policy a shorter name of letters, digits and hyphens`);
    }
    const defaults = parameterDefaults(def.parameters);
    const configOf = (getConfig: () => object): C => ({ ...defaults, ...getConfig() }) as C;
    const kind = def.checkResource && def.checkStack ? "resource + stack" : def.checkResource ? "resource" : "stack";
    if (def.stackType && !def.checkStack) {
        throw new Error(`policy ${def.name}: stackType marks a stack check, and the policy has none`);
    }
    if (def.withoutResourceSide && kind !== "stack") {
        throw new Error(`policy ${def.name}: withoutResourceSide is for a policy with a stack check and no resource check`);
    }

    const policy: any = {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel ?? "mandatory",
        severity: def.severity,
        remediationSteps: def.remediationSteps,
        url: `${docsUrl}#${def.name}`,
        ...(def.framework ? { framework: def.framework } : {}),
        tags: [def.domain, ...(def.tags ?? [])],
        configSchema: { properties: { ...(def.parameters ?? {}), waivers: waiversParameter } },
        domain: def.domain,
        rationale: def.rationale,
        messages: def.messages,
        kind,
        resourceTypes: def.resourceTypes,
        hasResourceSide: !def.withoutResourceSide,
        ...(def.findingsOn ? { findingsOn: def.findingsOn } : {}),
        ...(def.stackType ? { stackType: def.stackType } : {}),
        ...(def.remediation ? { remediation: { summary: def.remediation.summary, resourceTypes: def.remediation.resourceTypes } } : {}),
        ...(def.noRemediation ? { noRemediation: def.noRemediation } : {}),
    };
    if (def.remediation && def.noRemediation) {
        throw new Error(`policy ${def.name}: it declares a remediation and a reason for having none; keep one`);
    }
    if (def.remediation && def.withoutResourceSide) {
        throw new Error(`policy ${def.name}: a remediation runs on the resource side, which withoutResourceSide removes`);
    }

    // The pack records the resources' inputs once per Analyze call, for the stack checks to judge
    // what the program declared rather than the provider's computed outputs (inputs.ts,
    // input-recorder.ts). A stack check's resource side is that recording; a stack-only policy
    // itself has nothing to do at Analyze.
    if (!def.withoutResourceSide && !def.checkResource) {
        // An empty list of validations: the policy still has a resource side (the server and the
        // runner count it as a resource policy, and record inputs while it is enabled), but the
        // server calls nothing for it, so it no longer deserializes every resource's properties
        // once more only for them to be recorded. Like a call that reports nothing, it gives
        // the server no answer for the resource, not even "not applicable".
        policy.validateResource = [];
    } else if (def.checkResource) {
        const checkResource = def.checkResource;
        const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (def.resourceTypes && !def.resourceTypes.includes(args.type)) {
                notApplicableWithoutTrace(args.notApplicable, otherTypeReason(def.resourceTypes));
            }
            const props = raw(args.props) as Record<string, unknown>;
            // The pack recorded them already; the runner records them here, as it calls the check.
            recordInputs(args.urn, props);
            const inputsOf = (urn: string) => (urn === args.urn ? props : recordedInputs(urn));
            const run = new Run(def, configOf(() => args.getConfig()), reportViolation as Reporter, args.notApplicable, inputsOf);
            checkResource({ type: args.type, name: args.name, urn: args.urn, props }, run.context(args.urn));
            run.finish();
        };
        // A resource check of a single type is marked with its type: the server then answers "not
        // applicable" for every other type itself, without deserializing the resource or calling
        // the check. A marked policy with a stack check still has the inputs of every type recorded
        // while it is enabled (recordsInputsAtAnalyze in runner.ts, input-recorder.ts). A check of
        // several types is marked for the call in progress (markForTypeUnderAnalysis).
        if (def.resourceTypes?.length === 1) {
            Object.assign(validateResource, { __pulumiType: def.resourceTypes[0] });
        } else if (def.resourceTypes !== undefined) {
            markForTypeUnderAnalysis(validateResource, def.resourceTypes);
        }
        policy.validateResource = validateResource;
    }

    if (def.remediation) {
        policy.remediateResource = remediateResource(def, def.remediation, configOf);
    }

    if (def.checkStack) {
        policy.validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const stack = StackGraph.of(args.resources as PolicyResource[]);
            // A finding on a resource is waived by that resource's tags as the program declared them:
            // its inputs recorded at Analyze, else (nothing recorded them) its outputs' `tags`, the same.
            const run = new Run(def, configOf(() => args.getConfig()), reportViolation as Reporter, args.notApplicable, (urn) => stack.byUrn(urn)?.inputs);
            def.checkStack!(stack, run.context(undefined));
            run.finish();
        };
        if (def.stackType) {
            Object.assign(policy.validateStack, { __pulumiType: def.stackType });
        }
    }
    return policy as BaselinePolicy;
}

/**
 * The SDK's `remediateResource` for a declared fix. The server hands it the properties wrapped in
 * its proxies (at Remediate, secrets kept as the SDK's secret objects) or, after another policy's
 * remediation, that policy's result: the fix reads their plaintext, and its changes are applied to
 * the properties as given, so secrets stay secrets. A resource whose waiver (tag or config) excuses
 * the policy, or whose waiver tag is unknown at preview, is left as the program declared it: a
 * waiver is a person's decision to keep the setting.
 */
function remediateResource<C>(def: PolicyDefinition<C, string>, remediation: Remediation<C>, configOf: (getConfig: () => object) => C) {
    const remediate = (args: ResourceValidationArgs): Record<string, unknown> | undefined => {
        if (!remediation.resourceTypes.includes(args.type)) {
            notApplicableWithoutTrace(args.notApplicable, otherTypeReason(remediation.resourceTypes));
        }
        const target = raw(raw(args.props)) as Record<string, unknown>;
        const props = plaintext(target) as Record<string, unknown>;
        const config = configOf(() => args.getConfig());
        const waivers = ((config as { waivers?: Waiver[] }).waivers ?? []) as Waiver[];
        const verdict = judgeWaivers(def.name, { config: waivers, tags: props.tags }, args.urn, args.name);
        if (verdict.waived || verdict.undecided !== undefined) {
            return undefined;
        }
        const changes = remediation.fix(props, config);
        return changes.length === 0 ? undefined : applyChanges(target, changes);
    };
    markType(remediate, remediation.resourceTypes);
    return remediate;
}

/**
 * What a policy's resource side does with resources of a type, known from its metadata without
 * calling it: nothing at all (a stack-only policy made `withoutResourceSide`: the server does not
 * call it), nothing but record the inputs (any other stack-only policy), answer "not applicable"
 * with the reason it would give (a type it does not check), or judge the resource. The runner
 * answers these directly, which is most of an audit's evaluations. Undefined for a policy not
 * made by definePolicy.
 */
export function resourceSide(
    policy: object,
    type: string,
): { none: true } | { recordsOnly: true } | { notApplicable: string } | { checks: true } | undefined {
    const { kind, resourceTypes, hasResourceSide } = policy as Partial<Pick<BaselinePolicy, "kind" | "resourceTypes" | "hasResourceSide">>;
    if (kind === undefined) {
        return undefined;
    }
    if (hasResourceSide === false) {
        return { none: true };
    }
    if (kind === "stack") {
        return { recordsOnly: true };
    }
    return resourceTypes && !resourceTypes.includes(type) ? { notApplicable: otherTypeReason(resourceTypes) } : { checks: true };
}

const otherTypeReasons = new WeakMap<readonly string[], string>();

function otherTypeReason(resourceTypes: readonly string[]): string {
    let reason = otherTypeReasons.get(resourceTypes);
    if (reason === undefined) {
        reason = `Policy only applies to resources of type '${typesAsMark(resourceTypes)}'`;
        otherTypeReasons.set(resourceTypes, reason);
    }
    return reason;
}

/**
 * The server's fast answer compares a check's one marked type with the resource's, so a check of
 * several types would be called for every resource: its arguments built (the properties
 * deserialized and proxied, the options, the provider), the check called and its "not applicable"
 * caught, for each policy and each resource, most of the pack's cost at Analyze. Such a check is
 * marked for the Analyze call in progress instead (analyze-call.ts): with the resource's type when
 * it checks that type, so that the server calls it as before; otherwise with its types quoted the
 * way the server quotes one type, so that the server's own answer, "Policy only applies to
 * resources of type '…'", is the reason the check gives (`otherTypeReason`). Outside Analyze (the
 * runner, the audit), or should two calls overlap, the mark is empty and the check is called. The
 * differential test holds the server's answers to the runner's.
 */
function markForTypeUnderAnalysis(validateResource: Function, resourceTypes: readonly string[]): void {
    const quoted = typesAsMark(resourceTypes);
    Object.defineProperty(validateResource, "__pulumiType", {
        get: (): string | undefined => {
            const type = typeUnderAnalysis();
            return type === undefined ? undefined : resourceTypes.includes(type) ? type : quoted;
        },
    });
}

/**
 * Types as one type mark that the server quotes in its answer ("… of type '<mark>'"): 'A' or 'B'
 * without the outer quotes, so that its answer and `otherTypeReason` are the same words.
 */
function typesAsMark(resourceTypes: readonly string[]): string {
    return resourceTypes.join("' or '");
}

/**
 * A not-applicable reason as reports print it: a sentence, its first letter a capital and a full
 * stop at its end. The pack's reasons read as clauses (the SDK's own, "Policy only applies to
 * resources of type …", has no full stop), so they are made sentences here, in one place.
 */
export function notApplicableSentence(reason: string): string {
    const text = reason.trim();
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}

/** The answer each `notApplicable` function threw for each reason (the server has one function for all calls). */
const notApplicableAnswers = new WeakMap<Function, Map<string, unknown>>();

/**
 * Every resource of another type is answered "not applicable" by throwing (the SDK's protocol), once
 * per multi-type policy: most of the pack's work on a large stack. The server tells that answer by
 * the error's class, reads only its `reason` and never shows the error; capturing a stack trace
 * for each was the largest single cost of a large audit, and constructing an error for each, even
 * without one, made Analyze about 7% slower. So the first answer for a reason goes through
 * `notApplicable`, without a stack trace, and later ones throw that same error again. The
 * differential test holds the answers to the server's.
 */
function notApplicableWithoutTrace(notApplicable: (reason?: string) => never, reason: string): never {
    let answers = notApplicableAnswers.get(notApplicable);
    const answer = answers?.get(reason);
    if (answer !== undefined) {
        throw answer;
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return notApplicable(reason);
    } catch (e) {
        if (e !== null && typeof e === "object" && (e as { reason?: unknown }).reason === reason) {
            if (answers === undefined) {
                answers = new Map();
                notApplicableAnswers.set(notApplicable, answers);
            }
            answers.set(reason, e);
        }
        throw e;
    } finally {
        Error.stackTraceLimit = limit;
    }
}

function parameterDefaults(parameters: Record<string, Parameter> | undefined): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, p] of Object.entries(parameters ?? {})) {
        result[key] = p.default;
    }
    return result;
}

/** One evaluation of a check: collects findings and undecided values, then answers. */
class Run<C> {
    private readonly reported = new Set<string>();
    private readonly undecided = new Map<string, string[]>();
    private readonly invalidWaiversReported = new Set<string>();

    constructor(
        private readonly def: PolicyDefinition<C, string>,
        private readonly config: C,
        private readonly reportViolation: Reporter,
        private readonly notApplicable: (reason?: string) => never,
        /** The declared inputs of a resource a finding may land on, for its waiver tags. */
        private readonly inputsOf: (urn: string) => Record<string, unknown> | undefined,
    ) {}

    context(defaultUrn: string | undefined): CheckContext<C> {
        return {
            config: this.config,
            report: (messageId, data, urn) => {
                this.answer(format(this.template(messageId), data ?? {}), urn, urn ?? defaultUrn, messageId);
            },
            advise: (messageId, data, urn) => {
                const target = urn ?? defaultUrn;
                this.reported.add(target ?? "");
                const text = `${this.def.description}\n${format(this.template(messageId), data ?? {})}`;
                this.reportViolation({ message: text, ...(target ? { urn: target } : {}), enforcementLevel: "advisory" }, urn, messageId);
            },
            undecided: (what, urn) => {
                const key = urn ?? defaultUrn ?? "";
                this.undecided.set(key, [...(this.undecided.get(key) ?? []), what]);
            },
            notApplicable: (reason) => this.notApplicable(reason),
        };
    }

    private template(messageId: string): string {
        const template = (this.def.messages as Record<string, string>)[messageId];
        if (template === undefined) {
            throw new Error(`policy ${this.def.name} has no message '${messageId}'`);
        }
        return template;
    }

    /**
     * Reports a finding, unless a valid waiver for its resource turns it into an advisory one; the
     * waivers are the policy's `waivers` parameter and the resource's waiver tag. Matching waivers
     * that excuse nothing are reported once per resource, as advisory. When only a waiver tag
     * unknown at preview could excuse the finding, the finding is undecided instead.
     */
    private answer(message: string, urn: string | undefined, target: string | undefined, messageId: string): void {
        if (target === undefined) {
            this.reported.add("");
            this.reportViolation(message, urn, messageId);
            return;
        }
        const config = ((this.config as { waivers?: Waiver[] }).waivers ?? []) as Waiver[];
        const verdict = judgeWaivers(this.def.name, { config, tags: this.inputsOf(target)?.tags }, target, urnName(target));
        if (verdict.waived) {
            this.reported.add(target);
            const text = `${this.def.description}\n${waivedMessage(verdict.waived, message)}`;
            this.reportViolation({ message: text, urn: target, enforcementLevel: "advisory" }, urn, messageId, verdict.waived);
            return;
        }
        if (verdict.undecided !== undefined) {
            this.undecided.set(target, [...(this.undecided.get(target) ?? []), verdict.undecided]);
            return;
        }
        this.reported.add(target);
        this.reportViolation(message, urn, messageId);
        for (const invalid of verdict.invalid) {
            const key = `${invalid.key}|${target}`;
            if (!this.invalidWaiversReported.has(key)) {
                this.invalidWaiversReported.add(key);
                const text = `${this.def.description}\n${invalidWaiverMessage(invalid, urnName(target))}`;
                this.reportViolation({ message: text, urn: target, enforcementLevel: "advisory" }, urn, "invalidWaiver");
            }
        }
    }

    /** Answers "can't decide" once, for the resources on which nothing else was reported. */
    finish(): void {
        const open = [...this.undecided].filter(([urn]) => !this.reported.has(urn));
        if (open.length === 0) {
            return;
        }
        const parts = open.map(([urn, whats]) => `${urn ? `${urnName(urn)}: ` : ""}${[...new Set(whats)].join("; ")}`);
        throw unknownValueError(
            `${parts.join(" | ")} (unknown until the resources it depends on exist; the policy decides at update)`,
            open.map(([urn]) => urn).filter((urn) => urn !== ""),
        );
    }
}

export function urnName(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/** Fills `{{key}}` placeholders; lists are joined with ", ". */
export function format(template: string, data: Record<string, unknown>): string {
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
        const value = data[key];
        if (Array.isArray(value)) {
            return value.join(", ");
        }
        return value === undefined ? `{{${key}}}` : String(value);
    });
}

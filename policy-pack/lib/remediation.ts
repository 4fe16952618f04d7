// Remediation at enforcement level `remediate`: the analyzer server calls a policy's
// `remediateResource` with a resource's checked inputs before Analyze, and the engine goes on with
// the properties it returns, at preview and at update alike. A policy here declares a fix as a list
// of changes (a property path and the value it gets), computed from the plaintext inputs; this
// module applies them to the server's copy of the properties, so that secrets stay secret and
// unknown values stay unknown, and describes them for the reports.
//
// What a fix may do: the Remediate request carries the resource's new inputs only, never whether
// the resource already exists (proto/pulumi/analyzer.proto: AnalyzeRequest has type, properties,
// urn, name, options and provider). A fix therefore changes only properties that the provider
// updates in place, so that it never replaces a resource of an existing stack; it never invents a
// key or a certificate (it only raises settings of what the program declared); and it never
// widens access. It changes nothing it cannot read: an unknown value at preview is left alone
// (the check then says the policy decides at update).
import { sdkPolicy } from "./sdk";

/** One property the fix sets: its path from the resource's inputs, and the value it gets. */
export interface Change {
    path: (string | number)[];
    value: unknown;
}

/** A property a remediation changed: its path, the value it had and the value it got. */
export interface PropertyChange {
    path: (string | number)[];
    from: unknown;
    to: unknown;
}

/** A policy's safe fix, declared in its file; `definePolicy` turns it into the SDK's `remediateResource`. */
export interface Remediation<C> {
    /** What the fix sets, for the policy reference: a sentence naming the properties and their values. */
    summary: string;
    /** The resource types it fixes (the policy's others are left as they are). */
    resourceTypes: readonly string[];
    /**
     * The changes that make the resource pass, read from its plaintext inputs (unknown values as the
     * engine's sentinels); none when it passes, when what it needs is unknown, or when no safe fix exists for it.
     */
    fix(props: Record<string, unknown>, config: C): Change[];
}

/** The class the SDK marks secret values with in Remediate (its `secretsPreservingProxy` target holds them). */
let secretClass: (new (value: unknown) => { value: unknown }) | undefined;

function isSecret(value: unknown): value is { value: unknown } {
    // Loaded on first use: the module brings the SDK's gRPC server, which commands that remediate
    // nothing (`--version`, `policies`) must not load.
    secretClass ??= require("@pulumi/policy/policy").Secret as new (value: unknown) => { value: unknown };
    return value instanceof secretClass;
}

/** A copy of properties with the SDK's secret markers replaced by their values: what a fix reads. */
export function plaintext(value: unknown): unknown {
    if (isSecret(value)) {
        return plaintext(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(plaintext);
    }
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plaintext(v)]));
    }
    return value;
}

/**
 * The properties with the changes applied: a new object sharing everything off the changed paths.
 * A container on a path that is a secret is copied and stays a secret; a missing container is made.
 */
export function applyChanges(props: Record<string, unknown>, changes: Change[]): Record<string, unknown> {
    let result = props;
    for (const change of changes) {
        result = setAt(result, change.path, change.value) as Record<string, unknown>;
    }
    return result;
}

function setAt(container: unknown, path: (string | number)[], value: unknown): unknown {
    if (path.length === 0) {
        return value;
    }
    if (isSecret(container)) {
        return new secretClass!(setAt(container.value, path, value));
    }
    const [step, ...rest] = path;
    const copy: any = Array.isArray(container) ? [...container] : container !== null && typeof container === "object" ? { ...container } : typeof step === "number" ? [] : {};
    copy[step] = setAt(copy[step], rest, value);
    return copy;
}

/**
 * What a remediation changed, from the properties before and after it (plaintext): each leaf that
 * differs, in the order of the properties. This is what the engine shows as the remediation's diff.
 */
export function diffProperties(before: unknown, after: unknown, path: (string | number)[] = []): PropertyChange[] {
    if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return keys.flatMap((key) => {
            const step = Array.isArray(after) ? Number(key) : key;
            return diffProperties((before as any)[key], (after as any)[key], [...path, step]);
        });
    }
    if (before === after || (before === undefined && after === null) || JSON.stringify(before) === JSON.stringify(after)) {
        return [];
    }
    return [{ path, from: before, to: after }];
}

function isContainer(value: unknown): value is object {
    return value !== null && typeof value === "object";
}

/** A change as reports print it: `path: from → to`, values as JSON, an absent value as "(unset)". */
export function describeChange(change: PropertyChange): string {
    return `${pathText(change.path)}: ${valueText(change.from)} → ${valueText(change.to)}`;
}

function pathText(path: (string | number)[]): string {
    return path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("");
}

function valueText(value: unknown): string {
    return value === undefined || value === null ? "(unset)" : JSON.stringify(value);
}

/** Marks a remediation function with its type when it fixes one type only, as the SDK's helpers do. */
export function markType(remediate: Function, resourceTypes: readonly string[]): void {
    if (resourceTypes.length === 1) {
        Object.assign(remediate, { __pulumiType: resourceTypes[0] });
    }
}

/** Whether an SDK policy object remediates (has a resource side that can fix). */
export function remediates(policy: object): boolean {
    return sdkPolicy.isResourcePolicy(policy) && typeof (policy as { remediateResource?: unknown }).remediateResource === "function";
}

/** Why policies of a kind have no safe fix, for their reference: shared so that they read alike. */
export const noSafeFix = {
    customerManagedKey:
        "the fix names a customer-managed KMS key, and a fix never invents a key (nor chooses one: who may use it is the key " +
        "policy's business); on many data stores a new key also replaces the resource and its data",
    policyDocument:
        "the fix is a statement of a policy document that only its owner can write: a generated one could cut off access " +
        "the workload needs, or grant more than was meant",
    certificate: "the fix needs a certificate issued for the names served, and a fix never invents a certificate",
};

// Evaluates the pack on stack exports with the runner the unit tests and the analyzer server
// share, and collects what every report format shows: findings (waived ones apart), the
// policy evaluations that applied, and notes about the state itself.
import { PolicyPackConfigFile, resolveConfig } from "../../policy-pack/lib/config";
import { packVersion } from "../../policy-pack/lib/pack-info";
import { BaselinePolicy, packName, urnName } from "../../policy-pack/lib/policy";
import { push } from "../../policy-pack/lib/graph";
import { describeChange } from "../../policy-pack/lib/remediation";
import { Diagnostic, Remediated, runPolicies } from "../../policy-pack/lib/runner";
import type { Waived } from "../../policy-pack/lib/waivers";
import { clearRecordedIds } from "../../policy-pack/lib/resource-ids";
import { coveredKindOf, isReadByPolicies } from "../../policy-pack/lib/types";
import { clearRecordedCreated } from "../../policy-pack/lib/timestamps";
import { InputProblem, StackExport, isPolicyVocabulary, redactedSecret } from "./exports";

export type FailOn = "mandatory" | "advisory" | "none";

/** The type of the resource every stack has at its root, which the engine attaches stack-wide findings to. */
export const rootStackType = "pulumi:pulumi:Stack";
export type Level = "advisory" | "mandatory";

/** A policy in force for the audit, with the metadata reports show about it. */
export interface PolicyInForce {
    policy: BaselinePolicy;
    level: Level;
}

export interface Finding {
    policyName: string;
    stack: string;
    source: string;
    /**
     * The resource the finding lands on. A finding on the stack as a whole lands on the root
     * `pulumi:pulumi:Stack` resource, as the engine attaches it; null only when the state has none.
     */
    urn: string | null;
    type: string | null;
    name: string | null;
    enforcementLevel: Level;
    severity: string | null;
    /** What is wrong on this resource and how to fix it (the policy's description is left out). */
    message: string;
    messageId?: string;
    /** For a finding on the stack as a whole, the resources it is about, when the policy named them. */
    about?: string[];
    /** The waiver that excused the finding: its reason, expiry, and which waiver (a config entry or the resource's tag). */
    waived?: Waived;
    /**
     * Set on a finding of `secure-baseline preview` that comes from its second evaluation of the
     * program with plausible outputs, for an evaluation the preview could not decide.
     */
    pass?: "plausible-outputs";
    /** Set when a stack check reported the finding on no resource (it is on the stack as a whole). */
    stackWide?: true;
}

/** One policy evaluation that applied: a resource check on one resource, or a stack check (urn null). */
export interface Evaluation {
    stack: string;
    source: string;
    policyName: string;
    urn: string | null;
    type: string | null;
    name: string | null;
}

export interface Note {
    stack: string;
    source: string;
    message: string;
}

/**
 * A multi-language component whose contents the offline preview could not build, so no policy
 * saw its children: the run is incomplete.
 */
export interface UncheckedComponent {
    stack: string;
    source: string;
    urn: string;
    type: string;
    name: string;
    /** Why its contents were not checked. */
    reason: string;
}

/** A resource of a kind the baseline covers that no policy judges (another provider's): listed, never counted clean. */
export interface NotChecked {
    stack: string;
    source: string;
    urn: string;
    type: string;
    name: string;
    /** The @pulumi/aws type the policies judge this kind of resource as. */
    coveredAs: string;
}

export interface StackSummary {
    stack: string;
    source: string;
    resources: number;
    /**
     * Whether some policy judged some resource of the stack (see judgedSomething). False for a
     * stack that holds no resources, or only resources no policy reads: the stack checks that ran
     * on it (each counted as an evaluation) had nothing to look at, so "no violations" would say
     * nothing about it.
     */
    judged: boolean;
    /** Lines of the export file by URN, and recorded source positions, for reports that point at a place. */
    export: StackExport;
}

export interface AuditResult {
    pack: { name: string; version: string };
    policies: PolicyInForce[];
    stacks: StackSummary[];
    /** Violations, then waived findings; each sorted by stack, resource, policy, message. */
    violations: Finding[];
    waived: Finding[];
    /**
     * What the policies at enforcement level `remediate` would change before the engine creates or
     * updates each resource (their findings are then judged on the remediated properties). Never
     * applied to any file: a verdict only.
     */
    remediations: WouldRemediate[];
    evaluations: Evaluation[];
    notes: Note[];
    /** Components whose contents were not checked (the preview's; an export holds every child). */
    unchecked: UncheckedComponent[];
    /** Resources of covered kinds that no policy judges, in stack order. */
    notChecked: NotChecked[];
    /** Inputs that could not be read as state (the audit's; set by the command, which read them). */
    unreadable: InputProblem[];
}

/** A "would remediate" verdict: the policy, the resource, and each property change as `path: from → to`. */
export interface WouldRemediate {
    policyName: string;
    stack: string;
    source: string;
    urn: string;
    type: string | null;
    name: string | null;
    changes: string[];
}

/** A policy failed in a way the runner does not turn into a finding (a bug): exit code 2. */
export class AuditError extends Error {}

export interface AuditOptions {
    config?: PolicyPackConfigFile;
    /** Run only these policies (the others are disabled). */
    only?: string[];
}

export async function audit(policies: BaselinePolicy[], stackExports: StackExport[], options: AuditOptions = {}): Promise<AuditResult> {
    const inForce = policiesInForce(policies, options);
    const parts: StackAudit[] = [];
    for (const stackExport of stackExports) {
        parts.push(await auditStack(policies, inForce, stackExport, options));
    }
    return assemble(inForce, parts);
}

/** What the audit found in one stack; the audit of many stacks is these, in order (see assemble). */
export interface StackAudit {
    summary: StackSummary;
    findings: Finding[];
    remediations: WouldRemediate[];
    evaluations: Evaluation[];
    notes: Note[];
    notChecked: NotChecked[];
}

/** The policies the audit runs, at the level the config resolves for each. */
export function policiesInForce(policies: BaselinePolicy[], options: AuditOptions): PolicyInForce[] {
    const resolved = resolveConfig(policies, selectPolicies(policies, options.config ?? {}, options.only));
    return policies.flatMap((policy) => {
        const level = resolved.get(policy.name)!.enforcementLevel;
        return level === "disabled" ? [] : [{ policy, level: level === "remediate" ? "mandatory" : (level as Level) }];
    });
}

/** Runs the pack on one stack and collects its findings (redacted), evaluations and notes. */
export async function auditStack(policies: BaselinePolicy[], inForce: PolicyInForce[], stackExport: StackExport, options: AuditOptions): Promise<StackAudit> {
    const config = selectPolicies(policies, options.config ?? {}, options.only);
    const { stack, source } = stackExport;
    const findings: Finding[] = [];
    const evaluations: Evaluation[] = [];
    const notChecked: NotChecked[] = [];
    let diagnostics: Diagnostic[];
    let applied: { policyName: string; urn?: string }[];
    let remediated: Remediated[];
    try {
        ({ diagnostics, applied, remediations: remediated } = await runPolicies(policies, stackExport.resources, { config, created: stackExport.created, modified: stackExport.modified ?? {}, ids: stackExport.ids ?? {}, keepNotApplicable: false }));
    } catch (e) {
        const firstLine = String((e as Error)?.message ?? e).split("\n")[0];
        throw new AuditError(`${source}: ${redact(firstLine, stackExport.secrets)}`);
    } finally {
        // Creation times and ids are this stack's; nothing after the audit may judge with them.
        clearRecordedCreated();
        clearRecordedIds();
    }
    const redactSecrets = redactor(stackExport.secrets, { notSecret: stackExport.notSecret, names: stackExport.resources.map((r) => r.name ?? "") });
    const byUrn = new Map(stackExport.resources.map((r) => [r.urn, r]));
    const root = stackExport.resources.find((r) => r.type === rootStackType);
    const where = (urn: string | undefined) => {
        const r = urn === undefined ? undefined : byUrn.get(urn);
        return { urn: urn ?? null, type: r?.type ?? null, name: r ? r.name ?? null : null };
    };
    for (const d of diagnostics) {
        findings.push({
            policyName: d.policyName,
            stack,
            source,
            ...where(d.urn ?? root?.urn),
            enforcementLevel: d.enforcementLevel,
            severity: d.severity ?? null,
            message: redactSecrets(detail(d)),
            ...(d.messageId ? { messageId: d.messageId } : {}),
            ...(d.about && d.urn === undefined ? { about: d.about.filter((u) => byUrn.has(u)) } : {}),
            // A waiver tag's reason is a value of the state, secret if the program made it one.
            ...(d.waived ? { waived: { ...d.waived, reason: redactSecrets(d.waived.reason) } } : {}),
            ...(d.urn === undefined ? { stackWide: true as const } : {}),
        });
    }
    const remediations = remediated.map((r) => ({ policyName: r.policyName, stack, source, ...where(r.urn), urn: r.urn, changes: r.changes.map((c) => redactSecrets(describeChange(c))) }));
    // By policy (in the pack's order), then resource, then the stack check, as the runner ran them.
    const byPolicy = new Map<string, Evaluation[]>(inForce.map(({ policy }) => [policy.name, []]));
    for (const a of applied) {
        byPolicy.get(a.policyName)?.push({ stack, source, policyName: a.policyName, ...where(a.urn) });
    }
    for (const list of byPolicy.values()) {
        for (const evaluation of list) {
            evaluations.push(evaluation);
        }
    }
    for (const r of stackExport.resources) {
        const coveredAs = coveredKindOf(r.type);
        if (coveredAs !== undefined) {
            notChecked.push({ stack, source, urn: r.urn, type: r.type, name: r.name ?? urnName(r.urn), coveredAs });
        }
    }
    const summary = { stack, source, resources: stackExport.resources.length, judged: judgedSomething(stackExport, evaluations, findings), export: stackExport };
    return { summary, findings, remediations, evaluations, notes: stateNotes(stackExport), notChecked };
}

/**
 * Whether the policies judged some resource of the stack: a resource check applied to one, a
 * finding was reported, or a stack check ran on a stack holding a resource of a kind some policy
 * reads (the pack's type table). Most stack checks answer "not applicable" when the stack holds
 * none of their kinds, but some run on any stack and count as applied, so a stack check's
 * evaluation alone judges nothing. Which kinds each stack check reads is not declared: a stack
 * holding a kind the pack reads counts as judged even when the stack checks in force (a --policy
 * selection) read other kinds.
 */
function judgedSomething(stackExport: StackExport, evaluations: Evaluation[], findings: Finding[]): boolean {
    if (findings.length > 0 || evaluations.some((e) => e.urn !== null)) {
        return true;
    }
    return evaluations.length > 0 && stackExport.resources.some((r) => isReadByPolicies(r.type));
}

/** The result of the audit of stacks, from each stack's part in the order the stacks were given. */
export function assemble(inForce: PolicyInForce[], parts: StackAudit[]): AuditResult {
    const sorted = parts.flatMap((p) => p.findings).sort(compareFindings);
    return {
        pack: { name: packName, version: packVersion },
        policies: inForce,
        stacks: parts.map((p) => p.summary),
        violations: sorted.filter((f) => !f.waived),
        waived: sorted.filter((f) => f.waived),
        remediations: parts.flatMap((p) => p.remediations),
        evaluations: parts.flatMap((p) => p.evaluations),
        notes: parts.flatMap((p) => p.notes),
        unchecked: [],
        notChecked: parts.flatMap((p) => p.notChecked),
        unreadable: [],
    };
}

/** The violations that make the audit fail at a `--fail-on` threshold. */
export function failing(result: AuditResult, failOn: FailOn): Finding[] {
    if (failOn === "none") {
        return [];
    }
    return result.violations.filter((f) => failOn === "advisory" || f.enforcementLevel === "mandatory");
}

/** The config file with every policy outside `only` disabled (their parameters still validated). */
function selectPolicies(policies: BaselinePolicy[], config: PolicyPackConfigFile, only: string[] | undefined): PolicyPackConfigFile {
    if (only === undefined) {
        return config;
    }
    const result: PolicyPackConfigFile = { ...config };
    for (const policy of policies) {
        if (only.includes(policy.name)) {
            continue;
        }
        const own = config[policy.name];
        result[policy.name] = own !== null && typeof own === "object" && !Array.isArray(own) ? { ...(own as object), enforcementLevel: "disabled" } : "disabled";
    }
    return result;
}

/** The finding's own message: the server prefixes the policy's description, which reports show once per policy. */
function detail(d: Diagnostic): string {
    return d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
}

/**
 * Plaintext secrets of the export never reach a report, even if a policy quoted one. Strings under
 * four characters are left alone: they cannot be told from ordinary words and reveal nothing.
 */
export function redact(text: string, secrets: string[]): string {
    return redactor(secrets)(text);
}

/**
 * `redact` for many texts and one export's secrets: the secrets are sorted once, and each text
 * only goes through the secrets that can matter to it, found through an index on four characters
 * of each. A large export has thousands of secrets and thousands of findings; trying every secret
 * on every message would be quadratic in the size of the export.
 *
 * The result is the same as replacing every secret, longest first: a secret that does not occur
 * in the text can only come to occur through an earlier replacement, so it overlaps the
 * replacement text (see mayArise), and such secrets are always tried.
 */
export function redactor(secrets: string[], known: PublicTexts = {}): (text: string) => string {
    const ordered = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    if (ordered.length === 0) {
        return (text) => text;
    }
    const rank = new Map<string, number>();
    ordered.forEach((s, i) => rank.set(s, i));
    const always = ordered.filter(mayArise);
    // Every four characters of every secret → the secrets holding them. Each secret is indexed by
    // its rarest four characters (many secrets share a start such as "arn:aws:" or '{"Version"',
    // which would make one huge bucket); a text position holding those characters is checked for
    // the whole secret around it.
    const holders = new Map<number, string[]>();
    const keysOf = ordered.map((secret) => {
        const keys = grams(secret);
        new Set(keys).forEach((key) => push(holders, key, secret));
        return keys;
    });
    const byGram = new Map<number, { secret: string; offset: number }[]>();
    // Most positions of a text hold no indexed characters: a bit table rules them out before the map lookup.
    const mayHold = new Uint8Array(1 << 20);
    ordered.forEach((secret, i) => {
        const keys = keysOf[i];
        let offset = 0;
        keys.forEach((key, k) => {
            if (holders.get(key)!.length < holders.get(keys[offset])!.length) {
                offset = k;
            }
        });
        mayHold[keys[offset] & 0xfffff] = 1;
        push(byGram, keys[offset], { secret, offset });
    });
    const names = new Set(known.names ?? []);
    const partHolders = known.notSecret && known.notSecret.length > 0 ? fragmentHolders(ordered, known.notSecret) : holders;
    // A resource's name is in its URN, which every report shows: quoting it reveals nothing.
    const occursInSecret = (part: string) => !names.has(part) && inSecrets(part, partHolders);
    return (text) => {
        const found = new Set<string>(always);
        for (let i = 0; i + 4 <= text.length; i++) {
            const key = prefixKey(text, i);
            if (mayHold[key & 0xfffff] === 0) {
                continue;
            }
            for (const { secret, offset } of byGram.get(key) ?? []) {
                if (i >= offset && text.startsWith(secret, i - offset)) {
                    found.add(secret);
                }
            }
        }
        let result = text;
        for (const secret of [...found].sort((a, b) => rank.get(a)! - rank.get(b)!)) {
            result = result.split(secret).join(redactedSecret);
        }
        return redactQuotedParts(result, occursInSecret);
    };
}

/** Texts that may occur in secrets but reveal nothing, so that a quoted part holding only them stays. */
export interface PublicTexts {
    /** Text every secret of this kind holds (the preview's placeholder for a `secure:` value). */
    notSecret?: string[];
    /** The stack's resource names. */
    names?: string[];
}

/** The index of every four characters of the secrets' parts outside the public texts. */
function fragmentHolders(secrets: string[], notSecret: string[]): Map<number, string[]> {
    const holders = new Map<number, string[]>();
    for (const secret of secrets) {
        let fragments = [secret];
        for (const text of notSecret) {
            fragments = fragments.flatMap((f) => f.split(text));
        }
        for (const fragment of fragments.filter((f) => f.length >= 4)) {
            new Set(grams(fragment)).forEach((key) => push(holders, key, fragment));
        }
    }
    return holders;
}

/**
 * Whether `part` (four characters or more) occurs inside one of the secrets, through the index of
 * every four characters of every secret: searching all secrets for every quoted part of every
 * message would be quadratic in the size of the export.
 */
function inSecrets(part: string, holders: Map<number, string[]>): boolean {
    // Only secrets holding every four characters of the part can hold it: try the holders of its
    // rarest four characters (its first ones, "arn:" say, may be in every secret).
    let fewest: string[] | undefined;
    for (let i = 0; i + 4 <= part.length; i++) {
        const found = holders.get(prefixKey(part, i));
        if (!found) {
            return false;
        }
        if (!fewest || found.length < fewest.length) {
            fewest = found;
        }
    }
    return (fewest ?? []).some((s) => s.includes(part));
}

/**
 * A finding may quote what a policy read out of a secret rather than the whole value: the host of
 * a secret URL, the name in a secret ARN. A quoted part of a message ('…', four characters or
 * more) that occurs inside a secret is redacted too, unless it is the policy language's own words
 * or a URL scheme, which the advice of findings quotes and which reveal nothing.
 */
function redactQuotedParts(text: string, occursInSecret: (part: string) => boolean): string {
    // Scanned by hand rather than with a regular expression: a quoted part can be a resource name
    // of many megabytes, whose capture would exhaust the regular expression engine's stack.
    let result = "";
    let from = 0;
    for (let open = text.indexOf("'"); open >= 0; open = text.indexOf("'", from)) {
        const close = text.indexOf("'", open + 1);
        if (close < 0) {
            break;
        }
        const part = text.slice(open + 1, close);
        if (part.length < 4 || part.includes("\n")) {
            // Not a quoted part: its closing quote may open the next one.
            result += text.slice(from, open + 1);
            from = open + 1;
            continue;
        }
        const keep = part.includes(redactedSecret) || isPolicyVocabulary(part) || /^[a-z][a-z0-9+.-]*:\/\/$/.test(part) || !occursInSecret(part);
        result += text.slice(from, open) + (keep ? `'${part}'` : `'${redactedSecret}'`);
        from = close + 1;
    }
    return result + text.slice(from);
}

/**
 * Whether a secret could come to occur in a text only through the replacement of another one: it
 * would overlap an inserted replacement, so it lies within it, holds it, starts with its end or
 * ends with its start.
 */
function mayArise(secret: string): boolean {
    if (redactedSecret.includes(secret) || secret.includes(redactedSecret)) {
        return true;
    }
    for (let k = 1; k < redactedSecret.length; k++) {
        if (secret.endsWith(redactedSecret.slice(0, k)) || secret.startsWith(redactedSecret.slice(-k))) {
            return true;
        }
    }
    return false;
}

/** The key of every four characters of a text, by position. */
function grams(text: string): number[] {
    const keys: number[] = [];
    for (let i = 0; i + 4 <= text.length; i++) {
        keys.push(prefixKey(text, i));
    }
    return keys;
}

/** A number from the four characters at `i` (collisions are resolved by comparing the text). */
function prefixKey(text: string, i: number): number {
    return ((text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) * 31 + text.charCodeAt(i + 2)) * 31 + text.charCodeAt(i + 3);
}

function stateNotes(e: StackExport): Note[] {
    const notes: Note[] = [];
    if (e.pending.length > 0) {
        const operations = e.pending.map((op) => `${op.type} ${op.urn.slice(op.urn.lastIndexOf("::") + 2)}`).join(", ");
        notes.push({
            stack: e.stack,
            source: e.source,
            message:
                `${e.pending.length} pending operation${e.pending.length === 1 ? "" : "s"} (${operations}): an update was interrupted, so the state may not match ` +
                "what exists in AWS. Run `pulumi refresh` and export again; resources still being created are not in this audit.",
        });
    }
    if (e.deleted > 0) {
        notes.push({
            stack: e.stack,
            source: e.source,
            message: `${e.deleted} resource${e.deleted === 1 ? " is" : "s are"} marked for deletion and ${e.deleted === 1 ? "was" : "were"} not audited.`,
        });
    }
    return notes;
}

export function compareFindings(a: Finding, b: Finding): number {
    return (
        compare(a.stack, b.stack) ||
        compare(a.source, b.source) ||
        compare(a.urn ?? "", b.urn ?? "") ||
        compare(a.policyName, b.policyName) ||
        compare(a.enforcementLevel, b.enforcementLevel) ||
        compare(a.message, b.message)
    );
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

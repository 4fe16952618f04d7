// Least-privilege checks on IAM policy documents, shared by the policies that judge a document
// where it is declared (a Policy, a role's inline policy, a bucket or key policy) and the one that
// judges the AWS managed policies a role, user or group gets.
//
// Both checks read AWS's IAM reference data (iam-actions.ts): a wildcard is judged by what it
// expands to, a resource by whether the actions it is given for can be scoped at all.
import { accessLevel, allServiceKeys, expandActionPattern, isAllActions, isAwsManagedPolicyArn, managedPolicyDocument, resourceArnFormats, supportsResourceLevelPermissions } from "./iam-actions";
import { ParsedDocument, Statement, parseDocument, wildcardMatch } from "./iam-document";
import { types } from "./types";
import { UNKNOWN, at, list, raw, str } from "./values";

// ---- Where documents are held --------------------------------------------------------------

/**
 * What a document governs: an identity policy (what a principal may do), a role's trust policy,
 * a resource policy (bucket, queue, topic), or a key policy (whose `*` resource means "this key").
 */
export type DocumentScope = "identity" | "trust" | "resource" | "key";

export interface HeldDocument {
    /** Where on the resource the document is, for messages: `policy`, `inline policy 'reader'`, `assumeRolePolicy`. */
    location: string;
    value: unknown;
    scope: DocumentScope;
}

const holders: { tokens: readonly string[]; scope: DocumentScope }[] = [
    { tokens: [...types.iamPolicy, ...types.iamRolePolicy, ...types.iamUserPolicy, ...types.iamGroupPolicy], scope: "identity" },
    { tokens: [...types.bucketPolicy, ...types.sqsQueue, ...types.sqsQueuePolicy, ...types.snsTopic, ...types.snsTopicPolicy], scope: "resource" },
    { tokens: [...types.kmsKey, ...types.kmsKeyPolicy], scope: "key" },
];

/** Resource types that hold identity policies: the Policy, the per-principal inline policies and the Role. */
export const identityDocumentHolders: string[] = [...types.iamPolicy, ...types.iamRolePolicy, ...types.iamUserPolicy, ...types.iamGroupPolicy, ...types.iamRole];

/** Every resource type that holds a policy document. */
export const documentHolders: string[] = [...holders.flatMap((h) => h.tokens), ...types.iamRole];

/**
 * The documents a resource declares, and what could not be read at preview (the role's list of
 * inline policies as a whole). A Role holds its trust policy and its inline policies; every other
 * holder its `policy`.
 */
export function heldDocuments(type: string, props: Record<string, unknown>): { documents: HeldDocument[]; unknown: string[] } {
    if ((types.iamRole as readonly string[]).includes(type)) {
        const documents: HeldDocument[] = [{ location: "assumeRolePolicy", value: props.assumeRolePolicy, scope: "trust" }];
        const inline = list(at(props, "inlinePolicies"));
        if (inline === UNKNOWN) {
            return { documents, unknown: ["the role's inlinePolicies"] };
        }
        inline.forEach((p, i) => {
            const name = str(at(p, "name"));
            documents.push({ location: typeof name === "string" ? `inline policy '${name}'` : `inline policy #${i + 1}`, value: at(p, "policy"), scope: "identity" });
        });
        return { documents, unknown: [] };
    }
    const holder = holders.find((h) => h.tokens.includes(type));
    return { documents: holder ? [{ location: "policy", value: props.policy, scope: holder.scope }] : [], unknown: [] };
}

/**
 * How a message names a statement: its Sid, or its position. A Sid longer than any a person writes
 * (AWS allows only letters and digits in it) is named by position, so that a message stays a line.
 */
export function statementLabel(s: Statement): string {
    return s.sid && s.sid.length <= 128 ? `'${s.sid}'` : `#${s.index + 1}`;
}

/** A list for a message: the first `limit` items, then "and N more". */
export function summarize(items: string[], limit = 10): string {
    if (items.length <= limit) {
        return items.join(", ");
    }
    return `${items.slice(0, limit).join(", ")} and ${items.length - limit} more`;
}

// ---- Wildcard actions ----------------------------------------------------------------------

export interface WildcardActionOptions {
    maxWildcardExpansion: number;
    /** Patterns accepted as they are (compared without regard to case). */
    allowedActionPatterns: string[];
}

export const defaultWildcardActionOptions: WildcardActionOptions = { maxWildcardExpansion: 10, allowedActionPatterns: [] };

export type ActionIssue =
    | { kind: "notAction"; patterns: string[] }
    | { kind: "allActions"; pattern: string }
    | { kind: "serviceWide"; pattern: string; expansion: string[] }
    | { kind: "permissionsManagement"; pattern: string; expansion: string[]; permissionsManagement: string[] }
    | { kind: "tooBroad"; pattern: string; expansion: string[] };

/**
 * What is too broad in a statement's actions, whatever its Effect: NotAction, `*`, `service:*`,
 * or a partial wildcard that reaches a Permissions-management action or more than the allowed
 * number of actions. `unknown` is set when an action is unknown at preview.
 */
export function wildcardActionIssues(s: Statement, options: WildcardActionOptions, stopAtFirst = false): { issues: ActionIssue[]; unknown: boolean } {
    if (s.notAction) {
        return { issues: [{ kind: "notAction", patterns: s.notAction.known }], unknown: false };
    }
    const allowed = new Set(options.allowedActionPatterns.map((p) => p.toLowerCase()));
    const issues: ActionIssue[] = [];
    for (const pattern of s.action?.known ?? []) {
        if (allowed.has(pattern.toLowerCase())) {
            continue;
        }
        const issue = actionPatternIssue(pattern.trim(), options.maxWildcardExpansion);
        if (issue) {
            issues.push(issue);
            if (stopAtFirst) {
                break;
            }
        }
    }
    return { issues, unknown: s.action?.unknown ?? false };
}

function actionPatternIssue(pattern: string, maxExpansion: number): ActionIssue | undefined {
    const [servicePart, actionPart = ""] = pattern.split(":", 2);
    if (isAllActions(pattern) || (isAllActions(servicePart) && isAllActions(actionPart))) {
        return { kind: "allActions", pattern };
    }
    if (!/[*?]/.test(pattern)) {
        return undefined;
    }
    const expansion = expandActionPattern(pattern);
    if (isAllActions(actionPart)) {
        return { kind: "serviceWide", pattern, expansion };
    }
    const permissionsManagement = expansion.filter((a) => accessLevel(a) === "Permissions management");
    if (permissionsManagement.length > 0) {
        return { kind: "permissionsManagement", pattern, expansion, permissionsManagement };
    }
    if (expansion.length > maxExpansion) {
        return { kind: "tooBroad", pattern, expansion };
    }
    return undefined;
}

/** The issue in words, for messages that quote a statement rather than name a pattern. */
export function describeActionIssue(issue: ActionIssue): string {
    switch (issue.kind) {
        case "notAction":
            return `allows every action except ${issue.patterns.join(", ") || "none"} (NotAction)`;
        case "allActions":
            return `allows every action ('${issue.pattern}')`;
        case "serviceWide":
            return `allows every action of a service ('${issue.pattern}': ${summarize(issue.expansion)})`;
        case "permissionsManagement":
            return `has '${issue.pattern}', which reaches permissions-management actions (${summarize(issue.permissionsManagement)})`;
        case "tooBroad":
            return `has '${issue.pattern}', which expands to ${issue.expansion.length} actions (${summarize(issue.expansion)})`;
    }
}

// ---- Wildcard resources --------------------------------------------------------------------

export interface ResourceIssue {
    kind: "notResource" | "broadResource";
    /** The resource pattern (for broadResource) or the NotResource patterns. */
    resources: string[];
    /** The actions of the statement that could have been scoped ("*" or a NotAction description when not expanded). */
    scopedActions: string[];
}

/**
 * What is too broad in a statement's resources, whatever its Effect: NotResource, `*`, or an ARN
 * that matches every resource of a type, given for an action that can be scoped to resources.
 * Actions that accept only `*` are left alone; so are actions the reference data does not know
 * (they grant nothing AWS knows of).
 */
export function wildcardResourceIssues(s: Statement, stopAtFirst = false): { issues: ResourceIssue[]; unknown: boolean } {
    const actions = scopableActions(s);
    const unknownActions = actions.unknown;
    if (actions.scoped.length === 0 && !actions.every) {
        return { issues: [], unknown: unknownActions };
    }
    const described = actions.every ? [actions.every] : actions.scoped;
    if (s.notResource) {
        return { issues: [{ kind: "notResource", resources: s.notResource.known, scopedActions: described }], unknown: false };
    }
    const issues: ResourceIssue[] = [];
    for (const resource of s.resource?.known ?? []) {
        // Actions share ARN formats (every s3 object action has the object's): each is judged once.
        const coversFormat = new Map<string, boolean>();
        const covers = (format: string) => {
            let verdict = coversFormat.get(format);
            if (verdict === undefined) {
                verdict = coversEveryResourceOfType(resource, format);
                coversFormat.set(format, verdict);
            }
            return verdict;
        };
        const covered = actions.every ? (coversEveryResourceOfService(resource) ? described : []) : actions.scoped.filter((a) => resourceArnFormats(a).some(covers));
        if (covered.length > 0) {
            issues.push({ kind: "broadResource", resources: [resource], scopedActions: covered });
            if (stopAtFirst) {
                break;
            }
        }
    }
    return { issues, unknown: unknownActions || (s.resource?.unknown ?? false) };
}

/**
 * The statement's actions that support resource-level permissions. `every` describes a set too
 * large to list (`*`, NotAction), which always contains such actions.
 */
function scopableActions(s: Statement): { scoped: string[]; every?: string; unknown: boolean } {
    if (s.notAction) {
        return { scoped: [], every: `every action except ${s.notAction.known.join(", ") || "none"}`, unknown: false };
    }
    const patterns = s.action?.known ?? [];
    const all = patterns.find((p) => isAllActions(p.trim()) || /^\*+:\*+$/.test(p.trim()));
    if (all) {
        return { scoped: [], every: all, unknown: false };
    }
    const scoped = new Set<string>();
    for (const pattern of patterns) {
        for (const action of expandActionPattern(pattern)) {
            if (supportsResourceLevelPermissions(action)) {
                scoped.add(action);
            }
        }
    }
    return { scoped: [...scoped].sort(), unknown: s.action?.unknown ?? false };
}

const sampleNames = ["zq7vk3wy", "mx4tp9rd-2"];

/**
 * Does an ARN pattern match every resource of the type with this ARN format? The variables that
 * name the resource (bucket, object key, role name, …) are filled with made-up names: a pattern
 * that matches them whatever they are covers the whole type. Partition, region and account are
 * filled from the pattern itself where it has them, so `arn:aws:iam::123456789012:role/*` (every role of the
 * account) is as broad as `arn:aws:iam::*:role/*`.
 */
export function coversEveryResourceOfType(pattern: string, arnFormat: string): boolean {
    if (isAllActions(pattern.trim())) {
        return true;
    }
    // A pattern matches only ARNs that begin with its text up to the first wildcard: most patterns
    // name one resource and are told apart from the samples without compiling them.
    const literal = pattern.split(/[*?]/, 1)[0];
    const fields = pattern.split(":");
    // An empty field in the pattern matches only ARNs without one, so a real value goes there.
    const fromPattern = (i: number, fallback: string) => (fields[i] ? fields[i].replace(/[*?]/g, "x") : fallback);
    return sampleNames.every((sample) => {
        const arn = arnFormat.replace(/\$\{(\w+)\}/g, (_, variable: string) => {
            switch (variable) {
                case "Partition":
                    return fromPattern(1, "aws");
                case "Region":
                    return fromPattern(3, "us-east-1");
                case "Account":
                    return fromPattern(4, "123456789012");
                default:
                    return sample;
            }
        });
        return arn.startsWith(literal) && wildcardMatch(pattern, arn, false);
    });
}

/** For `*` and NotAction: does the ARN pattern cover every resource of some type of its service? */
function coversEveryResourceOfService(pattern: string): boolean {
    if (isAllActions(pattern.trim())) {
        return true;
    }
    const servicePart = pattern.split(":")[2];
    if (servicePart === undefined) {
        return false;
    }
    const services = /[*?]/.test(servicePart) ? allServiceKeys().filter((k) => wildcardMatch(servicePart, k, true)) : [servicePart.toLowerCase()];
    return services.some((service) => serviceArnFormats(service).some((f) => coversEveryResourceOfType(pattern, f)));
}

function serviceArnFormats(service: string): string[] {
    const formats = new Set<string>();
    for (const action of expandActionPattern(`${service}:*`)) {
        resourceArnFormats(action).forEach((f) => formats.add(f));
    }
    return [...formats];
}

export function describeResourceIssue(issue: ResourceIssue): string {
    if (issue.kind === "notResource") {
        return `allows ${summarize(issue.scopedActions)} on every resource except ${issue.resources.join(", ") || "none"} (NotResource)`;
    }
    const resource = issue.resources[0];
    return isAllActions(resource.trim())
        ? `allows ${summarize(issue.scopedActions)} on every resource ('${resource}'), though they can be scoped to resources`
        : `allows ${summarize(issue.scopedActions)} on '${resource}', which matches every resource of its type`;
}

// ---- AWS managed policies ------------------------------------------------------------------

export interface ManagedPolicyVerdict {
    /** The managed policy's name with its path, e.g. `service-role/AWSLambdaBasicExecutionRole`. */
    name: string;
    /** The first statement that would fail the wildcard checks, as written in the document. */
    statement: unknown;
    reason: string;
    /** The first failing statement's problem in a few words, for a list of several policies. */
    brief: string;
    /** How many statements of the document would fail. */
    failing: number;
}

const managedVerdicts = new Map<string, ManagedPolicyVerdict | null>();

/**
 * Judges an AWS managed policy by its document, as the wildcard-action and wildcard-resource
 * policies would judge it with their defaults. Undefined when the policy passes, when the ARN is
 * not an AWS managed policy, or when the data does not know it.
 */
export function broadManagedPolicy(arn: string): ManagedPolicyVerdict | undefined {
    if (!isAwsManagedPolicyArn(arn)) {
        return undefined;
    }
    if (!managedVerdicts.has(arn)) {
        managedVerdicts.set(arn, judgeManagedPolicy(arn) ?? null);
    }
    return managedVerdicts.get(arn) ?? undefined;
}

function judgeManagedPolicy(arn: string): ManagedPolicyVerdict | undefined {
    const document = managedPolicyDocument(arn);
    const parsed = parseDocument(document);
    if (parsed.kind !== "document") {
        return undefined;
    }
    let first: { statement: Statement; reason: string; brief: string } | undefined;
    let failing = 0;
    for (const s of parsed.statements.filter((st) => st.effect === "Allow")) {
        const actionIssue = wildcardActionIssues(s, defaultWildcardActionOptions, true).issues[0];
        const resourceIssue = actionIssue ? undefined : wildcardResourceIssues(s, true).issues[0];
        const reason = actionIssue ? describeActionIssue(actionIssue) : resourceIssue ? describeResourceIssue(resourceIssue) : undefined;
        if (reason) {
            failing++;
            first ??= { statement: s, reason, brief: actionIssue ? briefActionIssue(actionIssue) : briefResourceIssue(resourceIssue!) };
        }
    }
    if (!first) {
        return undefined;
    }
    return { name: arn.replace(/^.*?:policy\//, ""), statement: rawStatement(document, first.statement.index), reason: first.reason, brief: first.brief, failing };
}

function briefActionIssue(issue: ActionIssue): string {
    return issue.kind === "notAction" ? "allows every action but a few (NotAction)" : `allows '${issue.pattern}'`;
}

function briefResourceIssue(issue: ResourceIssue): string {
    const actions = issue.scopedActions.length === 1 ? issue.scopedActions[0] : `${issue.scopedActions.length} actions`;
    return issue.kind === "notResource" ? `allows ${actions} on every resource but a few (NotResource)` : `allows ${actions} on '${issue.resources[0]}'`;
}

function rawStatement(document: unknown, index: number): unknown {
    const statements = at(document, "Statement");
    return Array.isArray(statements) ? statements[index] : statements;
}

/**
 * A statement as compact JSON for a message, cut after the last whole value that ends within
 * `limit` characters, so that no action, ARN or name is cut in the middle.
 */
export function quoteStatement(statement: unknown, limit = 300): string {
    const text = JSON.stringify(raw(statement));
    if (text.length <= limit) {
        return text;
    }
    // The last comma between values (not inside a string) within the limit.
    let cut = -1;
    let inString = false;
    for (let i = 0; i < limit; i++) {
        const c = text[i];
        if (inString) {
            if (c === "\\") {
                i++;
            } else if (c === '"') {
                inString = false;
            }
        } else if (c === '"') {
            inString = true;
        } else if (c === ",") {
            cut = i;
        }
    }
    return `${text.slice(0, cut > 0 ? cut + 1 : limit)}…`;
}

// ---- Documents -----------------------------------------------------------------------------

/** The Allow-or-unknown statements of a parsed document, with what is unknown about it. */
export function documentStatements(parsed: ParsedDocument): { statements: Statement[]; unknown: boolean } {
    if (parsed.kind === "unknown") {
        return { statements: [], unknown: true };
    }
    if (parsed.kind !== "document") {
        return { statements: [], unknown: false };
    }
    return { statements: parsed.statements.filter((s) => s.effect === "Allow" || s.effect === UNKNOWN), unknown: parsed.unknownStatements };
}

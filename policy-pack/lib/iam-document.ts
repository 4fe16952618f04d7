// The IAM policy document model shared by every policy that reads a document: identity
// policies, trust policies, bucket policies, key policies.
//
// Documents arrive as JSON strings or objects, whole or partly unknown at preview. Element names
// are matched without regard to case, Statement may be one object or a list, and Action,
// Resource, Principal and condition values may be a string or a list. What is unknown stays
// marked, so a policy can still decide on the parts that are known.
//
// Inside a document, a value is unknown when it is the engine's unknown marker, when it holds the
// marker (a JSON template that interpolated an ARN not yet known: "<marker>/*"), or when it is
// the SDK's own unknown object as JSON.stringify writes it ({"__pulumiUnknown": true}).
import { memoizedByText } from "./memo";
import { UNKNOWN, Unknown, Verdict, holdsUnknown, isUnknown, raw } from "./values";

/** A list of strings from a document, with a flag for elements (or the whole) unknown at preview. */
export interface Values {
    known: string[];
    unknown: boolean;
}

export interface Condition {
    /** The operator without qualifiers, e.g. `StringEquals`, `Bool`, `ArnLike`. */
    operator: string;
    ifExists: boolean;
    /** `ForAllValues` or `ForAnyValue`, when present. */
    setQualifier?: "ForAllValues" | "ForAnyValue";
    /** The condition key, lower-cased (IAM condition keys are case-insensitive). */
    key: string;
    values: Values;
}

/** `*` as the whole Principal element (anyone), or principals by kind (`AWS`, `Service`, `Federated`, …). */
export type Principals = "*" | Map<string, Values>;

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny" | Unknown | undefined;
    action?: Values;
    notAction?: Values;
    resource?: Values;
    notResource?: Values;
    principal?: Principals | Unknown;
    notPrincipal?: Principals | Unknown;
    /** UNKNOWN when the Condition block as a whole is unknown. */
    conditions: Condition[] | Unknown;
    index: number;
}

export type ParsedDocument =
    | { kind: "document"; statements: Statement[]; unknownStatements: boolean }
    | { kind: "unknown" }
    | { kind: "absent" }
    | { kind: "invalid"; reason: string };

/**
 * Documents given as text, parsed once per text: several checks read the same documents (a
 * bucket's policy, a role's trust policy), and a large stack has many. A parsed document is never
 * changed by its readers. (A document given as an object is parsed each time: objects can change.)
 */
const parsedText = memoizedByText((text) => parsedDocument(text), 20000);

/** Parses a policy document given as a JSON string or an object. */
export function parseDocument(input: unknown): ParsedDocument {
    const value = raw(input);
    return typeof value === "string" ? parsedText(value) : parsedDocument(value);
}

function parsedDocument(value: unknown): ParsedDocument {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null || value === "") {
        return { kind: "absent" };
    }
    let doc: unknown = value;
    if (typeof value === "string") {
        try {
            doc = JSON.parse(value);
        } catch {
            return { kind: "invalid", reason: "the document is not valid JSON" };
        }
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
        return { kind: "invalid", reason: "the document is not a JSON object" };
    }
    const statementValue = field(doc, "Statement");
    if (unknownPart(statementValue)) {
        return { kind: "document", statements: [], unknownStatements: true };
    }
    if (statementValue === undefined) {
        // A key written from a value not known yet may be the Statement.
        return Object.keys(doc).some(holdsUnknown) ? { kind: "document", statements: [], unknownStatements: true } : { kind: "invalid", reason: "the document has no Statement" };
    }
    const rawStatements = Array.isArray(statementValue) ? statementValue : [statementValue];
    const statements: Statement[] = [];
    let unknownStatements = false;
    rawStatements.forEach((s, index) => {
        // A statement with a key not known yet (its Effect, its Condition?) is unknown as a whole.
        if (unknownPart(s) || (s !== null && typeof s === "object" && !Array.isArray(s) && Object.keys(s).some(holdsUnknown))) {
            unknownStatements = true;
        } else if (s !== null && typeof s === "object" && !Array.isArray(s)) {
            statements.push(parseStatement(s as Record<string, unknown>, index));
        }
    });
    return { kind: "document", statements, unknownStatements };
}

function parseStatement(s: Record<string, unknown>, index: number): Statement {
    const effectValue = field(s, "Effect");
    const sid = field(s, "Sid");
    return {
        sid: typeof sid === "string" ? sid : undefined,
        effect: unknownPart(effectValue)
            ? UNKNOWN
            : typeof effectValue === "string" && /^(allow|deny)$/i.test(effectValue)
              ? effectValue.toLowerCase() === "allow" ? "Allow" : "Deny"
              : undefined,
        action: values(field(s, "Action")),
        notAction: values(field(s, "NotAction")),
        resource: values(field(s, "Resource")),
        notResource: values(field(s, "NotResource")),
        principal: principals(field(s, "Principal")),
        notPrincipal: principals(field(s, "NotPrincipal")),
        conditions: conditions(field(s, "Condition")),
        index,
    };
}

/** A value of a document that is unknown at preview, wholly or in part. */
function unknownPart(v: unknown): boolean {
    if (holdsUnknown(v)) {
        return true;
    }
    return v !== null && typeof v === "object" && (v as { __pulumiUnknown?: unknown }).__pulumiUnknown === true && Object.keys(v).length === 1;
}

/** Reads an element by name, ignoring case. */
function field(obj: object, name: string): unknown {
    const record = obj as Record<string, unknown>;
    if (name in record) {
        return record[name];
    }
    const lower = name.toLowerCase();
    const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : record[key];
}

function values(v: unknown): Values | undefined {
    if (v === undefined || v === null) {
        return undefined;
    }
    if (unknownPart(v)) {
        return { known: [], unknown: true };
    }
    const items = Array.isArray(v) ? v : [v];
    const result: Values = { known: [], unknown: false };
    for (const item of items) {
        if (unknownPart(item)) {
            result.unknown = true;
        } else if (typeof item === "string") {
            result.known.push(item);
        } else if (typeof item === "number" || typeof item === "boolean") {
            result.known.push(String(item));
        }
    }
    return result;
}

function principals(v: unknown): Principals | Unknown | undefined {
    if (v === undefined || v === null) {
        return undefined;
    }
    if (unknownPart(v)) {
        return UNKNOWN;
    }
    if (v === "*") {
        return "*";
    }
    const result = new Map<string, Values>();
    if (typeof v === "object" && !Array.isArray(v)) {
        for (const [kind, list] of Object.entries(v as Record<string, unknown>)) {
            const vs = values(list);
            if (vs) {
                result.set(canonicalPrincipalKind(kind), vs);
            }
        }
    }
    return result;
}

function canonicalPrincipalKind(kind: string): string {
    const known = ["AWS", "Service", "Federated", "CanonicalUser"];
    return known.find((k) => k.toLowerCase() === kind.toLowerCase()) ?? kind;
}

/** Condition operators as written, read: documents use a few dozen, again and again. */
const conditionOperator = memoizedByText((text): Pick<Condition, "operator" | "ifExists" | "setQualifier"> => {
    const match = /^(ForAllValues:|ForAnyValue:)?(.*?)(IfExists)?$/i.exec(text)!;
    const qualifier = match[1]?.toLowerCase();
    return {
        operator: match[2],
        ifExists: match[3] !== undefined,
        setQualifier: qualifier === "forallvalues:" ? "ForAllValues" : qualifier === "foranyvalue:" ? "ForAnyValue" : undefined,
    };
}, 1000);

function conditions(v: unknown): Condition[] | Unknown {
    if (unknownPart(v)) {
        return UNKNOWN;
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
        return [];
    }
    const result: Condition[] = [];
    for (const [operatorText, block] of Object.entries(v as Record<string, unknown>)) {
        const base = conditionOperator(operatorText);
        if (unknownPart(block) || unknownPart(operatorText)) {
            result.push({ ...base, key: "", values: { known: [], unknown: true } });
            continue;
        }
        if (block === null || typeof block !== "object" || Array.isArray(block)) {
            continue;
        }
        for (const [key, vs] of Object.entries(block as Record<string, unknown>)) {
            // A key not known yet may be any key: it counts as an unknown block of its operator.
            result.push(unknownPart(key) ? { ...base, key: "", values: { known: [], unknown: true } } : { ...base, key: key.toLowerCase(), values: values(vs) ?? { known: [], unknown: false } });
        }
    }
    return result;
}

/** Does the Principal allow anyone: `"*"` or `{"AWS": "*"}` (or `*` among the AWS principals)? */
export function allowsAnyone(p: Principals | Unknown | undefined): boolean {
    if (p === "*") {
        return true;
    }
    if (p === undefined || p === UNKNOWN) {
        return false;
    }
    return (p.get("AWS")?.known ?? []).includes("*") || (p.get("CanonicalUser")?.known ?? []).includes("*");
}

/** A Deny statement whose Principal is everyone (`*` or `AWS: "*"`), without NotPrincipal. */
export function deniesEveryone(s: Statement): Verdict {
    if (s.effect === UNKNOWN) {
        return "unknown";
    }
    if (s.effect !== "Deny" || s.notPrincipal !== undefined) {
        return "fail";
    }
    if (s.principal === UNKNOWN) {
        return "unknown";
    }
    if (allowsAnyone(s.principal)) {
        return "pass";
    }
    const unknownPrincipals = s.principal !== undefined && s.principal !== "*" && [...s.principal.values()].some((v) => v.unknown);
    return unknownPrincipals ? "unknown" : "fail";
}

/** The conditions on a given key (lower-cased), or UNKNOWN when the Condition block is unknown. */
export function conditionsOn(s: Statement, key: string): Condition[] | Unknown {
    if (s.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    return s.conditions.filter((c) => c.key === key.toLowerCase());
}

/** A compiled pattern, and the text before its first wildcard (all of it when it has none). */
interface Compiled {
    re: RegExp;
    prefix: string;
    literal: boolean;
}

/** Compiled patterns, by case handling then pattern: a policy check asks about the same few again and again. */
const exactPatterns = { cased: new Map<string, Compiled>(), ignoreCase: new Map<string, Compiled>() };
const startPatterns = { cased: new Map<string, Compiled>(), ignoreCase: new Map<string, Compiled>() };

/**
 * IAM wildcard matching: `*` is any run of characters and `?` one character. Actions compare
 * without regard to case; ARNs with it (pass `ignoreCase` accordingly).
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
    const { re, prefix, literal } = compiled(exactPatterns, pattern, ignoreCase, "$");
    // Most patterns a check tries do not match: told apart without the expression when the case counts.
    if (!ignoreCase) {
        return literal ? pattern === value : value.startsWith(prefix) && re.test(value);
    }
    return (literal ? value.length === pattern.length : value.length >= prefix.length) && re.test(value);
}

/**
 * Does the pattern match some beginning of `value` (the empty one included)? The expression is
 * anchored at the start only, so the engine tries every length itself.
 */
export function wildcardMatchesStartOf(pattern: string, value: string, ignoreCase: boolean): boolean {
    const { re, prefix } = compiled(startPatterns, pattern, ignoreCase, "");
    if (!ignoreCase) {
        return value.startsWith(prefix) && re.test(value);
    }
    return value.length >= prefix.length && re.test(value);
}

function compiled(cache: typeof exactPatterns, pattern: string, ignoreCase: boolean, end: string): Compiled {
    const byPattern = ignoreCase ? cache.ignoreCase : cache.cased;
    let entry = byPattern.get(pattern);
    if (!entry) {
        const wildcard = pattern.search(/[*?]/);
        entry = {
            re: new RegExp(`^${wildcardSource(pattern)}${end}`, ignoreCase ? "is" : "s"),
            prefix: wildcard === -1 ? pattern : pattern.slice(0, wildcard),
            literal: wildcard === -1,
        };
        byPattern.set(pattern, entry);
    }
    return entry;
}

/**
 * Whether a value matches any of the patterns (as wildcardMatch), compiled once into one
 * expression: for a check that tests thousands of actions (everything `*` allows) against the
 * same list, one test per action instead of one per pattern.
 */
export function wildcardMatcher(patterns: readonly string[], ignoreCase: boolean): (value: string) => boolean {
    if (patterns.length === 0) {
        return () => false;
    }
    const re = new RegExp(`^(?:${patterns.map(wildcardSource).join("|")})$`, ignoreCase ? "is" : "s");
    return (value) => re.test(value);
}

function wildcardSource(pattern: string): string {
    return pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
}

/** Does any of the statement's actions (or, for NotAction, the complement) cover `action`? */
export function coversAction(s: Statement, action: string): boolean | Unknown {
    if (s.notAction) {
        if (s.notAction.known.some((p) => wildcardMatch(p, action, true))) {
            return s.notAction.unknown ? UNKNOWN : false;
        }
        return s.notAction.unknown ? UNKNOWN : true;
    }
    if (!s.action) {
        return false;
    }
    if (s.action.known.some((p) => wildcardMatch(p, action, true))) {
        return true;
    }
    return s.action.unknown ? UNKNOWN : false;
}

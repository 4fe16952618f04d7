// A small IAM evaluator for the stack tests: does a request pass the documents the stack
// declares? It reads documents with the pack's own parser (policy-pack/lib/iam-document.ts) and
// applies IAM's rules for the parts the reference stack uses: Action/NotAction, Resource/
// NotResource, Principal, the condition operators below, and an explicit Deny beating any Allow.
// An operator it does not know fails the test instead of being guessed at.
import { ParsedDocument, Statement, coversAction, parseDocument, wildcardMatch } from "../../policy-pack/lib/iam-document";
import { UNKNOWN } from "../../policy-pack/lib/values";

export interface Request {
    action: string;
    /** The resource ARN; trust and key policies use "*". */
    resource: string;
    /** For resource-based documents (bucket, key, trust policies): who asks. */
    principal?: { kind: "AWS" | "Service" | "Federated"; id: string };
    /** Condition keys (any case) and their values; an absent key is absent from the request. */
    context?: Record<string, string>;
}

export type Decision = "allowed" | "denied" | "implicitly denied";

export function documentOf(input: unknown): Statement[] {
    const parsed: ParsedDocument = parseDocument(input);
    if (parsed.kind !== "document" || parsed.unknownStatements) {
        throw new Error(`not a fully known policy document: ${JSON.stringify(parsed)}`);
    }
    return parsed.statements;
}

/** The decision over all documents that apply (identity policies of a role, or one resource policy). */
export function decide(documents: unknown[], request: Request): Decision {
    const statements = documents.flatMap(documentOf);
    const matching = statements.filter((s) => matches(s, request));
    if (matching.some((s) => s.effect === "Deny")) {
        return "denied";
    }
    return matching.some((s) => s.effect === "Allow") ? "allowed" : "implicitly denied";
}

export function allows(documents: unknown[], request: Request): boolean {
    return decide(documents, request) === "allowed";
}

function matches(s: Statement, r: Request): boolean {
    const action = coversAction(s, r.action);
    if (action === UNKNOWN) {
        throw new Error(`statement #${s.index + 1}: its actions are unknown`);
    }
    if (!action) {
        return false;
    }
    if (s.resource && !s.resource.known.some((p) => wildcardMatch(p, r.resource, false))) {
        return false;
    }
    if (s.notResource && s.notResource.known.some((p) => wildcardMatch(p, r.resource, false))) {
        return false;
    }
    if (s.principal !== undefined && !principalMatches(s.principal, r)) {
        return false;
    }
    if (s.conditions === UNKNOWN) {
        throw new Error(`statement #${s.index + 1}: its conditions are unknown`);
    }
    const context = new Map(Object.entries(r.context ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return s.conditions.every((c) => {
        const value = context.get(c.key);
        const expected = c.values.known;
        if (c.setQualifier) {
            throw new Error(`statement #${s.index + 1}: set operators are not modelled`);
        }
        if (value === undefined && c.ifExists) {
            return true;
        }
        switch (c.operator.toLowerCase()) {
            case "stringequals":
                return value !== undefined && expected.includes(value);
            case "stringnotequals":
                // Negated operators match when the key is absent.
                return value === undefined || !expected.includes(value);
            case "stringlike":
                return value !== undefined && expected.some((p) => wildcardMatch(p, value, false));
            case "arnequals":
                return value !== undefined && expected.includes(value);
            case "arnlike":
                return value !== undefined && expected.some((p) => wildcardMatch(p, value, false));
            case "bool":
                return value !== undefined && expected.map((e) => e.toLowerCase()).includes(value.toLowerCase());
            case "null":
                return expected.includes(value === undefined ? "true" : "false");
            default:
                throw new Error(`statement #${s.index + 1}: condition operator ${c.operator} is not modelled`);
        }
    });
}

function principalMatches(principal: Statement["principal"], r: Request): boolean {
    if (principal === "*") {
        return true;
    }
    if (principal === undefined || principal === UNKNOWN) {
        throw new Error("the principal is unknown");
    }
    if (!r.principal) {
        return false;
    }
    const ids = principal.get(r.principal.kind)?.known ?? [];
    return ids.includes("*") || ids.includes(r.principal.id);
}

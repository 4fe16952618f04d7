// Whether a resource policy (a key, bucket, queue, topic, repository, secret, domain or event bus
// policy) grants to anyone, and whether a condition ties such a grant to an account, an
// organization, a calling service or a network.
import { Condition, Statement, allowsAnyone } from "./iam-document";
import { UNKNOWN, Verdict, some } from "./values";

// Operators that require the key to be present and to match the values given. Negations,
// `…IfExists` (true when the key is absent) and `ForAllValues:` (true for an empty set) let
// requests through that carry no such key, so they scope nothing.
const positiveOperators = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

/**
 * Whom a statement grants to when that is everyone: any principal (`*`, `AWS: "*"`), or every
 * principal but those in NotPrincipal. UNKNOWN when the Principal element as a whole is unknown;
 * an unknown value inside it is another resource's ARN, never the wildcard a program writes.
 */
export function publicGrantee(s: Statement): string | typeof UNKNOWN | undefined {
    if (s.notPrincipal !== undefined) {
        return "every principal not listed in NotPrincipal";
    }
    if (allowsAnyone(s.principal)) {
        return "any principal ('*')";
    }
    return s.principal === UNKNOWN ? UNKNOWN : undefined;
}

/**
 * Passes when a positive condition on one of `keys` restricts the statement. A condition value
 * unknown at preview scopes too: it is an output of another resource (an account, organization
 * or ARN), never a wildcard. An unknown Condition block, or an operator whose block is unknown,
 * may or may not scope.
 */
export function scopedBy(s: Statement, keys: string[]): Verdict {
    if (s.conditions === UNKNOWN) {
        return "unknown";
    }
    const scoping = s.conditions.filter((c) => isPositive(c) && keys.includes(c.key));
    const unknownBlocks = s.conditions.some((c) => c.key === "" && c.values.unknown);
    return some([
        ...scoping.map((c): Verdict => (c.values.unknown || c.values.known.some((v) => !/^[*?]*$/.test(v)) ? "pass" : "fail")),
        unknownBlocks ? "unknown" : "fail",
    ]);
}

function isPositive(c: Condition): boolean {
    return positiveOperators.test(c.operator) && !c.ifExists && c.setQualifier !== "ForAllValues";
}

import { statementLabel } from "../lib/iam-checks";
import { Condition, Statement, allowsAnyone, parseDocument } from "../lib/iam-document";
import { keyPolicyTypes, keyTypes } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { UNKNOWN, Verdict, some } from "../lib/values";

interface Config {
    scopingConditionKeys: string[];
}

// Operators that require the key to be present and to match the values given. Negations,
// `…IfExists` (true when the key is absent) and `ForAllValues:` (true for an empty set) let
// requests through that carry no such key, so they scope nothing.
const positiveOperators = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

export const kmsKeyPolicyNoPublicPrincipal = definePolicy<Config, "publicPrincipal">({
    name: "kms-key-policy-no-public-principal",
    description: "Key policies must not allow any principal ('*') unless a condition ties it to your organization, an account, or a calling service.",
    rationale:
        "A key policy is the key's primary access control: an Allow for Principal '*' lets principals of any AWS account use " +
        "(or manage) the key as far as the statement's actions go, and so decrypt the data it protects. Network conditions " +
        "such as aws:SourceIp do not help: they say where a request comes from, not whose it is.",
    domain: "encryption-at-rest",
    severity: "critical",
    remediationSteps:
        "In the policy of the aws.kms.Key (or the aws.kms.KeyPolicy), replace Principal \"*\" / {\"AWS\": \"*\"} with the ARNs of " +
        "the principals that need the key, or add a StringEquals condition on one of the scoping keys, e.g. " +
        "\"kms:CallerAccount\": \"<your account id>\" together with \"kms:ViaService\": \"s3.<region>.amazonaws.com\", or " +
        "\"aws:PrincipalOrgID\": \"<your organization id>\".",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "KMS.5", specification: "KMS keys should not be publicly accessible" },
    parameters: {
        scopingConditionKeys: {
            type: "array",
            items: { type: "string" },
            description:
                "Condition keys (compared without regard to case) that scope a statement for any principal: a positive condition " +
                "(StringEquals, StringLike, ArnEquals, ArnLike) on one of them with a value that is not only wildcards.",
            default: ["aws:PrincipalOrgID", "aws:PrincipalAccount", "kms:CallerAccount", "aws:SourceAccount", "aws:SourceArn", "kms:ViaService"],
        },
    },
    noRemediation: noSafeFix.policyDocument,
    messages: {
        publicPrincipal:
            "The key policy of '{{resource}}', statement {{statement}}, allows {{grantee}} without a condition on {{keys}}. Name " +
            "the principals that need the key, or add a StringEquals condition on one of those keys.",
    },
    resourceTypes: [...keyTypes, ...keyPolicyTypes],
    checkResource(resource, ctx) {
        const document = parseDocument(resource.props.policy);
        if (document.kind === "absent") {
            ctx.notApplicable(`the resource '${resource.name}' declares no key policy (AWS's default key policy names only the key's account)`);
        }
        if (document.kind === "invalid") {
            ctx.notApplicable(`the key policy of '${resource.name}' cannot be read (${document.reason}); AWS rejects it`);
        }
        if (document.kind !== "document") {
            ctx.undecided("the key policy is unknown");
            return;
        }
        if (document.unknownStatements) {
            ctx.undecided("statements of the key policy are unknown");
        }
        const scopingKeys = ctx.config.scopingConditionKeys.map((k) => k.toLowerCase());
        for (const s of document.statements) {
            const grantee = publicGrantee(s);
            if (s.effect === "Deny" || s.effect === undefined || grantee === undefined) {
                continue;
            }
            const statement = statementLabel(s);
            const scoped = scopedBy(s, scopingKeys);
            if (scoped === "pass") {
                continue;
            }
            if (grantee === UNKNOWN) {
                ctx.undecided(`the Principal of statement ${statement} is unknown`);
            } else if (s.effect === UNKNOWN) {
                ctx.undecided(`the Effect of statement ${statement}, which names any principal, is unknown`);
            } else if (scoped === "unknown") {
                ctx.undecided(`the Condition of statement ${statement}, which allows any principal, is unknown`);
            } else {
                ctx.report("publicPrincipal", { resource: resource.name, statement, grantee, keys: ctx.config.scopingConditionKeys });
            }
        }
    },
});

/**
 * Whom a statement grants to when that is everyone: any principal (`*`, `AWS: "*"`), or every
 * principal but those in NotPrincipal. UNKNOWN when the Principal element as a whole is unknown;
 * an unknown value inside it is another resource's ARN, never the wildcard a program writes.
 */
function publicGrantee(s: Statement): string | typeof UNKNOWN | undefined {
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
function scopedBy(s: Statement, keys: string[]): Verdict {
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

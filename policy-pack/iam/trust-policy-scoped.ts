import { Node } from "../lib/graph";
import { Condition, Statement, Values, allowsAnyone, parseDocument } from "../lib/iam-document";
import { federatedProvider, oidcProviderHost, principalAccount, roleTypes, stackAccounts, trustDependencies, trustDocument } from "../lib/iam-roles";
import { CheckContext, definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, Verdict, some } from "../lib/values";

interface Config {
    trustedAccountIds: string[];
}

type Messages = "publicPrincipal" | "crossAccountUnguarded" | "oidcSubjectMissing" | "oidcSubjectTooBroad";

// Conditions that tie a principal "*" to the organization, an account or a calling resource.
const publicScopingKeys = ["aws:principalorgid", "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "sts:externalid"];
// Conditions that let another account assume the role only as intended: the confused-deputy
// guard of a third party, or membership of the organization.
const crossAccountGuardKeys = ["sts:externalid", "aws:principalorgid"];
const positiveOperators = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;
const githubHost = /^token\.actions\.githubusercontent\.com(\/|$)/i;
// `repo:OWNER/REPO`, then anything: wildcards are allowed only after the repository part.
const oneGithubRepository = /^repo:[^/*?:]+\/[^/*?:]+(:.*)?$/;
const iamPrincipalTypes: string[] = [...types.iamRole, ...types.iamUser];
const oidcProviderTypes: string[] = [...types.iamOpenIdConnectProvider];
const samlProviderTypes: string[] = [...types.iamSamlProvider];

/**
 * Which account is "the same account" is decided without the provider's configuration (the pack
 * cannot read it reliably): an account is the role's own when it is in `trustedAccountIds` or
 * when an in-stack resource's `arn` output is in it; a principal that is an in-stack role or user
 * is in the stack's account too. The document alone decides the public and OIDC criteria (the
 * resource check); account membership and the preview-time joins need the stack (the stack check).
 */
export const iamTrustPolicyScoped = definePolicy<Config, Messages>({
    name: "iam-trust-policy-scoped",
    description: "A role's trust policy must name who may assume it: no unscoped public principal, no other account without sts:ExternalId or aws:PrincipalOrgID, no OIDC provider without a subject condition naming one repository.",
    rationale:
        "The trust policy decides who can obtain the role's credentials. A public principal without conditions, another " +
        "account without an external id (the confused-deputy guard) or organization condition, or an OIDC provider trusted " +
        "for every subject (any GitHub repository can mint a token for token.actions.githubusercontent.com) hands the role " +
        "to principals outside your control.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "In the aws.iam.Role's assumeRolePolicy: replace Principal \"*\" with the principals that need the role, or add an " +
        "aws:PrincipalOrgID / aws:SourceAccount / aws:SourceArn condition; for another account add a StringEquals " +
        "condition on sts:ExternalId or aws:PrincipalOrgID (or list your own accounts in trustedAccountIds); for an OIDC " +
        "provider add StringEquals/StringLike on '<provider>:sub' naming one repository, e.g. " +
        "'repo:acme/payments:ref:refs/heads/main' or 'repo:acme/payments:*'.",
    parameters: {
        trustedAccountIds: {
            type: "array",
            items: { type: "string", pattern: "^\\d{12}$" },
            description:
                "Accounts that count as your own, besides the accounts of the stack's resources (read from their ARNs): their " +
                "principals may assume roles without sts:ExternalId or aws:PrincipalOrgID.",
            default: [],
        },
    },
    noRemediation: noSafeFix.policyDocument,
    messages: {
        publicPrincipal:
            "Role '{{role}}' trust policy statement {{statement}} lets any principal assume the role without a condition on " +
            "aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn or sts:ExternalId. Name the principals " +
            "that need the role, or add one of those conditions.",
        crossAccountUnguarded:
            "Role '{{role}}' trust policy statement {{statement}} lets account {{account}} assume the role without an " +
            "sts:ExternalId or aws:PrincipalOrgID condition. Add one of them, or list the account in trustedAccountIds if it is yours.",
        oidcSubjectMissing:
            "Role '{{role}}' trust policy statement {{statement}} trusts OIDC provider '{{provider}}' without a " +
            "StringEquals/StringLike condition on '{{key}}', so any of its subjects can assume the role. Add one that names {{expected}}.",
        oidcSubjectTooBroad:
            "Role '{{role}}' trust policy statement {{statement}} trusts OIDC provider '{{provider}}' for subjects " +
            "{{values}}, which do not each name {{expected}}. Narrow the '{{key}}' condition to such values.",
    },
    resourceTypes: roleTypes,
    // What the document decides by itself: public principals and OIDC subjects.
    checkResource(role, ctx) {
        const doc = parseDocument(role.props.assumeRolePolicy);
        if (doc.kind !== "document") {
            return;
        }
        for (const s of doc.statements) {
            if (s.effect === "Deny" || s.effect === undefined) {
                continue;
            }
            const statement = label(s);
            if (allowsAnyone(s.principal) || s.notPrincipal !== undefined || awsValues(s).known.some((v) => principalAccount(v) === "*")) {
                decide(ctx, s, scopedBy(s, publicScopingKeys), "publicPrincipal", { role: role.name, statement }, "the conditions on a public principal are unknown");
                continue;
            }
            if (s.principal === undefined || s.principal === UNKNOWN || s.principal === "*") {
                continue;
            }
            for (const [kind, values] of s.principal) {
                if (kind === "Federated") {
                    for (const provider of values.known.map(federatedProvider)) {
                        checkFederated(ctx, s, provider.protocol, provider.host, role.name);
                    }
                } else if (kind !== "AWS" && kind !== "Service" && values.known.length > 0) {
                    ctx.undecided(`principal kind '${kind}' in statement ${statement} is not one the policy can judge`);
                }
            }
        }
    },
    // What needs the stack: whether an account principal is the stack's own, and the principals
    // that are unknown at preview, joined through propertyDependencies.
    checkStack(stack, ctx) {
        const roles = stack.ofType(...roleTypes);
        if (roles.length === 0) {
            ctx.notApplicable("the stack has no IAM roles");
        }
        const accountsOfResources = stackAccounts(stack);
        const ownAccounts = new Set([...ctx.config.trustedAccountIds, ...accountsOfResources]);
        // Before anything is deployed no ARN is known, and the stack's own account cannot be told
        // from another: failing then would block the first deployment of a correct stack.
        const knowsOwnAccount = accountsOfResources.size > 0;
        for (const role of roles) {
            const doc = trustDocument(role);
            if (doc.kind === "unknown" || (doc.kind === "document" && doc.unknownStatements)) {
                ctx.undecided("the trust policy is unknown", role.urn);
            }
            if (doc.kind !== "document") {
                continue;
            }
            for (const s of doc.statements) {
                if (s.effect === "Deny" || s.effect === undefined || allowsAnyone(s.principal) || s.notPrincipal !== undefined) {
                    continue;
                }
                const statement = label(s);
                const aws = awsValues(s);
                for (const value of aws.known) {
                    const account = principalAccount(value);
                    if (account === "*") {
                        continue;
                    }
                    if (account === undefined) {
                        ctx.undecided(`principal '${value}' in statement ${statement} names no account`, role.urn);
                    } else if (!ownAccounts.has(account) && stack.identifiedBy(value, iamPrincipalTypes).length === 0) {
                        const guard = scopedBy(s, crossAccountGuardKeys);
                        if (guard === "fail" && !knowsOwnAccount) {
                            ctx.undecided(`the stack's own account is not known yet (account ${account} in statement ${statement})`, role.urn);
                        } else {
                            decide(ctx, s, guard, "crossAccountUnguarded", { role: role.name, statement, account }, "the conditions on another account's principal are unknown", role.urn);
                        }
                    }
                }
                const unknownPrincipal = s.principal === UNKNOWN || aws.unknown || federatedValues(s).unknown;
                if (unknownPrincipal) {
                    joinUnknownPrincipals(ctx, role, s);
                }
            }
        }
    },
});

/** Reports `messageId` when the verdict fails and the statement surely allows; unknown says why. */
function decide(ctx: CheckContext<Config>, s: Statement, verdict: Verdict, messageId: Messages, data: Record<string, unknown>, unknownWhat: string, urn?: string): void {
    if (verdict === "fail" && s.effect === "Allow") {
        ctx.report(messageId, data, urn);
    } else if (verdict === "unknown" || (verdict === "fail" && s.effect === UNKNOWN)) {
        ctx.undecided(verdict === "unknown" ? unknownWhat : `the effect of statement ${label(s)} is unknown`, urn);
    }
}

/**
 * Principals unknown at preview come from the in-stack resources the trust policy depends on: an
 * in-stack role or user is the stack's own account; an in-stack OIDC provider is judged by its
 * URL; anything else is undecided unless the statement guards it.
 */
function joinUnknownPrincipals(ctx: CheckContext<Config>, role: Node, s: Statement): void {
    const deps = trustDependencies(role);
    const isPrincipalSource = (d: Node) => iamPrincipalTypes.includes(d.type) || oidcProviderTypes.includes(d.type) || samlProviderTypes.includes(d.type);
    if (s.principal === UNKNOWN || awsValues(s).unknown) {
        const joined = deps.length > 0 && deps.every(isPrincipalSource) && deps.some((d) => iamPrincipalTypes.includes(d.type));
        if (!joined && scopedBy(s, crossAccountGuardKeys) !== "pass") {
            ctx.undecided(`a principal of statement ${label(s)} is unknown`, role.urn);
        }
    }
    if (federatedValues(s).unknown) {
        const providers = deps.filter((d) => oidcProviderTypes.includes(d.type) || samlProviderTypes.includes(d.type));
        if (providers.length === 0) {
            ctx.undecided(`a federated principal of statement ${label(s)} is unknown`, role.urn);
        }
        for (const provider of providers) {
            if (samlProviderTypes.includes(provider.type)) {
                continue;
            }
            const host = oidcProviderHost(provider);
            if (host === UNKNOWN || host === undefined) {
                ctx.undecided(`the URL of OIDC provider '${provider.name}' is unknown`, role.urn);
            } else {
                checkFederated(ctx, s, "oidc", host, role.name, role.urn);
            }
        }
    }
}

function checkFederated(ctx: CheckContext<Config>, s: Statement, protocol: "oidc" | "saml", host: string, role: string, urn?: string): void {
    if (protocol === "saml") {
        return;
    }
    const github = githubHost.test(host);
    // Cognito identity pools scope their roles by the pool id in the `aud` claim; other providers by `sub`.
    const claim = host.toLowerCase() === "cognito-identity.amazonaws.com" ? "aud" : "sub";
    const key = `${host}:${claim}`;
    const expected = github ? "one repository ('repo:OWNER/REPO…', wildcards only after the repository)" : claim === "aud" ? "the identity pool" : "the subjects allowed";
    const data = { role, statement: label(s), provider: host, key, expected };
    if (s.conditions === UNKNOWN) {
        decide(ctx, s, "unknown", "oidcSubjectMissing", data, `the conditions of statement ${label(s)} are unknown`, urn);
        return;
    }
    const subjectConditions = s.conditions.filter((c) => isPositive(c) && c.key === key.toLowerCase());
    // An operator whose block is unknown at preview may hold the subject condition.
    const unknownBlocks = s.conditions.some((c) => c.key === "" && c.values.unknown);
    if (subjectConditions.length === 0) {
        decide(ctx, s, unknownBlocks ? "unknown" : "fail", "oidcSubjectMissing", data, `the conditions of statement ${label(s)} are partly unknown`, urn);
        return;
    }
    const allowed = (v: string) => (github ? oneGithubRepository.test(v) : !onlyWildcards(v));
    // Every condition must hold, so the narrowest one decides.
    const verdict = some([
        ...subjectConditions.map((c): Verdict => (c.values.known.some((v) => !allowed(v)) ? "fail" : c.values.unknown || c.values.known.length === 0 ? "unknown" : "pass")),
        unknownBlocks ? "unknown" : "fail",
    ]);
    const broad = subjectConditions.flatMap((c) => c.values.known.filter((v) => !allowed(v)));
    decide(ctx, s, verdict, "oidcSubjectTooBroad", { ...data, values: broad.map((v) => `'${v}'`) }, `the subjects allowed by statement ${label(s)} are unknown`, urn);
}

/** Passes when a condition on one of `keys` restricts the statement to known, non-wildcard values. */
function scopedBy(s: Statement, keys: string[]): Verdict {
    if (s.conditions === UNKNOWN) {
        return "unknown";
    }
    const scoping = s.conditions.filter((c) => isPositive(c) && keys.includes(c.key));
    const unknownBlocks = s.conditions.some((c) => c.key === "" && c.values.unknown);
    return some([
        ...scoping.map((c): Verdict => (c.values.known.some((v) => !onlyWildcards(v)) ? "pass" : c.values.unknown ? "unknown" : "fail")),
        unknownBlocks ? "unknown" : "fail",
    ]);
}

/** A condition that requires the key to be present and to match (not a negation, not IfExists, not ForAllValues). */
function isPositive(c: Condition): boolean {
    return positiveOperators.test(c.operator) && !c.ifExists && c.setQualifier !== "ForAllValues";
}

function onlyWildcards(v: string): boolean {
    return /^[*?]*$/.test(v);
}

function awsValues(s: Statement): Values {
    return principalValues(s, "AWS");
}

function federatedValues(s: Statement): Values {
    return principalValues(s, "Federated");
}

function principalValues(s: Statement, kind: string): Values {
    if (s.principal === undefined || s.principal === UNKNOWN || s.principal === "*") {
        return { known: [], unknown: false };
    }
    return s.principal.get(kind) ?? { known: [], unknown: false };
}

function label(s: Statement): string {
    return s.sid ? `'${s.sid}'` : `#${s.index + 1}`;
}

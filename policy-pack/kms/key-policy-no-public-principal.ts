import { statementLabel } from "../lib/iam-checks";
import { parseDocument } from "../lib/iam-document";
import { keyPolicyTypes, keyTypes } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { publicGrantee, scopedBy } from "../lib/public-principals";
import { noSafeFix } from "../lib/remediation";
import { UNKNOWN } from "../lib/values";

interface Config {
    scopingConditionKeys: string[];
}

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

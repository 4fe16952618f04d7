import { statementLabel } from "../lib/iam-checks";
import { parseDocument } from "../lib/iam-document";
import { CheckContext, definePolicy } from "../lib/policy";
import { publicGrantee, scopedBy } from "../lib/public-principals";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

interface Config {
    scopingConditionKeys: string[];
}

/**
 * The resource policies judged here and the input that holds each. Key policies are judged by
 * kms-key-policy-no-public-principal, with keys of their own (kms:CallerAccount, kms:ViaService).
 */
const holders: { tokens: readonly string[]; prop: string; what: string }[] = [
    { tokens: types.bucket, prop: "policy", what: "bucket policy" },
    { tokens: types.bucketPolicy, prop: "policy", what: "bucket policy" },
    { tokens: types.sqsQueue, prop: "policy", what: "queue policy" },
    { tokens: types.sqsQueuePolicy, prop: "policy", what: "queue policy" },
    { tokens: types.snsTopic, prop: "policy", what: "topic policy" },
    { tokens: types.snsTopicPolicy, prop: "policy", what: "topic policy" },
    { tokens: types.ecrRepositoryPolicy, prop: "policy", what: "repository policy" },
    { tokens: types.secretsManagerSecret, prop: "policy", what: "secret policy" },
    { tokens: types.secretsManagerSecretPolicy, prop: "policy", what: "secret policy" },
    { tokens: types.searchDomain, prop: "accessPolicies", what: "domain access policy" },
    { tokens: types.searchDomainPolicy, prop: "accessPolicies", what: "domain access policy" },
    { tokens: types.eventBusPolicy, prop: "policy", what: "event bus policy" },
];

export const resourcePolicyNoPublicAccess = definePolicy<Config>({
    name: "resource-policy-no-public-access",
    description:
        "Bucket, queue, topic, repository, secret, search domain and event bus policies, and Lambda permissions, must not grant to any principal ('*') unless a condition pins the source account, organization or VPC.",
    rationale:
        "A resource policy is read by AWS for requests from every account: an Allow for Principal '*' (or {\"AWS\": \"*\"}, or NotPrincipal) " +
        "lets anyone on the internet, signed in to any AWS account or not, read the bucket, send to the queue, publish to the topic, pull the " +
        "images, read the secret or invoke the function, as far as the statement's actions go.",
    domain: "iam",
    severity: "critical",
    remediationSteps:
        "Name the principals that need access (account roots or role ARNs) instead of '*', or keep '*' and add a StringEquals condition " +
        "that pins who may call: aws:PrincipalOrgID (your organization), aws:SourceAccount or aws:PrincipalAccount (an account), " +
        "aws:SourceArn (the calling resource), aws:SourceVpc or aws:SourceVpce (your network). On an aws.lambda.Permission with principal " +
        "'*', set principalOrgId or sourceAccount.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "S3.2, S3.3, SQS.3, Lambda.1",
        specification: "Buckets, queues and Lambda function policies should prohibit public access",
    },
    parameters: {
        scopingConditionKeys: {
            type: "array",
            items: { type: "string" },
            description:
                "Condition keys (compared without regard to case) that pin a grant to any principal: a positive condition (StringEquals, " +
                "StringLike, ArnEquals, ArnLike) on one of them with a value that is not only wildcards.",
            default: [
                "aws:PrincipalOrgID",
                "aws:PrincipalOrgPaths",
                "aws:PrincipalAccount",
                "aws:PrincipalArn",
                "aws:SourceOrgID",
                "aws:SourceOrgPaths",
                "aws:SourceAccount",
                "aws:SourceOwner",
                "aws:SourceArn",
                "aws:SourceVpc",
                "aws:SourceVpce",
            ],
        },
    },
    noRemediation:
        "who should keep access (an account, an organization, a network) is the resource owner's to name, and a guessed condition could cut off callers the resource serves on purpose",
    messages: {
        publicStatement:
            "The {{what}} of '{{resource}}', statement {{statement}}, allows {{grantee}} without a condition on {{keys}}. Name the principals that need access, or pin the caller with one of those keys.",
        publicPermission:
            "Permission '{{resource}}' lets any principal ('*') invoke the function, with no principalOrgId, sourceAccount or sourceArn naming an account. Set principalOrgId or sourceAccount, or name the principal.",
    },
    resourceTypes: [...holders.flatMap((h) => h.tokens), ...types.lambdaPermission],
    checkResource(resource, ctx) {
        if ((types.lambdaPermission as readonly string[]).includes(resource.type)) {
            return checkPermission(resource.name, resource.props, ctx);
        }
        const holder = holders.find((h) => h.tokens.includes(resource.type))!;
        const document = parseDocument(resource.props[holder.prop]);
        if (document.kind === "absent") {
            ctx.notApplicable(`the resource '${resource.name}' declares no ${holder.what}`);
        }
        if (document.kind === "invalid") {
            // A document AWS refuses grants nothing.
            ctx.notApplicable(`the ${holder.what} of '${resource.name}' cannot be read (${document.reason}); AWS rejects it`);
        }
        if (document.kind !== "document") {
            ctx.undecided(`the ${holder.what} is unknown`);
            return;
        }
        if (document.unknownStatements) {
            ctx.undecided(`statements of the ${holder.what} are unknown`);
        }
        const scopingKeys = ctx.config.scopingConditionKeys.map((k) => k.toLowerCase());
        for (const s of document.statements) {
            const grantee = publicGrantee(s);
            if (s.effect === "Deny" || s.effect === undefined || grantee === undefined || scopedBy(s, scopingKeys) === "pass") {
                continue;
            }
            const statement = statementLabel(s);
            if (grantee === UNKNOWN) {
                ctx.undecided(`the Principal of statement ${statement} is unknown`);
            } else if (s.effect === UNKNOWN) {
                ctx.undecided(`the Effect of statement ${statement}, which names any principal, is unknown`);
            } else if (scopedBy(s, scopingKeys) === "unknown") {
                ctx.undecided(`the Condition of statement ${statement}, which allows any principal, is unknown`);
            } else {
                ctx.report("publicStatement", { what: holder.what, resource: resource.name, statement, grantee, keys: ctx.config.scopingConditionKeys.join(", ") });
            }
        }
    },
});

/**
 * An aws.lambda.Permission for principal '*'. Grants to AWS services are judged by
 * lambda-permission-source-scoped, and a permission for a function URL whose auth type is NONE by
 * lambda-function-url-authenticated: such a URL needs exactly that permission to be public, so the
 * finding belongs to the URL's authentication.
 */
function checkPermission(name: string, props: Record<string, unknown>, ctx: CheckContext<Config>): void {
    const principal = str(props.principal);
    if (principal === UNKNOWN) {
        ctx.undecided("the principal is unknown");
        return;
    }
    if (principal !== "*") {
        ctx.notApplicable("the permission names its principal");
    }
    const authType = str(props.functionUrlAuthType);
    if (authType === UNKNOWN) {
        ctx.undecided("the function URL auth type is unknown");
        return;
    }
    if (authType === "NONE") {
        ctx.notApplicable("a public function URL's permission is judged by lambda-function-url-authenticated");
    }
    const pinned = ["principalOrgId", "sourceAccount"].map((k) => str(props[k]));
    const sourceArn = str(props.sourceArn);
    if (pinned.some((v) => v === UNKNOWN || (typeof v === "string" && v.trim() !== "")) || sourceArn === UNKNOWN || (typeof sourceArn === "string" && /^\d{12}$/.test(sourceArn.split(":")[4] ?? ""))) {
        return;
    }
    ctx.report("publicPermission", { resource: name });
}

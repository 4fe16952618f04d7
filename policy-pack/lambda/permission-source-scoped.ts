import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

export const lambdaPermissionSourceScoped = definePolicy({
    name: "lambda-permission-source-scoped",
    description: "A Lambda permission granted to an AWS service must name the resource (and, where its ARN has no account, the account) allowed to invoke the function.",
    rationale:
        "A service principal such as s3.amazonaws.com or sns.amazonaws.com acts for every AWS customer. Granted without " +
        "sourceArn, the function can be invoked by that service on behalf of any resource in any account that points at it " +
        "(the confused-deputy problem). sourceArn limits it to one resource; S3 bucket ARNs carry no account, and a bucket name " +
        "freed by deletion can be taken by another account, so a grant to S3 needs sourceAccount too.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "Set sourceArn on the aws.lambda.Permission to the ARN of the resource that invokes the function (the bucket, topic, " +
        "rule, API or target group, built from its arn output). When that ARN names no account (S3 buckets, or an ARN with '*' " +
        "as its account), also set sourceAccount to the account that owns the resource.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "Lambda.1", specification: "Lambda function policies should prohibit public access" },
    noRemediation: "the account or ARN the permission should be scoped to is the owner's; a guess could break the trigger",
    messages: {
        noSource:
            "Permission '{{permission}}' lets {{principal}} invoke the function on behalf of any resource in any account: it sets " +
            "neither sourceArn nor sourceAccount. Set sourceArn to the invoking resource's ARN{{alsoAccount}}.",
        accountOnly:
            "Permission '{{permission}}' lets {{principal}} invoke the function on behalf of any resource of account {{account}}: it " +
            "sets sourceAccount but no sourceArn. Set sourceArn to the invoking resource's ARN.",
        noAccount:
            "Permission '{{permission}}' scopes {{principal}} to sourceArn '{{sourceArn}}', which names no account, so a resource of " +
            "that name in another account matches too. Set sourceAccount to the account that owns it.",
        noAccountOfBucketEvent:
            "Permission '{{permission}}', which @pulumi/aws created for the bucket event handler of that name (bucket.onObjectCreated, " +
            "onObjectRemoved or onEvent), scopes {{principal}} to the bucket's ARN, which names no account, so a bucket of that name in another " +
            "account matches too; @pulumi/aws sets no sourceAccount on it, and those methods take no argument for one. Declare the " +
            "aws.lambda.Permission yourself, with sourceArn set to the bucket's arn and sourceAccount to its account, and an " +
            "aws.s3.BucketNotification that invokes the function, in place of the event method.",
    },
    resourceTypes: [...types.lambdaPermission],
    checkResource(resource, ctx) {
        const principal = str(resource.props.principal);
        if (principal === UNKNOWN) {
            ctx.undecided("the principal is unknown");
            return;
        }
        if (principal === undefined || !isServicePrincipal(principal)) {
            return ctx.notApplicable("the permission is not granted to an AWS service principal");
        }
        const sourceArn = present(resource.props.sourceArn);
        const sourceAccount = present(resource.props.sourceAccount);
        const arn = str(resource.props.sourceArn);
        // An ARN unknown at preview comes from the invoking resource's outputs; only S3's carry no account.
        const arnHasNoAccount = arn === UNKNOWN ? serviceOf(principal) === "s3" : typeof arn === "string" && !namesAccount(arn);
        const data = { permission: resource.name, principal: `'${principal}'` };
        if (!sourceArn && !sourceAccount) {
            ctx.report("noSource", { ...data, alsoAccount: serviceOf(principal) === "s3" ? ", and sourceAccount to the bucket owner's account (bucket ARNs name no account)" : "" });
        } else if (!sourceArn) {
            const account = str(resource.props.sourceAccount);
            ctx.report("accountOnly", { ...data, account: typeof account === "string" ? `'${account}'` : "(unknown until deployment)" });
        } else if (arnHasNoAccount && !sourceAccount) {
            if (createdByBucketEvent(resource.urn)) {
                ctx.report("noAccountOfBucketEvent", data);
            } else {
                ctx.report("noAccount", { ...data, sourceArn: typeof arn === "string" ? arn : "(the bucket's ARN)" });
            }
        }
    },
});

/**
 * Whether @pulumi/aws created the permission for a bucket's event handler: its parent is the
 * aws:s3:BucketEventSubscription component that bucket.onEvent (and onObjectCreated,
 * onObjectRemoved) registers, whose permission sets sourceArn to the bucket's ARN and no
 * sourceAccount (@pulumi/aws s3/s3Mixins.ts, BucketEventSubscription).
 */
function createdByBucketEvent(urn: string): boolean {
    const typeChain = urn.split("::")[2] ?? "";
    return typeChain.split("$").slice(0, -1).includes("aws:s3:BucketEventSubscription");
}

/** `<service>.amazonaws.com`, regional forms (`logs.us-east-1.amazonaws.com`) and the China partition's `.amazonaws.com.cn`. */
function isServicePrincipal(principal: string): boolean {
    return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/i.test(principal);
}

function serviceOf(principal: string): string {
    return principal.split(".")[0].toLowerCase();
}

/** Set to something: a non-empty string or a value unknown at preview (it will be set). */
function present(value: unknown): boolean {
    const s = str(value);
    return s === UNKNOWN || (typeof s === "string" && s.trim() !== "");
}

/** Whether an ARN's account field names one account (not empty, no wildcard). */
function namesAccount(arn: string): boolean {
    const account = arn.split(":")[4];
    return account !== undefined && /^\d{12}$/.test(account);
}

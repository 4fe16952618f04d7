import { Statement } from "../lib/iam-document";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { bucketDenial, coversWholeService } from "../lib/s3";
import { onlyWithoutTls } from "../lib/tls-denial";
import { types } from "../lib/types";
import { Verdict, all } from "../lib/values";

export const s3BucketPolicyTlsOnly = definePolicy({
    name: "s3-bucket-policy-tls-only",
    description: "S3 bucket policies must deny every request to the bucket and its objects that is not made over TLS.",
    rationale:
        "S3 answers plain-HTTP requests on its REST endpoints: object data, keys and presigned-URL signatures then cross the " +
        "network unencrypted and can be read or altered in transit. A Deny on aws:SecureTransport false is the only setting " +
        "that makes S3 refuse them, for every caller and every action.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Add to the bucket's aws.s3.BucketPolicy a statement { Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", " +
        "Resource: [<bucket arn>, <bucket arn>/*], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }, building both " +
        "resources from the bucket's arn output.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "S3.5", specification: "S3 general purpose buckets should require requests to use SSL" },
    noRemediation: noSafeFix.policyDocument,
    messages: {
        noPolicy:
            "Bucket '{{bucket}}' has no bucket policy, so S3 accepts plain-HTTP requests to it. Add an aws.s3.BucketPolicy that denies " +
            "Principal '*' Action 's3:*' on the bucket and '<bucket arn>/*' when aws:SecureTransport is 'false'.",
        notEnforced:
            "The bucket policy of '{{bucket}}' (declared on '{{declaredOn}}') does not deny non-TLS requests on {{missing}} for every principal " +
            "and every s3 action. Add a statement denying Principal '*' Action 's3:*' on the bucket and '<bucket arn>/*' with " +
            "Condition Bool aws:SecureTransport 'false'.",
    },
    checkStack(stack, ctx) {
        const buckets = stack.ofType(...types.bucket);
        if (buckets.length === 0) {
            ctx.notApplicable("the stack has no S3 buckets");
        }
        for (const bucket of buckets) {
            const denial = bucketDenial(stack, bucket, deniesPlainHttp);
            const verdict = all([denial.bucket, denial.objects]);
            if (verdict === "pass") {
                continue;
            }
            if (verdict === "unknown" || denial.mayHaveUnresolved) {
                ctx.undecided(verdict === "unknown" ? "the bucket policy is partly unknown" : "a bucket policy's bucket is unknown", bucket.urn);
            } else if (denial.declaredOn.length === 0) {
                ctx.report("noPolicy", { bucket: bucket.name }, bucket.urn);
            } else {
                const missing = [denial.bucket === "fail" ? "the bucket" : undefined, denial.objects === "fail" ? "its objects" : undefined].filter((m) => m !== undefined);
                ctx.report("notEnforced", { bucket: bucket.name, declaredOn: denial.declaredOn.map((d) => d.name), missing: missing.join(" and ") }, bucket.urn);
            }
        }
    },
});

/** A statement for every s3 action whose only condition is that the request is not over TLS. */
function deniesPlainHttp(s: Statement): Verdict {
    return all([coversWholeService(s, "s3"), onlyWithoutTls(s)]);
}

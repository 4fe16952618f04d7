import { Condition, Statement, coversAction } from "../lib/iam-document";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { bucketDenial, kmsAlgorithms } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, Verdict } from "../lib/values";

const encryptionHeader = "s3:x-amz-server-side-encryption";
const kmsKeyIdHeader = "s3:x-amz-server-side-encryption-aws-kms-key-id";
const negatedStringOperators = ["stringnotequals", "stringnotequalsignorecase", "stringnotlike"];

export const s3BucketPolicyEnforceKmsUploads = definePolicy({
    name: "s3-bucket-policy-enforce-kms-uploads",
    description: "S3 bucket policies must deny s3:PutObject requests whose x-amz-server-side-encryption header asks for anything but SSE-KMS.",
    rationale:
        "Default encryption only applies when an upload names no encryption: a client that sends " +
        "x-amz-server-side-encryption: AES256 stores the object under SSE-S3, outside the KMS key's policy and audit trail. " +
        "Only a Deny in the bucket policy stops such requests.",
    domain: "encryption-at-rest",
    severity: "medium",
    remediationSteps:
        "Add to the bucket's aws.s3.BucketPolicy a statement { Effect: \"Deny\", Principal: \"*\", Action: \"s3:PutObject\", " +
        "Resource: <bucket arn>/*, Condition: { StringNotEqualsIfExists: { \"s3:x-amz-server-side-encryption\": [\"aws:kms\", \"aws:kms:dsse\"] } } }. " +
        "Build the Resource from the bucket's arn output so the policy follows the bucket.",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        noPolicy:
            "Bucket '{{bucket}}' has no bucket policy, so an upload with an explicit non-KMS x-amz-server-side-encryption header (e.g. 'AES256') " +
            "bypasses default SSE-KMS. Add an aws.s3.BucketPolicy that denies s3:PutObject on the bucket's objects to Principal '*' " +
            "with StringNotEqualsIfExists on s3:x-amz-server-side-encryption: ['aws:kms', 'aws:kms:dsse'].",
        notEnforced:
            "The bucket policy of '{{bucket}}' (declared on '{{declaredOn}}') does not deny uploads with a non-KMS x-amz-server-side-encryption header " +
            "for everyone on all of its objects. Add a statement denying s3:PutObject on the bucket's objects ('<bucket arn>/*') to Principal '*' " +
            "with StringNotEqualsIfExists on s3:x-amz-server-side-encryption: ['aws:kms', 'aws:kms:dsse'].",
    },
    checkStack(stack, ctx) {
        const buckets = stack.ofType(...types.bucket);
        if (buckets.length === 0) {
            ctx.notApplicable("the stack has no S3 buckets");
        }
        for (const bucket of buckets) {
            const denial = bucketDenial(stack, bucket, deniesNonKmsUploads);
            if (denial.objects === "pass") {
                continue;
            }
            if (denial.objects === "unknown" || denial.mayHaveUnresolved) {
                ctx.undecided(denial.objects === "unknown" ? "the bucket policy is partly unknown" : "a bucket policy's bucket is unknown", bucket.urn);
            } else if (denial.declaredOn.length === 0) {
                ctx.report("noPolicy", { bucket: bucket.name }, bucket.urn);
            } else {
                ctx.report("notEnforced", { bucket: bucket.name, declaredOn: denial.declaredOn.map((d) => d.name) }, bucket.urn);
            }
        }
    },
});

/** A statement that denies s3:PutObject when the request names a non-KMS encryption. */
function deniesNonKmsUploads(s: Statement): Verdict {
    const action = coversAction(s, "s3:PutObject");
    if (action === false) {
        return "fail";
    }
    const condition = enforcesKmsHeader(s);
    return action === UNKNOWN && condition !== "fail" ? "unknown" : condition;
}

/**
 * The Deny's conditions must make it apply to every request with a non-KMS encryption header:
 * a negated string match of the header against KMS algorithms only (StringNotEquals[IfExists]
 * 'aws:kms'), or of the KMS key id header (absent when the request is not SSE-KMS). `Null` false
 * on the header ("the header is present") may stand beside it; any other condition narrows the
 * Deny to fewer requests. A deny of a missing header alone (`Null` true) is not enough: default
 * encryption already covers requests without the header.
 */
function enforcesKmsHeader(s: Statement): Verdict {
    if (s.conditions === UNKNOWN) {
        return "unknown";
    }
    let enforces = false;
    let unknown = false;
    for (const c of s.conditions) {
        const operator = c.operator.toLowerCase();
        const negatedString = c.setQualifier === undefined && negatedStringOperators.includes(operator);
        if (c.key === "" || (c.values.unknown && (c.key === encryptionHeader || c.key === kmsKeyIdHeader))) {
            unknown = true;
        } else if (negatedString && c.key === encryptionHeader) {
            if (c.values.known.length === 0 || !c.values.known.every((v) => namesOnlyKms(v, operator))) {
                return "fail";
            }
            enforces = true;
        } else if (negatedString && c.key === kmsKeyIdHeader) {
            enforces = true;
        } else if (!isHeaderPresent(c)) {
            return "fail";
        }
    }
    if (unknown) {
        return "unknown";
    }
    return enforces ? "pass" : "fail";
}

function namesOnlyKms(value: string, operator: string): boolean {
    if (operator === "stringnotequalsignorecase") {
        return kmsAlgorithms.includes(value.toLowerCase());
    }
    if (operator === "stringnotlike" && /[*?]/.test(value)) {
        // A pattern that can only match values starting with "aws:kms".
        return value.split(/[*?]/, 1)[0].startsWith("aws:kms");
    }
    return kmsAlgorithms.includes(value);
}

function isHeaderPresent(c: Condition): boolean {
    return c.operator.toLowerCase() === "null" && c.setQualifier === undefined && c.key === encryptionHeader && c.values.known.length > 0 && c.values.known.every((v) => v.toLowerCase() === "false");
}

import { definePolicy } from "../lib/policy";
import { bucketTypes, defaultEncryptionIsKms, kmsAlgorithms } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, Verdict, str } from "../lib/values";

const objectTypes = [...types.bucketObject, ...types.objectCopy];

export const s3ObjectEncryptionKms = definePolicy({
    name: "s3-object-encryption-kms",
    description: "S3 objects the stack writes must be encrypted with SSE-KMS, explicitly or through their bucket's SSE-KMS default.",
    rationale:
        "An object's own encryption setting overrides the bucket default: an object written with AES256, or with a " +
        "customer-provided key (SSE-C), sits outside the KMS key's policy and audit trail even in a bucket whose default is " +
        "SSE-KMS; an object that names no encryption is only as well protected as its bucket's default.",
    domain: "encryption-at-rest",
    severity: "high",
    remediationSteps:
        "On the aws.s3.BucketObjectv2 (BucketObject) or aws.s3.ObjectCopy, set serverSideEncryption: \"aws:kms\" with kmsKeyId " +
        "set to a customer-managed aws.kms.Key's arn, and drop customerAlgorithm/customerKey; or leave serverSideEncryption " +
        "unset and give the bucket an SSE-KMS BucketServerSideEncryptionConfiguration.",
    noRemediation: "an object's encryption is chosen when it is written: changing it writes the object anew (a replacement)",
    messages: {
        objectNotKms: "Object '{{object}}' sets serverSideEncryption '{{algorithm}}', not SSE-KMS. Set serverSideEncryption: \"aws:kms\" with kmsKeyId set to a customer-managed key.",
        customerProvidedKey:
            "Object '{{object}}' is encrypted with a customer-provided key (SSE-C: customerAlgorithm/customerKey). " +
            "Remove customerAlgorithm and customerKey and set serverSideEncryption: \"aws:kms\" with a customer-managed kmsKeyId.",
        bucketDefaultNotKms:
            "Object '{{object}}' sets no encryption and relies on the default of bucket '{{bucket}}', which is '{{algorithm}}', not SSE-KMS. " +
            "Set serverSideEncryption: \"aws:kms\" on the object, or give the bucket an SSE-KMS default encryption.",
        bucketOutsideStack:
            "Object '{{object}}' sets no encryption and relies on the default of bucket '{{bucket}}', which is not in this stack, so its " +
            "encryption cannot be verified. Set serverSideEncryption: \"aws:kms\" with a customer-managed kmsKeyId on the object.",
    },
    resourceTypes: objectTypes,
    // Settings on the object itself decide without the bucket.
    checkResource(object, ctx) {
        const algorithm = str(object.props.serverSideEncryption);
        if (algorithm === UNKNOWN) {
            ctx.undecided("serverSideEncryption is unknown");
        } else if (algorithm !== undefined && algorithm !== "" && !kmsAlgorithms.includes(algorithm)) {
            ctx.report("objectNotKms", { object: object.name, algorithm });
        }
        const customer = customerKeyVerdict(object.props);
        if (customer === "fail") {
            ctx.report("customerProvidedKey", { object: object.name });
        } else if (customer === "unknown") {
            ctx.undecided("customerAlgorithm or customerKey is unknown");
        }
    },
    checkStack(stack, ctx) {
        const objects = stack.ofType(...objectTypes);
        if (objects.length === 0) {
            ctx.notApplicable("the stack writes no S3 objects");
        }
        for (const object of objects) {
            if (!reliesOnBucketDefault(object.inputs)) {
                continue;
            }
            // An unknown kmsKeyId is most likely a key's ARN (explicit SSE-KMS), so the bucket's default can then only pass.
            const keyUnknown = str(object.inputs.kmsKeyId) === UNKNOWN;
            const buckets = stack.targets(object, "bucket", bucketTypes);
            if (buckets === UNKNOWN) {
                ctx.undecided("the object's bucket is unknown", object.urn);
                continue;
            }
            if (buckets.length === 0) {
                if (keyUnknown) {
                    ctx.undecided("kmsKeyId is unknown", object.urn);
                } else {
                    ctx.report("bucketOutsideStack", { object: object.name, bucket: str(object.inputs.bucket) ?? "(none)" }, object.urn);
                }
                continue;
            }
            for (const bucket of buckets) {
                const { verdict, algorithm } = defaultEncryptionIsKms(stack, bucket);
                if (verdict === "fail" && !keyUnknown) {
                    ctx.report("bucketDefaultNotKms", { object: object.name, bucket: bucket.name, algorithm }, object.urn);
                } else if (verdict !== "pass") {
                    ctx.undecided(verdict === "unknown" ? `the default encryption of bucket '${bucket.name}' is unknown` : "kmsKeyId is unknown", object.urn);
                }
            }
        }
    },
});

/**
 * An object relies on its bucket's default when it names no encryption of its own: no
 * serverSideEncryption, no kmsKeyId (the provider sends a kmsKeyId as SSE-KMS), no customer key.
 */
function reliesOnBucketDefault(inputs: Record<string, unknown>): boolean {
    const algorithm = str(inputs.serverSideEncryption);
    const key = str(inputs.kmsKeyId);
    const explicitKey = typeof key === "string" && key !== "";
    return (algorithm === undefined || algorithm === "") && !explicitKey && customerKeyVerdict(inputs) === "pass";
}

/** SSE-C on an ObjectCopy: a customer algorithm or key for the copy's target. */
function customerKeyVerdict(props: Record<string, unknown>): Verdict {
    const values = [str(props.customerAlgorithm), str(props.customerKey)];
    if (values.some((v) => typeof v === "string" && v !== "")) {
        return "fail";
    }
    return values.includes(UNKNOWN) ? "unknown" : "pass";
}

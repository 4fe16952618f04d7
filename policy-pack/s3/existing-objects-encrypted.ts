import { definePolicy } from "../lib/policy";
import { bucketEncryption, kmsAlgorithms } from "../lib/s3";
import { createdAt, modifiedAt } from "../lib/timestamps";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

const runbook = "docs/runbooks/reencrypt-existing-objects.md";

export const s3ExistingObjectsEncrypted = definePolicy<{ graceMinutes: number }>({
    name: "s3-existing-objects-encrypted",
    description: "Objects stored before a bucket got SSE-KMS default encryption must be re-encrypted with SSE-KMS (checked in an audit of a stack export).",
    rationale:
        "Default encryption applies only to objects written after it is set: objects uploaded earlier keep the encryption " +
        "they were written with (none, or SSE-S3) until they are rewritten. A bucket whose encryption configuration was " +
        "created well after the bucket may hold such objects, and an object's recorded encryption shows what it has.",
    domain: "encryption-at-rest",
    severity: "medium",
    remediationSteps:
        `Re-encrypt the existing objects in place with SSE-KMS as described in ${runbook} (S3 Batch Operations Copy, or ` +
        "`aws s3 cp --recursive` onto the same prefix with --sse aws:kms), then verify with head-object or an S3 Inventory report. " +
        "For objects the stack manages, set serverSideEncryption: \"aws:kms\" on the aws.s3.BucketObjectv2 so the next update rewrites them.",
    parameters: {
        graceMinutes: {
            type: "integer",
            description: "How long after a bucket its encryption configuration may be created and still count as set up with it (resources of one `pulumi up` are minutes apart).",
            default: 60,
            minimum: 0,
        },
    },
    noRemediation: "objects written before the encryption changed are re-encrypted only by copying them, which no property of the program does",
    messages: {
        encryptionAddedLater:
            `Bucket '{{bucket}}' got its encryption configuration '{{configuration}}' {{minutes}} minutes after it was created (more than {{grace}}), ` +
            `so objects written in between may not be encrypted with SSE-KMS. Re-encrypt them in place as described in ${runbook}.`,
        encryptionChangedLater:
            `Bucket '{{bucket}}' had its encryption configuration '{{configuration}}' changed {{minutes}} minutes after the bucket was created (more than {{grace}}). ` +
            `If the change turned on SSE-KMS or moved to another key, objects written before keep their old encryption: check them and re-encrypt them in place as described in ${runbook}.`,
        objectNotKms:
            `Object '{{object}}' is stored with encryption '{{algorithm}}', not SSE-KMS. Set serverSideEncryption: "aws:kms" on it and ` +
            `rewrite it, or re-encrypt it in place as described in ${runbook}.`,
    },
    checkStack(stack, ctx) {
        if (!stack.resources.some((r) => createdAt(r.urn) !== undefined)) {
            ctx.notApplicable(
                "creation times are known only in an audit of a stack export (its `created` fields); at preview and update the analyzer protocol does not carry them",
            );
        }
        const graceMs = ctx.config.graceMinutes * 60_000;
        for (const bucket of stack.ofType(...types.bucket)) {
            const bucketCreated = createdAt(bucket.urn);
            if (bucketCreated === undefined) {
                continue;
            }
            // The earliest configuration decides: from then on new objects got the bucket's default.
            const encryption = bucketEncryption(stack, bucket);
            const configured = encryption.configurations
                .flatMap((configuration) => {
                    const at = createdAt(configuration.urn);
                    return at === undefined ? [] : [{ configuration, at }];
                })
                .sort((a, b) => a.at.getTime() - b.at.getTime());
            const first = configured[0];
            if (first !== undefined && first.at.getTime() - bucketCreated.getTime() > graceMs) {
                // A configuration whose bucket is unknown may be this bucket's, and the earlier one.
                if (encryption.mayHaveUnresolved) {
                    ctx.undecided("an encryption configuration's bucket is unknown and may be this bucket's", bucket.urn);
                    continue;
                }
                const minutes = Math.round((first.at.getTime() - bucketCreated.getTime()) / 60_000);
                ctx.report("encryptionAddedLater", { bucket: bucket.name, configuration: first.configuration.name, minutes, grace: ctx.config.graceMinutes }, bucket.urn);
                continue;
            }
            // A configuration set up with the bucket but changed long after it may have moved the
            // bucket to SSE-KMS (or to another key) only then; what changed is not in the state.
            const changed = encryption.configurations
                .flatMap((configuration) => {
                    const at = modifiedAt(configuration.urn);
                    return at === undefined ? [] : [{ configuration, at }];
                })
                .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
            if (changed !== undefined && changed.at.getTime() - bucketCreated.getTime() > graceMs) {
                const minutes = Math.round((changed.at.getTime() - bucketCreated.getTime()) / 60_000);
                ctx.advise("encryptionChangedLater", { bucket: bucket.name, configuration: changed.configuration.name, minutes, grace: ctx.config.graceMinutes }, bucket.urn);
            }
        }
        // Outputs, not inputs: what S3 reported for the stored object.
        for (const object of stack.ofType(...types.bucketObject, ...types.objectCopy)) {
            const algorithm = str(object.outputs.serverSideEncryption);
            if (algorithm === UNKNOWN) {
                ctx.undecided("the object's recorded encryption is unknown", object.urn);
            } else if (algorithm !== undefined && !kmsAlgorithms.includes(algorithm)) {
                ctx.report("objectNotKms", { object: object.name, algorithm: algorithm === "" ? "none" : algorithm }, object.urn);
            }
        }
    },
});

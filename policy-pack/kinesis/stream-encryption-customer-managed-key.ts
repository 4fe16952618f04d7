import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, at, bool, isUnknown, str } from "../lib/values";

const subject = "Kinesis {{kind}} '{{resource}}'";

export const kinesisStreamEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "kinesis-stream-encryption-customer-managed-key",
    description:
        "Kinesis data streams and Firehose delivery streams that take records directly must encrypt them at rest with a customer-managed KMS key.",
    rationale:
        "A data stream keeps every record on disk for its whole retention period, unencrypted unless encryptionType is KMS; " +
        "a Firehose delivery stream buffers what producers put into it. The alias/aws/kinesis key and Firehose's AWS owned key " +
        "encrypt, but under key policies nobody can change, so anyone allowed to read the stream reads the records and access " +
        "cannot be cut off by disabling a key. A customer-managed key puts the records behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.kinesis.Stream or aws.kinesis.FirehoseDeliveryStream",
    remediationSteps:
        "On an aws.kinesis.Stream set encryptionType: \"KMS\" and kmsKeyId to the ARN (or alias) of a customer-managed aws.kms.Key, " +
        "not alias/aws/kinesis. On an aws.kinesis.FirehoseDeliveryStream fed by producers directly, set serverSideEncryption to " +
        "{ enabled: true, keyType: \"CUSTOMER_MANAGED_CMK\", keyArn: <ARN of a customer-managed aws.kms.Key> } (a delivery stream " +
        "that reads from a Kinesis stream or MSK is protected by its source's encryption). A key managed outside the stack can " +
        "be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "Kinesis.1",
        specification: "Kinesis streams should be encrypted at rest",
    },
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("streams"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            `${subject} does not encrypt records at rest ({{flag}} is {{value}}). ` +
            "Encrypt it with a customer-managed aws.kms.Key: encryptionType \"KMS\" with kmsKeyId on a stream, serverSideEncryption " +
            "{ enabled: true, keyType: \"CUSTOMER_MANAGED_CMK\", keyArn } on a delivery stream.",
        missingKey: `${subject} encrypts records with KMS but sets no {{setting}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        awsOwnedKey:
            `${subject} encrypts records with a key AWS owns (serverSideEncryption.keyType is {{keyType}}). ` +
            "Set keyType to \"CUSTOMER_MANAGED_CMK\" and keyArn to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const streams = stack.ofType(...types.kinesisStream);
        const deliveryStreams = stack.ofType(...types.firehoseDeliveryStream);
        if (streams.length === 0 && deliveryStreams.length === 0) {
            ctx.notApplicable("the stack has no Kinesis data streams or Firehose delivery streams");
        }
        for (const stream of streams) {
            // Unset, a stream is not encrypted (encryptionType NONE).
            const encryptionType = str(stream.inputs.encryptionType) || "NONE";
            const key = classifyKey(stack, stream, "kmsKeyId", ctx.config.allowedKeyArns);
            reportEncryption(
                ctx,
                encryptionType === UNKNOWN ? UNKNOWN : encryptionType === "KMS",
                key,
                { resource: stream.name, kind: "data stream", setting: "kmsKeyId", flag: "encryptionType", value: `'${String(encryptionType === UNKNOWN ? "unknown" : encryptionType)}'` },
                stream.urn,
            );
        }
        let judged = streams.length;
        for (const delivery of deliveryStreams) {
            // Records that come from a Kinesis stream or MSK stay encrypted by their source;
            // Firehose refuses server-side encryption for such delivery streams.
            const source = [delivery.inputs.kinesisSourceConfiguration, delivery.inputs.mskSourceConfiguration];
            if (source.some((s) => s !== undefined && s !== null && !isUnknown(s))) {
                continue;
            }
            judged++;
            if (source.some(isUnknown)) {
                ctx.undecided("whether records come from a Kinesis stream or MSK is unknown", delivery.urn);
                continue;
            }
            const sse = at(delivery.inputs.serverSideEncryption, 0);
            const enabled = bool(at(sse, "enabled"));
            // Unset, Firehose uses a key AWS owns.
            const keyType = str(at(sse, "keyType")) || "AWS_OWNED_CMK";
            const data = {
                resource: delivery.name,
                kind: "Firehose delivery stream",
                setting: "serverSideEncryption.keyArn",
                flag: "serverSideEncryption.enabled",
                value: enabled === undefined ? "unset (false by default)" : String(enabled),
            };
            if (enabled === false || enabled === undefined) {
                ctx.report("notEncrypted", data, delivery.urn);
            } else if (keyType !== UNKNOWN && keyType !== "CUSTOMER_MANAGED_CMK") {
                // Whether or not encryption turns out to be on, no key of the team's protects the records.
                ctx.report("awsOwnedKey", { ...data, keyType }, delivery.urn);
            } else {
                const key = classifyKey(stack, delivery, "serverSideEncryption", ctx.config.allowedKeyArns, { value: at(sse, "keyArn") });
                // Firehose takes a keyArn only with keyType CUSTOMER_MANAGED_CMK and encryption on.
                const known = enabled === true && keyType !== UNKNOWN;
                const flag = enabled === UNKNOWN ? "serverSideEncryption.enabled" : "serverSideEncryption.keyType";
                reportEncryption(ctx, known ? true : UNKNOWN, key, { ...data, flag }, delivery.urn);
            }
        }
        if (judged === 0) {
            ctx.notApplicable("every Firehose delivery stream in the stack reads from a Kinesis stream or MSK, and there are no Kinesis data streams");
        }
    },
});

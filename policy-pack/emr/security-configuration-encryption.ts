import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { Node, StackGraph } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { at, bool, holdsUnknown, str } from "../lib/values";

const subject = "EMR security configuration '{{resource}}'";
const atRest = "EncryptionConfiguration.AtRestEncryptionConfiguration";

export const emrSecurityConfigurationEncryption = definePolicy<AllowedKeyArnsConfig>({
    name: "emr-security-configuration-encryption",
    description:
        "EMR security configurations must turn on encryption at rest and in transit, encrypting local disks and EMRFS data in S3 with customer-managed KMS keys.",
    rationale:
        "An EMR cluster spreads its working data over the local disks of every node (HDFS, spill files, shuffle data) and reads " +
        "and writes S3 through EMRFS, while its nodes exchange that data over the network. A security configuration that leaves " +
        "encryption at rest or in transit off exposes all of it to anyone with access to the disks, the bucket or the subnet " +
        "(Security Hub EMR.3 and EMR.4). SSE-S3 or a custom key provider protects the data with keys no key policy of the " +
        "team's governs; AWS KMS keys the team manages do.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.emr.SecurityConfiguration",
    remediationSteps:
        "In the security configuration's JSON set EncryptionConfiguration.EnableAtRestEncryption and EnableInTransitEncryption to " +
        "true (in transit needs InTransitEncryptionConfiguration with a TLS certificate provider); under " +
        'AtRestEncryptionConfiguration set S3EncryptionConfiguration { EncryptionMode: "SSE-KMS" (or "CSE-KMS"), AwsKmsKey } and ' +
        'LocalDiskEncryptionConfiguration { EncryptionKeyProviderType: "AwsKms", AwsKmsKey }, each key the ARN of an aws.kms.Key in ' +
        "the stack whose key policy lets the cluster's EC2 instance profile role use it. A security configuration cannot be " +
        "changed: create a new one and launch the clusters with it. A key managed outside the stack can be allowed by adding its " +
        "ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "EMR.3",
        specification: "Amazon EMR security configurations should be encrypted at rest",
    },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("security configurations") },
    noRemediation: "a security configuration names the keys and the certificates of encryption in transit, and a fix never invents a key or a certificate; a changed configuration also reaches only clusters created after it",
    messages: {
        notEnabled: `${subject} does not turn on encryption {{what}} (EncryptionConfiguration.{{flag}} is {{value}}). Set EncryptionConfiguration.{{flag}} to true.`,
        notKms:
            `${subject} does not encrypt {{what}} with AWS KMS ({{setting}} is {{value}}). ` +
            "Set {{setting}} to {{fix}} and its AwsKmsKey to the ARN of a customer-managed aws.kms.Key.",
        missingKey: `${subject} encrypts with AWS KMS but sets no {{setting}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        invalidConfiguration: `${subject} has a configuration that is not a JSON object, so its encryption cannot be judged. Write the configuration as the JSON text of an EMR security configuration.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.emrSecurityConfiguration[0],
    checkStack(stack, ctx) {
        for (const node of stack.ofType(...types.emrSecurityConfiguration)) {
            const text = node.inputs.configuration;
            if (holdsUnknown(text)) {
                ctx.undecided("configuration is unknown", node.urn);
                continue;
            }
            const document = parse(text);
            if (document === undefined) {
                ctx.report("invalidConfiguration", { resource: node.name }, node.urn);
                continue;
            }
            const encryption = at(document, "EncryptionConfiguration");
            const inTransit = bool(at(encryption, "EnableInTransitEncryption"));
            if (inTransit !== true) {
                ctx.report("notEnabled", { resource: node.name, what: "in transit", flag: "EnableInTransitEncryption", value: String(inTransit ?? "unset") }, node.urn);
            }
            const enabled = bool(at(encryption, "EnableAtRestEncryption"));
            if (enabled !== true) {
                ctx.report("notEnabled", { resource: node.name, what: "at rest", flag: "EnableAtRestEncryption", value: String(enabled ?? "unset") }, node.urn);
                continue;
            }
            const s3 = at(encryption, "AtRestEncryptionConfiguration", "S3EncryptionConfiguration");
            const s3Mode = str(at(s3, "EncryptionMode"));
            judgeKms(stack, ctx, node, {
                what: "EMRFS data in S3",
                setting: `${atRest}.S3EncryptionConfiguration.EncryptionMode`,
                kms: s3Mode === "SSE-KMS" || s3Mode === "CSE-KMS",
                value: s3Mode,
                fix: '"SSE-KMS" (or "CSE-KMS")',
                key: at(s3, "AwsKmsKey"),
                keySetting: `${atRest}.S3EncryptionConfiguration.AwsKmsKey`,
            });
            const disk = at(encryption, "AtRestEncryptionConfiguration", "LocalDiskEncryptionConfiguration");
            const provider = str(at(disk, "EncryptionKeyProviderType"));
            judgeKms(stack, ctx, node, {
                what: "local disks",
                setting: `${atRest}.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType`,
                kms: provider === "AwsKms",
                value: provider,
                fix: '"AwsKms"',
                key: at(disk, "AwsKmsKey"),
                keySetting: `${atRest}.LocalDiskEncryptionConfiguration.AwsKmsKey`,
            });
        }
    },
});

/** The configuration as a JSON object (text or object), or undefined when it is neither. */
function parse(value: unknown): Record<string, unknown> | undefined {
    let document = value;
    if (typeof value === "string") {
        try {
            document = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    return document !== null && typeof document === "object" && !Array.isArray(document) ? (document as Record<string, unknown>) : undefined;
}

function judgeKms(
    stack: StackGraph,
    ctx: CheckContext<AllowedKeyArnsConfig>,
    node: Node,
    s: { what: string; setting: string; kms: boolean; value: unknown; fix: string; key: unknown; keySetting: string },
): void {
    if (!s.kms) {
        ctx.report("notKms", { resource: node.name, what: s.what, setting: s.setting, value: typeof s.value === "string" ? `'${s.value}'` : "unset", fix: s.fix }, node.urn);
        return;
    }
    // The JSON holds two keys: the configuration's dependencies decide only a key that is unknown.
    const key = classifyKey(stack, node, "configuration", ctx.config.allowedKeyArns, { value: s.key, shared: true });
    reportKey(ctx, key, { resource: node.name, setting: s.keySetting }, node.urn);
}

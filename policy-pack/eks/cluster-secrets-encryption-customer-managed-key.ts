import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, isUnknown, list } from "../lib/values";

const subject = "EKS cluster '{{resource}}'";
const setting = "encryptionConfig.provider.keyArn";

export const eksClusterSecretsEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "eks-cluster-secrets-encryption-customer-managed-key",
    description: "EKS clusters must envelope-encrypt Kubernetes secrets with a customer-managed KMS key (encryptionConfig).",
    rationale:
        "Kubernetes stores secrets in etcd; without an encryptionConfig for 'secrets' naming a KMS key, they are protected only " +
        "by the encryption of etcd's storage (and, on recent platform versions, a key AWS owns), so anyone who reads etcd or its " +
        "backups reads every secret. Envelope encryption under a customer-managed key puts each secret behind a key policy the " +
        "team controls, with every decryption recorded in CloudTrail.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.eks.Cluster",
    remediationSteps:
        "Set the cluster's encryptionConfig to { resources: [\"secrets\"], provider: { keyArn: <ARN of a customer-managed aws.kms.Key> } } " +
        "(a symmetric key in the cluster's Region). The key cannot be changed or removed once set. A key managed outside the " +
        "stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "EKS.3",
        specification: "EKS clusters should use encrypted Kubernetes secrets",
    },
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("clusters"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        secretsNotEncrypted:
            `${subject} has no encryptionConfig whose resources include "secrets", so Kubernetes secrets are not envelope-encrypted with a key the team controls. ` +
            "Set encryptionConfig to { resources: [\"secrets\"], provider: { keyArn: <ARN of a customer-managed aws.kms.Key> } }.",
        missingKey: `${subject} encrypts secrets but sets no {{setting}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.eksCluster[0],
    checkStack(stack, ctx) {
        const clusters = stack.ofType(...types.eksCluster);
        for (const cluster of clusters) {
            const data = { resource: cluster.name, setting };
            // One block in the provider's schema; older programs and exports hold a list of them.
            // EKS accepts no other value than "secrets" in a block's resources, so a block whose
            // resources are unknown at preview covers secrets once it exists.
            const configs = list(cluster.inputs.encryptionConfig);
            const blocks = configs === UNKNOWN ? [UNKNOWN] : configs.filter((config) => coversSecrets(at(config, "resources")) !== false);
            if (blocks.length === 0) {
                ctx.report("secretsNotEncrypted", data, cluster.urn);
                continue;
            }
            for (const block of blocks) {
                const key = classifyKey(stack, cluster, "encryptionConfig", ctx.config.allowedKeyArns, { value: at(block, "provider", 0, "keyArn") });
                reportKey(ctx, key, data, cluster.urn);
            }
        }
    },
});

/** Whether an encryptionConfig's resources include "secrets" (the only value EKS accepts). */
function coversSecrets(resources: unknown): boolean | Unknown {
    const values = list(resources);
    if (values === UNKNOWN) {
        return UNKNOWN;
    }
    if (values.includes("secrets")) {
        return true;
    }
    return values.some(isUnknown) ? UNKNOWN : false;
}

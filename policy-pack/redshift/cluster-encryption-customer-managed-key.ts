import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption, reportKey } from "../lib/customer-managed-keys";
import { Node, StackGraph } from "../lib/graph";
import { KeyClass, classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { bool } from "../lib/values";

const subject = "Redshift {{kind}} '{{resource}}'";
/** What Redshift Serverless reports as the key of a namespace that names none. */
const awsOwnedKeyMarker = "AWS_OWNED_KMS_KEY";

export const redshiftClusterEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "redshift-cluster-encryption-customer-managed-key",
    description: "Redshift clusters and Redshift Serverless namespaces must encrypt data at rest with a customer-managed KMS key (kmsKeyId).",
    rationale:
        "A warehouse holds the organisation's data in bulk. A cluster with encrypted false keeps it unencrypted on disk and in " +
        "snapshots; without kmsKeyId, clusters and serverless namespaces are encrypted under a key AWS owns (older clusters " +
        "the AWS managed aws/redshift key), which no key policy of the team's governs and which cannot be disabled to cut off " +
        "access. A customer-managed key puts the data and its snapshots behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.redshift.Cluster or aws.redshiftserverless.Namespace",
    remediationSteps:
        "On an aws.redshift.Cluster leave encrypted at its default (true) or set it to \"true\", and set kmsKeyId to the ARN of a " +
        "customer-managed aws.kms.Key; on an aws.redshiftserverless.Namespace set kmsKeyId. Redshift re-encrypts an existing " +
        "cluster when its key changes. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "Redshift.10",
        specification: "Redshift clusters should be encrypted at rest",
    },
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("clusters and namespaces"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted: `${subject} sets encrypted to false, so its data and snapshots are not encrypted at rest. Remove encrypted (it defaults to true) and set kmsKeyId to the ARN of a customer-managed aws.kms.Key.`,
        missingKey:
            `${subject} names no customer-managed key in {{setting}}, so Redshift encrypts it with a key AWS owns. ` +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const clusters = stack.ofType(...types.redshiftCluster);
        const namespaces = stack.ofType(...types.redshiftServerlessNamespace);
        if (clusters.length === 0 && namespaces.length === 0) {
            ctx.notApplicable("the stack has no Redshift clusters or Redshift Serverless namespaces");
        }
        for (const cluster of clusters) {
            // A string in the provider's schema ("true"/"false"); unset, Redshift encrypts.
            const key = keyOf(stack, cluster, ctx.config.allowedKeyArns);
            reportEncryption(ctx, bool(cluster.inputs.encrypted), key, { resource: cluster.name, kind: "cluster", setting: "kmsKeyId", flag: "encrypted" }, cluster.urn, true);
        }
        // A serverless namespace always encrypts at rest; only the key is the program's to choose.
        for (const namespace of namespaces) {
            const key = keyOf(stack, namespace, ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: namespace.name, kind: "Serverless namespace", setting: "kmsKeyId" }, namespace.urn);
        }
    },
});

function keyOf(stack: StackGraph, node: Node, allowedKeyArns: string[]): KeyClass {
    return node.inputs.kmsKeyId === awsOwnedKeyMarker ? { kind: "missing" } : classifyKey(stack, node, "kmsKeyId", allowedKeyArns);
}

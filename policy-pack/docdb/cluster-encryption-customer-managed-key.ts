import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { bool } from "../lib/values";

const subject = "DocumentDB {{kind}} '{{resource}}'";

export const docdbClusterEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "docdb-cluster-encryption-customer-managed-key",
    description: "DocumentDB clusters (instance-based and elastic) must encrypt their storage with a customer-managed KMS key.",
    rationale:
        "An instance-based DocumentDB cluster is created unencrypted unless storageEncrypted is true, and encryption cannot be turned on " +
        "afterwards: its data, backups and snapshots stay readable to whoever reaches the storage or a shared snapshot. With storageEncrypted " +
        "but no kmsKeyId it uses the AWS managed aws/rds key, whose policy cannot be changed and whose snapshots cannot be shared with " +
        "another account. An elastic cluster is always encrypted, but with a key AWS manages unless kmsKeyId names one.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.docdb.Cluster or aws.docdb.ElasticCluster",
    remediationSteps:
        "On each aws.docdb.Cluster set storageEncrypted: true and kmsKeyId to the ARN of a customer-managed aws.kms.Key (an existing " +
        "cluster is replaced: snapshot it, copy the snapshot with the key, and restore from the copy); on each aws.docdb.ElasticCluster " +
        "set kmsKeyId. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "DocumentDB.1",
        specification: "Amazon DocumentDB clusters should be encrypted at rest",
    },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("DocumentDB clusters") },
    noRemediation:
        "storage encryption and its key are chosen when a DocumentDB cluster is created, so setting them replaces the cluster and its data, and the key would be a customer-managed one, which a fix never invents",
    messages: {
        notEncrypted:
            `${subject} does not set {{flag}} to true, so its storage, backups and snapshots are unencrypted, and encryption cannot be turned on ` +
            "later. Set storageEncrypted: true and kmsKeyId to the ARN of a customer-managed aws.kms.Key (the cluster is replaced).",
        missingKey: `${subject} sets no {{setting}}, so it is encrypted with {{instead}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const clusters = stack.ofType(...types.docdbCluster);
        const elastic = stack.ofType(...types.docdbElasticCluster);
        if (clusters.length === 0 && elastic.length === 0) {
            ctx.notApplicable("the stack has no DocumentDB clusters");
        }
        // Unset, storageEncrypted is false, and an encrypted cluster without kmsKeyId uses aws/rds (AWS, Amazon DocumentDB
        // Developer Guide, "Encrypting Amazon DocumentDB data at rest"); DocumentDB takes a kmsKeyId only with storageEncrypted.
        for (const cluster of clusters) {
            const key = classifyKey(stack, cluster, "kmsKeyId", ctx.config.allowedKeyArns);
            const data = { kind: "cluster", resource: cluster.name, flag: "storageEncrypted", setting: "kmsKeyId", instead: "the AWS managed aws/rds key" };
            reportEncryption(ctx, bool(cluster.inputs.storageEncrypted), key, data, cluster.urn);
        }
        // An elastic cluster is always encrypted, with a key AWS manages unless kmsKeyId names one (AWS, Amazon DocumentDB
        // Developer Guide, "Data encryption at rest for Amazon DocumentDB elastic clusters").
        for (const cluster of elastic) {
            const key = classifyKey(stack, cluster, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { kind: "elastic cluster", resource: cluster.name, setting: "kmsKeyId", instead: "a key AWS manages" }, cluster.urn);
        }
    },
});

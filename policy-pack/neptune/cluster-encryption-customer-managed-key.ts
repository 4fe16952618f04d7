import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, bool, str } from "../lib/values";

const subject = "Neptune cluster '{{resource}}'";

export const neptuneClusterEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "neptune-cluster-encryption-customer-managed-key",
    description: "Neptune clusters must encrypt their storage with a customer-managed KMS key (storageEncrypted and kmsKeyArn).",
    rationale:
        "A Neptune cluster is created unencrypted unless storageEncrypted is true, and encryption cannot be turned on afterwards: the graph, " +
        "its backups and snapshots stay readable to whoever reaches the storage or a shared snapshot. With storageEncrypted but no kmsKeyArn " +
        "it uses the AWS managed aws/rds key, whose policy cannot be changed. A read-replica cluster (replicationSourceIdentifier) is " +
        "encrypted as its source is, which is judged on the source.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.neptune.Cluster",
    remediationSteps:
        "On each aws.neptune.Cluster set storageEncrypted: true and kmsKeyArn to the ARN of a customer-managed aws.kms.Key. An existing " +
        "cluster is replaced: snapshot it, and restore the snapshot into a new cluster with the key. A key managed outside the stack can be " +
        "allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "Neptune.1",
        specification: "Neptune DB clusters should be encrypted at rest",
    },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("Neptune clusters") },
    noRemediation:
        "storage encryption and its key are chosen when a Neptune cluster is created, so setting them replaces the cluster and its graph, and the key would be a customer-managed one, which a fix never invents",
    messages: {
        notEncrypted:
            `${subject} does not set {{flag}} to true, so its storage, backups and snapshots are unencrypted, and encryption cannot be turned on ` +
            "later. Set storageEncrypted: true and kmsKeyArn to the ARN of a customer-managed aws.kms.Key (the cluster is replaced).",
        missingKey: `${subject} sets no {{setting}}, so it is encrypted with the AWS managed aws/rds key. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.neptuneCluster[0],
    checkStack(stack, ctx) {
        for (const cluster of stack.ofType(...types.neptuneCluster)) {
            const key = classifyKey(stack, cluster, "kmsKeyArn", ctx.config.allowedKeyArns);
            const data = { resource: cluster.name, flag: "storageEncrypted", setting: "kmsKeyArn" };
            // A read replica is encrypted as its source is (judged on the source), with the source's key unless it names its
            // own (AWS, Neptune User Guide, "Encrypting Neptune resources at rest").
            const source = str(cluster.inputs.replicationSourceIdentifier);
            if (source === UNKNOWN) {
                if (key.kind !== "customer-managed") {
                    ctx.undecided("replicationSourceIdentifier is unknown, and with it whether the cluster is encrypted as its source", cluster.urn);
                }
                continue;
            }
            if (source !== undefined && source !== "") {
                if (key.kind !== "missing") {
                    reportKey(ctx, key, data, cluster.urn);
                }
                continue;
            }
            // Unset, storageEncrypted is false; Neptune takes a kmsKeyArn only with storageEncrypted.
            reportEncryption(ctx, bool(cluster.inputs.storageEncrypted), key, data, cluster.urn);
        }
    },
});

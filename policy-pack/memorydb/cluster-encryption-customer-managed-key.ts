import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";

const subject = "MemoryDB cluster '{{resource}}'";

export const memoryDbClusterEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "memorydb-cluster-encryption-customer-managed-key",
    description: "MemoryDB clusters must encrypt their data at rest with a customer-managed KMS key (kmsKeyArn).",
    rationale:
        "MemoryDB is a primary database: its transaction log, its nodes' disks and its snapshots in S3 hold the data itself. It always " +
        "encrypts them, but without kmsKeyArn with a key the service manages, which no key policy governs and no one can disable to " +
        "cut off access. A customer-managed key puts the data behind a key policy the team controls, and logs each use in CloudTrail.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.memorydb.Cluster",
    remediationSteps:
        "Set kmsKeyArn on each aws.memorydb.Cluster to the ARN of a customer-managed aws.kms.Key. The key is chosen when the cluster is " +
        "created: changing it replaces the cluster (take a snapshot and restore it into the new cluster). A key managed outside the stack " +
        "can be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("MemoryDB clusters") },
    noRemediation:
        "the key is chosen when a MemoryDB cluster is created, so naming one replaces the cluster and its data, and a fix never invents a key",
    messages: {
        missingKey: `${subject} sets no {{setting}}, so its data is encrypted at rest with a key MemoryDB manages itself. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.memoryDbCluster[0],
    checkStack(stack, ctx) {
        // At-rest encryption is always on, with a service-managed key unless kmsKeyArn names one (AWS, MemoryDB Developer
        // Guide, "At-Rest Encryption in MemoryDB").
        for (const cluster of stack.ofType(...types.memoryDbCluster)) {
            const key = classifyKey(stack, cluster, "kmsKeyArn", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: cluster.name, setting: "kmsKeyArn" }, cluster.urn);
        }
    },
});

import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, bool } from "../lib/values";

export const daxClusterEncryptionEnabled = definePolicy({
    name: "dax-cluster-encryption-enabled",
    description: "DynamoDB Accelerator (DAX) clusters must encrypt their cache at rest (serverSideEncryption.enabled).",
    rationale:
        "A DAX cluster caches items read from and written to DynamoDB tables, copies of the data the tables encrypt, on its nodes' " +
        "disks: unencrypted unless serverSideEncryption.enabled is true, and encryption can only be chosen when the cluster is created. " +
        "DAX encrypts with a key AWS owns and offers no customer-managed key, so turning encryption on is all a program can ask for; " +
        "who may read the data is governed by the tables' keys and the cluster's IAM role.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.dax.Cluster",
    remediationSteps:
        "Set serverSideEncryption: { enabled: true } on each aws.dax.Cluster. Encryption is chosen at creation: the cluster is replaced, " +
        "and its cache starts empty (clients refill it from DynamoDB).",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "DynamoDB.3",
        specification: "DynamoDB Accelerator (DAX) clusters should be encrypted at rest",
    },
    noRemediation: "encryption at rest is chosen when a DAX cluster is created, so turning it on replaces the cluster, which a fix never does",
    messages: {
        notEncrypted:
            "DAX cluster '{{resource}}' does not encrypt its cache at rest (serverSideEncryption.enabled is {{enabled}}). " +
            "Set serverSideEncryption: { enabled: true } (the cluster is replaced).",
    },
    withoutResourceSide: true,
    stackType: types.daxCluster[0],
    checkStack(stack, ctx) {
        // Unset, encryption at rest is off; DAX encrypts with an AWS owned key and takes no customer-managed key (AWS, Amazon
        // DynamoDB Developer Guide, "DAX encryption at rest").
        for (const cluster of stack.ofType(...types.daxCluster)) {
            const enabled = bool(at(cluster.inputs.serverSideEncryption, 0, "enabled"));
            if (enabled === UNKNOWN) {
                ctx.undecided("serverSideEncryption.enabled is unknown", cluster.urn);
            } else if (enabled !== true) {
                ctx.report("notEncrypted", { resource: cluster.name, enabled: enabled === undefined ? "unset (false by default)" : "false" }, cluster.urn);
            }
        }
    },
});

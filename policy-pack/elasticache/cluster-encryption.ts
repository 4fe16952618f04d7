import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

export const elastiCacheClusterEncryption = definePolicy({
    name: "elasticache-cluster-encryption",
    description:
        "Node-based ElastiCache clusters (aws.elasticache.Cluster) must belong to a replication group, the only node-based form that encrypts at rest: " +
        "standalone Redis OSS or Valkey nodes and Memcached clusters cannot.",
    rationale:
        "ElastiCache encrypts data at rest only in replication groups and serverless caches. A node-based Memcached cluster cannot " +
        "encrypt at rest at all, and a Redis OSS or Valkey node created on its own (no replicationGroupId) has no setting for it: its " +
        "data, written to disk during sync, backup and swap, and its backups in S3 stay unencrypted. A node that joins a replication " +
        "group is encrypted as the group is, which elasticache-replication-group-encryption-customer-managed-key judges.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.elasticache.Cluster",
    remediationSteps:
        "Replace a standalone Redis OSS or Valkey aws.elasticache.Cluster with an aws.elasticache.ReplicationGroup (one node is allowed) " +
        "with atRestEncryptionEnabled: true and kmsKeyId, or set the node's replicationGroupId to such a group. Replace a Memcached " +
        "cluster with an aws.elasticache.ServerlessCache (engine memcached or valkey) with kmsKeyId, or with a Valkey replication group. " +
        "Export a backup and restore it into the new cache where the data must survive.",
    noRemediation:
        "the fix is another resource, a replication group or a serverless cache, into which the data must be moved: a fix cannot add a resource or replace one",
    messages: {
        memcached:
            "ElastiCache cluster '{{resource}}' runs Memcached on nodes, which ElastiCache cannot encrypt at rest. Replace it with an " +
            "aws.elasticache.ServerlessCache (engine memcached or valkey) with kmsKeyId set to a customer-managed aws.kms.Key, or a Valkey " +
            "aws.elasticache.ReplicationGroup with atRestEncryptionEnabled: true and kmsKeyId.",
        standaloneNode:
            "ElastiCache cluster '{{resource}}' is a standalone {{engine}} node, which cannot encrypt at rest: only replication groups can. " +
            "Declare an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled: true and kmsKeyId (one node is allowed) instead, or " +
            "set the node's replicationGroupId to such a group.",
    },
    withoutResourceSide: true,
    stackType: types.elastiCacheCluster[0],
    checkStack(stack, ctx) {
        // At-rest encryption exists for replication groups and serverless caches only; CreateCacheCluster has no setting for
        // it, and Memcached node-based clusters cannot use it (AWS, Amazon ElastiCache User Guide, "At-Rest Encryption in
        // ElastiCache").
        for (const cluster of stack.ofType(...types.elastiCacheCluster)) {
            const group = str(cluster.inputs.replicationGroupId);
            // A member of a replication group (an unknown group id names one too) is encrypted as its group is.
            if (group === UNKNOWN || (group !== undefined && group !== "")) {
                continue;
            }
            const engine = str(cluster.inputs.engine);
            if (engine === UNKNOWN) {
                ctx.undecided("engine is unknown", cluster.urn);
            } else if (engine?.toLowerCase() === "memcached") {
                ctx.report("memcached", { resource: cluster.name }, cluster.urn);
            } else if (engine !== undefined && engine !== "") {
                ctx.report("standaloneNode", { resource: cluster.name, engine: engine.toLowerCase() === "valkey" ? "Valkey" : "Redis OSS" }, cluster.urn);
            }
        }
    },
});

import { elastiCacheClusterEncryption } from "../../policy-pack/elasticache/cluster-encryption";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = elastiCacheClusterEncryption;
const clusterType = "aws:elasticache/cluster:Cluster";

const group = resource("aws:elasticache/replicationGroup:ReplicationGroup", "sessions", {
    description: "sessions",
    engine: "valkey",
    nodeType: "cache.t4g.small",
    numCacheClusters: 1,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
}, { outputs: { id: "sessions", arn: "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions" } });

const node = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(clusterType, name, { clusterId: name.replace(/_/g, "-"), ...inputs }, extra);
const standalone = (name: string, engine: unknown) => node(name, { engine, nodeType: "cache.t4g.small", numCacheNodes: 1 });

caseTable(policy, [
    // A node that joins a replication group is encrypted as the group is (judged by the replication-group policy).
    { name: "pass_member_of_a_replication_group", resources: [group, node("pass_member", { replicationGroupId: "sessions" })], expect: [] },
    {
        name: "pass_member_of_a_new_replication_group",
        resources: [group, node("pass_new_member", { replicationGroupId: unknown.string }, { propertyDependencies: dependsOn({ replicationGroupId: [group] }) })],
        expect: [],
    },
    { name: "fail_memcached_cluster", resources: [standalone("fail_memcached", "memcached")], expect: [{ on: "fail_memcached", id: "memcached" }] },
    { name: "fail_memcached_with_transit_encryption", resources: [node("fail_memcached_tls", { engine: "memcached", transitEncryptionEnabled: true, numCacheNodes: 2 })], expect: [{ on: "fail_memcached_tls", id: "memcached" }] },
    { name: "fail_standalone_redis_node", resources: [standalone("fail_redis", "redis")], expect: [{ on: "fail_redis", id: "standaloneNode" }] },
    { name: "fail_standalone_valkey_node", resources: [standalone("fail_valkey", "valkey")], expect: [{ on: "fail_valkey", id: "standaloneNode" }] },
    // The export of a standalone node records an empty replicationGroupId.
    { name: "fail_standalone_node_with_empty_group", resources: [node("fail_empty_group", { engine: "redis", replicationGroupId: "" })], expect: [{ on: "fail_empty_group", id: "standaloneNode" }] },
    {
        name: "fail_only_the_standalone_node",
        resources: [group, node("pass_neighbour", { replicationGroupId: "sessions" }), standalone("fail_neighbour", "redis")],
        expect: [{ on: "fail_neighbour", id: "standaloneNode" }],
    },
    { name: "unknown_engine_of_a_standalone_node", resources: [standalone("unknown_engine", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_replication_group_only", resources: [group], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_node_based_clusters", resources: [group], reason: "Policy only applies to resources of type 'aws:elasticache/cluster:Cluster'" }]);

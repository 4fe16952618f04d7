import { docdbClusterEncryptionCustomerManagedKey } from "../../policy-pack/docdb/cluster-encryption-customer-managed-key";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = docdbClusterEncryptionCustomerManagedKey;
const clusterType = "aws:docdb/cluster:Cluster";
const elasticType = "aws:docdb/elasticCluster:ElasticCluster";

const cluster = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(clusterType, name, { clusterIdentifier: name.replace(/_/g, "-"), engine: "docdb", masterUsername: "catalog", manageMasterUserPassword: true, storageEncrypted: true, ...inputs }, extra);
const elastic = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(elasticType, name, { name: name.replace(/_/g, "-"), adminUserName: "catalog", authType: "SECRET_ARN", shardCapacity: 2, shardCount: 1, ...inputs }, extra);
const linked = (dependsOnKey?: ResourceState) => (dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyId: [dependsOnKey] }) } : {});

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "cluster",
        service: "rds",
        build: (name, kmsKeyId, dependsOnKey) => [cluster(name, kmsKeyId === undefined ? {} : { kmsKeyId }, linked(dependsOnKey))],
    }),
    ...keySettingCases(policy.name, {
        prefix: "elastic",
        service: "docdb-elastic",
        build: (name, kmsKeyId, dependsOnKey) => [elastic(name, kmsKeyId === undefined ? {} : { kmsKeyId }, linked(dependsOnKey))],
    }).map((c) => ({ ...c, name: `elastic_${c.name}` })),
    { name: "pass_encrypted_as_string", resources: [key, cluster("pass_string", { storageEncrypted: "true", kmsKeyId: keyArn })], expect: [] },
    { name: "fail_storage_encrypted_unset_defaults_to_false", resources: [key, cluster("fail_default", { storageEncrypted: undefined })], expect: [{ on: "fail_default", id: "notEncrypted" }] },
    { name: "fail_storage_encrypted_false", resources: [key, cluster("fail_off", { storageEncrypted: false })], expect: [{ on: "fail_off", id: "notEncrypted" }] },
    // DocumentDB takes a kmsKeyId only with storageEncrypted: a customer-managed key decides an unknown switch.
    { name: "pass_unknown_switch_with_stack_key", resources: [key, cluster("pass_unknown_switch", { storageEncrypted: unknown.bool, kmsKeyId: keyArn })], expect: [] },
    { name: "unknown_switch_without_key", resources: [key, cluster("unknown_switch", { storageEncrypted: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_clusters", resources: [key], reason: "no DocumentDB clusters" }]);

import { rdsSnapshotEncryptionCustomerManagedKey } from "../../policy-pack/rds/snapshot-encryption-customer-managed-key";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { key, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = rdsSnapshotEncryptionCustomerManagedKey;
const copyType = "aws:rds/snapshotCopy:SnapshotCopy";
const clusterCopyType = "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy";
const globalType = "aws:rds/globalCluster:GlobalCluster";
const primaryArn = "arn:aws:rds:us-east-1:111122223333:cluster:orders-primary";

const copy = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(copyType, name, { sourceDbSnapshotIdentifier: "arn:aws:rds:us-west-2:111122223333:snapshot:orders-2026-12-01", targetDbSnapshotIdentifier: name.replace(/_/g, "-"), ...inputs }, extra);
const clusterCopy = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(clusterCopyType, name, { sourceDbClusterSnapshotIdentifier: "arn:aws:rds:us-west-2:111122223333:cluster-snapshot:orders-2026-12-01", targetDbClusterSnapshotIdentifier: name.replace(/_/g, "-"), ...inputs }, extra);
const global = (name: string, inputs: Record<string, unknown>) => resource(globalType, name, { globalClusterIdentifier: name.replace(/_/g, "-"), engine: "aurora-postgresql", engineVersion: "16.4", ...inputs });
const linked = (dependsOnKey?: ResourceState) => (dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyId: [dependsOnKey] }) } : {});

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "copy",
        service: "rds",
        build: (name, kmsKeyId, dependsOnKey) => [copy(name, kmsKeyId === undefined ? {} : { kmsKeyId }, linked(dependsOnKey))],
    }),
    ...keySettingCases(policy.name, {
        prefix: "cluster_copy",
        service: "rds",
        build: (name, kmsKeyId, dependsOnKey) => [clusterCopy(name, kmsKeyId === undefined ? {} : { kmsKeyId }, linked(dependsOnKey))],
    }).map((c) => ({ ...c, name: `cluster_snapshot_copy_${c.name}` })),
    { name: "pass_global_cluster_encrypted", resources: [global("pass_global", { storageEncrypted: true })], expect: [] },
    // Built from a cluster, a global cluster takes that cluster's encryption, judged on the cluster.
    { name: "pass_global_cluster_built_from_a_cluster", resources: [global("pass_global_source", { engine: undefined, sourceDbClusterIdentifier: primaryArn, forceDestroy: true })], expect: [] },
    { name: "fail_global_cluster_unset_defaults_to_unencrypted", resources: [global("fail_global_unset", {})], expect: [{ on: "fail_global_unset", id: "globalNotEncrypted" }] },
    { name: "fail_global_cluster_unencrypted", resources: [global("fail_global_off", { storageEncrypted: false })], expect: [{ on: "fail_global_off", id: "globalNotEncrypted" }] },
    { name: "unknown_global_cluster_switch", resources: [global("unknown_global", { storageEncrypted: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_global_cluster_source", resources: [global("unknown_global_source", { sourceDbClusterIdentifier: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "pass_global_cluster_unknown_source_but_encrypted", resources: [global("pass_global_unknown_source", { sourceDbClusterIdentifier: unknown.string, storageEncrypted: true })], expect: [] },
]);

stackNotApplicable(policy, [
    // Snapshots taken in the stack are encrypted as their database is: rds-encryption-customer-managed-key judges the database.
    {
        name: "na_snapshots_only",
        resources: [key, resource("aws:rds/snapshot:Snapshot", "orders-snapshot", { dbInstanceIdentifier: "orders", dbSnapshotIdentifier: "orders-2026-12-01" })],
        reason: "no RDS snapshot copies, cluster snapshot copies or global clusters",
    },
]);

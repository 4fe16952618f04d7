import { neptuneClusterEncryptionCustomerManagedKey } from "../../policy-pack/neptune/cluster-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { externalKeyArn, key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = neptuneClusterEncryptionCustomerManagedKey;
const clusterType = "aws:neptune/cluster:Cluster";
const sourceArn = "arn:aws:rds:us-east-1:111122223333:cluster:graph-primary";

const cluster = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(clusterType, name, { clusterIdentifier: name.replace(/_/g, "-"), engine: "neptune", iamDatabaseAuthenticationEnabled: true, storageEncrypted: true, ...inputs }, extra);

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "cluster",
        service: "rds",
        build: (name, kmsKeyArn, dependsOnKey) => [
            cluster(name, kmsKeyArn === undefined ? {} : { kmsKeyArn }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyArn: [dependsOnKey] }) } : {}),
        ],
    }),
    { name: "fail_storage_encrypted_unset_defaults_to_false", resources: [key, cluster("fail_default", { storageEncrypted: undefined })], expect: [{ on: "fail_default", id: "notEncrypted" }] },
    { name: "fail_storage_encrypted_false", resources: [key, cluster("fail_off", { storageEncrypted: false, kmsKeyArn: keyArn })], expect: [{ on: "fail_off", id: "notEncrypted" }] },
    // A read replica is encrypted as its source is, judged on the source; a key it names is its own.
    { name: "pass_read_replica_inherits_its_source", resources: [key, cluster("pass_replica", { storageEncrypted: undefined, replicationSourceIdentifier: sourceArn })], expect: [] },
    { name: "pass_read_replica_with_own_key", resources: [key, cluster("pass_replica_key", { storageEncrypted: undefined, replicationSourceIdentifier: sourceArn, kmsKeyArn: keyArn })], expect: [] },
    {
        name: "fail_read_replica_with_key_of_another_account",
        resources: [key, cluster("fail_replica_external", { storageEncrypted: undefined, replicationSourceIdentifier: sourceArn, kmsKeyArn: externalKeyArn })],
        expect: [{ on: "fail_replica_external", id: "notCustomerManaged" }],
    },
    { name: "unknown_replication_source_without_key", resources: [cluster("unknown_source", { storageEncrypted: undefined, replicationSourceIdentifier: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "pass_unknown_replication_source_with_stack_key", resources: [key, cluster("pass_unknown_source", { replicationSourceIdentifier: unknown.string, kmsKeyArn: keyArn })], expect: [] },
    { name: "pass_unknown_switch_with_stack_key", resources: [key, cluster("pass_unknown_switch", { storageEncrypted: unknown.bool, kmsKeyArn: keyArn })], expect: [] },
    { name: "unknown_switch_without_key", resources: [key, cluster("unknown_switch", { storageEncrypted: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_clusters_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_clusters", resources: [key], reason: "Policy only applies to resources of type 'aws:neptune/cluster:Cluster'" }]);

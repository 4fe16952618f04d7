import { rdsEncryptionCustomerManagedKey } from "../../policy-pack/rds/encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, aliasName, key, keyArn, keySettingCases, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = rdsEncryptionCustomerManagedKey;
const instanceType = "aws:rds/instance:Instance";
const clusterType = "aws:rds/cluster:Cluster";
const clusterInstanceType = "aws:rds/clusterInstance:ClusterInstance";

function instance(name: string, inputs: Record<string, unknown>, extra = {}) {
    const base = { identifier: name, engine: "postgres", engineVersion: "16.4", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app" };
    return resource(instanceType, name, { ...base, ...inputs }, { outputs: { ...base, id: `db-${name}`, arn: `arn:aws:rds:us-east-1:${account}:db:${name}`, ...inputs }, ...extra });
}

function cluster(name: string, inputs: Record<string, unknown>, extra = {}) {
    const base = { clusterIdentifier: name, engine: "aurora-postgresql", engineVersion: "16.4", masterUsername: "app" };
    return resource(clusterType, name, { ...base, ...inputs }, { outputs: { ...base, id: name, arn: `arn:aws:rds:us-east-1:${account}:cluster:${name}`, ...inputs }, ...extra });
}

function clusterInstance(name: string, inputs: Record<string, unknown>) {
    const base = { identifier: name, clusterIdentifier: "pass_cluster", engine: "aurora-postgresql", instanceClass: "db.r6g.large" };
    return resource(clusterInstanceType, name, { ...base, ...inputs }, { outputs: { ...base, id: name, arn: `arn:aws:rds:us-east-1:${account}:db:${name}`, ...inputs } });
}

const encrypted = (...kmsKeyId: unknown[]) => ({ storageEncrypted: true, ...(kmsKeyId.length === 0 ? { kmsKeyId: keyArn } : kmsKeyId[0] === undefined ? {} : { kmsKeyId: kmsKeyId[0] }) });
/** RDS keeps the master password in Secrets Manager, encrypted with `key` (unset: aws/secretsmanager). */
const managedPassword = (...key: unknown[]) => ({ manageMasterUserPassword: true, ...(key.length === 0 ? { masterUserSecretKmsKeyId: keyArn } : key[0] === undefined ? {} : { masterUserSecretKmsKeyId: key[0] }) });
const deps = (prop: string, to?: typeof key) => (to ? { propertyDependencies: dependsOn({ [prop]: [to] }) } : {});

caseTable(policy, [
    // Storage: how kmsKeyId names its key, on an instance.
    ...keySettingCases(policy.name, { prefix: "db", service: "rds", build: (name, kmsKeyId, on) => [instance(name, encrypted(kmsKeyId), deps("kmsKeyId", on))] }),
    { name: "fail_instance_not_encrypted", resources: [key, instance("fail_db_plain", {})], expect: [{ on: "fail_db_plain", id: "notEncrypted" }] },
    { name: "fail_instance_encrypted_false", resources: [key, instance("fail_db_false", { storageEncrypted: false, kmsKeyId: keyArn })], expect: [{ on: "fail_db_false", id: "notEncrypted" }] },
    { name: "pass_read_replica_inherits_its_source", resources: [key, instance("pass_db_source", encrypted()), instance("pass_db_replica", { replicateSourceDb: "pass_db_source" })], expect: [] },
    { name: "pass_read_replica_encrypted_with_its_source_key", resources: [key, instance("pass_db_source_2", encrypted()), instance("pass_db_replica_flag", { replicateSourceDb: "pass_db_source_2", storageEncrypted: true })], expect: [] },
    { name: "pass_cross_region_replica_with_key", resources: [key, instance("pass_db_replica_key", { replicateSourceDb: `arn:aws:rds:eu-west-1:${account}:db:source`, kmsKeyId: keyArn })], expect: [] },
    { name: "fail_read_replica_aws_managed_key", resources: [key, instance("fail_db_replica_aws", { replicateSourceDb: "source", kmsKeyId: "alias/aws/rds" })], expect: [{ on: "fail_db_replica_aws", id: "awsManagedKey" }] },
    // Clusters: provisioned ones default to unencrypted, Aurora Serverless v1 to encrypted with aws/rds.
    { name: "pass_cluster", resources: [key, cluster("pass_cluster", encrypted())], expect: [] },
    { name: "pass_cluster_alias", resources: [key, alias, cluster("pass_cluster_alias", encrypted(aliasName))], expect: [] },
    { name: "pass_cluster_new_key_linked", resources: [newKey, cluster("pass_cluster_new_key", { ...encrypted(unknown.string), ...managedPassword(unknown.string) }, { propertyDependencies: dependsOn({ kmsKeyId: [newKey], masterUserSecretKmsKeyId: [newKey] }) })], expect: [] },
    { name: "fail_provisioned_cluster_not_encrypted", resources: [key, cluster("fail_cluster_plain", {})], expect: [{ on: "fail_cluster_plain", id: "notEncrypted" }] },
    { name: "fail_serverless_v1_cluster_default_key", resources: [key, cluster("fail_cluster_serverless", { engineMode: "serverless" })], expect: [{ on: "fail_cluster_serverless", id: "missingKey" }] },
    { name: "pass_serverless_v1_cluster_with_key", resources: [key, cluster("pass_cluster_serverless", { engineMode: "serverless", kmsKeyId: keyArn })], expect: [] },
    { name: "fail_serverless_v1_cluster_turned_off", resources: [key, cluster("fail_cluster_serverless_off", { engineMode: "serverless", storageEncrypted: false })], expect: [{ on: "fail_cluster_serverless_off", id: "notEncrypted" }] },
    { name: "unknown_cluster_engine_mode", resources: [key, cluster("unknown_cluster_mode", { engineMode: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_cluster_storage_encrypted", resources: [key, cluster("unknown_cluster_flag", { storageEncrypted: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    // Performance Insights, on instances, clusters and cluster instances.
    { name: "pass_insights_with_key", resources: [key, instance("pass_db_insights", { ...encrypted(), performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn })], expect: [] },
    { name: "fail_insights_default_key", resources: [key, instance("fail_db_insights", { ...encrypted(), performanceInsightsEnabled: true })], expect: [{ on: "fail_db_insights", id: "missingKey" }] },
    { name: "pass_insights_off_without_key", resources: [key, instance("pass_db_insights_off", { ...encrypted(), performanceInsightsEnabled: false })], expect: [] },
    { name: "fail_cluster_insights_aws_managed", resources: [key, cluster("fail_cluster_insights", { ...encrypted(), performanceInsightsEnabled: true, performanceInsightsKmsKeyId: "alias/aws/rds" })], expect: [{ on: "fail_cluster_insights", id: "awsManagedKey" }] },
    { name: "pass_cluster_instance_insights_with_key", resources: [key, cluster("pass_cluster", encrypted()), clusterInstance("pass_cluster_member", { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn })], expect: [] },
    { name: "fail_cluster_instance_insights_default_key", resources: [key, cluster("pass_cluster", encrypted()), clusterInstance("fail_cluster_member", { performanceInsightsEnabled: true })], expect: [{ on: "fail_cluster_member", id: "missingKey" }] },
    { name: "pass_cluster_instance_without_insights", resources: [key, cluster("pass_cluster", encrypted()), clusterInstance("pass_cluster_member_plain", {})], expect: [] },
    { name: "unknown_insights_enabled", resources: [key, instance("unknown_db_insights", { ...encrypted(), performanceInsightsEnabled: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The master password RDS keeps in Secrets Manager.
    { name: "pass_master_secret_with_key", resources: [key, instance("pass_db_secret", { ...encrypted(), ...managedPassword() })], expect: [] },
    { name: "pass_cluster_master_secret_with_key", resources: [key, cluster("pass_cluster_secret", { ...encrypted(), ...managedPassword() })], expect: [] },
    { name: "fail_master_secret_default_key", resources: [key, instance("fail_db_secret", { ...encrypted(), ...managedPassword(undefined) })], expect: [{ on: "fail_db_secret", id: "missingKey" }] },
    { name: "pass_master_password_not_managed", resources: [key, instance("pass_db_own_password", { ...encrypted(), manageMasterUserPassword: false })], expect: [] },
    { name: "unknown_master_password_managed", resources: [key, instance("unknown_db_managed", { ...encrypted(), manageMasterUserPassword: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "fail_each_setting_reported",
        resources: [key, instance("fail_db_all", { performanceInsightsEnabled: true, ...managedPassword("alias/aws/secretsmanager") })],
        expect: [
            { on: "fail_db_all", id: "notEncrypted" },
            { on: "fail_db_all", id: "missingKey" },
            { on: "fail_db_all", id: "awsManagedKey" },
        ],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_databases", resources: [key], reason: "no RDS instances or clusters" }]);

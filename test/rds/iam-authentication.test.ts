import { rdsIamAuthentication } from "../../policy-pack/rds/iam-authentication";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const instanceType = "aws:rds/instance:Instance";
const clusterType = "aws:rds/cluster:Cluster";
const clusterInstanceType = "aws:rds/clusterInstance:ClusterInstance";
const neptuneType = "aws:neptune/cluster:Cluster";

const instance = (name: string, engine: unknown, inputs: Record<string, unknown> = {}): ResourceState =>
    resource(instanceType, name, { engine, identifier: name, instanceClass: "db.t4g.micro", allocatedStorage: 20, storageEncrypted: true, iamDatabaseAuthenticationEnabled: true, ...inputs });
const cluster = (name: string, engine: unknown, inputs: Record<string, unknown> = {}): ResourceState =>
    resource(clusterType, name, { engine, clusterIdentifier: name, storageEncrypted: true, iamDatabaseAuthenticationEnabled: true, ...inputs });
const neptune = (name: string, inputs: Record<string, unknown> = {}): ResourceState =>
    resource(neptuneType, name, { clusterIdentifier: name, storageEncrypted: true, iamDatabaseAuthenticationEnabled: true, ...inputs });
/** A read replica as programs write one: no engine, the source's identifier, linked by propertyDependencies. */
const replica = (name: string, source: ResourceState | undefined, inputs: Record<string, unknown> = {}, outputs?: Record<string, unknown>): ResourceState => {
    const props = { replicateSourceDb: source ? source.inputs.identifier : "arn:aws:rds:eu-west-1:111122223333:db:primary", instanceClass: "db.t4g.micro", ...inputs };
    return resource(instanceType, name, props, { propertyDependencies: source ? dependsOn({ replicateSourceDb: [source] }) : {}, ...(outputs ? { outputs: { ...props, ...outputs } } : {}) });
};

const off = { iamDatabaseAuthenticationEnabled: false };
const unset = { iamDatabaseAuthenticationEnabled: undefined };

caseTable(rdsIamAuthentication, [
    { name: "pass_postgres_instance", resources: [instance("pass_postgres", "postgres")], expect: [] },
    { name: "pass_aurora_mysql_cluster", resources: [cluster("pass_aurora", "aurora-mysql")], expect: [] },
    { name: "pass_neptune_cluster", resources: [neptune("pass_graph")], expect: [] },
    // Neptune.7 and RDS.12 judge the cluster; its instances take the cluster's setting.
    {
        name: "pass_cluster_instance_not_judged",
        resources: [cluster("pass_cluster", "aurora-postgresql"), resource(clusterInstanceType, "pass_cluster_writer", { clusterIdentifier: "pass_cluster", engine: "aurora-postgresql", instanceClass: "db.r6g.large" })],
        expect: [],
    },
    { name: "pass_replica_enables_it", resources: [instance("pass_primary", "mysql"), replica("pass_replica", instance("pass_primary", "mysql"), { iamDatabaseAuthenticationEnabled: true })], expect: [] },
    // RDS for Oracle, SQL Server and Db2 (RDS Custom included) do not offer IAM database authentication.
    { name: "pass_oracle_not_judged", resources: [instance("pass_postgres_beside", "postgres"), instance("pass_oracle", "oracle-se2", off)], expect: [] },
    { name: "fail_mysql_instance_unset", resources: [instance("fail_mysql", "mysql", unset)], expect: [{ on: "fail_mysql", id: "notEnabled" }] },
    { name: "fail_mariadb_instance_off", resources: [instance("fail_mariadb", "mariadb", off)], expect: [{ on: "fail_mariadb", id: "notEnabled" }] },
    { name: "fail_engine_in_upper_case", resources: [instance("fail_upper", "Postgres", off)], expect: [{ on: "fail_upper", id: "notEnabled" }] },
    { name: "fail_aurora_postgresql_cluster_off", resources: [cluster("fail_aurora", "aurora-postgresql", off)], expect: [{ on: "fail_aurora", id: "notEnabled" }] },
    { name: "fail_multi_az_db_cluster", resources: [cluster("fail_multi_az", "postgres", unset)], expect: [{ on: "fail_multi_az", id: "notEnabled" }] },
    { name: "fail_neptune_cluster_unset", resources: [neptune("fail_graph", unset)], expect: [{ on: "fail_graph", id: "notEnabled" }] },
    {
        // A replica does not inherit the setting, and runs its in-stack source's engine.
        name: "fail_replica_of_in_stack_source",
        resources: (() => {
            const primary = instance("pass_source", "postgres");
            return [primary, replica("fail_replica", primary)];
        })(),
        expect: [{ on: "fail_replica", id: "notEnabled" }],
    },
    // The state of a deployed replica of a source outside the stack says which engine it runs.
    { name: "fail_replica_engine_from_state", resources: [replica("fail_external_replica", undefined, {}, { engine: "mysql" })], expect: [{ on: "fail_external_replica", id: "notEnabled" }] },
    { name: "unknown_setting", resources: [instance("unknown_setting", "postgres", { iamDatabaseAuthenticationEnabled: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_engine", resources: [instance("unknown_engine", unknown.string, off)], expect: [{ on: "(stack)", id: "undecided" }] },
    // At preview, a replica of a source outside the stack may run an engine without IAM database authentication.
    { name: "unknown_engine_of_external_source", resources: [replica("unknown_external_replica", undefined)], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(rdsIamAuthentication, [
    { name: "na_no_databases", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", { bucket: "na" })], reason: "no RDS DB instances" },
    { name: "na_only_engines_without_iam_authentication", resources: [instance("na_sqlserver", "sqlserver-se", off), cluster("na_db2", "db2-se", off)], reason: "without IAM database authentication (db2-se, sqlserver-se)" },
]);

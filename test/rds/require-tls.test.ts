import { rdsRequireTls } from "../../policy-pack/rds/require-tls";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const instanceType = "aws:rds/instance:Instance";
const clusterType = "aws:rds/cluster:Cluster";
const groupType = "aws:rds/parameterGroup:ParameterGroup";
const clusterGroupType = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

const group = (name: string, family: unknown, parameters: unknown, type = groupType): ResourceState =>
    resource(type, name, { name, family, parameters }, { outputs: { id: name, name, arn: `arn:aws:rds:us-east-1:111122223333:pg:${name}`, family, parameters } });
const instance = (name: string, engine: unknown, groupRef?: ResourceState | string, extra: Record<string, unknown> = {}, provider?: { urn: string; type: string; name: string; inputs: Record<string, unknown> }): ResourceState => {
    const parameterGroupName = typeof groupRef === "string" ? groupRef : groupRef?.inputs.name;
    return resource(instanceType, name, { engine, instanceClass: "db.t4g.micro", allocatedStorage: 20, storageEncrypted: true, ...(parameterGroupName !== undefined ? { parameterGroupName } : {}), ...extra }, {
        propertyDependencies: typeof groupRef === "object" ? dependsOn({ parameterGroupName: [groupRef] }) : {},
        ...(provider ? { provider } : {}),
    });
};
/** An explicit AWS provider, as the state records it. */
const awsProvider = (region: string) => ({ urn: `urn:pulumi:test::fixture::pulumi:providers:aws::${region}`, type: "pulumi:providers:aws", name: region, inputs: { region, version: "7.12.0" } });
const usEast1 = awsProvider("us-east-1");
const euWest1 = awsProvider("eu-west-1");
/** A read replica as programs write one: no engine, no parameter group, the source's identifier (or ARN). */
const replica = (name: string, replicateSourceDb: unknown, source?: ResourceState, extra: Record<string, unknown> = {}, provider?: ReturnType<typeof awsProvider>): ResourceState =>
    resource(instanceType, name, { replicateSourceDb, instanceClass: "db.t4g.micro", skipFinalSnapshot: true, ...extra }, {
        propertyDependencies: source ? dependsOn({ replicateSourceDb: [source] }) : {},
        ...(provider ? { provider } : {}),
    });
const cluster = (name: string, engine: unknown, groupRef?: ResourceState | string): ResourceState => {
    const dbClusterParameterGroupName = typeof groupRef === "string" ? groupRef : groupRef?.inputs.name;
    return resource(clusterType, name, { engine, storageEncrypted: true, ...(dbClusterParameterGroupName !== undefined ? { dbClusterParameterGroupName } : {}) }, {
        propertyDependencies: typeof groupRef === "object" ? dependsOn({ dbClusterParameterGroupName: [groupRef] }) : {},
    });
};
const forceSsl = [{ name: "rds.force_ssl", value: "1" }];
const secureTransport = [{ name: "require_secure_transport", value: "ON" }];

const withGroup = (name: string, engine: string, family: string, parameters: unknown) => {
    const g = group(`${name}-params`, family, parameters);
    return [g, instance(name, engine, g)];
};

caseTable(rdsRequireTls, [
    { name: "pass_postgres_force_ssl", resources: withGroup("pass_postgres", "postgres", "postgres16", forceSsl), expect: [] },
    { name: "pass_mysql_secure_transport", resources: withGroup("pass_mysql", "mysql", "mysql8.0", secureTransport), expect: [] },
    { name: "pass_mariadb_value_1", resources: withGroup("pass_mariadb", "mariadb", "mariadb10.11", [{ name: "require_secure_transport", value: "1" }]), expect: [] },
    { name: "pass_sqlserver_force_ssl", resources: withGroup("pass_sqlserver", "sqlserver-se", "sqlserver-se-15.0", [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }]), expect: [] },
    { name: "pass_parameter_name_case_and_number", resources: withGroup("pass_case", "postgres", "postgres15", [{ name: "RDS.Force_SSL", value: 1 }]), expect: [] },
    {
        name: "pass_group_joined_by_name_only",
        resources: (() => {
            const g = group("by-name-params", "mysql8.0", secureTransport);
            return [g, resource(instanceType, "pass_by_name", { engine: "mysql", parameterGroupName: "by-name-params" })];
        })(),
        expect: [],
    },
    {
        name: "pass_group_name_unknown_joined_by_dependencies",
        resources: (() => {
            const g = resource(groupType, "generated-params", { family: "postgres16", parameters: forceSsl });
            return [g, resource(instanceType, "pass_joined", { engine: "postgres", parameterGroupName: unknown.string }, { propertyDependencies: dependsOn({ parameterGroupName: [g] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_aurora_postgresql_cluster",
        resources: (() => {
            const g = group("aurora-params", "aurora-postgresql16", forceSsl, clusterGroupType);
            return [g, cluster("pass_aurora_pg", "aurora-postgresql", g)];
        })(),
        expect: [],
    },
    {
        name: "pass_aurora_mysql_cluster_and_its_instance",
        resources: (() => {
            const g = group("aurora-mysql-params", "aurora-mysql8.0", secureTransport, clusterGroupType);
            return [g, cluster("pass_aurora_mysql", "aurora-mysql", g), instance("pass_aurora_member", "aurora-mysql")];
        })(),
        expect: [],
    },
    { name: "pass_external_group_allowed", resources: [instance("pass_allowed", "postgres", "platform-tls-postgres16")], config: { "rds-require-tls": { allowedParameterGroups: ["platform-tls-postgres16"] } }, expect: [] },
    { name: "pass_oracle_not_judged", resources: [instance("pass_oracle", "oracle-se2")], expect: [] },
    { name: "fail_instance_default_group", resources: [instance("fail_default", "postgres", undefined, { engineVersion: "14.12" })], expect: [{ on: "fail_default", id: "defaultGroup" }] },
    { name: "fail_instance_named_default_group", resources: [instance("fail_named_default", "mysql", "default.mysql8.0")], expect: [{ on: "fail_named_default", id: "defaultGroup" }] },
    { name: "fail_cluster_default_group", resources: [cluster("fail_cluster_default", "aurora-postgresql")], expect: [{ on: "fail_cluster_default", id: "defaultGroup" }] },
    { name: "fail_force_ssl_off", resources: withGroup("fail_off", "postgres", "postgres16", [{ name: "rds.force_ssl", value: "0" }]), expect: [{ on: "fail_off", id: "notForced" }] },
    { name: "fail_group_without_parameter", resources: withGroup("fail_missing", "mysql", "mysql8.0", [{ name: "max_connections", value: "200" }]), expect: [{ on: "fail_missing", id: "notForced" }] },
    { name: "fail_mysql_group_sets_postgres_parameter", resources: withGroup("fail_wrong_parameter", "mysql", "mysql8.0", forceSsl), expect: [{ on: "fail_wrong_parameter", id: "notForced" }] },
    { name: "fail_secure_transport_off", resources: withGroup("fail_transport_off", "mariadb", "mariadb10.11", [{ name: "require_secure_transport", value: "OFF" }]), expect: [{ on: "fail_transport_off", id: "notForced" }] },
    { name: "fail_external_group", resources: [instance("fail_external", "postgres", "team-postgres16")], expect: [{ on: "fail_external", id: "externalGroup" }] },
    {
        name: "fail_cluster_group_not_forcing",
        resources: (() => {
            const g = group("weak-cluster-params", "aurora-mysql8.0", [], clusterGroupType);
            return [g, cluster("fail_cluster_weak", "aurora-mysql", g)];
        })(),
        expect: [{ on: "fail_cluster_weak", id: "notForced" }],
    },
    {
        name: "fail_engine_unknown_but_family_known",
        resources: (() => {
            const g = group("family-params", "postgres14", []);
            return [g, instance("fail_by_family", unknown.string, g)];
        })(),
        expect: [{ on: "fail_by_family", id: "notForced" }],
    },
    // RDS for PostgreSQL 15 and later: rds.force_ssl is 1 unless a group says otherwise.
    { name: "pass_postgres16_default_group", resources: [instance("pass_pg16_default", "postgres", "default.postgres16", { engineVersion: "16.4" })], expect: [] },
    { name: "pass_postgres_default_group_no_version", resources: [instance("pass_pg_current_default", "postgres")], expect: [] },
    { name: "pass_postgres15_own_group_without_force_ssl", resources: withGroup("pass_pg15_unset", "postgres", "postgres15", [{ name: "log_connections", value: "1" }]), expect: [] },
    { name: "fail_postgres14_default_group", resources: [instance("fail_pg14_default", "postgres", "default.postgres14", { engineVersion: "14.12" })], expect: [{ on: "fail_pg14_default", id: "defaultGroup" }] },
    { name: "fail_postgres14_own_group_without_force_ssl", resources: withGroup("fail_pg14_unset", "postgres", "postgres14", [{ name: "log_connections", value: "1" }]), expect: [{ on: "fail_pg14_unset", id: "notForced" }] },
    {
        // The state of an instance created years ago without engineVersion: the version running says.
        name: "fail_state_default_group_of_an_old_version",
        resources: [
            resource(instanceType, "fail_pg13_state", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20 }, {
                outputs: { id: "db-7QJH2Z5XKXQ4M3OB6Q3ZJ2N4WU", identifier: "fail-pg13", engine: "postgres", engineVersion: "13.15", engineVersionActual: "13.15", parameterGroupName: "default.postgres13" },
            }),
        ],
        expect: [{ on: "fail_pg13_state", id: "defaultGroup" }],
    },
    { name: "unknown_postgres_engine_version", resources: [instance("unknown_pg_version", "postgres", undefined, { engineVersion: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },

    // Read replicas without parameterGroupName: a same-Region one takes its source's group.
    {
        name: "pass_replica_of_a_source_with_a_forcing_group",
        resources: (() => {
            const g = group("primary-params", "postgres14", forceSsl);
            const primary = instance("pass_primary", "postgres", g, { engineVersion: "14.12", identifier: "orders-primary" });
            return [g, primary, replica("pass_replica", primary.inputs.identifier, primary)];
        })(),
        expect: [],
    },
    {
        name: "pass_replica_naming_its_source_by_identifier",
        resources: (() => {
            const g = group("primary2-params", "mysql8.0", secureTransport);
            return [g, instance("pass_primary_2", "mysql", g, { engineVersion: "8.0.39", identifier: "orders-primary-2" }), replica("pass_replica_2", "orders-primary-2")];
        })(),
        expect: [],
    },
    {
        name: "fail_replica_of_a_source_with_a_weak_group",
        resources: (() => {
            const g = group("weak-primary-params", "mysql8.0", []);
            const primary = instance("fail_weak_primary", "mysql", g, { engineVersion: "8.0.39", identifier: "weak-primary" });
            return [g, primary, replica("fail_weak_replica", primary.inputs.identifier, primary)];
        })(),
        expect: [
            { on: "fail_weak_primary", id: "notForced" },
            { on: "fail_weak_replica", id: "notForced" },
        ],
    },
    { name: "fail_replica_of_a_source_outside_the_stack", resources: [replica("fail_external_replica", "legacy-orders", undefined, { engine: "mysql" })], expect: [{ on: "fail_external_replica", id: "externalSource" }] },
    // The engine may be one the policy does not judge (Oracle, Db2).
    { name: "unknown_engine_of_a_replica_of_a_source_outside_the_stack", resources: [replica("unknown_external_replica", "legacy-orders", undefined, { engine: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        // A replica in another Region gets that Region's default group, whatever its source's is.
        name: "fail_cross_region_replica_default_group",
        resources: (() => {
            const g = group("us-primary-params", "mysql8.0", secureTransport);
            const primary = instance("pass_us_primary", "mysql", g, { engineVersion: "8.0.39", identifier: "us-primary" }, usEast1);
            const arn = `arn:aws:rds:us-east-1:111122223333:db:us-primary`;
            return [g, primary, replica("fail_eu_replica", arn, primary, {}, euWest1)];
        })(),
        expect: [{ on: "fail_eu_replica", id: "defaultGroup" }],
    },
    { name: "unknown_replica_source", resources: [replica("unknown_replica_source", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_identifier_of_an_instance_the_replica_may_name",
        resources: [instance("fail_primary_unknown_id", "mysql", "default.mysql8.0", { engineVersion: "8.0.39", identifier: unknown.string }), replica("unknown_replica_of_unknown_id", "orders-primary-3")],
        expect: [
            { on: "fail_primary_unknown_id", id: "defaultGroup" },
            { on: "(stack)", id: "undecided" },
        ],
    },
    { name: "unknown_group_name", resources: [instance("unknown_group", "postgres", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_parameters", resources: withGroup("unknown_parameters", "postgres", "postgres16", unknown.array), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_parameter_value", resources: withGroup("unknown_value", "postgres", "postgres16", [{ name: "rds.force_ssl", value: unknown.string }]), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_engine_on_external_group", resources: [instance("unknown_engine_external", unknown.string, "team-params")], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_family_of_group_not_forcing",
        resources: (() => {
            const g = group("unknown_family-params", unknown.string, []);
            return [g, instance("unknown_family", "postgres", g, { engineVersion: "14.12" })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_engine_on_default_group", resources: [instance("unknown_engine", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(rdsRequireTls, [{ name: "na_no_databases", resources: [group("lonely", "postgres16", forceSsl)], reason: "no RDS DB instances or clusters" }]);

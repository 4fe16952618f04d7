import { docdbClusterRequireTls } from "../../policy-pack/docdb/cluster-require-tls";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const clusterType = "aws:docdb/cluster:Cluster";
const groupType = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";

const group = (name: string, parameters: unknown): ResourceState =>
    resource(groupType, name, { name, family: "docdb5.0", parameters }, { outputs: { id: name, name, arn: `arn:aws:rds:us-east-1:111122223333:cluster-pg:${name}`, family: "docdb5.0", parameters } });
const cluster = (name: string, groupRef?: ResourceState | string): ResourceState => {
    const dbClusterParameterGroupName = typeof groupRef === "string" ? groupRef : groupRef?.inputs.name;
    return resource(clusterType, name, { clusterIdentifier: name.replace(/_/g, "-"), engine: "docdb", masterUsername: "app", manageMasterUserPassword: true, storageEncrypted: true, ...(dbClusterParameterGroupName !== undefined ? { dbClusterParameterGroupName } : {}) }, {
        propertyDependencies: typeof groupRef === "object" ? dependsOn({ dbClusterParameterGroupName: [groupRef] }) : {},
    });
};
const withGroup = (name: string, parameters: unknown) => {
    const g = group(`${name}-params`, parameters);
    return [g, cluster(name, g)];
};
const strict = { "docdb-cluster-require-tls": { allowedTlsValues: ["tls1.2+", "tls1.3+", "fips-140-3"] } };

caseTable(docdbClusterRequireTls, [
    { name: "pass_group_tls12", resources: withGroup("pass_tls12", [{ name: "tls", value: "tls1.2+" }]), expect: [] },
    { name: "pass_group_enabled", resources: withGroup("pass_enabled", [{ name: "tls", value: "enabled" }]), expect: [] },
    { name: "pass_group_without_tls_keeps_enabled", resources: withGroup("pass_unset", [{ name: "audit_logs", value: "enabled" }]), expect: [] },
    { name: "pass_default_group", resources: [cluster("pass_default")], expect: [] },
    { name: "pass_named_default_group", resources: [cluster("pass_named_default", "default.docdb5.0")], expect: [] },
    {
        name: "pass_group_name_unknown_joined_by_dependencies",
        resources: (() => {
            const g = resource(groupType, "generated-params", { family: "docdb5.0", parameters: [{ name: "tls", value: "tls1.3+" }] });
            return [g, resource(clusterType, "pass_joined", { engine: "docdb", dbClusterParameterGroupName: unknown.string }, { propertyDependencies: dependsOn({ dbClusterParameterGroupName: [g] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_group_allowed", resources: [cluster("pass_allowed", "platform-docdb-tls")], config: { "docdb-cluster-require-tls": { allowedParameterGroups: ["platform-docdb-tls"] } }, expect: [] },
    { name: "fail_tls_disabled", resources: withGroup("fail_disabled", [{ name: "tls", value: "disabled" }]), expect: [{ on: "fail_disabled", id: "notRequired" }] },
    { name: "fail_tls_disabled_upper_case_name", resources: withGroup("fail_upper", [{ name: "TLS", value: "disabled" }]), expect: [{ on: "fail_upper", id: "notRequired" }] },
    { name: "fail_external_group", resources: [cluster("fail_external", "team-docdb")], expect: [{ on: "fail_external", id: "externalGroup" }] },
    { name: "fail_strict_enabled_not_allowed", resources: withGroup("fail_strict_enabled", [{ name: "tls", value: "enabled" }]), config: strict, expect: [{ on: "fail_strict_enabled", id: "notRequired" }] },
    { name: "fail_strict_default_group", resources: [cluster("fail_strict_default")], config: strict, expect: [{ on: "fail_strict_default", id: "defaultGroupNotAllowed" }] },
    { name: "pass_strict_tls13", resources: withGroup("pass_strict_tls13", [{ name: "tls", value: "tls1.3+" }]), config: strict, expect: [] },
    { name: "unknown_group_name", resources: [cluster("unknown_group", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_parameters", resources: withGroup("unknown_parameters", unknown.array), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_tls_value", resources: withGroup("unknown_value", [{ name: "tls", value: unknown.string }]), expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(docdbClusterRequireTls, [{ name: "na_no_clusters", resources: [group("lonely", [{ name: "tls", value: "disabled" }])], reason: "no DocumentDB clusters" }]);

import { redshiftClusterRequireTls } from "../../policy-pack/redshift/cluster-require-tls";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const clusterType = "aws:redshift/cluster:Cluster";
const groupType = "aws:redshift/parameterGroup:ParameterGroup";

const group = (name: string, parameters: unknown): ResourceState =>
    resource(groupType, name, { name, family: "redshift-1.0", parameters }, { outputs: { id: name, name, arn: `arn:aws:redshift:us-east-1:111122223333:parametergroup:${name}`, family: "redshift-1.0", parameters } });
const cluster = (name: string, groupRef?: ResourceState | string): ResourceState => {
    const clusterParameterGroupName = typeof groupRef === "string" ? groupRef : groupRef?.inputs.name;
    return resource(clusterType, name, { clusterIdentifier: name.replace(/_/g, "-"), nodeType: "ra3.xlplus", encrypted: true, ...(clusterParameterGroupName !== undefined ? { clusterParameterGroupName } : {}) }, {
        propertyDependencies: typeof groupRef === "object" ? dependsOn({ clusterParameterGroupName: [groupRef] }) : {},
    });
};
const withGroup = (name: string, parameters: unknown) => {
    const g = group(`${name}-params`, parameters);
    return [g, cluster(name, g)];
};
const requireSsl = [{ name: "require_ssl", value: "true" }];

caseTable(redshiftClusterRequireTls, [
    { name: "pass_require_ssl", resources: withGroup("pass_baseline", [...requireSsl, { name: "enable_user_activity_logging", value: "true" }]), expect: [] },
    { name: "pass_upper_case_value", resources: withGroup("pass_upper", [{ name: "require_ssl", value: "TRUE" }]), expect: [] },
    {
        name: "pass_generated_name_joined_by_dependencies",
        resources: (() => {
            const g = resource(groupType, "generated", { family: "redshift-1.0", parameters: requireSsl });
            return [g, resource(clusterType, "pass_joined", { clusterParameterGroupName: unknown.string }, { propertyDependencies: dependsOn({ clusterParameterGroupName: [g] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_allowed", resources: [cluster("pass_allowed", "platform-require-ssl")], config: { "redshift-cluster-require-tls": { allowedParameterGroups: ["platform-require-ssl"] } }, expect: [] },
    { name: "fail_default_group", resources: [cluster("fail_default")], expect: [{ on: "fail_default", id: "defaultGroup" }] },
    { name: "fail_named_default_group", resources: [cluster("fail_named_default", "default.redshift-1.0")], expect: [{ on: "fail_named_default", id: "defaultGroup" }] },
    { name: "fail_require_ssl_false", resources: withGroup("fail_false", [{ name: "require_ssl", value: "false" }]), expect: [{ on: "fail_false", id: "notRequired" }] },
    { name: "fail_group_without_require_ssl", resources: withGroup("fail_missing", [{ name: "enable_user_activity_logging", value: "true" }]), expect: [{ on: "fail_missing", id: "notRequired" }] },
    { name: "fail_external_group", resources: [cluster("fail_external", "team-params")], expect: [{ on: "fail_external", id: "externalGroup" }] },
    { name: "unknown_group_name", resources: [cluster("unknown_name", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_parameters", resources: withGroup("unknown_parameters", unknown.array), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_value", resources: withGroup("unknown_value", [{ name: "require_ssl", value: unknown.string }]), expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(redshiftClusterRequireTls, [{ name: "na_no_clusters", resources: [group("lonely", requireSsl)], reason: "no Redshift clusters" }]);

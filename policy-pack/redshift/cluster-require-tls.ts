import { attachedGroup, groupLabel, groupSets } from "../lib/parameter-groups";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";

export const redshiftClusterRequireTls = definePolicy<{ allowedParameterGroups: string[] }>({
    name: "redshift-cluster-require-tls",
    description: "Redshift clusters must use a parameter group that sets require_ssl to true.",
    rationale:
        "A Redshift cluster speaks the PostgreSQL wire protocol and, with require_ssl false (the default group's value), accepts " +
        "clients that do not ask for TLS: their credentials and result sets cross the network in clear text.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Declare an aws.redshift.ParameterGroup (family redshift-1.0) with parameters [{ name: \"require_ssl\", value: \"true\" }] " +
        "and set the cluster's clusterParameterGroupName to its name. The default group cannot be changed.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "Redshift.2", specification: "Connections to Amazon Redshift clusters should be encrypted in transit" },
    parameters: {
        allowedParameterGroups: {
            type: "array",
            items: { type: "string" },
            description: "Names of parameter groups outside the stack that are known to set require_ssl to true.",
            default: [],
        },
    },
    noRemediation: "requiring SSL is a parameter of a group shared by every cluster that uses it, clients that connect without SSL stop working, and a missing group would be a new resource, which a fix cannot add",
    messages: {
        defaultGroup:
            "Redshift cluster '{{cluster}}' uses {{group}}, whose require_ssl is false and cannot be changed. Attach an " +
            "aws.redshift.ParameterGroup with require_ssl = true through clusterParameterGroupName.",
        notRequired:
            "Redshift cluster '{{cluster}}' uses parameter group {{group}}, which does not set require_ssl to true, so the cluster " +
            "accepts plaintext connections. Add { name: \"require_ssl\", value: \"true\" } to its parameters.",
        externalGroup:
            "Redshift cluster '{{cluster}}' uses parameter group '{{group}}', which is not in the stack, so whether it requires TLS " +
            "cannot be checked. Declare it as an aws.redshift.ParameterGroup with require_ssl = true, or add its name to allowedParameterGroups.",
    },
    // Judged on what other policies recorded at Analyze, else on outputs: an unset group name is the
    // default group in outputs (`default.redshift-1.0`) or unknown at preview, so outputs alone give
    // the same verdict or an undecided one.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const clusters = stack.ofType(...types.redshiftCluster);
        if (clusters.length === 0) {
            ctx.notApplicable("the stack has no Redshift clusters");
        }
        for (const cluster of clusters) {
            const attachment = attachedGroup(stack, cluster, "clusterParameterGroupName", [...types.redshiftParameterGroup], ctx.config.allowedParameterGroups);
            switch (attachment.kind) {
                case "unknown":
                    ctx.undecided("clusterParameterGroupName is unknown", cluster.urn);
                    break;
                case "default":
                    ctx.report("defaultGroup", { cluster: cluster.name, group: attachment.groupName ? `the default parameter group '${attachment.groupName}'` : "the default parameter group" }, cluster.urn);
                    break;
                case "external":
                    ctx.report("externalGroup", { cluster: cluster.name, group: attachment.groupName }, cluster.urn);
                    break;
                case "inStack":
                    for (const group of attachment.groups) {
                        const verdict = groupSets(group, "require_ssl", (v) => ["true", "1", "on"].includes(v.toLowerCase()));
                        if (verdict === "fail") {
                            ctx.report("notRequired", { cluster: cluster.name, group: groupLabel(group) }, cluster.urn);
                        } else if (verdict === "unknown") {
                            ctx.undecided(`the parameters of ${groupLabel(group)} are unknown`, cluster.urn);
                        }
                    }
                    break;
                case "allowed":
                    break;
            }
        }
    },
});

import { attachedGroup, groupLabel, groupSets } from "../lib/parameter-groups";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";

/**
 * A DocumentDB cluster parameter group that does not list `tls` keeps the engine's default,
 * 'enabled', as the default groups do: new clusters require TLS unless a group turns it off
 * (Amazon DocumentDB Developer Guide, "Encrypting data in transit").
 */
const engineDefault = "enabled";

export const docdbClusterRequireTls = definePolicy<{ allowedTlsValues: string[]; allowedParameterGroups: string[] }>({
    name: "docdb-cluster-require-tls",
    description: "DocumentDB clusters must use a cluster parameter group whose tls parameter requires TLS.",
    rationale:
        "Amazon DocumentDB requires TLS on new clusters through the tls parameter of the cluster parameter group. A group that " +
        "sets tls to 'disabled' makes the cluster accept plaintext connections, over which the database credentials and " +
        "every document travel in clear text.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Leave the cluster on the default group, or on an aws.docdb.ClusterParameterGroup that does not set tls or sets it " +
        "to one of allowedTlsValues (e.g. { name: \"tls\", value: \"tls1.2+\" }); the change applies after the instances reboot.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "DocumentDB.6", specification: "Amazon DocumentDB clusters should be encrypted in transit" },
    parameters: {
        allowedTlsValues: {
            type: "array",
            items: { type: "string" },
            description:
                "Values of the tls parameter that count as requiring TLS. 'enabled' accepts TLS 1.0 and later; remove it to require " +
                "'tls1.2+', 'tls1.3+' or 'fips-140-3'.",
            default: ["enabled", "tls1.2+", "tls1.3+", "fips-140-3"],
        },
        allowedParameterGroups: {
            type: "array",
            items: { type: "string" },
            description: "Names of cluster parameter groups outside the stack that are known to require TLS.",
            default: [],
        },
    },
    noRemediation:
        "the tls parameter belongs to a cluster parameter group shared by every cluster that uses it, clients that connect without TLS stop working once the instances reboot, and a missing group would be a new resource, which a fix cannot add",
    messages: {
        notRequired:
            "DocumentDB cluster '{{cluster}}' uses parameter group {{group}}, whose tls parameter is not one of {{allowed}}, so the " +
            "cluster accepts connections without TLS (or with TLS versions not allowed). Set { name: \"tls\", value: \"tls1.2+\" } " +
            "(or another allowed value) in that group.",
        defaultGroupNotAllowed:
            "DocumentDB cluster '{{cluster}}' uses {{group}}, whose tls is 'enabled', which allowedTlsValues does not allow. Attach " +
            "an aws.docdb.ClusterParameterGroup with tls set to one of {{allowed}} through dbClusterParameterGroupName.",
        externalGroup:
            "DocumentDB cluster '{{cluster}}' uses parameter group '{{group}}', which is not in the stack, so whether it requires " +
            "TLS cannot be checked. Declare it as an aws.docdb.ClusterParameterGroup, or add its name to allowedParameterGroups.",
    },
    // Judged on what other policies recorded at Analyze, else on outputs: the group's name and
    // parameters are the same in both, and an unset group name is the default group in outputs
    // (`default.docdb5.0`) or unknown at preview.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const clusters = stack.ofType(...types.docdbCluster);
        if (clusters.length === 0) {
            ctx.notApplicable("the stack has no DocumentDB clusters");
        }
        const allowed = ctx.config.allowedTlsValues.map((v) => v.toLowerCase());
        const accepts = (value: string) => allowed.includes(value.toLowerCase());
        for (const cluster of clusters) {
            const attachment = attachedGroup(stack, cluster, "dbClusterParameterGroupName", [...types.docdbClusterParameterGroup], ctx.config.allowedParameterGroups);
            switch (attachment.kind) {
                case "unknown":
                    ctx.undecided("dbClusterParameterGroupName is unknown", cluster.urn);
                    break;
                case "allowed":
                    break;
                case "default":
                    if (!accepts(engineDefault)) {
                        const group = attachment.groupName ? `the default parameter group '${attachment.groupName}'` : "the default parameter group";
                        ctx.report("defaultGroupNotAllowed", { cluster: cluster.name, group, allowed: ctx.config.allowedTlsValues }, cluster.urn);
                    }
                    break;
                case "external":
                    ctx.report("externalGroup", { cluster: cluster.name, group: attachment.groupName }, cluster.urn);
                    break;
                case "inStack":
                    for (const group of attachment.groups) {
                        const verdict = groupSets(group, "tls", accepts, engineDefault);
                        if (verdict === "fail") {
                            ctx.report("notRequired", { cluster: cluster.name, group: groupLabel(group), allowed: ctx.config.allowedTlsValues }, cluster.urn);
                        } else if (verdict === "unknown") {
                            ctx.undecided(`the parameters of ${groupLabel(group)} are unknown`, cluster.urn);
                        }
                    }
                    break;
            }
        }
    },
});

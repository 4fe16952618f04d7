import { Node } from "../lib/graph";
import { attachedGroup, groupLabel, groupSets } from "../lib/parameter-groups";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, str } from "../lib/values";

/** The parameter that makes an engine refuse connections without TLS, and the values that turn it on. */
interface TlsParameter {
    name: string;
    setting: string;
    accepts(value: string): boolean;
}

const forceSsl: TlsParameter = { name: "rds.force_ssl", setting: "1", accepts: (v) => v === "1" };
const requireSecureTransport: TlsParameter = { name: "require_secure_transport", setting: "ON", accepts: (v) => ["on", "1", "true"].includes(v.toLowerCase()) };

/**
 * Which parameter applies to an engine or a parameter-group family (`postgres16`,
 * `aurora-mysql8.0`, `sqlserver-se-15.0`, `mariadb10.11`, …). Oracle and Db2 enforce TLS through
 * option groups and listeners rather than a parameter: `null`, not judged here.
 */
function tlsParameterOf(engineOrFamily: string): TlsParameter | null {
    const v = engineOrFamily.toLowerCase();
    if (/^(aurora-postgresql|postgres|(custom-)?sqlserver)/.test(v)) {
        return forceSsl;
    }
    if (/^(aurora-mysql|aurora($|\d)|mysql|mariadb)/.test(v)) {
        return requireSecureTransport;
    }
    return null;
}

function engineParameter(node: Node): TlsParameter | null | Unknown | undefined {
    const engine = str(node.inputs.engine);
    return typeof engine === "string" ? tlsParameterOf(engine) : engine;
}

const targets = [
    { types: [...types.rdsInstance], what: "DB instance", prop: "parameterGroupName", groupTypes: [...types.rdsParameterGroup], groupResource: "aws.rds.ParameterGroup" },
    { types: [...types.rdsCluster], what: "DB cluster", prop: "dbClusterParameterGroupName", groupTypes: [...types.rdsClusterParameterGroup], groupResource: "aws.rds.ClusterParameterGroup" },
];

export const rdsRequireTls = definePolicy<{ allowedParameterGroups: string[] }>({
    name: "rds-require-tls",
    description: "RDS DB instances and Aurora / Multi-AZ DB clusters must use a parameter group that refuses connections without TLS.",
    rationale:
        "RDS offers TLS on every engine but, unless the parameter group forces it, accepts plaintext connections too: a client " +
        "or driver that does not ask for TLS sends credentials and query data in clear text. The default parameter groups " +
        "cannot be changed, so enforcement needs a group of the program's own, attached to the instance or cluster.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Declare an aws.rds.ParameterGroup (instances) or aws.rds.ClusterParameterGroup (Aurora and Multi-AZ DB clusters) for " +
        "the engine's family with parameter rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, " +
        "MariaDB), and attach it with parameterGroupName / dbClusterParameterGroupName. For SQL Server the change applies after " +
        "a reboot.",
    parameters: {
        allowedParameterGroups: {
            type: "array",
            items: { type: "string" },
            description: "Names of parameter groups outside the stack that are known to force TLS (e.g. managed by a platform team).",
            default: [],
        },
    },
    messages: {
        defaultGroup:
            "{{what}} '{{resource}}' uses {{group}}, which cannot be changed and does not force TLS. Attach a parameter group ({{groupResource}}) that " +
            "sets {{parameter}} = {{setting}} through {{prop}}.",
        notForced:
            "{{what}} '{{resource}}' uses parameter group {{group}}, which does not set {{parameter}} = {{setting}}, so the database " +
            "accepts plaintext connections. Add the parameter to that {{groupResource}}.",
        externalGroup:
            "{{what}} '{{resource}}' uses parameter group '{{group}}', which is not in the stack, so whether it forces TLS cannot be " +
            "checked. Declare it in the stack ({{groupResource}}) with {{parameter}} = {{setting}}, or add its name to allowedParameterGroups.",
    },
    // Judged on what other policies recorded at Analyze, else on outputs: the parameter group's name, family
    // and parameters are the same in both, and an unset group name is the default group in outputs
    // (`default.…`) or unknown at preview, so outputs alone give the same verdict or an undecided one.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const judged = targets.flatMap((t) => stack.ofType(...t.types).map((node) => ({ node, target: t })));
        if (judged.length === 0) {
            ctx.notApplicable("the stack has no RDS DB instances or clusters");
        }
        for (const { node, target } of judged) {
            const byEngine = engineParameter(node);
            // An Aurora instance's TLS setting is its cluster's, whose group decides.
            const isInstance = target.what === "DB instance";
            if (isInstance && /^aurora/i.test(String(str(node.inputs.engine) ?? ""))) {
                continue;
            }
            const attachment = attachedGroup(stack, node, target.prop, target.groupTypes, ctx.config.allowedParameterGroups);
            const parameterText = (p: TlsParameter | Unknown | null | undefined) => (p === UNKNOWN || p === undefined || p === null ? "rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL, MariaDB)" : p.name);
            const settingText = (p: TlsParameter | Unknown | null | undefined) => (p === UNKNOWN || p === undefined || p === null ? "1 / ON" : p.setting);
            const data = { what: target.what, resource: node.name, groupResource: target.groupResource, prop: target.prop };
            // Oracle and Db2 are not judged: by their engine, unless a group of a known family says what they run.
            if (byEngine === null && attachment.kind !== "inStack") {
                continue;
            }
            switch (attachment.kind) {
                case "unknown":
                    ctx.undecided(`${target.prop} is unknown`, node.urn);
                    break;
                case "allowed":
                    break;
                case "default":
                    if (byEngine === UNKNOWN) {
                        ctx.undecided("the engine is unknown", node.urn);
                    } else {
                        const group = attachment.groupName ? `the default parameter group '${attachment.groupName}'` : "the engine's default parameter group";
                        ctx.report("defaultGroup", { ...data, group, parameter: parameterText(byEngine), setting: settingText(byEngine) }, node.urn);
                    }
                    break;
                case "external":
                    if (byEngine === UNKNOWN) {
                        ctx.undecided("the engine is unknown", node.urn);
                        break;
                    }
                    ctx.report("externalGroup", { ...data, group: attachment.groupName, parameter: parameterText(byEngine), setting: settingText(byEngine) }, node.urn);
                    break;
                case "inStack":
                    for (const group of attachment.groups) {
                        // The group's family decides which parameter the group holds; the engine when the family is unknown.
                        const family = str(group.inputs.family);
                        if (isInstance && typeof family === "string" && /^aurora/i.test(family)) {
                            continue;
                        }
                        const parameter = typeof family === "string" ? tlsParameterOf(family) : byEngine;
                        if (parameter === null) {
                            continue;
                        }
                        if (parameter === UNKNOWN || parameter === undefined) {
                            ctx.undecided("the engine and the parameter group's family are unknown", node.urn);
                            continue;
                        }
                        const verdict = groupSets(group, parameter.name, parameter.accepts);
                        // While the family is unknown, the group may be one of an engine not judged here.
                        if (verdict === "fail" && family === UNKNOWN) {
                            ctx.undecided(`the family of ${groupLabel(group)} is unknown`, node.urn);
                        } else if (verdict === "fail") {
                            ctx.report("notForced", { ...data, group: groupLabel(group), parameter: parameter.name, setting: parameter.setting }, node.urn);
                        } else if (verdict === "unknown") {
                            ctx.undecided(`the parameters of ${groupLabel(group)} are unknown`, node.urn);
                        }
                    }
                    break;
            }
        }
    },
});

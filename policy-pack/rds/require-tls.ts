import { Node, StackGraph, regionOf, sameRegion } from "../lib/graph";
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

/**
 * Whether RDS turns the TLS parameter on in a group that leaves it unset: rds.force_ssl defaults to
 * 1 on RDS for PostgreSQL 15 and later (so its default groups, `default.postgres15` on, refuse
 * plaintext too), and to 0 on earlier versions and on every other engine, Aurora PostgreSQL
 * included (Amazon RDS User Guide, "Using SSL with a PostgreSQL DB instance", on rds.force_ssl).
 */
function forcedByDefaultInFamily(family: string): boolean {
    const match = /^postgres(\d+)$/i.exec(family.trim());
    return match !== null && Number(match[1]) >= 15;
}

/** What a database runs: read from the first of `nodes` that says (a replica runs its source's engine). */
interface Engine {
    engine: string | Unknown | undefined;
    version: string | Unknown | undefined;
}

function engineOf(nodes: Node[]): Engine {
    const first = (read: (node: Node) => string | Unknown | undefined) => nodes.map(read).find((v) => v !== undefined);
    return {
        engine: first((n) => str(n.inputs.engine) ?? str(n.outputs.engine)),
        // The version the program asked for, else the one running (the state's engineVersionActual).
        version: first((n) => str(n.inputs.engineVersion) ?? str(n.outputs.engineVersionActual) ?? str(n.outputs.engineVersion)),
    };
}

/** forcedByDefaultInFamily for an engine and version; a database that names no version runs the engine's current default major version (15 or later for PostgreSQL). */
function forcedByDefaultForEngine({ engine, version }: Engine): boolean | Unknown {
    if (engine === UNKNOWN) {
        return UNKNOWN;
    }
    if (engine?.toLowerCase() !== "postgres") {
        return false;
    }
    if (version === UNKNOWN) {
        return UNKNOWN;
    }
    return version === undefined || Number.parseInt(version, 10) >= 15;
}

/**
 * Whose parameter group a DB instance uses. A same-Region read replica created without
 * parameterGroupName takes its source's group, not the default one; a replica in another Region
 * gets its own Region's default group. (Replicas of replicas follow the chain.)
 */
type GroupOwner =
    | { kind: "owner"; owner: Node; engineFrom: Node[] }
    | { kind: "externalSource"; source: string }
    | { kind: "unknown"; what: string };

function groupOwner(stack: StackGraph, node: Node): GroupOwner {
    let owner = node;
    const engineFrom = [node];
    for (;;) {
        const step = replicaSource(stack, owner);
        if (step.kind !== "source" || engineFrom.includes(step.source)) {
            if (step.kind === "otherRegion") {
                return { kind: "owner", owner, engineFrom: step.source ? [...engineFrom, step.source] : engineFrom };
            }
            return step.kind === "externalSource" || step.kind === "unknown" ? step : { kind: "owner", owner, engineFrom };
        }
        owner = step.source;
        engineFrom.push(owner);
    }
}

type ReplicaSource =
    | { kind: "none" }
    | { kind: "source"; source: Node }
    | { kind: "otherRegion"; source?: Node }
    | { kind: "externalSource"; source: string }
    | { kind: "unknown"; what: string };

function replicaSource(stack: StackGraph, node: Node): ReplicaSource {
    const groupName = node.inputs.parameterGroupName;
    const reference = str(node.inputs.replicateSourceDb);
    if ((groupName !== undefined && groupName !== null && groupName !== "") || reference === undefined || reference === "") {
        return { kind: "none" };
    }
    let sources = stack.targets(node, "replicateSourceDb", [...types.rdsInstance]);
    if (sources !== UNKNOWN && sources.length === 0 && typeof reference === "string") {
        // Same-Region replicas name their source by identifier, which is not among the graph's
        // identities; an instance whose identifier is unknown at preview may be the one named.
        const others = stack.ofType(...types.rdsInstance).filter((n) => n !== node);
        const identifiers = (n: Node) => [str(n.inputs.identifier), str(n.outputs.identifier)];
        sources = others.filter((n) => identifiers(n).includes(reference));
        if (sources.length === 0 && !reference.startsWith("arn:") && others.some((n) => identifiers(n).includes(UNKNOWN))) {
            sources = UNKNOWN;
        }
    }
    if (sources === UNKNOWN) {
        return { kind: "unknown", what: "replicateSourceDb is unknown" };
    }
    if (sources.length > 0) {
        const source = sources[0];
        const same = sameRegion(node, source);
        return same === "pass" ? { kind: "source", source } : same === "fail" ? { kind: "otherRegion", source } : { kind: "unknown", what: `the Region of the replica or of its source '${source.name}' is unknown` };
    }
    if (reference === UNKNOWN) {
        return { kind: "unknown", what: "replicateSourceDb is unknown" };
    }
    const sourceRegion = reference.startsWith("arn:") ? reference.split(":")[3] : undefined;
    const region = regionOf(node);
    // An identifier names an instance of the replica's own Region; an ARN says which Region.
    if (sourceRegion === undefined || sourceRegion === region) {
        return { kind: "externalSource", source: reference };
    }
    return typeof region === "string" ? { kind: "otherRegion" } : { kind: "unknown", what: "the Region of the replica is unknown" };
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
        "or driver that does not ask for TLS sends credentials and query data in clear text. RDS for PostgreSQL 15 and later " +
        "forces TLS by default (rds.force_ssl is 1 unless a group sets it otherwise), so its default group and a group of the " +
        "program's own that leaves the parameter unset both refuse plaintext. On the other engines and on earlier PostgreSQL " +
        "versions the default groups accept plaintext and cannot be changed, so enforcement needs a group of the program's own, " +
        "attached to the instance or cluster. A same-Region read replica created without a group uses its source's.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Declare an aws.rds.ParameterGroup (instances) or aws.rds.ClusterParameterGroup (Aurora and Multi-AZ DB clusters) for " +
        "the engine's family with parameter rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, " +
        "MariaDB), and attach it with parameterGroupName / dbClusterParameterGroupName. For SQL Server the change applies after " +
        "a reboot. On RDS for PostgreSQL 15 and later, leaving rds.force_ssl unset (or the default group) is enough.",
    parameters: {
        allowedParameterGroups: {
            type: "array",
            items: { type: "string" },
            description: "Names of parameter groups outside the stack that are known to force TLS (e.g. managed by a platform team).",
            default: [],
        },
    },
    noRemediation: "requiring TLS is a parameter of a group shared by every instance that uses it, clients that connect without TLS stop working, and a missing group would be a new resource, which a fix cannot add",
    messages: {
        defaultGroup:
            "{{what}} '{{resource}}' uses {{group}}, which cannot be changed and does not force TLS. Attach a parameter group ({{groupResource}}) that " +
            "sets {{parameter}} = {{setting}} through {{prop}}.",
        notForced:
            "{{what}} '{{resource}}' uses parameter group {{group}}, which does not set {{parameter}} = {{setting}}, so the database " +
            "accepts plaintext connections. Add the parameter to that {{groupResource}}.",
        externalSource:
            "{{what}} '{{resource}}' is a read replica of '{{source}}', which is not in the stack, and sets no {{prop}}, so it uses that " +
            "instance's parameter group and whether it forces TLS cannot be checked. Set {{prop}} to a {{groupResource}} with {{parameter}} = {{setting}}.",
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
            const isInstance = target.what === "DB instance";
            const data = { what: target.what, resource: node.name, groupResource: target.groupResource, prop: target.prop };
            const owner = isInstance ? groupOwner(stack, node) : { kind: "owner" as const, owner: node, engineFrom: [node] };
            if (owner.kind === "unknown") {
                ctx.undecided(owner.what, node.urn);
                continue;
            }
            const engine = engineOf(owner.kind === "owner" ? owner.engineFrom : [node]);
            const byEngine = typeof engine.engine === "string" ? tlsParameterOf(engine.engine) : engine.engine;
            // An Aurora instance's TLS setting is its cluster's, whose group decides.
            if (isInstance && typeof engine.engine === "string" && /^aurora/i.test(engine.engine)) {
                continue;
            }
            const parameterText = (p: TlsParameter | Unknown | null | undefined) => (p === UNKNOWN || p === undefined || p === null ? "rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL, MariaDB)" : p.name);
            const settingText = (p: TlsParameter | Unknown | null | undefined) => (p === UNKNOWN || p === undefined || p === null ? "1 / ON" : p.setting);
            if (owner.kind === "externalSource") {
                // An unknown engine may be one that is not judged (Oracle, Db2).
                if (byEngine === UNKNOWN) {
                    ctx.undecided("the engine is unknown", node.urn);
                } else if (byEngine !== null) {
                    ctx.report("externalSource", { ...data, source: owner.source, parameter: parameterText(byEngine), setting: settingText(byEngine) }, node.urn);
                }
                continue;
            }
            const attachment = attachedGroup(stack, owner.owner, target.prop, target.groupTypes, ctx.config.allowedParameterGroups);
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
                case "default": {
                    const forced = attachment.groupName ? forcedByDefaultInFamily(attachment.groupName.slice("default.".length)) : forcedByDefaultForEngine(engine);
                    if (forced === true) {
                        break;
                    }
                    if (byEngine === UNKNOWN || forced === UNKNOWN) {
                        ctx.undecided(byEngine === UNKNOWN ? "the engine is unknown" : "the engine version is unknown", node.urn);
                    } else {
                        const group = attachment.groupName ? `the default parameter group '${attachment.groupName}'` : "the engine's default parameter group";
                        ctx.report("defaultGroup", { ...data, group, parameter: parameterText(byEngine), setting: settingText(byEngine) }, node.urn);
                    }
                    break;
                }
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
                        const forcedByDefault = typeof family === "string" ? forcedByDefaultInFamily(family) : forcedByDefaultForEngine(engine) === true;
                        const verdict = groupSets(group, parameter.name, parameter.accepts, forcedByDefault ? "1" : undefined);
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

import { Node, StackGraph } from "../lib/graph";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, bool, str } from "../lib/values";

/**
 * Engines with IAM database authentication: RDS for MariaDB, MySQL and PostgreSQL (instances and
 * Multi-AZ DB clusters), Aurora MySQL (`aurora` is its 5.6-compatible name) and Aurora PostgreSQL,
 * and Neptune. RDS for Db2, Oracle and SQL Server do not offer it (Amazon RDS User Guide, "Supported
 * Regions and DB engines for IAM database authentication in Amazon RDS"; Amazon Aurora User Guide,
 * "Supported Regions and Aurora DB engines for IAM database authentication"), nor RDS Custom, whose
 * engines are Oracle and SQL Server (`custom-oracle-ee`, `custom-sqlserver-se`, …). Any engine not
 * listed here is not judged: the policy asks only for what the engine offers.
 */
const withIamAuthentication = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql|neptune)$/;

const databaseTypes = [...types.rdsInstance, ...types.rdsCluster, ...types.neptuneCluster];

export const rdsIamAuthentication = definePolicy({
    name: "rds-iam-authentication",
    description: "RDS DB instances, RDS and Aurora DB clusters and Neptune clusters whose engine supports it must enable IAM database authentication.",
    rationale:
        "Without IAM database authentication a database accepts only its own passwords: long-lived secrets that are copied into " +
        "applications, never expire by themselves, and are not recorded in CloudTrail when used. With it, clients connect with a " +
        "15-minute token signed by their IAM role, access is granted and revoked through IAM (rds-db:connect on one database user), " +
        "and no password has to reach the application. Security Hub checks it for RDS instances (RDS.10), RDS clusters (RDS.12) and " +
        "Neptune clusters (Neptune.7). RDS for Db2, Oracle and SQL Server (RDS Custom included) do not offer IAM database " +
        "authentication, so their databases are not judged.",
    domain: "access",
    severity: "medium",
    findingsOn: "the aws.rds.Instance, aws.rds.Cluster or aws.neptune.Cluster (a cluster's instances take the cluster's setting)",
    remediationSteps:
        "Set iamDatabaseAuthenticationEnabled: true on the aws.rds.Instance, aws.rds.Cluster or aws.neptune.Cluster (it applies without " +
        "replacing the database). Then create the database users that IAM maps to (the AWSAuthenticationPlugin for MySQL and MariaDB, the " +
        "rds_iam role for PostgreSQL) and grant the application's role rds-db:connect on those users only.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "RDS.10", specification: "IAM authentication should be configured for RDS instances" },
    noRemediation:
        "IAM authentication is of use only once database users are mapped to it and clients fetch tokens, which a fix cannot do; " +
        "turning it on is left to the database's owner, with that work",
    messages: {
        notEnabled:
            "{{kind}} '{{resource}}' ({{engine}}) does not enable IAM database authentication ({{state}}), so only database passwords authenticate its users. " +
            "Set iamDatabaseAuthenticationEnabled: true.",
    },
    checkStack(stack, ctx) {
        const databases = stack.ofType(...databaseTypes);
        if (databases.length === 0) {
            ctx.notApplicable("the stack has no RDS DB instances, RDS or Aurora DB clusters, or Neptune clusters");
        }
        const judged = databases.map((db) => ({ db, engine: engineOf(stack, db) }));
        if (judged.every(({ engine }) => typeof engine === "string" && !withIamAuthentication.test(engine))) {
            const engines = [...new Set(judged.map(({ engine }) => engine as string))].sort();
            ctx.notApplicable(`every database in the stack runs an engine without IAM database authentication (${engines.join(", ")}): RDS for Db2, Oracle and SQL Server do not offer it`);
        }
        for (const { db, engine } of judged) {
            const enabled = bool(db.inputs.iamDatabaseAuthenticationEnabled);
            if (enabled === true || (typeof engine === "string" && !withIamAuthentication.test(engine))) {
                continue;
            }
            if (enabled === UNKNOWN) {
                ctx.undecided("iamDatabaseAuthenticationEnabled is unknown", db.urn);
            } else if (engine === UNKNOWN || engine === undefined) {
                ctx.undecided("the engine is unknown: the engine of a replica or restore may not offer IAM database authentication", db.urn);
            } else {
                ctx.report("notEnabled", { kind: kindOf(db), resource: db.name, engine, state: enabled === false ? "iamDatabaseAuthenticationEnabled is false" : "iamDatabaseAuthenticationEnabled is not set" }, db.urn);
            }
        }
    },
});

function kindOf(db: Node): string {
    if ((types.neptuneCluster as readonly string[]).includes(db.type)) {
        return "Neptune cluster";
    }
    return (types.rdsCluster as readonly string[]).includes(db.type) ? "DB cluster" : "DB instance";
}

/**
 * The engine a database runs, in lower case: its own (declared, else what the state says it runs),
 * else, for a read replica, its in-stack source's. A Neptune cluster runs `neptune` unless it says.
 * Undefined when nothing says: a replica or restore of a database outside the stack, at preview.
 */
function engineOf(stack: StackGraph, db: Node, seen: Node[] = []): string | Unknown | undefined {
    const own = str(db.inputs.engine) || str(db.outputs.engine) || undefined;
    if (own !== undefined) {
        return own === UNKNOWN ? UNKNOWN : own.toLowerCase();
    }
    if ((types.neptuneCluster as readonly string[]).includes(db.type)) {
        return "neptune";
    }
    const sources = stack.targets(db, "replicateSourceDb", [...types.rdsInstance]);
    if (sources === UNKNOWN) {
        return UNKNOWN;
    }
    const source = sources.find((s) => !seen.includes(s) && s !== db);
    return source === undefined ? undefined : engineOf(stack, source, [...seen, db]);
}

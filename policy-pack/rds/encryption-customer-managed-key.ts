import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption, reportKey } from "../lib/customer-managed-keys";
import { Node, StackGraph } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, bool, str } from "../lib/values";

const kinds: Record<string, string> = {
    [types.rdsInstance[0]]: "RDS instance",
    [types.rdsCluster[0]]: "RDS cluster",
    [types.rdsClusterInstance[0]]: "RDS cluster instance",
};

export const rdsEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "rds-encryption-customer-managed-key",
    description:
        "RDS instances and clusters must encrypt their storage, Performance Insights data and RDS-managed master password with customer-managed KMS keys.",
    rationale:
        "An RDS instance, or a provisioned cluster, is created unencrypted unless storageEncrypted is true, and its encryption cannot be " +
        "turned on afterwards: its data, automated backups, snapshots and read replicas stay readable to anyone who reaches the storage or " +
        "a shared snapshot. Without kmsKeyId, storage and Performance Insights data (which holds query text) are encrypted with the AWS " +
        "managed aws/rds key, and an RDS-managed master password with aws/secretsmanager: their policies cannot be changed, and snapshots " +
        "under aws/rds cannot be shared with another account. Aurora Serverless v1 clusters (engineMode serverless) are always encrypted, " +
        "but still with aws/rds unless kmsKeyId names a key. A read replica (replicateSourceDb) without kmsKeyId inherits its source's " +
        "encryption and key, which are judged on the source.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.rds.Instance, aws.rds.Cluster or aws.rds.ClusterInstance that holds the setting",
    remediationSteps:
        "On each aws.rds.Instance and aws.rds.Cluster set storageEncrypted: true and kmsKeyId to the ARN of an aws.kms.Key in the stack " +
        "(for an existing database: snapshot it, copy the snapshot with the key, and restore from the copy); where performanceInsightsEnabled " +
        "is true (also on an aws.rds.ClusterInstance) set performanceInsightsKmsKeyId; where manageMasterUserPassword is true set " +
        "masterUserSecretKmsKeyId. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "RDS.3", specification: "RDS DB instances should have encryption at-rest enabled" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("databases") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            "{{kind}} '{{resource}}' does not set {{flag}} to true, so its storage, backups and snapshots are unencrypted, and encryption cannot be " +
            "turned on later. Set storageEncrypted: true and kmsKeyId to the ARN of a customer-managed aws.kms.Key (the database is replaced).",
        missingKey:
            "{{kind}} '{{resource}}' {{what}} without {{setting}}, so it is encrypted with the AWS managed {{defaultKey}} key. " +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("{{kind}} '{{resource}}'"),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const databases = stack.ofType(...types.rdsInstance, ...types.rdsCluster, ...types.rdsClusterInstance);
        if (databases.length === 0) {
            ctx.notApplicable("the stack has no RDS instances or clusters");
        }
        for (const db of databases) {
            const kind = kinds[db.type];
            // A cluster instance's storage is its cluster's, and so is its master password.
            if (!isOneOf(db.type, types.rdsClusterInstance)) {
                checkStorage(stack, ctx, db, kind);
                checkMasterPassword(stack, ctx, db, kind);
            }
            const insights = bool(db.inputs.performanceInsightsEnabled);
            if (insights === UNKNOWN) {
                const key = classifyKey(stack, db, "performanceInsightsKmsKeyId", ctx.config.allowedKeyArns);
                if (key.kind !== "customer-managed") {
                    ctx.undecided("performanceInsightsEnabled is unknown", db.urn);
                }
            } else if (insights) {
                judgeKey(stack, ctx, db, { kind, what: "enables Performance Insights", setting: "performanceInsightsKmsKeyId", defaultKey: "aws/rds" });
            }
        }
    },
});

function judgeKey(stack: StackGraph, ctx: CheckContext<AllowedKeyArnsConfig>, db: Node, data: { kind: string; what: string; setting: string; defaultKey: string }): void {
    reportKey(ctx, classifyKey(stack, db, data.setting, ctx.config.allowedKeyArns), { ...data, resource: db.name }, db.urn);
}

function checkStorage(stack: StackGraph, ctx: CheckContext<AllowedKeyArnsConfig>, db: Node, kind: string): void {
    const key = classifyKey(stack, db, "kmsKeyId", ctx.config.allowedKeyArns);
    const data = { kind, resource: db.name, flag: "storageEncrypted", setting: "kmsKeyId", what: "encrypts its storage", defaultKey: "aws/rds" };
    // A read replica's storage is encrypted as its source's is, judged on the source: with the
    // source's key unless it names its own (a cross-Region replica must); storageEncrypted is ignored.
    const replicaOf = str(db.inputs.replicateSourceDb);
    if (replicaOf !== undefined && replicaOf !== "") {
        if (key.kind !== "missing") {
            reportKey(ctx, key, data, db.urn);
        }
        return;
    }
    const engineMode = str(db.inputs.engineMode);
    if (engineMode === UNKNOWN && db.inputs.storageEncrypted === undefined) {
        if (key.kind !== "customer-managed") {
            ctx.undecided("engineMode is unknown, and with it whether the cluster's storage is encrypted", db.urn);
        }
        return;
    }
    reportEncryption(ctx, bool(db.inputs.storageEncrypted), key, data, db.urn, engineMode === "serverless");
}

function checkMasterPassword(stack: StackGraph, ctx: CheckContext<AllowedKeyArnsConfig>, db: Node, kind: string): void {
    const managed = bool(db.inputs.manageMasterUserPassword);
    const data = { kind, what: "keeps its master password in Secrets Manager", setting: "masterUserSecretKmsKeyId", defaultKey: "aws/secretsmanager" };
    if (managed === UNKNOWN) {
        if (classifyKey(stack, db, data.setting, ctx.config.allowedKeyArns).kind !== "customer-managed") {
            ctx.undecided("manageMasterUserPassword is unknown", db.urn);
        }
    } else if (managed) {
        judgeKey(stack, ctx, db, data);
    }
}

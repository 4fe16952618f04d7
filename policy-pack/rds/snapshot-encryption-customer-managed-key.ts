import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, bool, str } from "../lib/values";

const kinds: Record<string, string> = {
    [types.rdsSnapshotCopy[0]]: "RDS snapshot copy",
    [types.rdsClusterSnapshotCopy[0]]: "RDS cluster snapshot copy",
};

export const rdsSnapshotEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "rds-snapshot-encryption-customer-managed-key",
    description: "Copies of RDS snapshots and cluster snapshots must be encrypted with a customer-managed KMS key, and Aurora global databases must encrypt their storage.",
    rationale:
        "A snapshot holds a whole database. A copy without kmsKeyId keeps its source's encryption: none if the source is unencrypted, " +
        "otherwise the source's key, aws/rds unless the database named one, whose policy cannot be changed and whose snapshots cannot " +
        "be shared with another account; naming the key on the copy is what encrypts a copy of an unencrypted snapshot. An Aurora " +
        "global database (aws.rds.GlobalCluster) is created unencrypted unless storageEncrypted is true or it is built from an encrypted " +
        "cluster, and encryption cannot be turned on afterwards. Snapshots taken by aws.rds.Snapshot and aws.rds.ClusterSnapshot are " +
        "encrypted as their database is: rds-encryption-customer-managed-key judges the database.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.rds.SnapshotCopy, aws.rds.ClusterSnapshotCopy or aws.rds.GlobalCluster",
    remediationSteps:
        "Set kmsKeyId on each aws.rds.SnapshotCopy and aws.rds.ClusterSnapshotCopy to the ARN of a customer-managed aws.kms.Key in the " +
        "destination Region (the copy is replaced). On an aws.rds.GlobalCluster set storageEncrypted: true, or build it from an " +
        "encrypted cluster with sourceDbClusterIdentifier, and give each member cluster a customer-managed kmsKeyId. A key managed " +
        "outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "RDS.4",
        specification: "RDS cluster snapshots and database snapshots should be encrypted at rest",
    },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("snapshot copies") },
    noRemediation:
        "the fix names a customer-managed KMS key, which a fix never invents, and replaces what it changes: a snapshot copy takes its key, and a global database its encryption, only when it is created",
    messages: {
        missingKey:
            "{{kind}} '{{resource}}' sets no {{setting}}, so the copy keeps its source's encryption: none if the source is unencrypted, " +
            "otherwise the source's key, aws/rds unless its database named one. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("{{kind}} '{{resource}}'"),
        globalNotEncrypted:
            "RDS global cluster '{{resource}}' does not set storageEncrypted to true (it is {{value}}) and is not built from a cluster with " +
            "sourceDbClusterIdentifier, so the global database is unencrypted. Set storageEncrypted: true (the global cluster is replaced) " +
            "and give each member cluster a customer-managed kmsKeyId.",
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const copies = stack.ofType(...types.rdsSnapshotCopy, ...types.rdsClusterSnapshotCopy);
        const globals = stack.ofType(...types.rdsGlobalCluster);
        if (copies.length === 0 && globals.length === 0) {
            ctx.notApplicable("the stack has no RDS snapshot copies, cluster snapshot copies or global clusters");
        }
        // A copy without a key keeps the source's encryption and key; a key on the copy encrypts it, even from an unencrypted
        // source (AWS, Amazon RDS User Guide, "Copying a DB snapshot for Amazon RDS", "Encryption").
        for (const copy of copies) {
            const key = classifyKey(stack, copy, "kmsKeyId", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { kind: kinds[copy.type], resource: copy.name, setting: "kmsKeyId" }, copy.urn);
        }
        // Unset, storageEncrypted is false unless the global cluster is built from a cluster, whose encryption it takes and
        // which is judged on that cluster (AWS, Amazon Aurora User Guide, "Creating an Amazon Aurora global database").
        for (const global of globals) {
            const source = str(global.inputs.sourceDbClusterIdentifier);
            if (source !== undefined && source !== "" && source !== UNKNOWN) {
                continue;
            }
            const encrypted = bool(global.inputs.storageEncrypted);
            if (encrypted === UNKNOWN || (encrypted !== true && source === UNKNOWN)) {
                ctx.undecided(encrypted === UNKNOWN ? "storageEncrypted is unknown" : "sourceDbClusterIdentifier is unknown", global.urn);
            } else if (encrypted !== true) {
                ctx.report("globalNotEncrypted", { resource: global.name, value: encrypted === undefined ? "unset, false by default" : "false" }, global.urn);
            }
        }
    },
});

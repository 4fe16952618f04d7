import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { at } from "../lib/values";

const subject = "MSK cluster '{{resource}}'";

export const mskClusterEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "msk-cluster-encryption-customer-managed-key",
    description: "Provisioned MSK clusters must encrypt their brokers' storage with a customer-managed KMS key (encryptionInfo.encryptionAtRestKmsKeyArn).",
    rationale:
        "MSK always encrypts the brokers' storage, which holds every record for its retention period, but without " +
        "encryptionInfo.encryptionAtRestKmsKeyArn it uses the AWS managed aws/kafka key, whose policy cannot be changed: access to the " +
        "records cannot be narrowed or cut off by a key policy the team controls. MSK Serverless clusters are not judged: they always " +
        "encrypt with a key AWS owns, and no setting chooses another.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.msk.Cluster",
    remediationSteps:
        "Set encryptionInfo.encryptionAtRestKmsKeyArn on each aws.msk.Cluster to the ARN of a customer-managed aws.kms.Key. The key is " +
        "chosen when the cluster is created: changing it replaces the cluster (mirror the topics to the new cluster, for example with MSK " +
        "Replicator, before switching clients). A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("MSK clusters") },
    noRemediation:
        "the key is chosen when an MSK cluster is created, so naming one replaces the cluster and its records, and a fix never invents a key",
    messages: {
        missingKey: `${subject} sets no {{setting}}, so its brokers' storage is encrypted with the AWS managed aws/kafka key. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const clusters = stack.ofType(...types.mskCluster);
        if (clusters.length === 0) {
            // MSK Serverless encrypts at rest with a key AWS owns and offers no setting for another (AWS, Amazon MSK Developer
            // Guide, "Encryption at rest" under MSK Serverless): not a finding, but the reason the policy has nothing to judge.
            if (stack.ofType(...types.mskServerlessCluster).length > 0) {
                ctx.notApplicable("the stack's MSK clusters are all MSK Serverless, which always encrypts at rest with a key AWS owns and lets no program choose a key");
            }
            ctx.notApplicable("the stack has no MSK clusters");
        }
        // MSK always encrypts at rest; without a key it uses aws/kafka (AWS, Amazon MSK Developer Guide, "Amazon MSK encryption").
        for (const cluster of clusters) {
            const block = at(cluster.inputs.encryptionInfo, 0);
            const key = classifyKey(stack, cluster, "encryptionInfo", ctx.config.allowedKeyArns, { value: at(block, "encryptionAtRestKmsKeyArn") });
            reportKey(ctx, key, { resource: cluster.name, setting: "encryptionInfo.encryptionAtRestKmsKeyArn" }, cluster.urn);
        }
    },
});

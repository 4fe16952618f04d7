import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";

const subject = "Backup vault '{{resource}}'";

export const backupVaultEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "backup-vault-encryption-customer-managed-key",
    description: "AWS Backup vaults (and logically air-gapped vaults) must encrypt recovery points with a customer-managed KMS key.",
    rationale:
        "Recovery points are complete copies of the data the other policies protect. A vault without kmsKeyArn encrypts them " +
        "with the AWS managed aws/backup key (a logically air-gapped vault without encryptionKeyArn, with a key AWS owns), " +
        "whose policy nobody can change: the copies then escape the key policies that guard the originals. A customer-managed " +
        "key keeps restores behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.backup.Vault or aws.backup.LogicallyAirGappedVault",
    remediationSteps:
        "Set the aws.backup.Vault's kmsKeyArn (or the aws.backup.LogicallyAirGappedVault's encryptionKeyArn) to the ARN of a " +
        "customer-managed aws.kms.Key. A vault's key is chosen when the vault is created: changing it replaces the vault, and " +
        "existing recovery points must be copied into the new one. A key managed outside the stack can be allowed by adding " +
        "its ARN to allowedKeyArns.",
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("vaults"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey: `${subject} sets no {{setting}}, so AWS Backup encrypts its recovery points with {{fallback}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const vaults = [
            ...stack.ofType(...types.backupVault).map((node) => ({ node, setting: "kmsKeyArn", fallback: "the AWS managed aws/backup key" })),
            ...stack.ofType(...types.backupLogicallyAirGappedVault).map((node) => ({ node, setting: "encryptionKeyArn", fallback: "a key AWS owns" })),
        ];
        if (vaults.length === 0) {
            ctx.notApplicable("the stack has no AWS Backup vaults");
        }
        for (const { node, setting, fallback } of vaults) {
            const key = classifyKey(stack, node, setting, ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: node.name, setting, fallback }, node.urn);
        }
    },
});

import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { bool } from "../lib/values";

export const efsFileSystemEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "efs-file-system-encryption-customer-managed-key",
    description: "EFS file systems must be encrypted at rest with a customer-managed KMS key (encrypted: true and kmsKeyId).",
    rationale:
        "A file system created without encrypted: true stores file data unencrypted, and its encryption cannot be turned on afterwards: the " +
        "data must be copied to a new file system. With encrypted: true but no kmsKeyId, EFS uses the AWS managed aws/elasticfilesystem key, " +
        "whose policy cannot be changed, so every principal in the account allowed to mount the file system can decrypt it. A customer-managed " +
        "key puts the data behind a key policy the team controls.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.efs.FileSystem",
    remediationSteps:
        "Set encrypted: true and kmsKeyId to the ARN of an aws.kms.Key in the stack (an alias is not accepted here) on the aws.efs.FileSystem; " +
        "for an existing file system this replaces it, so copy its data first (EFS replication or AWS DataSync). A key managed outside the stack " +
        "can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "EFS.1",
        specification: "Elastic File System should be configured to encrypt file data at-rest using AWS KMS",
    },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("file systems") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            "EFS file system '{{resource}}' is not encrypted at rest ({{flag}} is not true), and encryption cannot be turned on later. " +
            "Set encrypted: true and kmsKeyId to the ARN of a customer-managed aws.kms.Key; the file system is replaced.",
        missingKey:
            "EFS file system '{{resource}}' is encrypted without {{setting}}, so EFS uses the AWS managed aws/elasticfilesystem key. " +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key; the file system is replaced.",
        ...keyMessages("EFS file system '{{resource}}'"),
    },
    withoutResourceSide: true,
    stackType: types.efsFileSystem[0],
    checkStack(stack, ctx) {
        const fileSystems = stack.ofType(...types.efsFileSystem);
        for (const fs of fileSystems) {
            const key = classifyKey(stack, fs, "kmsKeyId", ctx.config.allowedKeyArns);
            reportEncryption(ctx, bool(fs.inputs.encrypted), key, { resource: fs.name, flag: "encrypted", setting: "kmsKeyId" }, fs.urn);
        }
    },
});

import { backupVaultEncryptionCustomerManagedKey } from "../../policy-pack/backup/vault-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, aliasArn, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey, region } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = backupVaultEncryptionCustomerManagedKey;
const vaultType = "aws:backup/vault:Vault";
const airGappedType = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";

const vault = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(vaultType, name, { name: name.replace(/_/g, "-"), ...inputs }, extra);
const airGapped = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(airGappedType, name, { name: name.replace(/_/g, "-"), minRetentionDays: 7, maxRetentionDays: 35, ...inputs }, extra);

caseTable(policy, [
    { name: "pass_vault_with_stack_key", resources: [key, vault("pass_vault", { kmsKeyArn: dataKeyArn })], expect: [] },
    { name: "pass_key_as_secret", resources: [key, vault("pass_secret", { kmsKeyArn: secret(dataKeyArn) })], expect: [] },
    { name: "pass_alias_arn_of_stack_key", resources: [key, alias, vault("pass_alias", { kmsKeyArn: aliasArn })], expect: [] },
    { name: "pass_air_gapped_vault_with_stack_key", resources: [key, airGapped("pass_air_gapped", { encryptionKeyArn: dataKeyArn })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [
                k,
                vault("pass_linked", { kmsKeyArn: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyArn: [k] }) }),
                airGapped("pass_air_gapped_linked", { encryptionKeyArn: unknown.string }, { propertyDependencies: dependsOn({ encryptionKeyArn: [k] }) }),
            ];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [vault("pass_allowed", { kmsKeyArn: externalKeyArn })],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_vault_without_key_is_aws_backup", resources: [key, vault("fail_no_key", {})], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    {
        // A deployed vault's outputs name the key AWS Backup chose: the aws/backup key, by key ARN.
        name: "fail_vault_export_shape_with_aws_backup_key_arn",
        resources: [
            resource(vaultType, "fail_exported", { name: "fail-exported" }, {
                outputs: { id: "fail-exported", name: "fail-exported", arn: `arn:aws:backup:${region}:${account}:backup-vault:fail-exported`, kmsKeyArn: `arn:aws:kms:${region}:${account}:key/5b6c7d8e-9f01-4a2b-8c3d-4e5f60718293`, recoveryPoints: 0 },
            }),
        ],
        expect: [{ on: "fail_exported", id: "notCustomerManaged" }],
    },
    { name: "fail_air_gapped_vault_without_key", resources: [airGapped("fail_air_gapped", {})], expect: [{ on: "fail_air_gapped", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [key, vault("fail_aws_alias", { kmsKeyArn: awsManagedAliasArn("backup") })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, airGapped("fail_external", { encryptionKeyArn: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_key_not_linked", resources: [key, vault("unknown_key", { kmsKeyArn: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_vaults", resources: [key, resource("aws:backup/plan:Plan", "daily", { name: "daily" })], reason: "no AWS Backup vaults" }]);

import { backupVaultEncryptionCustomerManagedKey } from "./vault-encryption-customer-managed-key";

export const backupPolicies = [backupVaultEncryptionCustomerManagedKey];

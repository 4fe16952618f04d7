import { eksClusterSecretsEncryptionCustomerManagedKey } from "./cluster-secrets-encryption-customer-managed-key";

export const eksPolicies = [eksClusterSecretsEncryptionCustomerManagedKey];

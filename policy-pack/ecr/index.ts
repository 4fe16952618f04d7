import { ecrRepositoryEncryptionCustomerManagedKey } from "./repository-encryption-customer-managed-key";

export const ecrPolicies = [ecrRepositoryEncryptionCustomerManagedKey];

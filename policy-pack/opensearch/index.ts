import { openSearchDomainEncryptionCustomerManagedKey } from "./domain-encryption-customer-managed-key";

export const openSearchPolicies = [openSearchDomainEncryptionCustomerManagedKey];

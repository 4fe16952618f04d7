import { ebsDefaultEncryptionCustomerManagedKey } from "./default-encryption-customer-managed-key";
import { ebsEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";

export const ebsPolicies = [ebsEncryptionCustomerManagedKey, ebsDefaultEncryptionCustomerManagedKey];

import { sagemakerEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";

export const sagemakerPolicies = [sagemakerEncryptionCustomerManagedKey];

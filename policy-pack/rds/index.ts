import { rdsEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";

export const rdsPolicies = [rdsEncryptionCustomerManagedKey];

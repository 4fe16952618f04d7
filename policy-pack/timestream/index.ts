import { timestreamDatabaseEncryptionCustomerManagedKey } from "./database-encryption-customer-managed-key";

export const timestreamPolicies = [timestreamDatabaseEncryptionCustomerManagedKey];

import { dynamodbTableEncryptionCustomerManagedKey } from "./table-encryption-customer-managed-key";

export const dynamodbPolicies = [dynamodbTableEncryptionCustomerManagedKey];

import { snsTopicEncryptionCustomerManagedKey } from "./topic-encryption-customer-managed-key";

export const snsPolicies = [snsTopicEncryptionCustomerManagedKey];

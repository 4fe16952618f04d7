import { sqsQueueEncryptionCustomerManagedKey } from "./queue-encryption-customer-managed-key";

export const sqsPolicies = [sqsQueueEncryptionCustomerManagedKey];

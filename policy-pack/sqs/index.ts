import { BaselinePolicy } from "../lib/policy";
import { sqsQueueEncryptionCustomerManagedKey } from "./queue-encryption-customer-managed-key";
import { sqsQueuePolicyTlsOnly } from "./queue-policy-tls-only";

export const sqsPolicies: BaselinePolicy[] = [sqsQueueEncryptionCustomerManagedKey, sqsQueuePolicyTlsOnly];

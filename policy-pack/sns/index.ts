import { BaselinePolicy } from "../lib/policy";
import { snsTopicEncryptionCustomerManagedKey } from "./topic-encryption-customer-managed-key";
import { snsTopicPolicyTlsOnly } from "./topic-policy-tls-only";

export const snsPolicies: BaselinePolicy[] = [snsTopicEncryptionCustomerManagedKey, snsTopicPolicyTlsOnly];

import { BaselinePolicy } from "../lib/policy";
import { docdbClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";
import { docdbClusterRequireTls } from "./cluster-require-tls";

export const docdbPolicies: BaselinePolicy[] = [docdbClusterEncryptionCustomerManagedKey, docdbClusterRequireTls];

import { BaselinePolicy } from "../lib/policy";
import { docdbClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";

export const docdbPolicies: BaselinePolicy[] = [docdbClusterEncryptionCustomerManagedKey];

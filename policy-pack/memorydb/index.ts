import { BaselinePolicy } from "../lib/policy";
import { memoryDbClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";

export const memoryDbPolicies: BaselinePolicy[] = [memoryDbClusterEncryptionCustomerManagedKey];

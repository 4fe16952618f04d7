import { BaselinePolicy } from "../lib/policy";
import { neptuneClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";

export const neptunePolicies: BaselinePolicy[] = [neptuneClusterEncryptionCustomerManagedKey];

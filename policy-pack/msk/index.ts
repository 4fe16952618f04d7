import { BaselinePolicy } from "../lib/policy";
import { mskClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";
import { mskClusterTlsOnly } from "./cluster-tls-only";

export const mskPolicies: BaselinePolicy[] = [mskClusterEncryptionCustomerManagedKey, mskClusterTlsOnly];

import { redshiftClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";

export const redshiftPolicies = [redshiftClusterEncryptionCustomerManagedKey];

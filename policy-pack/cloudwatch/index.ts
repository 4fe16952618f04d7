import { cloudWatchLogGroupEncryptionCustomerManagedKey } from "./log-group-encryption-customer-managed-key";

export const cloudWatchPolicies = [cloudWatchLogGroupEncryptionCustomerManagedKey];

import { kinesisStreamEncryptionCustomerManagedKey } from "./stream-encryption-customer-managed-key";

export const kinesisPolicies = [kinesisStreamEncryptionCustomerManagedKey];

import { athenaWorkgroupEncryptionCustomerManagedKey } from "./workgroup-encryption-customer-managed-key";

export const athenaPolicies = [athenaWorkgroupEncryptionCustomerManagedKey];

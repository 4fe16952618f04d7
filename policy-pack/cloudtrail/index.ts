import { BaselinePolicy } from "../lib/policy";
import { cloudTrailTrailEncryptionCustomerManagedKey } from "./trail-encryption-customer-managed-key";

export const cloudTrailPolicies: BaselinePolicy[] = [cloudTrailTrailEncryptionCustomerManagedKey];

import { sfnStateMachineEncryptionCustomerManagedKey } from "./state-machine-encryption-customer-managed-key";

export const sfnPolicies = [sfnStateMachineEncryptionCustomerManagedKey];

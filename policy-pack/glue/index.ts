import { glueEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";

export const gluePolicies = [glueEncryptionCustomerManagedKey];

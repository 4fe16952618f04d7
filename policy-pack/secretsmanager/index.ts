import { secretsManagerSecretCustomerManagedKey } from "./secret-customer-managed-key";

export const secretsManagerPolicies = [secretsManagerSecretCustomerManagedKey];

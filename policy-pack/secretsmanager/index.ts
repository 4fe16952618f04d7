import { secretsManagerSecretCustomerManagedKey } from "./secret-customer-managed-key";
import { secretsManagerSecretRotation } from "./secret-rotation";

export const secretsManagerPolicies = [secretsManagerSecretCustomerManagedKey, secretsManagerSecretRotation];

import { codebuildProjectEncryptionCustomerManagedKey } from "./project-encryption-customer-managed-key";

export const codebuildPolicies = [codebuildProjectEncryptionCustomerManagedKey];

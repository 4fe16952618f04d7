import { efsFileSystemEncryptionCustomerManagedKey } from "./file-system-encryption-customer-managed-key";

export const efsPolicies = [efsFileSystemEncryptionCustomerManagedKey];

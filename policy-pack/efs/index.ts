import { efsFileSystemEncryptionCustomerManagedKey } from "./file-system-encryption-customer-managed-key";
import { efsTransitEncryption } from "./transit-encryption";

export const efsPolicies = [efsFileSystemEncryptionCustomerManagedKey, efsTransitEncryption];

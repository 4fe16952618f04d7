import { s3BucketDefaultEncryptionKms } from "./bucket-default-encryption-kms";
import { s3BucketEncryptionCustomerManagedKey } from "./bucket-encryption-customer-managed-key";

export const s3Policies = [s3BucketDefaultEncryptionKms, s3BucketEncryptionCustomerManagedKey];

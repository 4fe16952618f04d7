import { s3BucketBlockSseC } from "./bucket-block-sse-c";
import { s3BucketDefaultEncryptionKms } from "./bucket-default-encryption-kms";
import { s3BucketEncryptionCustomerManagedKey } from "./bucket-encryption-customer-managed-key";
import { s3BucketKeyEnabled } from "./bucket-key-enabled";

export const s3Policies = [s3BucketDefaultEncryptionKms, s3BucketEncryptionCustomerManagedKey, s3BucketBlockSseC, s3BucketKeyEnabled];

import { s3BucketBlockSseC } from "./bucket-block-sse-c";
import { s3BucketDefaultEncryptionKms } from "./bucket-default-encryption-kms";
import { s3BucketEncryptionCustomerManagedKey } from "./bucket-encryption-customer-managed-key";
import { s3BucketKeyEnabled } from "./bucket-key-enabled";
import { s3BucketNoWebsite } from "./bucket-no-website";
import { s3BucketPolicyEnforceKmsUploads } from "./bucket-policy-enforce-kms-uploads";
import { s3BucketPolicyTlsOnly } from "./bucket-policy-tls-only";
import { s3BucketPublicAccessBlock } from "./bucket-public-access-block";
import { s3ExistingObjectsEncrypted } from "./existing-objects-encrypted";
import { s3ObjectEncryptionKms } from "./object-encryption-kms";

export const s3Policies = [
    s3BucketDefaultEncryptionKms,
    s3BucketEncryptionCustomerManagedKey,
    s3BucketBlockSseC,
    s3BucketKeyEnabled,
    s3BucketPolicyEnforceKmsUploads,
    s3ObjectEncryptionKms,
    s3ExistingObjectsEncrypted,
    s3BucketNoWebsite,
    s3BucketPolicyTlsOnly,
    s3BucketPublicAccessBlock,
];

import { s3BucketDefaultEncryptionKms } from "./bucket-default-encryption-kms";

export const s3Policies = [s3BucketDefaultEncryptionKms];

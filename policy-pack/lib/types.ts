// Pulumi type tokens of the resources the policies read, with the legacy tokens that
// @pulumi/aws 7.x still accepts. Policies match tokens instead of loading provider modules:
// @pulumi/aws takes seconds to load, and the pack must start fast.
export const types = {
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    bucketEncryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    bucketWebsite: [
        "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
        "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
    ],
    bucketObject: ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"],
    objectCopy: ["aws:s3/objectCopy:ObjectCopy"],
    kmsKey: ["aws:kms/key:Key"],
    kmsAlias: ["aws:kms/alias:Alias"],
    kmsKeyPolicy: ["aws:kms/keyPolicy:KeyPolicy"],
} as const satisfies Record<string, readonly string[]>;

export function isOneOf(type: string, tokens: readonly string[]): boolean {
    return tokens.includes(type);
}

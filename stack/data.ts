// The data tier: a customer-managed KMS key and a private bucket encrypted with it (the key also
// encrypts the function's log group).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DataArgs {
    prefix: string;
    accountId: string;
    region: string;
    keyAdministratorArn: string;
    /** The application role's ARN: the only principal that uses the key for data. */
    appRoleArn: string;
    /** The function's log group, which CloudWatch Logs encrypts with the key. */
    logGroupArn: string;
    /** The function whose environment variables the key encrypts. */
    functionArn: string;
}

/**
 * The data key. Its policy names every principal explicitly and separates administration (the
 * key administrator can manage but not use the key) from use (the application role can encrypt
 * and decrypt through S3 only, and decrypt the function's environment variables through Lambda;
 * CloudFront can decrypt for this account's distributions; CloudWatch Logs can use it for the
 * function's log group only). No
 * statement uses `kms:*` or the account root, so no IAM policy can widen access to the key.
 * The policy is built from names and the account id only, so it is known at preview.
 */
export function dataKey(args: DataArgs): aws.kms.Key {
    const policy = {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "KeyAdministration",
                Effect: "Allow",
                Principal: { AWS: args.keyAdministratorArn },
                Action: [
                    "kms:DescribeKey",
                    "kms:GetKeyPolicy",
                    "kms:GetKeyRotationStatus",
                    "kms:ListResourceTags",
                    "kms:PutKeyPolicy",
                    "kms:EnableKeyRotation",
                    "kms:UpdateKeyDescription",
                    "kms:TagResource",
                    "kms:UntagResource",
                    "kms:EnableKey",
                    "kms:DisableKey",
                    "kms:ScheduleKeyDeletion",
                    "kms:CancelKeyDeletion",
                ],
                Resource: "*",
            },
            {
                Sid: "ApplicationUseThroughS3",
                Effect: "Allow",
                Principal: { AWS: args.appRoleArn },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": `s3.${args.region}.amazonaws.com`, "kms:CallerAccount": args.accountId } },
            },
            {
                // Lambda encrypts the function's environment variables under the key with the function's
                // ARN as encryption context, and decrypts them with the execution role when an instance
                // starts: this statement allows that one function's variables and nothing else.
                Sid: "FunctionReadsItsEnvironment",
                Effect: "Allow",
                Principal: { AWS: args.appRoleArn },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: {
                    StringEquals: { "kms:ViaService": `lambda.${args.region}.amazonaws.com` },
                    ArnEquals: { "kms:EncryptionContext:aws:lambda:FunctionArn": args.functionArn },
                },
            },
            {
                // CloudWatch Logs encrypts each batch of log events under the key with the log
                // group's ARN as encryption context, so this statement lets the service use the key
                // for that one log group and nothing else. (Operations without an encryption
                // context, such as kms:DescribeKey, could never match it and are not listed.)
                Sid: "CloudWatchLogsEncryptsFunctionLogs",
                Effect: "Allow",
                Principal: { Service: `logs.${args.region}.amazonaws.com` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
                Resource: "*",
                Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": args.logGroupArn } },
            },
            {
                Sid: "CloudFrontReadsObjects",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:SourceAccount": args.accountId },
                    ArnLike: { "aws:SourceArn": `arn:aws:cloudfront::${args.accountId}:distribution/*` },
                },
            },
        ],
    };
    return new aws.kms.Key("data-key", {
        description: `${args.prefix} data at rest (S3 SSE-KMS, CloudWatch Logs, Lambda environment)`,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        // Yearly automatic rotation: KMS keeps the old versions for decryption, so nothing is re-encrypted.
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        // The longest window AWS allows: a deletion scheduled by mistake can be cancelled for 30 days.
        deletionWindowInDays: 30,
        policy: JSON.stringify(policy),
    });
}

export interface Bucket {
    bucket: aws.s3.Bucket;
    name: string;
    arn: string;
}

/** The data bucket itself. A name from known values, so that ARNs in policies are known at preview. */
export function dataBucket(prefix: string, accountId: string): Bucket {
    const name = `${prefix}-data-${accountId}`;
    const bucket = new aws.s3.Bucket("data", { bucket: name, forceDestroy: false });
    return { bucket, name, arn: `arn:aws:s3:::${name}` };
}

/**
 * What makes the data bucket private and encrypted: default SSE-KMS with the data key and an S3 bucket key, SSE-C
 * blocked, public access blocked, object ownership enforced, versioning on, and a policy that
 * denies plain HTTP and uploads that ask for any encryption other than KMS. Every setting is its
 * own resource (none inline), so no setting is managed two ways.
 */
export function protectBucket({ bucket, arn }: Bucket, key: aws.kms.Key, distributionArn: pulumi.Input<string>): pulumi.Resource[] {
    // Default encryption applies to objects written after it is set; S3 never re-encrypts objects
    // that were already there. This bucket is created with it, so it holds no such object. A team
    // adopting this setup on an existing bucket re-encrypts first: docs/runbooks/reencrypt-existing-objects.md
    // (the s3-existing-objects-encrypted policy points there too).
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration("data-encryption", {
        bucket: bucket.id,
        rules: [
            {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
                // One data key per bucket instead of one KMS request per object: cheaper and faster.
                bucketKeyEnabled: true,
                blockedEncryptionTypes: ["SSE-C"],
            },
        ],
    });
    const publicAccess = new aws.s3.BucketPublicAccessBlock("data-public-access", {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    const ownership = new aws.s3.BucketOwnershipControls("data-ownership", {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const versioning = new aws.s3.BucketVersioning("data-versioning", {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    });
    const policy = new aws.s3.BucketPolicy(
        "data-policy",
        {
            bucket: bucket.id,
            // An object, not a JSON string: only the distribution's ARN is unknown at preview, so
            // every other statement can be judged before the first deployment.
            policy: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyPlainHttp",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [arn, `${arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                    {
                        Sid: "DenyNonKmsEncryptionHeaders",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:PutObject",
                        Resource: `${arn}/*`,
                        // Uploads without the header get the bucket's SSE-KMS default; uploads that
                        // name another algorithm would override it, so they are refused.
                        Condition: {
                            Null: { "s3:x-amz-server-side-encryption": "false" },
                            StringNotEquals: { "s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"] },
                        },
                    },
                    {
                        Sid: "CloudFrontReadsThroughOriginAccessControl",
                        Effect: "Allow",
                        Principal: { Service: "cloudfront.amazonaws.com" },
                        Action: "s3:GetObject",
                        Resource: `${arn}/*`,
                        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
                    },
                ],
            } as aws.iam.PolicyDocument,
        },
        { dependsOn: [publicAccess] },
    );
    return [encryption, publicAccess, ownership, versioning, policy];
}

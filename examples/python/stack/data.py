"""The data tier: a customer-managed KMS key and a private bucket encrypted with it.

The key also encrypts the function's log group.
"""
import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws



@dataclass(frozen=True)
class DataArgs:
    prefix: str
    account_id: str
    region: str
    key_administrator_arn: str
    app_role_arn: str
    """The application role's ARN: the only principal that uses the key for data."""
    log_group_arn: str
    """The function's log group, which CloudWatch Logs encrypts with the key."""
    function_arn: str
    """The function whose environment variables the key encrypts."""


def data_key(args: DataArgs) -> aws.kms.Key:
    """The data key.

    Its policy names every principal explicitly and separates administration (the key
    administrator can manage but not use the key) from use (the application role can encrypt and
    decrypt through S3 only, and decrypt the function's environment variables through Lambda;
    CloudFront can decrypt for this account's distributions; CloudWatch
    Logs can use it for the function's log group only). No statement uses `kms:*` or the account
    root, so no IAM policy can widen access to the key. The policy is built from names and the
    account id only, so it is known at preview.
    """
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "KeyAdministration",
                "Effect": "Allow",
                "Principal": {"AWS": args.key_administrator_arn},
                "Action": [
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
                "Resource": "*",
            },
            {
                "Sid": "ApplicationUseThroughS3",
                "Effect": "Allow",
                "Principal": {"AWS": args.app_role_arn},
                "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                "Resource": "*",
                "Condition": {"StringEquals": {"kms:ViaService": f"s3.{args.region}.amazonaws.com", "kms:CallerAccount": args.account_id}},
            },
            {
                # Lambda encrypts the function's environment variables under the key with the function's
                # ARN as encryption context, and decrypts them with the execution role when an instance
                # starts: this statement allows that one function's variables and nothing else.
                "Sid": "FunctionReadsItsEnvironment",
                "Effect": "Allow",
                "Principal": {"AWS": args.app_role_arn},
                "Action": "kms:Decrypt",
                "Resource": "*",
                "Condition": {
                    "StringEquals": {"kms:ViaService": f"lambda.{args.region}.amazonaws.com"},
                    "ArnEquals": {"kms:EncryptionContext:aws:lambda:FunctionArn": args.function_arn},
                },
            },
            {
                # CloudWatch Logs encrypts each batch of log events under the key with the log
                # group's ARN as encryption context, so this statement lets the service use the key
                # for that one log group and nothing else. (Operations without an encryption
                # context, such as kms:DescribeKey, could never match it and are not listed.)
                "Sid": "CloudWatchLogsEncryptsFunctionLogs",
                "Effect": "Allow",
                "Principal": {"Service": f"logs.{args.region}.amazonaws.com"},
                "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
                "Resource": "*",
                "Condition": {"ArnEquals": {"kms:EncryptionContext:aws:logs:arn": args.log_group_arn}},
            },
            {
                "Sid": "CloudFrontReadsObjects",
                "Effect": "Allow",
                "Principal": {"Service": "cloudfront.amazonaws.com"},
                "Action": "kms:Decrypt",
                "Resource": "*",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": args.account_id},
                    "ArnLike": {"aws:SourceArn": f"arn:aws:cloudfront::{args.account_id}:distribution/*"},
                },
            },
        ],
    }
    return aws.kms.Key(
        "data-key",
        description=f"{args.prefix} data at rest (S3 SSE-KMS, CloudWatch Logs, Lambda environment)",
        key_usage="ENCRYPT_DECRYPT",
        customer_master_key_spec="SYMMETRIC_DEFAULT",
        # Yearly automatic rotation: KMS keeps the old versions for decryption, so nothing is re-encrypted.
        enable_key_rotation=True,
        rotation_period_in_days=365,
        # The longest window AWS allows: a deletion scheduled by mistake can be cancelled for 30 days.
        deletion_window_in_days=30,
        policy=json.dumps(policy),
    )


@dataclass(frozen=True)
class Bucket:
    bucket: aws.s3.Bucket
    name: str
    arn: str


def data_bucket(prefix: str, account_id: str) -> Bucket:
    """The data bucket itself. A name from known values, so that ARNs in policies are known at preview."""
    name = f"{prefix}-data-{account_id}"
    bucket = aws.s3.Bucket("data", bucket=name, force_destroy=False)
    return Bucket(bucket=bucket, name=name, arn=f"arn:aws:s3:::{name}")


def protect_bucket(data: Bucket, key: aws.kms.Key, distribution_arn: pulumi.Input[str]) -> list[pulumi.Resource]:
    """What makes the data bucket private and encrypted.

    Default SSE-KMS with the data key and an S3 bucket key, SSE-C blocked, public access blocked,
    object ownership enforced, versioning on, and a policy that denies plain HTTP and uploads that
    ask for any encryption other than KMS. Every setting is its own resource (none inline), so no
    setting is managed two ways.
    """
    bucket, arn = data.bucket, data.arn
    # Default encryption applies to objects written after it is set; S3 never re-encrypts objects
    # that were already there. This bucket is created with it, so it holds no such object. A team
    # adopting this setup on an existing bucket re-encrypts first: docs/runbooks/reencrypt-existing-objects.md
    # (the s3-existing-objects-encrypted policy points there too).
    encryption = aws.s3.BucketServerSideEncryptionConfiguration(
        "data-encryption",
        bucket=bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn},
                # One data key per bucket instead of one KMS request per object: cheaper and faster.
                "bucket_key_enabled": True,
                "blocked_encryption_types": ["SSE-C"],
            }
        ],
    )
    public_access = aws.s3.BucketPublicAccessBlock(
        "data-public-access",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    ownership = aws.s3.BucketOwnershipControls(
        "data-ownership",
        bucket=bucket.id,
        rule={"object_ownership": "BucketOwnerEnforced"},
    )
    versioning = aws.s3.BucketVersioning(
        "data-versioning",
        bucket=bucket.id,
        versioning_configuration={"status": "Enabled"},
    )
    policy = aws.s3.BucketPolicy(
        "data-policy",
        bucket=bucket.id,
        # The distribution's ARN exists only once the distribution does, so on a new stack this
        # document is unknown at preview as a whole (the aws provider hands the engine a policy
        # as one JSON string, whatever the language) and the pack judges it at update.
        policy=pulumi.Output.json_dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "DenyPlainHttp",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [arn, f"{arn}/*"],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    },
                    {
                        "Sid": "DenyNonKmsEncryptionHeaders",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:PutObject",
                        "Resource": f"{arn}/*",
                        # Uploads without the header get the bucket's SSE-KMS default; uploads that
                        # name another algorithm would override it, so they are refused.
                        "Condition": {
                            "Null": {"s3:x-amz-server-side-encryption": "false"},
                            "StringNotEquals": {"s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"]},
                        },
                    },
                    {
                        "Sid": "CloudFrontReadsThroughOriginAccessControl",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudfront.amazonaws.com"},
                        "Action": "s3:GetObject",
                        "Resource": f"{arn}/*",
                        "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}},
                    },
                ],
            }
        ),
        opts=pulumi.ResourceOptions(depends_on=[public_access]),
    )
    return [encryption, public_access, ownership, versioning, policy]

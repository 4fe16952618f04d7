"""Data at rest: every bucket is encrypted by default with SSE-KMS under the stack's own key (bucket
key on, SSE-C blocked), private, owner-enforced and versioned, and its policy refuses plain HTTP
and non-KMS uploads; the function's log group uses the same key; the key rotates, is slow to
delete, and its policy separates administration from use."""
from reference import ACCOUNT, PREFIX, REGION, Registered, Stack, as_list, statements

BUCKET = "aws:s3/bucket:Bucket"
KEY = "aws:kms/key:Key"
BUCKET_NAME = f"{PREFIX}-data-{ACCOUNT}"
BUCKET_ARN = f"arn:aws:s3:::{BUCKET_NAME}"


def key_arn(stack: Stack) -> str:
    return stack.one(KEY, "data-key").outputs["arn"]


def setting(stack: Stack, typ: str, bucket: str = BUCKET_NAME) -> Registered:
    """The one resource of a type that configures a bucket (by the bucket's name, as the provider takes it)."""
    found = [r for r in stack.of_type(typ) if r.inputs.get("bucket") == bucket]
    assert len(found) == 1, f"expected one {typ} for the bucket {bucket}, found {[r.name for r in found]}"
    return found[0]


def test_the_stack_has_one_bucket_named_from_known_values_with_no_setting_inline(stack: Stack) -> None:
    assert [(b.name, b.inputs) for b in stack.of_type(BUCKET)] == [("data", {"bucket": BUCKET_NAME, "forceDestroy": False})]


def test_every_bucket_is_encrypted_by_default_with_sse_kms_under_the_stacks_key_and_blocks_sse_c(stack: Stack) -> None:
    for bucket in stack.of_type(BUCKET):
        encryption = setting(stack, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", bucket.inputs["bucket"])
        assert encryption.inputs["rules"] == [
            {
                "applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": key_arn(stack)},
                "bucketKeyEnabled": True,
                "blockedEncryptionTypes": ["SSE-C"],
            }
        ]


def test_the_key_is_customer_managed_symmetric_rotates_yearly_and_is_slow_to_delete(stack: Stack) -> None:
    keys = stack.of_type(KEY)
    assert [k.name for k in keys] == ["data-key"]
    inputs = keys[0].inputs
    assert inputs["enableKeyRotation"] is True
    assert inputs["rotationPeriodInDays"] == 365
    assert inputs["deletionWindowInDays"] == 30
    assert (inputs["keyUsage"], inputs["customerMasterKeySpec"]) == ("ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT")
    assert stack.one("aws:kms/alias:Alias", "data-key").inputs == {"name": f"alias/{PREFIX}-data", "targetKeyId": keys[0].outputs["keyId"]}


def test_the_key_policy_names_every_principal_and_separates_administration_from_use(stack: Stack) -> None:
    policy = statements(stack.one(KEY, "data-key").inputs["policy"])
    by_sid = {s["Sid"]: s for s in policy}
    assert list(by_sid) == ["KeyAdministration", "ApplicationUseThroughS3", "FunctionReadsItsEnvironment", "CloudWatchLogsEncryptsFunctionLogs", "CloudFrontReadsObjects"]
    for s in policy:
        assert s["Effect"] == "Allow"
        assert "kms:*" not in as_list(s["Action"]) and "*" not in as_list(s["Action"]), s["Sid"]
        assert s["Principal"] != "*" and f"arn:aws:iam::{ACCOUNT}:root" not in as_list(s["Principal"].get("AWS", [])), s["Sid"]
    admin = by_sid["KeyAdministration"]
    assert admin["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:role/platform-admin"}
    assert not {"kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"} & set(admin["Action"])
    use = by_sid["ApplicationUseThroughS3"]
    assert use["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:role/{PREFIX}-app"}
    assert use["Action"] == ["kms:Decrypt", "kms:GenerateDataKey"]
    assert use["Condition"] == {"StringEquals": {"kms:ViaService": f"s3.{REGION}.amazonaws.com", "kms:CallerAccount": ACCOUNT}}
    env = by_sid["FunctionReadsItsEnvironment"]
    assert (env["Principal"], env["Action"]) == ({"AWS": f"arn:aws:iam::{ACCOUNT}:role/{PREFIX}-app"}, "kms:Decrypt")
    assert env["Condition"] == {
        "StringEquals": {"kms:ViaService": f"lambda.{REGION}.amazonaws.com"},
        "ArnEquals": {"kms:EncryptionContext:aws:lambda:FunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{PREFIX}-api"},
    }
    logs = by_sid["CloudWatchLogsEncryptsFunctionLogs"]
    assert logs["Principal"] == {"Service": f"logs.{REGION}.amazonaws.com"}
    assert logs["Condition"] == {"ArnEquals": {"kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/{PREFIX}-api"}}
    cdn = by_sid["CloudFrontReadsObjects"]
    assert (cdn["Principal"], cdn["Action"]) == ({"Service": "cloudfront.amazonaws.com"}, "kms:Decrypt")
    assert cdn["Condition"]["StringEquals"] == {"aws:SourceAccount": ACCOUNT}


def test_the_bucket_blocks_public_access_enforces_owner_ownership_and_keeps_versions(stack: Stack) -> None:
    block = setting(stack, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs
    assert {k: block[k] for k in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")} == dict.fromkeys(
        ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"), True
    )
    assert setting(stack, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs["rule"] == {"objectOwnership": "BucketOwnerEnforced"}
    assert setting(stack, "aws:s3/bucketVersioning:BucketVersioning").inputs["versioningConfiguration"] == {"status": "Enabled"}


def test_the_bucket_policy_denies_plain_http_and_uploads_that_ask_for_other_encryption(stack: Stack) -> None:
    policy = {s["Sid"]: s for s in statements(setting(stack, "aws:s3/bucketPolicy:BucketPolicy").inputs["policy"])}
    assert policy["DenyPlainHttp"] == {
        "Sid": "DenyPlainHttp",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [BUCKET_ARN, f"{BUCKET_ARN}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    headers = policy["DenyNonKmsEncryptionHeaders"]
    assert (headers["Effect"], headers["Principal"], headers["Action"], headers["Resource"]) == ("Deny", "*", "s3:PutObject", f"{BUCKET_ARN}/*")
    assert headers["Condition"] == {
        "Null": {"s3:x-amz-server-side-encryption": "false"},
        "StringNotEquals": {"s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"]},
    }


def test_the_bucket_policy_lets_only_the_stacks_distribution_read_objects(stack: Stack) -> None:
    allows = [s for s in statements(setting(stack, "aws:s3/bucketPolicy:BucketPolicy").inputs["policy"]) if s["Effect"] == "Allow"]
    distribution = stack.one("aws:cloudfront/distribution:Distribution", "cdn").outputs["arn"]
    assert allows == [
        {
            "Sid": "CloudFrontReadsThroughOriginAccessControl",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": f"{BUCKET_ARN}/*",
            "Condition": {"StringEquals": {"AWS:SourceArn": distribution}},
        }
    ]


def test_the_functions_log_group_is_encrypted_with_the_stacks_key(stack: Stack) -> None:
    assert stack.one("aws:cloudwatch/logGroup:LogGroup", "api").inputs == {
        "name": f"/aws/lambda/{PREFIX}-api",
        "retentionInDays": 30,
        "kmsKeyId": key_arn(stack),
    }

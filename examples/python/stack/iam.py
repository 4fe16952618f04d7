"""Roles split by responsibility.

The application role reads and writes the data bucket's objects and nothing else; the deployer
role ships new function code and can read no data. Neither has a wildcard action or resource, and
each permission reaches its role once.
"""
import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws



@dataclass(frozen=True)
class RoleNames:
    """Role names and ARNs derived from known values, so key and bucket policies are known at preview."""

    prefix: str
    account_id: str
    region: str

    @property
    def app_role_name(self) -> str:
        return f"{self.prefix}-app"

    @property
    def app_role_arn(self) -> str:
        return f"arn:aws:iam::{self.account_id}:role/{self.app_role_name}"

    @property
    def deployer_role_name(self) -> str:
        return f"{self.prefix}-deployer"

    @property
    def function_name(self) -> str:
        return f"{self.prefix}-api"

    @property
    def function_arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:{self.account_id}:function:{self.function_name}"


def app_role(names: RoleNames, bucket_arn: str, key: aws.kms.Key, log_group_arn: str) -> aws.iam.Role:
    """The role the function runs as: S3 object access through the data key, and its own logs."""
    role = aws.iam.Role(
        "app",
        name=names.app_role_name,
        description="Runs the API function: reads and writes objects in the data bucket; no control-plane power.",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    aws.iam.RolePolicy(
        "app-data-access",
        role=role.name,
        # The key's ARN exists only once the key does: on a new stack the pack judges this document at update.
        policy=pulumi.Output.json_dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Sid": "DataObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"{bucket_arn}/*"},
                    {"Sid": "DataKeyThroughS3", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": key.arn},
                    {"Sid": "OwnLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": f"{log_group_arn}:*"},
                ],
            }
        ),
    )
    return role


def deployer_role(names: RoleNames, ci_repository: str, ci_ref: str) -> aws.iam.Role:
    """The role CI assumes to deploy: GitHub's OIDC tokens for one repository and ref only.

    It can publish new code for the API function and read the function's configuration; it can
    read no data and change no permissions.
    """
    issuer = "token.actions.githubusercontent.com"
    provider = aws.iam.OpenIdConnectProvider(
        "github-actions",
        url=f"https://{issuer}",
        client_id_lists=["sts.amazonaws.com"],
    )
    role = aws.iam.Role(
        "deployer",
        name=names.deployer_role_name,
        description=f"Assumed by CI of {ci_repository} ({ci_ref}) to deploy new function code; reads no data.",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Federated": f"arn:aws:iam::{names.account_id}:oidc-provider/{issuer}"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {
                            "StringEquals": {
                                f"{issuer}:aud": "sts.amazonaws.com",
                                f"{issuer}:sub": f"repo:{ci_repository}:ref:{ci_ref}",
                            },
                        },
                    },
                ],
            }
        ),
        opts=pulumi.ResourceOptions(depends_on=[provider]),
    )
    aws.iam.RolePolicy(
        "deployer-function-code",
        role=role.name,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "ShipFunctionCode",
                        "Effect": "Allow",
                        "Action": ["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:GetFunction"],
                        "Resource": names.function_arn,
                    },
                ],
            }
        ),
    )
    return role

"""The reference stack, in Python: what a team copies to start a secure AWS setup.

It declares the same resources under the same names as the TypeScript stack in the repository's
`stack/`, and passes every policy of the aws-secure-baseline pack with no diagnostic once deployed.
On a new stack, the two policy documents that name an ARN not created yet (the application role's
policy, the bucket policy) are unknown at preview: the pack says so as advisories and judges them
at `pulumi up`.

  data key (KMS, rotating)  ──encrypts──▶  data bucket (SSE-KMS, private), function log group
  API function (Lambda, app role) ◀── load balancer (HTTPS; HTTP only redirects) and HTTP API
  CloudFront (HTTPS, TLS 1.2+) ──origin access control──▶ data bucket
  deployer role (CI via OIDC, one repository) ──updates──▶ function code
"""
import re

import pulumi
import pulumi_aws as aws

from stack.config import read_config
from stack.data import DataArgs, data_bucket, data_key, protect_bucket
from stack.endpoints import FunctionEndpointsArgs, distribution, http_api, load_balancer, validated_certificate
from stack.iam import RoleNames, app_role, deployer_role

config = read_config()
# Invokes answer at preview, so names and ARNs built from these are known before deployment.
account_id = aws.get_caller_identity().account_id
region = aws.get_region().region
prefix = re.sub(r"[^a-z0-9-]", "-", f"{pulumi.get_project()}-{pulumi.get_stack()}".lower())[:40]
names = RoleNames(prefix=prefix, account_id=account_id, region=region)

log_group_name = f"/aws/lambda/{names.function_name}"
log_group_arn = f"arn:aws:logs:{region}:{account_id}:log-group:{log_group_name}"
function_arn = f"arn:aws:lambda:{region}:{account_id}:function:{names.function_name}"
key = data_key(
    DataArgs(
        prefix=prefix,
        account_id=account_id,
        region=region,
        key_administrator_arn=config.key_administrator_arn,
        app_role_arn=names.app_role_arn,
        log_group_arn=log_group_arn,
        function_arn=function_arn,
    )
)
aws.kms.Alias("data-key", name=f"alias/{prefix}-data", target_key_id=key.key_id)
bucket = data_bucket(prefix, account_id)

# Encrypted with the data key: the key policy lets CloudWatch Logs use it for this log group only.
log_group = aws.cloudwatch.LogGroup("api", name=log_group_name, retention_in_days=30, kms_key_id=key.arn)
role = app_role(names, bucket.arn, key, log_group_arn)
deployer_role(names, config.ci_repository, config.ci_ref)

fn = aws.lambda_.Function(
    "api",
    name=names.function_name,
    role=role.arn,
    runtime=aws.lambda_.Runtime.PYTHON3D13,
    handler="index.handler",
    environment={"variables": {"DATA_BUCKET": bucket.name}},
    # The variables are encrypted with the data key, not Lambda's AWS managed aws/lambda key.
    kms_key_arn=key.arn,
    code=pulumi.AssetArchive(
        {"index.py": pulumi.StringAsset("def handler(event, context):\n    return {'statusCode': 200, 'body': 'ok'}\n")}
    ),
    opts=pulumi.ResourceOptions(depends_on=[log_group]),
)

app_domain = f"app.{config.domain}"
api_domain = f"api.{config.domain}"
cdn_domain = f"cdn.{config.domain}"
regional = validated_certificate("regional", [app_domain, api_domain], config.hosted_zone_id)
# CloudFront takes certificates from us-east-1 only, whatever the stack's region.
us_east_1 = aws.Provider("us-east-1", region="us-east-1")
global_certificate = validated_certificate("cdn", [cdn_domain], config.hosted_zone_id, pulumi.ResourceOptions(provider=us_east_1))

endpoint_args = FunctionEndpointsArgs(
    prefix=prefix,
    region=region,
    account_id=account_id,
    zone_id=config.hosted_zone_id,
    app_domain=app_domain,
    api_domain=api_domain,
    vpc_id=config.vpc_id,
    subnet_ids=config.public_subnet_ids,
    fn=fn,
)
lb = load_balancer(endpoint_args, regional)
http_api(endpoint_args, regional)
cdn = distribution(prefix, config.hosted_zone_id, cdn_domain, bucket.bucket, global_certificate)
protect_bucket(bucket, key, cdn.arn)

pulumi.export("bucketName", bucket.name)
pulumi.export("keyArn", key.arn)
pulumi.export("appUrl", f"https://{app_domain}")
pulumi.export("apiUrl", f"https://{api_domain}")
pulumi.export("cdnUrl", f"https://{cdn_domain}")
pulumi.export("loadBalancerDns", lb.dns_name)

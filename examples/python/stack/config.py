"""Stack configuration, validated up front.

A missing or malformed value stops the program with one line naming the key and the expected
form, before any resource is declared.
"""
import re
from dataclasses import dataclass
from typing import Any, Optional

import pulumi


class ConfigurationError(pulumi.RunError):
    """A stack config value that is missing or malformed; Pulumi prints its message without a traceback."""


@dataclass(frozen=True)
class StackConfig:
    domain: str
    """The parent domain; endpoints are `app.`, `api.` and `cdn.` below it."""
    hosted_zone_id: str
    """The Route 53 hosted zone of `domain`, where DNS validation and alias records go."""
    ci_repository: str
    """`OWNER/REPO` of the repository whose CI may assume the deployer role."""
    ci_ref: str
    """The git ref the CI deployer runs from (`refs/heads/main` by default)."""
    key_administrator_arn: str
    """The role that administers the data key (the identity that runs `pulumi up`)."""
    vpc_id: str
    """The VPC and at least two public subnets (in different zones) for the load balancer."""
    public_subnet_ids: list[str]


def _fail(key: str, expected: str) -> ConfigurationError:
    return ConfigurationError(
        f"Stack config '{pulumi.get_project()}:{key}' is missing or malformed: expected {expected}. "
        f"Set it in Pulumi.{pulumi.get_stack()}.yaml or with `pulumi config set {key} …`."
    )


def _text(config: pulumi.Config, key: str, pattern: str, expected: str, fallback: Optional[str] = None) -> str:
    value = config.get(key)
    if value is None:
        value = fallback
    if value is None or not re.fullmatch(pattern, value):
        raise _fail(key, expected)
    return value


def _list(config: pulumi.Config, key: str, pattern: str, expected: str, minimum: int) -> list[str]:
    try:
        value: Any = config.get_object(key)
    except pulumi.ConfigTypeError:
        raise _fail(key, expected) from None
    if not isinstance(value, list) or len(value) < minimum or not all(isinstance(v, str) and re.fullmatch(pattern, v) for v in value):
        raise _fail(key, expected)
    return value


def read_config() -> StackConfig:
    config = pulumi.Config()
    return StackConfig(
        domain=_text(config, "domain", r"(?=.{4,200}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", "a DNS domain such as example.com"),
        hosted_zone_id=_text(config, "hostedZoneId", r"Z[A-Z0-9]{4,31}", "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"),
        ci_repository=_text(config, "ciRepository", r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", "a repository as OWNER/REPO"),
        ci_ref=_text(config, "ciRef", r"refs/(heads|tags)/[A-Za-z0-9_./-]+", "a git ref such as refs/heads/main", "refs/heads/main"),
        key_administrator_arn=_text(
            config,
            "keyAdministratorArn",
            r"arn:aws:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]+",
            "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin",
        ),
        vpc_id=_text(config, "vpcId", r"vpc-[0-9a-f]{8,17}", "a VPC id such as vpc-0123456789abcdef0"),
        public_subnet_ids=_list(config, "publicSubnetIds", r"subnet-[0-9a-f]{8,17}", "a list of at least two subnet ids", 2),
    )

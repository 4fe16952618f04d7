"""Configuration: a malformed value stops the program with one line naming the key and the expected form."""
from typing import Iterator

import pulumi
import pytest

from reference import PROJECT, stack_config
from stack.config import ConfigurationError, read_config


@pytest.fixture
def config(stack: object) -> Iterator[dict[str, str]]:
    """The stack's configuration to change for one test (after the session's run), restored afterwards."""
    values = stack_config()
    yield values
    pulumi.runtime.set_all_config(stack_config())


def test_the_stacks_own_configuration_is_read(config: dict[str, str]) -> None:
    assert read_config().public_subnet_ids == ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    assert read_config().ci_ref == "refs/heads/main"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("domain", "not a domain", "a DNS domain such as example.com"),
        ("keyAdministratorArn", "arn:aws:iam::123456789012:user/admin", "an IAM role ARN"),
        ("publicSubnetIds", '["subnet-0123456789abcdef0"]', "a list of at least two subnet ids"),
        ("publicSubnetIds", "subnet-0123456789abcdef0", "a list of at least two subnet ids"),
    ],
)
def test_a_malformed_value_is_refused_naming_the_key_and_the_expected_form(config: dict[str, str], key: str, value: str, expected: str) -> None:
    config[f"{PROJECT}:{key}"] = value
    pulumi.runtime.set_all_config(config)
    with pytest.raises(ConfigurationError) as refused:
        read_config()
    message = str(refused.value)
    assert message.startswith(f"Stack config '{PROJECT}:{key}' is missing or malformed: expected {expected}")
    assert "\n" not in message and value not in message

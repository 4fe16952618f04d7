"""The reference stack, run once for the whole session under the mocks of reference.py."""
import pytest

from reference import Stack, run_program


@pytest.fixture(scope="session")
def stack() -> Stack:
    return Stack(run_program())

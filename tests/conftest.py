"""Shared fixtures: one Pipeline per test session (loading spaCy takes seconds)."""
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def pipeline():
    from dyad.cli import get_pipeline  # the CLI's cached instance, so CLI tests reuse it too

    return get_pipeline()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES

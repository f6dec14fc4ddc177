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


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once (the same cached object the Pipeline uses)."""
    from dyad.cli import get_settings
    from dyad.spacy_model import load_spacy

    return load_spacy(get_settings().spacy_model)


@pytest.fixture(scope="session")
def kb():
    """The bundled knowledge base."""
    from dyad.kb import KnowledgeBase

    return KnowledgeBase.default()


@pytest.fixture(scope="session")
def coder(nlp):
    """The pattern event coder over the configured spaCy model."""
    from dyad.events.coder import PatternCoder

    return PatternCoder(nlp=nlp)

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


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline) -> Path:
    """The example corpus plus the hostile-article fixture, ingested once, with story clusters built:
    the database the dashboard tests serve."""
    from dyad.analysis import build_clusters
    from dyad.ingest import iter_inputs
    from dyad.store import Store

    root = Path(__file__).parent.parent
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(db) as store:
        store.ingest(iter_inputs([root / "examples" / "corpus", FIXTURES / "web" / "hostile.jsonl"]), pipeline)
        build_clusters(store.con)
    return db


@pytest.fixture
def analysis_store():
    """The invented store of tests/analysis_store.py, in memory."""
    from analysis_store import build
    from dyad.store import Store

    with Store() as store:
        yield build(store)

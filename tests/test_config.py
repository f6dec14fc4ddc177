"""config.Settings: defaults, the environment read in one place, and nothing else reading it."""
import ast
from pathlib import Path

import dyad
from dyad.config import ENVIRONMENT, Settings

SRC = Path(dyad.__file__).parent


def test_plain_settings_are_the_defaults_whatever_the_environment(monkeypatch):
    monkeypatch.setenv("DYAD_QUOTES", "all")
    monkeypatch.setenv("DYAD_EVENT_CODER", "other")
    assert Settings().quote_mode == "reported" and Settings().event_coder == "pattern"


def test_from_env_reads_every_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("DYAD_SPACY_MODEL", "some_model")
    monkeypatch.setenv("DYAD_BATCH_SIZE", "7")
    monkeypatch.setenv("DYAD_N_PROCESS", "2")
    monkeypatch.setenv("DYAD_QUOTES", "all")
    monkeypatch.setenv("DYAD_EVENT_CODER", "other")
    monkeypatch.setenv("DYAD_MAX_BODY_CHARS", "100")
    monkeypatch.setenv("DYAD_MAX_FILE_BYTES", "200")
    monkeypatch.setenv("DYAD_OFFICES_EXTRA", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    s = Settings.from_env()
    assert s == Settings(spacy_model="some_model", batch_size=7, n_process=2, quote_mode="all",
                         event_coder="other", max_body_chars=100, max_file_bytes=200,
                         offices_extra=(str(tmp_path / "a"), str(tmp_path / "b")))
    assert set(ENVIRONMENT) == set(Settings.__dataclass_fields__)


def test_unset_or_empty_variables_keep_the_defaults():
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({"DYAD_QUOTES": "", "DYAD_OFFICES_EXTRA": ""}) == Settings()
    # a malformed size must not break every command: the default applies
    assert Settings.from_env({"DYAD_MAX_FILE_BYTES": "lots"}).max_file_bytes == Settings().max_file_bytes


def _environment_reads(tree: ast.AST) -> list[int]:
    """Lines that touch os.environ / os.getenv / os.putenv (as attributes or imported names)."""
    names = {"environ", "getenv", "environb", "putenv", "unsetenv"}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in names:
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(a.name in names for a in node.names):
            lines.append(node.lineno)
    return sorted(lines)


def test_only_config_reads_the_environment():
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        lines = _environment_reads(ast.parse(path.read_text(encoding="utf-8")))
        if lines and path != SRC / "config.py":
            found[str(path.relative_to(SRC))] = lines
    assert found == {}, f"the environment is read outside config.py (use Settings): {found}"


def test_the_scan_sees_environment_reads():
    code = "import os\nfrom os import getenv\nx = os.environ.get('A')\ny = os.getenv('B')\n"
    assert _environment_reads(ast.parse(code)) == [2, 3, 4]

"""The closed word lists of the event rules, loaded from `events/data/*_words.yaml` (data over code).

`load_words(name)` reads `data/NAME.yaml`: a list becomes a frozenset, a mapping a dict, anything else
is an error naming the file and key, so a broken data file fails at import, not mid-article.
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

import yaml

DATA = Path(__file__).parent / "data"

Words = dict[str, Union[frozenset, dict]]


def load_words(name: str) -> Words:
    path = DATA / f"{name}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: Words = {}
    for key, value in raw.items():
        if isinstance(value, list):
            out[key] = frozenset(str(v) for v in value)
        elif isinstance(value, dict):
            out[key] = {str(k): str(v) for k, v in value.items()}
        else:
            raise ValueError(f"events/data/{name}.yaml: `{key}` must be a list or a mapping")
    return out

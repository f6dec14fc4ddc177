"""What a pipeline stage is: built once per run, called once per `Document`.

A stage is built as `Stage(settings=..., kb=..., nlp=...)` with the run's `Settings`, `KnowledgeBase`
and spaCy pipeline, and keeps no per-article state, so one instance can serve many threads or a
worker process. It declares the `Document` slots it `reads` and `writes` (like spaCy's component
`requires`/`assigns`); `pipeline.check_order` holds the stage list to them when the `Pipeline` is built.
A slot is a `Document` field (`"mentions"`) or a field of its record (`"record.people"`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Optional

from .config import Settings

if TYPE_CHECKING:
    from .document import Document
    from .kb import KnowledgeBase


class Stage:
    name: ClassVar[str] = ""
    reads: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Optional[Settings] = None, kb: Optional["KnowledgeBase"] = None,
                 nlp: Any = None):
        self.settings = settings if settings is not None else Settings()
        self.kb = kb
        self.nlp = nlp

    def __call__(self, doc: "Document") -> None:
        raise NotImplementedError

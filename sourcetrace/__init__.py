"""sourcetrace: trace news claims to their independent origins.

>>> from sourcetrace import analyse
>>> dossier = analyse(["examples/corpus"])          # doctest: +SKIP
>>> [c.verdict for c in dossier.claims]             # doctest: +SKIP
"""

from __future__ import annotations

from .errors import InputError, ModelMissingError, SourcetraceError, UsageError
from .model import Article, Claim, Dossier, Entity, Problem, Report, Story

_LAZY = {"analyse", "analyse_articles", "analyse_documents"}


def __getattr__(name: str) -> object:
    # The pipeline imports every stage; load it on first use so that `import sourcetrace.model` stays light.
    if name in _LAZY:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sourcetrace' has no attribute {name!r}")


__all__ = [
    "Article",
    "Claim",
    "Dossier",
    "Entity",
    "InputError",
    "ModelMissingError",
    "Problem",
    "Report",
    "SourcetraceError",
    "Story",
    "UsageError",
    "analyse",
    "analyse_articles",
    "analyse_documents",
]
__version__ = "0.1.0"

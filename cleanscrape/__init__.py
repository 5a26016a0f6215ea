"""cleanscrape: scraped news pages into clean, validated article objects.

::

    from cleanscrape import clean

    result = clean(page)                  # page: text, HTML, bytes or BeautifulSoup
    result.article.title                  # the headline
    result.teasers                        # related-story cards
    result.removed                        # every piece of debris, with the rule that took it
    result.model_dump_json()              # the JSON contract

Everything here is imported on first use, so ``import cleanscrape`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "clean",
    "clean_many",
    "Pipeline",
    "steps",
    "Step",
    "Document",
    "Block",
    "Change",
    "Article",
    "Teaser",
    "Removed",
    "CleanResult",
    "CleanscrapeError",
    "InputError",
    "DecodeError",
    "RuleFileError",
    "ValidationError",
    "load_rule_file",
    "__version__",
]

_WHERE = {
    "clean": "pipeline",
    "clean_many": "pipeline",
    "Pipeline": "pipeline",
    "Step": "steps.base",
    "Document": "document",
    "Block": "document",
    "Change": "document",
    "Article": "models",
    "Teaser": "models",
    "Removed": "models",
    "CleanResult": "models",
    "CleanscrapeError": "errors",
    "InputError": "errors",
    "DecodeError": "errors",
    "RuleFileError": "errors",
    "ValidationError": "errors",
    "load_rule_file": "ruleset",
}

if TYPE_CHECKING:  # pragma: no cover
    from . import steps
    from .document import Block, Change, Document
    from .errors import CleanscrapeError, DecodeError, InputError, RuleFileError, ValidationError
    from .models import Article, CleanResult, Removed, Teaser
    from .pipeline import Pipeline, clean, clean_many
    from .ruleset import load_rule_file
    from .steps.base import Step


def __getattr__(name: str) -> Any:
    if name == "steps":
        return importlib.import_module(".steps", __name__)
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'cleanscrape' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{where}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""The pipeline steps. Each is a small, named, picklable ``Document -> Document`` callable.

=================  ===========================================================
``RepairEncoding``  undo mojibake where a block looks broken
``DetectLanguage``  set the page's language when the caller did not
``FindHtmlContent`` (HTML) mark boilerplate, teaser cards and the main content
``StripNoise``      label UI debris by rule (rule packs are data files)
``RepairQuotes``    orient and pair quote marks in the page's own style
``FindDates``       recognise date lines
``FindByline``      recognise byline lines and parse their names
``SegmentTeasers``  cut related-story rails into teasers
``FindHeadline``    the header: title, dek, byline, dates, masthead
``FindBody``        the article's running text; the rest is reported removed
=================  ===========================================================
"""

from __future__ import annotations

from typing import Any

from .base import Step
from .body import FindBody
from .bylines import FindByline
from .dates import FindDates
from .encoding import RepairEncoding
from .headline import FindHeadline
from .language import DetectLanguage
from .noise import StripNoise
from .quotes import RepairQuotes
from .teasers import SegmentTeasers

__all__ = [
    "Step", "RepairEncoding", "DetectLanguage", "FindHtmlContent", "StripNoise",
    "RepairQuotes", "FindDates", "FindByline", "SegmentTeasers", "FindHeadline", "FindBody",
]


def __getattr__(name: str) -> Any:
    # FindHtmlContent's module reads HTML rule data; import it on first use.
    if name == "FindHtmlContent":
        from .html_content import FindHtmlContent

        return FindHtmlContent
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

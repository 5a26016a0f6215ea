"""The shapes bylines take outside the header: patterns built from rule data.

Reconciliation (:mod:`cleanscrape.reconcile`) looks for bylines the header step did not
read: near the headline in a box markup called boilerplate, at the end of the article, in
an author box. The words are data (``rules/structure/byline_shapes.toml``, every language
at once); this module turns them into compiled patterns once per process.

Example:
    >>> s = shapes()
    >>> s.opener_line.match("Von Anna Schmidt").group("name")
    'Anna Schmidt'
    >>> s.footer.match("Posted by Jane Roe at 2:33 PM").group("name")
    'Jane Roe'
    >>> s.more_from.match("More from Jane Roe").group("name")
    'Jane Roe'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .ruleset import load_data

__all__ = ["BylineShapes", "shapes"]


def _alternation(phrases: list[str]) -> str:
    """Longest first, spaces matching any white space."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True)
class BylineShapes:
    """Compiled byline patterns (each has a ``name`` group) and word sets."""

    #: "By Jane Roe" alone on a line; "ByJane Roe" with the prefix glued on.
    opener_line: re.Pattern[str]
    #: "Ein Artikel von Miriam Roe": a byline closing a longer line.
    inner: re.Pattern[str]
    #: A byline word alone ("Von", "Auteur", "By:"): the name is in the next element.
    opener_only: re.Pattern[str]
    #: "… von Peter Roe" ending a line (the name may follow in the next element).
    ends_with_opener: re.Pattern[str]
    #: "22. Dezember 2019 von Peter Roe": a date, then the byline.
    date_then_by: re.Pattern[str]
    #: "Posted by Jane Roe at 2:33 PM", "by jr on December 4, 2006".
    footer: re.Pattern[str]
    #: "Autorin: Uta Roe, Projektleiterin …": the name ends at the first comma or stop.
    author_label: re.Pattern[str]
    #: "More from Jane Roe", "Alle Beiträge von …".
    more_from: re.Pattern[str]
    joiners: frozenset[str]
    particles: frozenset[str]


@functools.cache
def shapes() -> BylineShapes:
    """The patterns, built once from ``rules/structure/byline_shapes.toml``."""
    data = load_data("structure", "byline_shapes.toml")
    op = f"(?:{_alternation(data['openers'])})"
    conn = _alternation(data["date_connectors"])
    flags = re.IGNORECASE
    return BylineShapes(
        opener_line=re.compile(
            rf"^(?:{op}\s+|[Bb]y(?=[A-Z]))(?P<name>[^\s\d][^|•·\d]{{1,60}}?)\s*$", flags),
        inner=re.compile(rf"(?:^|\s){op}\s+(?P<name>[^|•·\d]{{2,60}}?)\s*$", flags),
        opener_only=re.compile(rf"^{op}\s*:?$", flags),
        ends_with_opener=re.compile(rf"\s{op}$", flags),
        date_then_by=re.compile(
            rf"^(?P<date>.*\d.*?)\s+{op}\s+(?P<name>[^|•·\d]{{2,60}}?)\s*$", flags),
        footer=re.compile(
            rf"^{op}\s+(?P<name>[^\d|•·,]{{2,60}}?)"
            rf"(?:\s+(?:{conn}|·|\||,|-|–|—)\s+(?P<rest>.*\d.*)"
            rf"|\s*[|•·,–—-]\s*(?P<rest2>.*\d.*))$", flags),
        author_label=re.compile(
            rf"^(?:{_alternation(data['author_labels'])})\s*:\s*"
            rf"(?P<name>[^,.;|•·\d]{{3,60}})(?:[,.;|].*)?$", flags),
        more_from=re.compile(
            rf"^(?:{_alternation(data['more_from'])})\s+(?P<name>[^|•·]{{2,60}}?)\s*$", flags),
        joiners=frozenset(data["joiners"]),
        particles=frozenset(data["particles"]),
    )

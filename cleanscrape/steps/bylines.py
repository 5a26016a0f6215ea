"""FindByline: recognise byline lines and parse the names in them.

"By Jane Roe and John Poe" gives two authors; "Written by" with nothing after it is a
byline with no authors; "By The Daily Courier" names an organisation, which is the
article's ``source``, not an author; "Reporting by A; Editing by B" lists A only. A line
that starts like a byline but goes on like a sentence ("By the time we arrived, …") is not
one. Prefixes, joiners and organisation words are data (``rules/structure/bylines.toml``).

Like :class:`~cleanscrape.steps.dates.FindDates`, the step annotates
(``block.data["byline"] = {"authors": [...], "source": ... }``); the headline and teaser
steps decide which bylines belong to the article.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..document import Document
from ..ruleset import load_data
from .base import Step
from .dates import split_trailing_date

__all__ = ["FindByline", "parse_byline", "is_organisation", "parse_meta_line", "is_person_name"]

_MAX_BYLINE_WORDS = 24
_SPLIT_PARTS = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+|\s*;\s*|(?<=[^\W\d_]{2})\.\s+(?=[^\W\d_])")
#: "Jane Roe in Lisbon", "Anna Schmidt aus Berlin": a place after the name.
_PLACE_TAIL = re.compile(r"^(?P<name>.+?)\s+(?P<place>(?:in|aus|en|à|a|em|w|we|в|из|from|reporting from)"
                         r"\s+[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*){0,2})$")


@functools.cache
def _data() -> dict[str, Any]:
    return load_data("structure", "bylines.toml")


@functools.lru_cache(maxsize=64)
def _prefixes(language: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = _data()
    langs = ["en"] + ([language] if language and language != "en" else [])
    pre: list[str] = []
    non: list[str] = []
    for lang in langs:
        pre += data["prefixes"].get(lang, [])
        non += data["non_author_prefixes"].get(lang, [])
    # Longest first so "written by" wins over "by".
    return (tuple(sorted(set(pre), key=len, reverse=True)),
            tuple(sorted(set(non), key=len, reverse=True)))


@functools.lru_cache(maxsize=64)
def _suffixes(language: str | None) -> tuple[str, ...]:
    """Titles that close a byline after the name ("김민지 기자"), longest first."""
    found = _data().get("suffixes", {}).get(language or "", [])
    return tuple(sorted(set(found), key=len, reverse=True))


#: The names before a closing title: "김민지", "김민지·박영수", "田中健太".
_CJK_NAMES = re.compile(r"\s*[,、·・/]\s*|\s+")


def _is_cjk_name(name: str) -> bool:
    """A personal name in a script without spaces: two to six such characters."""
    from ._shape import is_cjk_char

    return 2 <= len(name) <= 6 and all(is_cjk_char(ch) for ch in name)


def _title_after_name(text: str, language: str | None) -> dict[str, Any] | None:
    """A byline that names the reporters first and their title after ("김민지 기자")."""
    for suffix in _suffixes(language):
        if text.endswith(suffix):
            head = text[: -len(suffix)].strip(" ·,")
            names = [n for n in _CJK_NAMES.split(head) if n]
            if 1 <= len(names) <= 3 and all(_is_cjk_name(n) for n in names):
                return {"authors": names, "source": None, "rest": []}
    return None


@functools.cache
def _org_words() -> frozenset[str]:
    return frozenset(_data()["organisations"]["words"])


@functools.cache
def _agencies() -> frozenset[str]:
    return frozenset(_data()["organisations"]["agencies"]["words"])


@functools.cache
def _articles() -> frozenset[str]:
    return frozenset(_data()["organisations"]["articles"]["words"])


@functools.cache
def _joiner_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _data()["joiners"]["words"])
    return re.compile(rf"\s*,\s*(?:(?:{words})\s+)?|\s+(?:{words})\s+")


def is_organisation(name: str) -> bool:
    """True when ``name`` reads as a publication or organisation rather than a person."""
    words = [w.strip("().,").lower() for w in name.split()]
    if not words:
        return False
    if words[0] in _articles() and not name.split()[0].endswith(".") and len(words) > 1 \
            and words[1][:1].isalpha() \
            and name.split()[1][:1].isupper():
        return True
    if len(words) == 1:
        return words[0] in _agencies() or (name.isupper() and len(name) > 1 and all(
            not ch.isalpha() or ch.isupper() for ch in name))
    return any(w in _org_words() for w in words)


def _is_name(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 6:
        return False
    if part[-1:] in ".!?" and not re.search(r"\b[A-Z]\.$", part):
        return False
    first = words[0]
    if not first[0].isupper():
        return False
    # Lower-case words are allowed only as particles ("van", "de", "al", "bin").
    lower = [w for w in words[1:] if w[:1].islower()]
    return len(lower) <= 2 and all(len(w) <= 4 for w in lower)


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> str | None:
    low = text.lower()
    for p in prefixes:
        if low.startswith(p):
            rest = text[len(p):]
            if not rest or rest[0] in " :\u00a0" or p.endswith(":"):
                return rest.lstrip(" :\u00a0")
    return None


def parse_byline(text: str, *, language: str | None = None) -> dict[str, Any] | None:
    """Parse a byline line.

    Returns:
        ``{"authors": [...], "source": str | None, "rest": [parts that were not names]}``
        or ``None`` when ``text`` is not a byline.

    >>> parse_byline("By Jane Roe and John Poe")["authors"]
    ['Jane Roe', 'John Poe']
    >>> parse_byline("Written by")["authors"]
    []
    >>> parse_byline("By the time we arrived, the shop had closed.") is None
    True
    """
    t = " ".join(text.split())
    if not t or len(t.split()) > _MAX_BYLINE_WORDS:
        return None
    prefixes, non_author = _prefixes(language)
    parts = [p.strip() for p in _SPLIT_PARTS.split(t) if p.strip()]
    if not parts:
        return None
    first = _strip_prefix(parts[0], prefixes)
    if first is None:
        return _title_after_name(t, language) if len(parts) == 1 else None
    authors: list[str] = []
    source: str | None = None
    rest: list[str] = []
    for k, part in enumerate(parts):
        body = first if k == 0 else part
        if k > 0:
            stripped = _strip_prefix(part, non_author)
            if stripped is not None:
                rest.append(part)  # "Editing by …": consumed, and reported
                continue
            again = _strip_prefix(part, prefixes)
            if again is not None:
                body = again
            else:
                rest.append(part)
                continue
        if not body:
            continue
        names = [n.strip() for n in _joiner_re().split(body) if n and n.strip()]
        for name in names:
            place = _PLACE_TAIL.match(name)
            if place is not None and _is_name(place.group("name")) \
                    and place.group("place").split()[-1][:1].isupper():
                name = place.group("name")
                rest.append(place.group("place"))
            if _is_role(name):
                rest.append(name)  # "Senior Correspondent": a role, not a person
                continue
            if is_organisation(name) and _is_name_or_org(name):
                if source is None:
                    source = name
                continue
            if not _is_name(name):
                if k == 0:
                    return None
                rest.append(name)
                continue
            authors.append(name)
    return {"authors": authors, "source": source, "rest": rest}


def _is_role(name: str) -> bool:
    from ..people import author_names

    got = author_names(name)
    return not got.kept and any(reason == "role" for _, reason in got.rejected)


def _is_name_or_org(name: str) -> bool:
    words = name.split()
    return 0 < len(words) <= 8 and name[-1:] not in ".!?" and (name[0].isupper() or name[0].isdigit())


class FindByline(Step):
    """Annotate byline lines with the authors and organisation they name."""

    name = "FindByline"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        lang = doc.language_base
        for block in doc.blocks:
            if block.label is not None and block.label != "teaser":
                continue
            if len(block.text) > 200:
                continue
            parsed = parse_byline(block.text, language=lang)
            if parsed is not None and "date" in block.data and not block.data["date"].get("field") \
                    and not parsed["authors"] and not parsed["source"]:
                parsed = None
            if parsed is None and _strip_prefix(block.text, _prefixes(lang)[0]) is not None:
                # "By Jo Park June 10, 2021 7:45 a.m." (inline elements run together)
                split = split_trailing_date(block.text, language=doc.language, order=doc.options.get("date_order"),
                                            reference_time=doc.reference_time)
                if split is not None:
                    parsed = parse_byline(split[0], language=lang)
                    if parsed is not None:
                        block.data["date"] = split[1]
                        block.data["dates"] = [split[1]]
            if parsed is None and len(block.text) <= 160:
                found = _byline_after_date(block.text, lang)
                if found is not None:
                    head, parsed = found
                    if "date" not in block.data:
                        from ..dates import looks_like_date, read_date_line
                        from .dates import date_record

                        got = read_date_line(head, language=doc.language,
                                             reference_time=doc.reference_time) \
                            if looks_like_date(head) else None
                        if got is None:
                            parsed = None
                        else:
                            block.data["date"] = date_record(got[0], got[1])
                            block.data["dates"] = [block.data["date"]]
            if parsed is not None:
                block.data["byline"] = parsed
        return doc


def _byline_after_date(text: str, language: str | None) -> tuple[str, dict[str, Any]] | None:
    """``(date part, byline)`` of "Posted on March 22, 2021 by Nadia Fenwick"."""
    prefixes = _prefixes(language)[0]
    low = text.lower()
    if not any(ch.isdigit() for ch in text):
        return None
    for p in prefixes:
        if p.endswith(":"):
            continue
        at = low.find(" " + p + " ")
        if at > 0:
            parsed = parse_byline(text[at + 1:], language=language)
            if parsed is not None and (parsed["authors"] or parsed["source"]):
                return text[:at].rstrip(" ,|·"), parsed
    return None


_TRIM = " ,|·•–—-:/"
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+|\s*\|\s*")
_PERSON_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


def is_person_name(text: str) -> bool:
    """A bare name without a byline word: two to four capitalised words ("Tanja Karrasch",
    "Jean-Paul de la Tour"), no digits, no organisation word."""
    words = text.split()
    if not 2 <= len(words) <= 5 or not _is_name(text) or is_organisation(text):
        return False
    caps = [w for w in words if w[:1].isupper()]
    return len(caps) >= 2 and all(_PERSON_WORD.match(w) for w in words)


def parse_meta_line(text: str, *, language: str | None = None, reference_time: str | None = None,
                    order: str | None = None) -> dict[str, Any] | None:
    """Split a header line that carries a date and a name into its parts.

    "Tanja Karrasch 3.11.2023", "Christian Kahle, 03.11.2023 15:32 Uhr", "19.10.2019 11:36
    telebasel", "Evgenia Karp Zuletzt geändert am 06.11.2023": the date is read, the rest is
    a byline ("By …"), the names of people, or a part that is neither (``rest``: reported,
    never silently dropped).

    Returns:
        ``{"date": {...}, "byline": {"authors", "source", "rest"}}`` or ``None`` when the
        line is not a date plus such a part.
    """
    from ..dates import looks_like_date, read_date_line

    t = " ".join(text.split())
    words = t.split()
    if not 2 <= len(words) <= 20 or not any(ch.isdigit() for ch in t):
        return None
    head: str | None = None
    date: dict[str, Any] | None = None
    parts = [p.strip() for p in _SEPARATORS.split(t) if p.strip()]
    split = split_trailing_date(t, language=language, reference_time=reference_time, order=order) \
        if len(parts) < 2 else None
    if len(parts) >= 2:
        # "Jane Roe, Senior Correspondent | March 3, 2021, 10:30 a.m."
        named = []
        for part in parts:
            got = read_date_line(part, language=language, reference_time=reference_time,
                                 order=order) if looks_like_date(part) else None
            if got is not None and date is None:
                date = {"field": got[0], "iso": got[1].iso, "precision": got[1].precision}
            elif got is None:
                named.append(part)
        if date is None or len(named) != 1:
            return None
        head = named[0]
    elif split is not None:
        head, date = split
    else:
        for cut in range(min(len(words) - 1, 8), 0, -1):
            lead = " ".join(words[:cut])
            if not looks_like_date(lead):
                continue
            got = read_date_line(lead, language=language, reference_time=reference_time,
                                 order=order)
            if got is not None:
                head = " ".join(words[cut:])
                date = {"field": got[0], "iso": got[1].iso, "precision": got[1].precision}
                break
    if date is None or head is None:
        return None
    head = head.strip(_TRIM)
    if not head or any(ch.isdigit() for ch in head) or len(head.split()) > 8:
        return None
    byline = parse_byline(head, language=language)
    if byline is None:
        names = [n.strip() for n in _joiner_re().split(head) if n and n.strip()]
        roles = [n for n in names if _is_role(n)]
        people = [n for n in names if n not in roles]
        if people and all(is_person_name(n) for n in people):
            byline = {"authors": people, "source": None, "rest": roles}
        elif len(head.split()) <= 3:
            byline = {"authors": [], "source": None, "rest": [head]}
        else:
            return None
    return {"date": date, "byline": byline}

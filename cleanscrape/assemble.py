"""Read a labelled :class:`~cleanscrape.document.Document` into a :class:`~cleanscrape.models.CleanResult`.

Assembly makes no judgement of its own: every decision is a label a step set. Here the
labels become fields: ``title`` blocks the title, ``byline`` blocks the authors, ``date``
blocks ``published``/``updated`` (with page metadata, for HTML, in the order of trust
:func:`cleanscrape.dates.resolve_dates` documents), ``body`` and ``heading`` blocks the
body, ``teaser`` blocks the teasers, ``noise`` blocks ``removed``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from pydantic import ValidationError as PydanticValidationError

from .document import Block, Document
from .errors import ValidationError
from .models import Article, CleanResult, Removed, Teaser
from .steps.teasers import finish_summary

__all__ = ["assemble"]


def _join(blocks: list[Block]) -> str | None:
    text = " ".join(b.text.strip() for b in blocks if b.text.strip())
    return text or None


_ZERO_SECONDS = re.compile(r"(T\d{2}:\d{2}):00(?![.\d])")


def _minutes(iso: str | None) -> str | None:
    """Times are given to the minute unless the page names seconds: drop ``:00`` seconds."""
    return _ZERO_SECONDS.sub(r"\1", iso) if iso else iso


def _dates(doc: Document) -> tuple[str | None, str | None]:
    from .dates import DateCandidate, DateValue, parse_machine_date, resolve_dates

    candidates: list[DateCandidate] = []
    header_unlabelled: list[DateCandidate] = []
    for b in doc.blocks:
        if b.label not in ("date", "byline"):
            continue
        for d in b.data.get("dates") or ([b.data["date"]] if "date" in b.data else []):
            value = DateValue(d["iso"], d["precision"])
            if d.get("field"):
                candidates.append(DateCandidate(value, d["field"], "visible.labelled"))
            else:
                header_unlabelled.append(DateCandidate(value, None, "visible.unlabelled"))
    candidates += header_unlabelled
    meta = doc.metadata
    for key, field, source in (("published", "published", "meta"), ("modified", "updated", "meta")):
        raw = meta.get(key)
        values = raw if isinstance(raw, list) else [raw] if raw else []
        for item in values:
            src = source
            if isinstance(item, dict):
                src, item = item.get("source", source), item.get("value")
            if isinstance(item, str):
                v = parse_machine_date(item)
                if v is not None:
                    candidates.append(DateCandidate(v, field, src))
    if doc.input_format == "html" and doc.url:
        from .dates import date_from_url

        v = date_from_url(doc.url)
        if v is not None:
            candidates.append(DateCandidate(v, "published", "url"))
    if not candidates:
        return None, None
    published, updated = resolve_dates(candidates, reference_time=doc.reference_time)
    published = _local_day(published, candidates)
    return (_minutes(published.iso) if published else None,
            _minutes(updated.iso) if updated else None)


def _local_day(published: Any, candidates: list[Any]) -> Any:
    """A UTC timestamp from metadata against the page address's day: the address has the
    day readers saw. "2019-11-19T04:58:46+00:00" on a /2019/11/18/ page was written in
    the evening of the 18th somewhere west of Greenwich."""
    import datetime as dt

    if published is None or not re.search(r"T\d{2}:\d{2}(:\d{2})?(\+00:00|Z)$", published.iso):
        return published
    url_day = next((c.value for c in candidates if c.source == "url"), None)
    if url_day is None or url_day.precision != "day":
        return published
    if any(c.source == "visible.labelled" or c.source == "visible.unlabelled" for c in candidates):
        return published
    day = dt.date.fromisoformat(published.iso[:10])
    if dt.date.fromisoformat(url_day.iso) == day - dt.timedelta(days=1) \
            and int(published.iso[11:13]) < 12:
        return url_day
    return published


def _people(doc: Document) -> tuple[list[str], str | None]:
    authors: list[str] = []
    source: str | None = None
    for b in doc.blocks:
        if b.label == "byline":
            by = b.data.get("byline") or {}
            for a in by.get("authors", []):
                if a not in authors:
                    authors.append(a)
            if by.get("source") and source is None:
                source = by["source"]
        elif b.label == "source" and source is None:
            source = b.data.get("source") or b.text.strip()
    meta = doc.metadata
    if not authors and doc.input_format == "html":
        for a in meta.get("authors") or []:
            if isinstance(a, str) and a.strip() and a.strip() not in authors:
                authors.append(a.strip())
    if source is None and isinstance(meta.get("site_name"), str):
        source = meta["site_name"].strip() or None
    if source is None and doc.input_format == "html":
        source = _site_from_title(doc) or _site_from_host(doc)
    return authors, source


def _squash(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _site_from_host(doc: Document) -> str | None:
    """A short line that spells the site's domain name ("Trail Notes" on trailnotes.com)."""
    from urllib.parse import urlsplit

    url = doc.url or doc.metadata.get("canonical")
    if not isinstance(url, str):
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = [x for x in host.split(".")[:-1] if len(x) > 3]
    if not labels:
        return None
    names = {_squash(x) for x in labels}
    for b in doc.blocks:
        t = b.text.strip()
        if len(t) > 80 or len(t.split()) > 8:
            continue
        squashed = _squash(t)
        if not any(name in squashed for name in names):
            continue
        words = t.split()
        # The name may share its block with a button or a link ("Menu The Trail Notes").
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                if _squash(" ".join(words[i:j])) in names:
                    return " ".join(words[i:j])
    return None


_TITLE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+|\s+::\s+|\s+»\s+")


def _site_from_title(doc: Document) -> str | None:
    """The part of ``<title>`` that the page also shows on its own (its logo or masthead)."""
    shown = {" ".join(b.text.split()).lower() for b in doc.blocks if len(b.text) <= 80}
    headlines = {" ".join(str(x).split()).lower() for x in
                 [doc.metadata.get("title")] + [b.text for b in doc.blocks if b.label == "title"]
                 if x}
    for key in ("html_title", "headline_raw"):
        raw = doc.metadata.get(key)
        if not isinstance(raw, str):
            continue
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
        if len(parts) < 2:
            continue
        for part in (parts[-1], parts[0]):
            if part.lower() in shown and part.lower() not in headlines:
                return part
    return None


def _teasers(doc: Document) -> list[Teaser]:
    cards: dict[int, dict[str, list[Block]]] = {}
    order: list[int] = []
    for b in doc.blocks:
        if b.label != "teaser":
            continue
        k = int(b.data.get("teaser", 0))
        if k not in cards:
            cards[k] = {}
            order.append(k)
        cards[k].setdefault(str(b.data.get("field", "summary")), []).append(b)
    out: list[Teaser] = []
    for k in order:
        card = cards[k]
        title = _join(card.get("title", []))
        if not title:
            continue
        summary = _join(card.get("summary", []))
        truncated = False
        if summary:
            summary, truncated = finish_summary(summary)
        source = None
        published = None
        for b in card.get("source", []) + card.get("date", []) + card.get("title", []):
            by = b.data.get("byline")
            if by and source is None:
                names = ([by["source"]] if by.get("source") else []) + list(by.get("authors", []))
                source = names[0] if names else None
            d = b.data.get("date")
            if d and published is None:
                published = _minutes(d["iso"])
        url = None
        for b in card.get("title", []):
            if b.data.get("url"):
                url = str(b.data["url"])
                break
        if url and doc.url:
            url = urljoin(doc.url, url)
        try:
            out.append(Teaser(title=title, summary=summary or None, source=source,
                              published=published, truncated=truncated, url=url))
        except PydanticValidationError as exc:
            raise _validation_error(exc) from exc
    return out


def assemble(doc: Document) -> CleanResult:
    """Build the validated result from the document's labels."""
    title_blocks = doc.labelled("title")
    body_parts = [b.text.strip() for b in doc.blocks if b.label in ("body", "heading")]
    body = "\n\n".join(p for p in body_parts if p)
    authors, source = _people(doc)
    has_article = bool(body) or bool(title_blocks)
    # A page whose metadata dates it as an article is dated even when its text was not
    # found; a listing page (no article, no such metadata) is not.
    meta = doc.metadata
    says_article = str(meta.get("og_type", "")).startswith("article") or any(
        "article" in str(t).lower() or t in ("BlogPosting", "Report") for t in meta.get("jsonld_types") or [])
    meta_dated = doc.input_format == "html" and bool(meta.get("published")) and says_article
    published, updated = _dates(doc) if has_article or meta_dated else (None, None)
    article_fields: dict[str, Any] = {
        "title": _join(title_blocks[:1]) if title_blocks else None,
        "subtitle": _join(doc.labelled("subtitle")),
        "authors": authors if has_article else [],
        "source": source,
        "published": published,
        "updated": updated,
        "body": body,
        # The page's language; a region the page declares (en-GB) serves date reading
        # but is reported only when the caller asked for it.
        "language": doc.language if doc.options.get("language_given") else doc.language_base,
    }
    # Text and rule ids are plain strings the steps set: built without re-validation.
    removed = [Removed.model_construct(text=b.text, rule=b.rule or "noise") for b in doc.blocks
               if b.label == "noise" and b.text.strip()] + _byline_rest(doc)
    try:
        result = CleanResult(article=Article(**article_fields), teasers=_teasers(doc),
                             removed=removed)
    except PydanticValidationError as exc:
        raise _validation_error(exc) from exc
    result._document = doc
    return result


def _byline_rest(doc: Document) -> list[Removed]:
    """Parts of consumed byline lines that are neither a name nor a date ("Editing by …",
    a site's handle): reported, so nothing is consumed without a trace."""
    out: list[Removed] = []
    for b in doc.blocks:
        if b.label in ("byline", "date"):
            for part in (b.data.get("byline") or {}).get("rest") or []:
                if isinstance(part, str) and part.strip():
                    out.append(Removed.model_construct(text=part.strip(), rule="byline.part"))
    return out


def _validation_error(exc: PydanticValidationError) -> ValidationError:
    """The first problem pydantic found, naming the field and the value."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "result"
    return ValidationError(
        f"{where} = {err.get('input')!r}: {err.get('msg')} "
        f"(a step labelled a block with a value the output contract does not allow; "
        f"check custom steps and rules)")

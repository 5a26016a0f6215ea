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
from .models import Article, CleanResult, Teaser
from .people import squash
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
    """``(published, updated)`` by :func:`~cleanscrape.dates.resolve_dates`, from the
    strongest evidence the page has, in order: visible header dates and metadata; the
    page's address; a date line in or near the article whatever its label; last, dates
    counted back from the clock ("3 days ago" with no crawl time given)."""
    from .dates import DateCandidate, resolve_dates

    candidates: list[DateCandidate] = []
    header_unlabelled: list[DateCandidate] = []
    from_clock: list[DateCandidate] = []
    years = _YearEvidence(doc)
    given = bool(doc.options.get("reference_given"))
    for b in doc.blocks:
        if b.label not in ("date", "byline"):
            continue
        for d in b.data.get("dates") or ([b.data["date"]] if "date" in b.data else []):
            value = years.complete(d)
            if value is None:
                continue
            if d.get("relative") and not given:
                from_clock.append(DateCandidate(value, d.get("field"), "visible.unlabelled"))
            elif d.get("field"):
                candidates.append(DateCandidate(value, d["field"], "visible.labelled"))
            else:
                header_unlabelled.append(DateCandidate(value, None, "visible.unlabelled"))
    candidates += header_unlabelled
    candidates += _metadata_dates(doc)

    def resolve() -> tuple[Any, Any]:
        return resolve_dates(candidates, reference_time=doc.reference_time) \
            if candidates else (None, None)

    published, updated = resolve()
    published, updated = _live_blog_dates(doc, published, updated)
    if doc.input_format == "html" and doc.url:
        from .dates import date_from_url

        v = date_from_url(doc.url)
        if v is not None:
            candidates.append(DateCandidate(v, "published", "url"))
            if published is None and updated is None:
                published, updated = resolve()
    for fallback in (lambda: [c] if (c := _loose_dates(doc, years)) else [], lambda: from_clock):
        if published is not None or updated is not None:
            break
        extra = fallback()
        if extra:
            candidates.extend(extra)
            published, updated = resolve()
    published = _local_day(published, candidates)
    return (_minutes(published.iso) if published else None,
            _minutes(updated.iso) if updated else None)


def _live_blog_dates(doc: Document, published: Any, updated: Any) -> tuple[Any, Any]:
    """A live blog or timeline (two or more timestamped entries in the body): ``published``
    is the page's own publication line, else the earliest entry's time; ``updated`` the
    page's own update line, else the latest entry's time when it is later (CONVENTIONS)."""
    from .dates import DateValue

    stamps = [b.data["date"] for b in doc.blocks
              if b.label == "body" and b.rule == "body.timestamp" and "date" in b.data]
    entries = sorted((DateValue(d["iso"], d["precision"]) for d in stamps
                      if d.get("precision") == "minute"), key=lambda v: v.iso)
    if len(entries) < 2:
        return published, updated
    if published is None:
        published = entries[0]
    if updated is None and entries[-1].iso > published.iso:
        updated = entries[-1]
    return published, updated


class _YearEvidence:
    """The year for a date printed without one: the page's own evidence (address,
    metadata, copyright line), else the caller's crawl time; never the clock alone."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._year: int | None | bool = False  # False: not looked up yet

    def complete(self, record: dict[str, Any]) -> Any:
        from .dates import DateValue

        value = DateValue(record["iso"], record["precision"])
        given = bool(self.doc.options.get("reference_given"))
        if not record.get("yearless"):
            return value
        year = self.year()
        if year is not None:
            iso = f"{year:04d}{value.iso[4:]}"
            try:
                return DateValue(iso, value.precision)
            except ValueError:
                return None
        return value if given else None

    def year(self) -> int | None:
        if self._year is False:
            from .reconcile import page_year

            self._year = page_year(self.doc)
        return self._year if isinstance(self._year, int) else None


_PARTS = re.compile(r"\s+[|•·–—-]\s+|\s*\n\s*|\s+\|")
#: Blocks around the headline searched for a date line when the header had none.
_LOOSE_BEFORE, _LOOSE_AFTER = 12, 80


def _loose_dates(doc: Document, years: _YearEvidence) -> Any:
    """The date line nearest the headline (or the article's first paragraph), whatever
    label its block got: a theme's date box, a date in a "nav" strip, a blog footer's
    "Posted on …". Comment sections and teasers are not read."""
    from .dates import DateCandidate, looks_like_date
    from .reconcile import article_start
    from .steps.dates import MAX_DATE_LINE, MAX_DATE_WORDS

    blocks = doc.blocks
    anchor = article_start(doc)
    if anchor is None:
        return None
    order = doc.options.get("date_order")
    best: tuple[int, Any] | None = None
    for i in range(max(0, anchor - _LOOSE_BEFORE), min(len(blocks), anchor + _LOOSE_AFTER)):
        b = blocks[i]
        # A "card" right by the headline is the article's own date line.
        card = b.label == "teaser" and not abs(i - anchor) <= 3
        if card or (b.rule or "").startswith("comments."):
            continue
        text = b.text
        if b.label == "title":  # a date line printed inside the headline's element
            text = "\n".join(text.split("\n")[1:])
        if len(text) > MAX_DATE_LINE or len(text.split()) > MAX_DATE_WORDS \
                or not looks_like_date(text):
            continue
        distance = (i - anchor) if i >= anchor else 2 * (anchor - i)
        if best is not None and distance >= best[0]:
            continue
        record = _read_loose(text, doc, order)
        if record is None or record.get("precision") in ("year", "month") or (
                record.get("relative") and not doc.options.get("reference_given")):
            continue  # counted from the clock: the last resort, after this search
        value = years.complete(record)
        if value is not None:
            best = (distance, DateCandidate(value, record.get("field") or "published",
                                            "visible.loose"))
    return best[1] if best else _dated_title_copy(doc, years)


_GLUED_LABEL = re.compile(r"([:：])(?=\d)")


def _read_loose(text: str, doc: Document, order: Any) -> dict[str, Any] | None:
    """A date in a line that is more than a date line: the whole line, a trailing date
    ("… auf einen Blick 21.11.2022"), a part between separators ("23.01.2022 - Dorothea
    Wierer …"), or the start of a part ("March 11, 2020 add comment"); a label glued to
    the date ("質問日時：2020/07/13") is set apart first."""
    from .dates import looks_like_date, read_date_fields, read_date_line
    from .steps.dates import date_record, split_trailing_date

    lang, ref = doc.language, doc.reference_time
    text = _GLUED_LABEL.sub(r"\1 ", text)
    got = read_date_fields(text, language=lang, reference_time=ref, order=order)
    if got:
        return date_record(*got[0])
    split = split_trailing_date(text, language=lang, reference_time=ref, order=order)
    if split is not None:
        return split[1]
    for part in _PARTS.split(text):
        words = part.split()
        if not words or not looks_like_date(part):
            continue
        for n in range(min(len(words), 8), 0, -1):
            head = " ".join(words[:n])
            if not looks_like_date(head):
                continue
            got1 = read_date_line(head, language=lang, reference_time=ref, order=order)
            if got1 is not None:
                return date_record(*got1)
    return None


def _dated_title_copy(doc: Document, years: _YearEvidence) -> Any:
    """The date beside the article's own headline in a list elsewhere on the page
    ("<headline> 21.11.2022" in a "latest news" menu that includes the article)."""
    from .dates import DateCandidate
    from .reconcile import agree
    from .steps.dates import split_trailing_date

    title = doc.metadata.get("reconciled", {}).get("title", {}).get("value")
    if not isinstance(title, str) or len(title) < 20:
        return None
    for b in doc.blocks:
        if b.label == "title" or len(b.text) > len(title) + 60 or not b.text.startswith(
                title[:20]):
            continue
        split = split_trailing_date(b.text, language=doc.language,
                                    reference_time=doc.reference_time,
                                    order=doc.options.get("date_order"))
        if split is not None and agree(split[0], title):
            value = years.complete(split[1])
            if value is not None:
                return DateCandidate(value, "published", "visible.loose")
    return None


#: Metadata sources as :func:`~cleanscrape.dates.resolve_dates` ranks them.
_DATE_SOURCES = {"jsonld": "jsonld", "jsonld.page": "jsonld", "og": "meta", "twitter": "meta",
                 "dc": "meta", "meta": "meta", "itemprop": "itemprop", "time": "time"}


def _metadata_dates(doc: Document) -> list[Any]:
    """Date candidates from the page's metadata, each with its source. A ``<time>`` that
    says nothing of what it dates serves as the published date only when no metadata
    names one (the first in the article, else the first on the page)."""
    from .dates import DateCandidate, parse_machine_date

    out: list[DateCandidate] = []
    loose: list[tuple[bool, DateCandidate]] = []
    for c in doc.metadata.get("candidates", ()):
        field = c["field"]
        if field not in ("published", "updated", "date"):
            continue
        v = parse_machine_date(c["value"])
        if v is None:
            continue
        source = _DATE_SOURCES.get(c["source"], c["source"])
        if field == "date":
            loose.append((not c.get("in_main"), DateCandidate(v, "published", source)))
        else:
            out.append(DateCandidate(v, field, source))
    if loose and not any(c.field == "published" for c in out):
        out.append(min(loose, key=lambda x: x[0])[1])
    return out


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


def _source(doc: Document, org_author: str | None) -> str | None:
    """The publication: a byline's or masthead's, else the metadata's site name, an
    organisation named as author, or the name the page shows for its title or host."""
    meta = doc.metadata
    site = str(meta["site_name"]).strip() if isinstance(meta.get("site_name"), str) else ""
    for b in doc.blocks:
        if b.label == "byline":
            by = b.data.get("byline") or {}
            if by.get("source"):
                name = str(by["source"])
                # "By IGN Staff" on IGN: the publication is the site, not its desk.
                if site and squash(name) != squash(site) and squash(name).startswith(squash(site)):
                    return site
                return name
        elif b.label == "source":
            return str(b.data.get("source") or b.text.strip())
    if site:
        return site
    if org_author:
        return org_author
    if doc.input_format == "html":
        return _site_from_title(doc) or _site_from_host(doc)
    # A copyright line or follow prompt that names the publication (FindHeadline).
    return next((str(b.data["source"]) for b in doc.blocks
                 if b.label == "noise" and b.data.get("source")), None)


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
    names = {squash(x) for x in labels}
    for b in doc.blocks:
        t = b.text.strip()
        if len(t) > 80 or len(t.split()) > 8:
            continue
        squashed = squash(t)
        if not any(name in squashed for name in names):
            continue
        words = t.split()
        # The name may share its block with a button or a link ("Menu The Trail Notes").
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                if squash(" ".join(words[i:j])) in names:
                    return " ".join(words[i:j])
    return None


#: Separators between a page title's parts; Chinese and Japanese titles set a full-width bar
#: or an underscore without spaces ("Headline_新闻中心_Site", "Headline｜Site").
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+|\s+::\s+|\s+»\s+|\s*[｜_]\s*")


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
    """Build the validated result from the document's labels and the page's metadata
    (reconciled by :func:`cleanscrape.reconcile.reconcile`)."""
    from .reconcile import reconcile

    title_blocks = doc.labelled("title")
    body_parts = [b.text.strip() for b in doc.blocks if b.label in ("body", "heading")]
    body = "\n\n".join(p for p in body_parts if p)
    # A page whose metadata says it is an article has one even when its text was not
    # found (it keeps its title, authors and dates); a listing page has none.
    meta = doc.metadata
    says_article = doc.input_format == "html" and bool(meta.get("is_article"))
    has_article = bool(body) or bool(title_blocks) or says_article
    fields = reconcile(doc)
    doc.metadata["reconciled"] = fields
    published, updated = _dates(doc) if has_article else (None, None)
    fields["published"] = {"value": published}
    fields["updated"] = {"value": updated}
    org = fields.get("org_author", {}).get("value")
    article_fields: dict[str, Any] = {
        "title": fields["title"]["value"] if has_article else None,
        "subtitle": _join(doc.labelled("subtitle")),
        "authors": fields["authors"]["value"] if has_article else [],
        "source": _source(doc, org),
        "published": published,
        "updated": updated,
        "body": body,
        # The page's language; a region the page declares (en-GB) serves date reading
        # but is reported only when the caller asked for it.
        "language": doc.language if doc.options.get("language_given") else doc.language_base,
        "url": fields["url"]["value"],
        "image": fields["image"]["value"],
        "tags": fields["tags"]["value"],
    }
    doc.metadata["reconciled"] = fields
    removed = _removed(doc, has_article)
    try:
        result = CleanResult(article=Article(**article_fields), teasers=_teasers(doc),
                             removed=removed)
    except PydanticValidationError as exc:
        raise _validation_error(exc) from exc
    result._document = doc
    return result


def _removed(doc: Document, has_article: bool) -> list[dict[str, str]]:
    """What the page lost, in page order: the debris, and what consumed lines hold that no
    field took, so nothing is consumed without a trace. Of a byline or date line, the parts
    that are neither a name nor a date ("Editing by …", a site's handle: ``byline.part``);
    on a page with no article, which has no authors and no dates, the whole line
    (``byline.no_article``, ``date.no_article``)."""
    # Plain dicts: pydantic's core validates a list of them faster than Python code
    # can construct the models one by one.
    out: list[dict[str, str]] = []
    for b in doc.blocks:
        if b.label == "noise":
            if b.text.strip():
                out.append({"text": b.text, "rule": b.rule or "noise"})
        elif b.label in ("byline", "date"):
            by = b.data.get("byline")
            if not has_article:
                if b.text.strip():
                    rule = "byline.no_article" if by is not None else "date.no_article"
                    out.append({"text": b.text, "rule": rule})
                continue
            for part in (by or {}).get("rest") or []:
                if isinstance(part, str) and part.strip():
                    out.append({"text": part.strip(), "rule": "byline.part"})
    return out


def _validation_error(exc: PydanticValidationError) -> ValidationError:
    """The first problem pydantic found, naming the field and the value."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "result"
    return ValidationError(
        f"{where} = {err.get('input')!r}: {err.get('msg')} "
        f"(a step labelled a block with a value the output contract does not allow; "
        f"check custom steps and rules)")

"""Pipelines: an ordered list of steps, and :func:`clean`, the one call most users need.

::

    from cleanscrape import clean, Pipeline

    result = clean(page_text)                      # the default pipeline
    pipeline = (Pipeline.default()
                .without("RepairQuotes")           # drop a step by name
                .with_rules("my_site_rules.toml")) # add your own noise rules
    result = pipeline.clean(page_html, url="https://example.com/news/1")

A :class:`Pipeline` is immutable: every method returns a new pipeline. It holds only its
steps (plain, picklable objects), so it can be sent to worker processes, Dask or
datatrove as it is.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import steps as _steps
from .assemble import assemble
from .document import Change, Document
from .errors import InputError
from .models import CleanResult
from .steps import (
    DetectLanguage,
    FindBody,
    FindByline,
    FindDates,
    FindHeadline,
    RepairEncoding,
    RepairQuotes,
    SegmentTeasers,
    Step,
    StripNoise,
)

__all__ = ["Pipeline", "clean", "clean_many", "detect_format", "DEFAULT_STEPS"]

#: The default pipeline's steps, in order (their names).
DEFAULT_STEPS = (
    "RepairEncoding", "DetectLanguage", "FindHtmlContent", "StripNoise", "RepairQuotes",
    "FindDates", "FindByline", "SegmentTeasers", "FindHeadline", "FindBody",
)

_HTML_START = re.compile(
    r"^(?:\ufeff)?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,4000}?-->\s*)*"
    r"(?:<!doctype\s+html[^>]{0,300}>|<(?:html|head|body|meta|title|div|p|article|section|"
    r"header|main|span|table|link|script|style|h[1-6]|ul|ol|nav|a|br|img|form|center|font)\b)",
    re.IGNORECASE | re.DOTALL,
)


def detect_format(data: str | bytes) -> str:
    """``"html"`` when the input starts with markup (after white space, BOM, doctype or
    comments), else ``"text"``."""
    head = data[:8192]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    return "html" if _HTML_START.match(head) else "text"


def _reference_time(value: Any) -> str | None:
    if value is None:
        return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return str(value.isoformat())
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc).isoformat()
    if isinstance(value, str):
        try:
            parsed = _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"reference_time {value!r} is not ISO 8601; "
                             "give e.g. '2021-06-15T12:00:00+00:00'") from None
        return _reference_time(parsed)
    raise InputError(f"reference_time must be a datetime, date or ISO 8601 string, "
                     f"not {type(value).__name__}")


def _check_language(language: Any) -> str | None:
    if language is None:
        return None
    if not isinstance(language, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*",
                                                         language.strip()):
        raise InputError(f"language {language!r} is not a BCP 47 tag such as 'en' or 'en-GB'")
    parts = language.strip().replace("_", "-").split("-")
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


def to_document(data: Any, *, url: str | None = None, input_format: str = "auto",
                encoding: str | None = None, content_type: str | None = None) -> Document:
    """Read ``data`` (text, HTML, bytes or a BeautifulSoup object) into a document.

    What reading had to mend is recorded in ``Document.changes`` as changes of the input
    (``block == -1``, offsets into :attr:`Document.source`): each invalid byte decoded as
    U+FFFD (rule ``encoding.invalid_bytes``), each lone UTF-16 surrogate replaced with
    U+FFFD (``encoding.lone_surrogate``) and each surrogate pair joined into the character
    it encodes (``encoding.surrogate_pair``).

    Raises:
        InputError: ``data`` is of another type, or ``input_format`` is unknown.
        DecodeError: bytes that cannot be decoded with confidence.
    """
    if input_format not in ("auto", "text", "html"):
        raise InputError(f"input_format must be 'auto', 'text' or 'html', not {input_format!r}")
    if type(data).__name__ == "BeautifulSoup":
        from .sources.html import html_to_document

        return html_to_document(data, url=url)
    mended: list[Change] = []
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        fmt = detect_format(data) if input_format == "auto" else input_format
        from .sources.decode import decode_page

        decoded = decode_page(data, encoding=encoding, content_type=content_type)
        data = decoded.text
        mended = [Change("decode", -1, offset, raw, "\ufffd", "encoding.invalid_bytes")
                  for offset, raw in decoded.replaced]
    elif isinstance(data, str):
        fmt = detect_format(data) if input_format == "auto" else input_format
    else:
        raise InputError(f"cannot clean a {type(data).__name__}; pass str, bytes or a "
                         "BeautifulSoup object")
    from .encoding import repair_surrogates

    data, edits = repair_surrogates(data)
    shift = 0
    for offset, before, after in edits:
        rule = "encoding.surrogate_pair" if len(before) == 2 else "encoding.lone_surrogate"
        mended.append(Change("decode", -1, offset - shift, before, after, rule))
        shift += len(before) - len(after)
    if fmt == "html":
        from .sources.html import html_to_document

        doc = html_to_document(data, url=url)
    else:
        from .sources.text import text_to_document

        doc = text_to_document(data, url=url)
    if mended:
        doc.changes[:0] = mended
    return doc


class Pipeline:
    """An ordered, immutable list of steps.

    Args:
        steps: The steps, in the order they run.
    """

    __slots__ = ("_steps",)

    def __init__(self, steps: Iterable[Step]) -> None:
        steps = tuple(steps)
        for s in steps:
            if not callable(s):
                raise TypeError(f"a pipeline step must be callable (Document -> Document), "
                                f"got {s!r}")
        self._steps: tuple[Step, ...] = steps

    @classmethod
    def default(cls, *, quote_style: str = "curly", rules: Sequence[str] = ()) -> "Pipeline":
        """The default pipeline (see :data:`DEFAULT_STEPS`).

        Args:
            quote_style: ``"curly"``, ``"straight"`` or ``"preserve"`` for RepairQuotes.
            rules: Paths of your own noise rule files, applied before the built-in ones.
        """
        if quote_style not in ("curly", "straight", "preserve"):
            raise ValueError(f"quote_style must be 'curly', 'straight' or 'preserve', "
                             f"not {quote_style!r}")
        return cls([
            RepairEncoding(), DetectLanguage(), _steps.FindHtmlContent(),
            StripNoise(rules=tuple(rules)), RepairQuotes(style=quote_style), FindDates(),
            FindByline(), SegmentTeasers(), FindHeadline(), FindBody(),
        ])

    # -- inspection ------------------------------------------------------------------------
    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps, in order."""
        return self._steps

    @property
    def names(self) -> list[str]:
        """The steps' names, in order."""
        return [_name(s) for s in self._steps]

    def __iter__(self) -> Iterator[Step]:
        return iter(self._steps)

    def __len__(self) -> int:
        return len(self._steps)

    def __getitem__(self, name: str) -> Step:
        for s in self._steps:
            if _name(s) == name:
                return s
        raise KeyError(f"no step named {name!r}; steps: {self.names}")

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(map(repr, self._steps))}])"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self._steps == other._steps

    def __hash__(self) -> int:
        return hash(self._steps)

    def __getstate__(self) -> tuple[Step, ...]:
        return self._steps

    def __setstate__(self, state: tuple[Step, ...]) -> None:
        self._steps = state

    # -- composition ----------------------------------------------------------------------
    def _index(self, name: str) -> int:
        for i, s in enumerate(self._steps):
            if _name(s) == name:
                return i
        raise KeyError(f"no step named {name!r}; steps: {self.names}")

    def without(self, *names: str) -> "Pipeline":
        """A copy without the named steps."""
        for n in names:
            self._index(n)
        return Pipeline(s for s in self._steps if _name(s) not in names)

    def replace(self, name: str, step: Step) -> "Pipeline":
        """A copy with the named step replaced by ``step``."""
        i = self._index(name)
        return Pipeline(self._steps[:i] + (step,) + self._steps[i + 1:])

    def insert_before(self, name: str, step: Step) -> "Pipeline":
        """A copy with ``step`` inserted before the named step."""
        i = self._index(name)
        return Pipeline(self._steps[:i] + (step,) + self._steps[i:])

    def insert_after(self, name: str, step: Step) -> "Pipeline":
        """A copy with ``step`` inserted after the named step."""
        i = self._index(name)
        return Pipeline(self._steps[:i + 1] + (step,) + self._steps[i + 1:])

    def append(self, step: Step) -> "Pipeline":
        """A copy with ``step`` added at the end."""
        return Pipeline(self._steps + (step,))

    def configure(self, name: str, **options: Any) -> "Pipeline":
        """A copy with the named step's options changed (``configure("RepairQuotes", style="straight")``)."""
        step = self[name]
        if not hasattr(step, "configure"):
            raise TypeError(f"step {name!r} takes no options")
        return self.replace(name, step.configure(**options))

    def with_rules(self, *paths: str) -> "Pipeline":
        """A copy whose StripNoise also applies the rule files at ``paths`` (first).

        Raises:
            RuleFileError: a file is missing or invalid (checked now, not at first use).
        """
        step = self["StripNoise"]
        current = tuple(getattr(step, "rules", ()))
        new = step.configure(rules=tuple(str(p) for p in paths) + current)
        new.ruleset()  # type: ignore[attr-defined]
        return self.replace("StripNoise", new)

    # -- running --------------------------------------------------------------------------
    def run(self, doc: Document) -> Document:
        """Run every step on ``doc`` and return it."""
        for step in self._steps:
            doc = step(doc)
        return doc

    def clean(self, data: Any, *, url: str | None = None, reference_time: Any = None,
              language: str | None = None, input_format: str = "auto",
              encoding: str | None = None, content_type: str | None = None) -> CleanResult:
        """Clean one page. See :func:`cleanscrape.clean` for the arguments."""
        lang = _check_language(language)
        ref = _reference_time(reference_time)
        doc = to_document(data, url=url, input_format=input_format, encoding=encoding,
                          content_type=content_type)
        if url is None and isinstance(doc.metadata.get("canonical"), str):
            doc.url = doc.metadata["canonical"]
        doc.reference_time = ref
        if reference_time is not None:
            doc.options["reference_given"] = True
        if lang:
            doc.language = lang
            doc.options["language_given"] = True
        from .dates._fallback import FALLBACK_BUDGET, PAGE_BUDGET

        token = FALLBACK_BUDGET.set([PAGE_BUDGET])
        try:
            return assemble(self.run(doc))
        finally:
            FALLBACK_BUDGET.reset(token)

    def clean_many(self, items: Iterable[Any], *, workers: int = 1, chunksize: int = 4,
                   errors: str = "raise", keep_document: bool = False,
                   **options: Any) -> Iterator[Any]:
        """Clean many pages, yielding results in input order, streaming.

        The pipeline goes to each worker process once; the pages are read from ``items``
        only as results are consumed, so a stream of any length runs in flat memory.

        Args:
            items: Pages (str, bytes), or ``(page, options_dict)`` pairs for per-page
                ``url``/``reference_time``/``language``.
            workers: Processes to use; 1 cleans in this process.
            chunksize: Pages sent to a worker at a time.
            errors: ``"raise"``: a page that fails raises its error (the iteration ends);
                ``"return"``: it yields a :class:`~cleanscrape.batch.PageFailure` (its
                ``where`` is the page's index) in its place and goes on.
            keep_document: Keep each result's :attr:`~CleanResult.document` (the audit
                trail behind ``explain()``); off by default, results stay small.
            **options: Options for every page (as for :meth:`clean`).
        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
        from .batch import PageFailure, Task, run_tasks

        def tasks() -> Iterator[Task]:
            for n, item in enumerate(items):
                extra: dict[str, Any] = {}
                if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], dict):
                    item, extra = item
                yield Task(str(n), "page", item, extra)

        for outcome in run_tasks(tasks(), self, common=options,
                                 mode="full" if keep_document else "lean",
                                 workers=workers, chunksize=chunksize, warm=self.warm):
            if isinstance(outcome, PageFailure) and errors == "raise":
                if outcome.error is not None:
                    raise outcome.error
                from . import errors as _errors

                cls = getattr(_errors, outcome.kind, None)
                if not (isinstance(cls, type) and issubclass(cls, Exception)):
                    cls = _errors.CleanscrapeError
                raise cls(outcome.message)
            yield outcome

    def warm(self) -> "Pipeline":
        """Do now the one-off work of the first page (compiling rules), so worker
        processes forked afterwards start ready; returns the pipeline."""
        for step in self._steps:
            warm = getattr(step, "warm", None)
            if callable(warm):
                warm()
        # The readers every page may need, built once here rather than once per worker:
        # date lexicons and grammars of every language, then a small page through all steps.
        # What few pages need is left to load in the worker that meets such a page, while
        # the other workers go on: dateparser (about half a second) and the language model
        # (for a page whose language the function words leave unsure). Done here, either
        # would hold up every worker.
        from .dates import read_date_line, supported_languages

        for language in supported_languages():
            read_date_line("3 March 2021, 10:30", language=language)
        self.clean(_WARM_PAGE, reference_time="2021-03-04T00:00:00Z")
        return self


#: A small page that touches every step (header, byline, dates, body, a teaser rail).
_WARM_PAGE = ("<html lang='en'><head><title>Bridge to close | Valley Post</title></head><body>"
              "<article><h1>Bridge to close</h1><p>By Jane Roe</p><p>Updated 3 hours ago</p>"
              "<p>The council voted on Tuesday to close the old bridge to cars from next spring."
              "</p></article><aside><h2>More stories</h2><ul><li><a href='/a'>Ferry fares to "
              "rise</a></li><li><a href='/b'>Library reopens</a></li></ul></aside></body></html>")


def _name(step: Any) -> str:
    return str(getattr(step, "name", type(step).__name__))


_DEFAULT: Pipeline | None = None


def _default() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.default()
    return _DEFAULT


def clean(data: Any, *, url: str | None = None, reference_time: Any = None,
          language: str | None = None, input_format: str = "auto",
          encoding: str | None = None, content_type: str | None = None,
          pipeline: Pipeline | None = None) -> CleanResult:
    """Clean one scraped page into an article, its teasers and what was removed.

    Args:
        data: The page: text or HTML as ``str``, ``bytes`` (decoded for you), or a
            ``BeautifulSoup`` object.
        url: The page's address; makes teaser links absolute.
        reference_time: When the page was fetched (``datetime`` or ISO 8601 string);
            relative dates ("3 hours ago") count from it. Default: now.
        language: BCP 47 tag (``"en-GB"``) overriding language detection.
        input_format: ``"auto"`` (default), ``"text"`` or ``"html"``.
        encoding: The encoding of ``bytes`` input, when you know it.
        content_type: The HTTP ``Content-Type`` header of ``bytes`` input (its
            ``charset`` is evidence for the encoding).
        pipeline: The pipeline to use (default: :meth:`Pipeline.default`).

    Returns:
        A :class:`~cleanscrape.models.CleanResult`.

    Raises:
        InputError: ``data`` is not text, bytes or BeautifulSoup, or an option is invalid.
        DecodeError: ``bytes`` that cannot be decoded with confidence.

    Example:
        >>> from cleanscrape import clean
        >>> r = clean("Big storm hits coast\\n\\nBy Jane Roe\\n\\n"
        ...           "The storm reached the coast on Monday night, and thousands lost power.",
        ...           reference_time="2021-06-15T12:00:00+00:00")
        >>> r.article.title, r.article.authors
        ('Big storm hits coast', ['Jane Roe'])
    """
    return (pipeline or _default()).clean(data, url=url, reference_time=reference_time,
                                         language=language, input_format=input_format,
                                         encoding=encoding, content_type=content_type)


def clean_many(items: Iterable[Any], *, workers: int = 1, pipeline: Pipeline | None = None,
               **options: Any) -> Iterator[Any]:
    """Clean many pages in order; see :meth:`Pipeline.clean_many`."""
    return (pipeline or _default()).clean_many(items, workers=workers, **options)

"""Reading dates from visible text: expressions, whole lines, and the cheap pre-test."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable

from ._build import Context, Reading, build, combine
from ._calendar import EARLIEST_VISIBLE_YEAR, coerce_reference, not_after
from ._fallback import dateparser_read
from ._formats import parse_iso
from ._grammar import Grammar, grammar_for, normalize
from ._lexicon import (
    CAT,
    Lexicon,
    common_rules,
    is_cjk,
    language_key,
    lexicon_for,
    rule_languages,
    split_tag,
)
from ._types import DateValue

__all__ = [
    "MAX_LINE",
    "date_order",
    "infer_date_order",
    "looks_like_date",
    "parse_date",
    "read_date_fields",
    "read_date_line",
    "read_expression",
]

#: Longest line, in characters (after stripping), that can be a date line.
MAX_LINE = 200

_ORDERS = ("DMY", "MDY", "YMD")
_DIGIT = re.compile(r"\d")
_ISO_START = re.compile(r"\d{4}-?\d{2}-?\d{2}[Tt]\d")


def date_order(language: str | None) -> str:
    """The order in which a language writes numeric dates: ``"DMY"``, ``"MDY"`` or ``"YMD"``.

    The order only decides numeric dates that could be read both ways (04/05/2021); a
    date with its year first, or with a part above 12, is read the one way it can be.

    * A region decides where it matters: ``"en-US"`` → ``"MDY"``, ``"en-GB"``,
      ``"en-AU"``, ``"en-IN"`` … → ``"DMY"``.
    * ``"en"`` without a region → ``"MDY"``: most English-language news on the web is
      American. Pass a region (or ``order=``) when you know better, or let
      :func:`infer_date_order` look at the page's other dates.
    * ``"ja"``, ``"zh"``, ``"ko"``, ``"hu"``, ``"lt"`` … → ``"YMD"`` (their year-less
      numeric dates, "8/21", are month first).
    * Every other language, and ``None`` → ``"DMY"``, the most common order in the world.

    The table is ``[date_order]`` in ``cleanscrape/rules/dates/common.toml``.

    Example:
        >>> date_order("en-GB"), date_order("en-US"), date_order("de"), date_order("ja")
        ('DMY', 'MDY', 'DMY', 'YMD')
    """
    return _date_order(language.lower() if language else None)


@functools.lru_cache(maxsize=256)
def _date_order(language: str | None) -> str:
    table = common_rules().get("date_order", {})
    lang, region = split_tag(language)
    if lang and region and f"{lang}-{region}" in table:
        return str(table[f"{lang}-{region}"])
    if lang and lang in table:
        return str(table[lang])
    return str(table.get("default", "DMY"))


@functools.lru_cache(maxsize=1)
def _relative_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words that make a digit-free text a possible date ("yesterday", "vor", "前"), as two
    patterns: words of spaced scripts (matched as whole words) and of CJK scripts."""
    lex = lexicon_for("*")
    latin: set[str] = set()
    cjk: set[str] = set()
    entries = list(lex.words.items())
    entries += [
        ("".join(p) if is_cjk(p[0][0]) else " ".join(p), e)
        for group in lex.phrases.values()
        for p, e in group
    ]
    for word, entry in entries:
        if entry.mask & (CAT.DAYWORD | CAT.AGO_BEFORE | CAT.AGO_AFTER):
            word = word.replace(" ' ", "'").replace(" - ", "-").replace(" . ", ".")
            (cjk if is_cjk(word[0]) else latin).add(word)

    def alternation(words: set[str]) -> str:
        return "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)"

    return re.compile(rf"(?<!\w)(?:{alternation(latin)})(?!\w)"), re.compile(alternation(cjk))


def _own_offset(given: object, reference: _dt.datetime) -> str | None:
    """The zone offset the reference time was given with ("+02:00"), or ``None``."""
    if isinstance(given, _dt.datetime):
        aware = given.tzinfo is not None
    elif isinstance(given, str):
        try:
            aware = _dt.datetime.fromisoformat(given.strip().replace("Z", "+00:00")).tzinfo is not None
        except ValueError:
            aware = False
    else:
        aware = False
    delta = reference.utcoffset() if aware else None
    if delta is None:
        return None
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def looks_like_date(text: str) -> bool:
    """Whether a short text could be a date line: a cheap test, a few microseconds.

    True when the text is at most :data:`MAX_LINE` characters and holds a digit or a
    relative-date word of any supported language ("yesterday", "gestern", "hier", "昨日",
    "ago", "vor", "前" …). False says "certainly not"; True says "worth reading".

    Example:
        >>> looks_like_date("Updated: August 21, 2019"), looks_like_date("Updated daily")
        (True, False)
    """
    if not isinstance(text, str) or not text or len(text) > MAX_LINE + 40:
        return False
    if _DIGIT.search(text):
        return True
    latin, cjk = _relative_words()
    if text.isascii():
        return latin.search(text.lower()) is not None
    low = text.casefold()
    return latin.search(low) is not None or cjk.search(low) is not None


# -- the engine ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _setup(language: str | None) -> tuple[Lexicon, Grammar, str, str | None, bool]:
    """Lexicon, grammar, numeric order, language code and whether the language has a rule
    file, for a tag, worked out once."""
    lex = lexicon_for(language_key(language))
    code = split_tag(language)[0]
    return lex, grammar_for(lex), date_order(language), code, code in rule_languages()


@functools.lru_cache(maxsize=64)
def _reference_from_text(text: str) -> _dt.datetime:
    return coerce_reference(text)


class _Line:
    """A line prepared for reading: tokens, signature, and what reading needs.

    ``language`` is the language code ("pt" for "pt-BR", for dateparser), ``has_rules``
    whether that language has a rule file.
    """

    __slots__ = ("ctx", "grammar", "has_rules", "language", "lex", "sig", "text", "tokens")

    def __init__(
        self,
        text: str,
        language: str | None,
        reference_time: object,
        order: str | None,
        earliest_year: int = EARLIEST_VISIBLE_YEAR,
    ) -> None:
        if order is not None and order not in _ORDERS:
            raise ValueError(f"order must be one of {', '.join(_ORDERS)}, not {order!r}")
        self.lex, self.grammar, default_order, self.language, self.has_rules = _setup(language)
        self.text = normalize(text)
        self.tokens, self.sig = self.grammar.tokenize(self.text)
        if isinstance(reference_time, str):
            reference = _reference_from_text(reference_time)
        else:
            reference = coerce_reference(reference_time)  # type: ignore[arg-type]
        self.ctx = Context(reference, order or default_order, earliest_year,
                           _own_offset(reference_time, reference))

    def read(self, lo: int, hi: int, *, asserted: bool, trimmed: bool = False) -> Reading | None:
        """The first reading of tokens ``lo:hi`` that is a real, plausible date."""
        if not trimmed:
            lo, hi = self.grammar.trim(self.sig, lo, hi)
        if lo >= hi:
            return None
        span_text = self.text[self.tokens[lo].start : self.tokens[hi - 1].end]
        if span_text[:1].isdigit() and _ISO_START.match(span_text):
            value = parse_iso(span_text)
            if value is not None:
                return (
                    Reading(value)
                    if not_after(value, self.ctx.reference, self.ctx.earliest_year)
                    else None
                )
        sig = self.sig
        if sig.find("X", lo, hi) < 0 and sig.find("!", lo, hi) < 0:
            # An unknown word or a foreign mark is in no pattern: skip the patterns.
            tokens, ctx = self.tokens, self.ctx
            reading = self.grammar.first(
                sig, lo, hi, lambda m: build(m, tokens, ctx, asserted=asserted)
            )
            if reading is not None:
                return reading
        return self._fallback(lo, hi, span_text, asserted)

    def _fallback(self, lo: int, hi: int, span_text: str, asserted: bool) -> Reading | None:
        """dateparser on a span the fast path could not read, where it can help.

        It can help with month names and phrases of languages without a rule file, and
        with known words in an order no pattern has. It cannot help with numeric dates
        (the fast path reads every numeric form and refuses the rest on purpose), with an
        unlabelled span in a language that has a rule file (the refusal was a rule), nor
        with unknown words in such a language (an unknown word means "not a date").
        """
        lang = self.language
        if lang is None or self.sig.find("!", lo, hi) >= 0:
            return None
        if self.has_rules and (not asserted or self.sig.find("X", lo, hi) >= 0):
            return None
        tokens = self.tokens[lo:hi]
        if not any(t.kind == "w" for t in tokens) or any(t.mask & CAT.CUE for t in tokens):
            return None
        if sum(1 for t in tokens if t.kind == "w" and not t.mask) > 2 or not looks_like_date(
            span_text
        ):
            return None
        value = dateparser_read(
            span_text, lang, self.ctx.order, self.ctx.reference, self.ctx.earliest_year
        )
        return Reading(value) if value is not None else None

    def labels(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.mask & CAT.LABEL]


def read_expression(
    text: str,
    language: str | None,
    reference_time: object,
    *,
    strict: bool = False,
    order: str | None = None,
) -> DateValue | None:
    """A date expression alone; ``strict`` refuses numeric dates read by the order alone."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_LINE:
        return None
    line = _Line(text, language, reference_time, order)
    if any(t.mask & CAT.LABEL for t in line.tokens):
        return None
    reading = line.read(0, len(line.tokens), asserted=True)
    if reading is None or reading.value is None or (strict and reading.ambiguous):
        return None
    return reading.value


def parse_date(
    text: str,
    *,
    language: str | None = None,
    reference_time: _dt.datetime | str | None = None,
    order: str | None = None,
) -> DateValue | None:
    """Read a date expression that stands alone.

    The text must be a date and nothing else: no label, no byline, no sentence around it.
    Because the caller says it is a date, weak forms are accepted too: a bare year
    (``"2019"`` → year precision), a numeric year and month (``"2021-03"``).

    Args:
        text: "August 21, 2019", "21. August 2019, 14:05 Uhr", "3 hours ago",
            "2019-08-21T09:30:00+09:00", "2019年8月21日", "hace 2 días" …
        language: BCP 47 tag of the page ("de", "en-GB", "pt-BR"); decides the words
            known and the order of numeric dates. ``None`` knows every supported
            language's words and reads numeric dates day first.
        reference_time: When the page was fetched; relative dates count from it and no
            date after it (plus a day) is accepted. A datetime (naive means UTC), an ISO
            string, or ``None`` for now.
        order: ``"DMY"``, ``"MDY"`` or ``"YMD"`` to override :func:`date_order`.

    Returns:
        The date, or ``None`` when the text is not (only) a plausible date.

    Example:
        >>> parse_date("Aug. 21st, 2019, 9:30 a.m. EDT").iso
        '2019-08-21T09:30-04:00'
        >>> parse_date("vor 3 Stunden", language="de", reference_time="2021-06-15T12:00Z").iso
        '2021-06-15T09:00+00:00'
    """
    return read_expression(text, language, reference_time, order=order)


def read_date_fields(
    text: str,
    *,
    language: str | None = None,
    reference_time: _dt.datetime | str | None = None,
    order: str | None = None,
) -> list[tuple[str | None, DateValue]] | None:
    """Every date of a date line, with the field its label names, in line order.

    ``"Published: 3 March 2021 | Updated: 4 March 2021"`` →
    ``[("published", …03), ("updated", …04)]``. See :func:`read_date_line` for what a date
    line is. ``None`` when the line is not a date line.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_LINE or not looks_like_date(text):
        return None
    line = _Line(text, language, reference_time, order)
    n = len(line.tokens)
    labels = line.labels()
    if not labels or (len(labels) == 1 and labels[0] == 0):
        # The common lines: no label, or one label first ("Updated: …").
        lo, hi = line.grammar.trim(line.sig, 1 if labels else 0, n)
        reading = line.read(lo, hi, asserted=bool(labels), trimmed=True)
        if reading is None or reading.value is None:
            return None
        field = line.tokens[0].values.get(CAT.LABEL) if labels else None
        return [(field if isinstance(field, str) else None, reading.value)]
    # Chunks between labels: chunk j lies before label j, chunk j+1 after it.
    bounds = [-1, *labels, n]
    chunks = []
    for j in range(len(bounds) - 1):
        lo, hi = line.grammar.trim(line.sig, bounds[j] + 1, bounds[j + 1])
        chunks.append((lo, hi) if lo < hi else None)
    # A label claims the chunk after it, unless the line is written label-last
    # ("2019年8月21日 10:12更新", "March 3, 2021 (updated)"): text before the first label and
    # nothing after the last one.
    label_last = bool(labels) and chunks[0] is not None and chunks[-1] is None
    claims: list[tuple[str | None, tuple[int, int], bool]] = []
    if chunks[0] is not None and not label_last:
        claims.append((None, chunks[0], False))
    for j, index in enumerate(labels):
        chunk = chunks[j] if label_last else chunks[j + 1]
        if chunk is None:
            return None
        field = line.tokens[index].values.get(CAT.LABEL)
        claims.append((field if isinstance(field, str) else None, chunk, True))
    if not claims:
        return None
    out: list[tuple[str | None, DateValue]] = []
    for field, (lo, hi), labelled in claims:
        reading = line.read(lo, hi, asserted=labelled, trimmed=True)
        if reading is None:
            return None
        if reading.value is None:
            # A time alone takes the day of the date before it on the line.
            previous = out[-1][1] if out else None
            joined = combine(previous, reading, line.ctx) if previous is not None else None
            if joined is None:
                return None
            out.append((field, joined))
        else:
            out.append((field, reading.value))
    return out


def read_date_line(
    text: str,
    *,
    language: str | None = None,
    reference_time: _dt.datetime | str | None = None,
    order: str | None = None,
) -> tuple[str | None, DateValue] | None:
    """Read a line that is a date, labelled or not: ``(field, value)`` or ``None``.

    A date line is a date with, at most, labels, separators and filler words around it:

    * ``"Updated: August 21, 2019"`` → ``("updated", 2019-08-21)``
    * ``"Publié le 3 mars 2021 à 18h30"`` → ``("published", 2021-03-03T18:30)``
    * ``"Stand: 21.08.2019, 14:05 Uhr"`` → ``("updated", 2019-08-21T14:05)``
    * ``"2019年8月21日 10:12更新"`` → ``("updated", 2019-08-21T10:12)`` (label after)
    * ``"November 18, 2019"`` → ``(None, 2019-11-18)``: unlabelled; the caller decides
      (a date standing alone under a headline is the published date).

    ``None`` for everything else:

    * a sentence that merely holds a date ("The law took effect on March 3, 2021.");
    * a label without a date ("Updated daily"), numbers that are not dates ("Version
      2.0.19", "Call 555-2019", "Top 10 of 2019", "Room 1108", "3-1", "$20.19");
    * a line that also carries a byline: "By Jane Roe | Updated 3 hours ago" and
      "Posted on March 3, 2021 by admin" both give ``None``. Bylines are the byline
      reader's business; it hands the date part back to this function. One rule — the
      whole line must be date — keeps this function predictable.

    A label alone with a time takes the day of the date before it ("Published March 3,
    2021, updated 18:30"). A line with several dates returns the first; use
    :func:`read_date_fields` for all of them. Labels and the field each fills are data,
    in ``cleanscrape/rules/dates/<language>.toml``.

    Unlabelled lines must be a strong date form (a day, or a month and year): a bare
    "2019" or "12.5" is a date only after a label. Relative dates ("3 hours ago",
    "hace 2 días") count from ``reference_time`` and keep the precision the page gives
    ("3 hours ago" a moment, "3 days ago" a day); a day word ("yesterday") needs a label
    or a time beside it.

    Args:
        text: One line of text.
        language: BCP 47 tag; see :func:`parse_date`.
        reference_time: See :func:`parse_date`.
        order: See :func:`date_order`.
    """
    fields = read_date_fields(text, language=language, reference_time=reference_time, order=order)
    return fields[0] if fields else None


def infer_date_order(texts: Iterable[str], language: str | None = None) -> str:
    """The numeric order a page uses, from the dates that show it.

    A page is consistent: if any of its numeric dates has a part above 12 (21/08/2019),
    that settles the order for the ambiguous ones (04/05/2021). Otherwise the language's
    usual order (:func:`date_order`).

    Example:
        >>> infer_date_order(["Posted 21/08/2019", "Updated 04/05/2021"], "en")
        'DMY'
    """
    fallback = date_order(language)
    for text in texts:
        if not isinstance(text, str) or len(text) > MAX_LINE or not _DIGIT.search(text):
            continue
        line = _Line(text.strip(), language, "2999-12-31", None)
        for lo in range(len(line.tokens)):
            if line.sig[lo] != "n":
                continue
            for match in line.grammar.matches(line.sig, lo, min(lo + 5, len(line.tokens))):
                if match.shape is None or match.shape.name != "num3":
                    continue
                reading = build(match, line.tokens, line.ctx, asserted=True)
                if reading is not None and reading.evidence:
                    return reading.evidence
    return fallback

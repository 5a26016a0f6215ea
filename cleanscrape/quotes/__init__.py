"""Repair the quotation marks of scraped text: reversed pairs, wrong-way glyphs, doubled
marks, straight marks mixed with curly ones, in the page's own convention.

The package: ``_glyphs`` (the marks and their kinds), ``_conventions`` (national
quotation systems and the languages that use them), ``_pairing`` (reading one paragraph:
context, then pairing), ``_style`` (the page's own convention), ``_edits`` (the repairs),
and this module, the public interface. How the engine reads a paragraph, pairs marks and
chooses a style is explained in the docs (``docs/explanation/quotes.md``).

The repair never raises on any ``str`` and runs in time linear in the length of the text.
"""

from __future__ import annotations

from ._edits import (
    _apply,
    _edits,
)
from ._glyphs import (
    _CANDIDATE_RE,
    _MARK_RE,
    QUOTE_CHARS,
    STYLES,
    QuoteEdit,
)
from ._pairing import (
    _Paragraph,
    _read,
)
from ._style import (
    _guess,
)

__all__ = [
    "QUOTE_CHARS",
    "STYLES",
    "QuoteEdit",
    "detect_quote_style",
    "repair_paragraphs",
    "repair_quotes",
]



def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(map(repr, STYLES))}; got {style!r}")


def repair_paragraphs(
    paragraphs: list[str], *, language: str | None = None, style: str = "curly"
) -> list[tuple[str, list[QuoteEdit]]]:
    """Repair the quotation marks of consecutive paragraphs of one text.

    The page's convention (national system, curly or straight) is decided once from all
    paragraphs together, and a quotation left open at the end of a paragraph is carried
    into the next, so a quotation running over several paragraphs (opening each, closing
    only at the end) is recognised and left alone.

    Args:
        paragraphs: The paragraphs, in order.
        language: A language tag such as ``"en"``, ``"de"``, ``"de-CH"`` or ``"fr"``. It
            decides among the conventions its language allows; None lets the text's own
            marks decide, and where they do not, nothing but doubled marks is changed.
        style: ``"curly"`` (default), ``"straight"`` or ``"preserve"``; see the module
            documentation.

    Returns:
        For each paragraph, its repaired text and the edits made, with offsets into that
        paragraph's original text.

    Raises:
        ValueError: If ``style`` is not one of :data:`STYLES`.
    """
    _check_style(style)
    read: list[_Paragraph | None] = []
    carry_q = carry_g = False
    for text in paragraphs:
        para = _read(text, carry_q, carry_g, style == "straight")
        read.append(para)
        if para is not None:
            carry_q, carry_g = para.carry_q, para.carry_g
    found = [p for p in read if p is not None]
    if not found:
        return [(text, []) for text in paragraphs]
    page = _guess(found, language, style)
    results: list[tuple[str, list[QuoteEdit]]] = []
    for text, para in zip(paragraphs, read, strict=True):
        if para is None:
            results.append((text, []))
            continue
        edits = _edits(para, page, style)
        results.append((_apply(text, edits), edits))
    return results


def repair_quotes(
    text: str, *, language: str | None = None, style: str = "curly"
) -> tuple[str, list[QuoteEdit]]:
    """Repair the quotation marks of one paragraph.

    Example:
        >>> repair_quotes("”Not so,“ she said.")[0]
        '“Not so,” she said.'
        >>> repair_quotes("Korea’s “frenemies“ don’t agree.")[0]
        'Korea’s “frenemies” don’t agree.'

    Args:
        text: The paragraph.
        language: A language tag, or None to go by the paragraph's own marks.
        style: ``"curly"`` (default), ``"straight"`` or ``"preserve"``.

    Returns:
        The repaired text and the edits made, with offsets into ``text``.

    Raises:
        ValueError: If ``style`` is not one of :data:`STYLES`.
    """
    _check_style(style)
    if (_MARK_RE if style == "straight" else _CANDIDATE_RE).search(text) is None:
        return text, []
    return repair_paragraphs([text], language=language, style=style)[0]


def detect_quote_style(text: str, language: str | None = None) -> str:
    """Name the quotation convention a text uses.

    Lines are read as consecutive paragraphs. A language tag decides among the
    conventions its language allows.

    Example:
        >>> detect_quote_style("„Ja“, sagte er.")
        'de'
        >>> detect_quote_style('"Yes," he said.')
        'straight'

    Args:
        text: The text.
        language: A language tag, or None.

    Returns:
        ``"en"``, ``"de"``, ``"pl"``, ``"fr"``, ``"ch"``, ``"ru"``, ``"sv"``, ``"ja"``,
        ``"zh"``, ``"straight"`` (mostly straight marks) or ``"unknown"`` (no quotation
        marks and no language).
    """
    read: list[_Paragraph] = []
    carry_q = carry_g = False
    for line in text.splitlines() or [text]:
        para = _read(line, carry_q, carry_g)
        if para is not None:
            read.append(para)
            carry_q, carry_g = para.carry_q, para.carry_g
    page = _guess(read, language)
    return page.name

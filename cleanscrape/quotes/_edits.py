"""Making the edits: each mark's target glyph in the page's style, applied in one pass."""

from __future__ import annotations

from ._conventions import (
    _System,
)
from ._glyphs import (
    _KIND,
    _NATURAL_OPEN,
    _OPENS,
    _PRIMES,
    _Q,
    _S,
    _SKIP,
    _STRAIGHT_GLYPHS,
    _TO_STRAIGHT,
    _VALID_PAIRS,
    QuoteEdit,
)
from ._pairing import (
    _Paragraph,
)
from ._style import (
    _PageStyle,
)

# ---------------------------------------------------------------------------------------
# Making the edits
# ---------------------------------------------------------------------------------------


def _edits(para: _Paragraph, page: _PageStyle, style: str) -> list[QuoteEdit]:
    """The edits that set the paragraph's marks right for the page's style."""
    found: list[tuple[int, QuoteEdit]] = []  # (mark index, edit)
    wrong_way: set[int] = set()
    glyph, pos, role, partner = para.glyph, para.pos, para.role, para.partner
    removed, elision_fix = para.removed, para.elision_fix
    system = page.system
    if system is None and style != "straight" and not removed and not elision_fix:
        return []
    straighten = style == "curly" and not page.curly
    for i, g in enumerate(glyph):
        r = role[i]
        if removed and i in removed:
            found.append((i, QuoteEdit(pos[i], g, "", "quotes.doubled")))
            continue
        if style == "straight":
            target: str | None = _TO_STRAIGHT.get(g)
            if target is None and g in _PRIMES and r != _SKIP:
                target = '"' if g == "″" else "'"
            if target is not None:
                found.append((i, QuoteEdit(pos[i], g, target, "quotes.style_straight")))
            continue
        if elision_fix and i in elision_fix:
            if g == "‘":
                found.append((i, QuoteEdit(pos[i], g, "’", "quotes.elision")))
            continue
        if r == _SKIP or system is None:
            continue
        if not straighten and g in (system.opens if r == _OPENS else system.closes):
            continue  # right as it is: by far the most common case
        if i == para.reopen and g == "»":
            continue
        j = partner[i]
        if j >= 0:
            if _foreign(glyph[j], system):
                continue  # paired with a mark of another convention: quoted as it stands
            pair = g + glyph[j] if r == _OPENS else glyph[j] + g
            if style == "preserve" and pair in _VALID_PAIRS:
                continue  # right in some convention: preserve does not impose the page's
        decided = _target(g, r == _OPENS, para.kind[i] == _S, system, page, style)
        if decided is not None and decided[0] != g:
            target, rule = decided
            if rule.startswith("quotes.wrong_way"):
                wrong_way.add(i)
            found.append((i, QuoteEdit(pos[i], g, target, rule)))
    return [
        QuoteEdit(e.offset, e.before, e.after, "quotes.reversed_pair")
        if i in wrong_way and partner[i] in wrong_way
        else e
        for i, e in found
    ]


def _foreign(glyph: str, system: _System) -> bool:
    """True for a curly mark the system neither uses nor rewrites (e.g. „ in English)."""
    return not (
        system.own(glyph)
        or glyph in system.convertible
        or glyph in _STRAIGHT_GLYPHS
        or glyph in _PRIMES
    )


def _target(
    glyph: str, opening: bool, single: bool, system: _System, page: _PageStyle, style: str
) -> tuple[str, str] | None:
    """The glyph a quotation mark should be, and the rule saying why; None to keep it.

    Args:
        glyph: The mark as found.
        opening: Whether it opens (else closes) a quotation.
        single: Whether it is a single mark (' ‘ ’ ‚ ‛ ′), not a double one.
        system: The page's national system.
        page: The page's style (its family: curly or straight).
        style: The requested style, ``"curly"`` or ``"preserve"``.
    """
    marks = system.single if single else system.double
    own_mark = marks[0] if opening else marks[1]
    straighten = style == "curly" and not page.curly
    straight = "'" if single else '"'
    if glyph in _STRAIGHT_GLYPHS or glyph in _PRIMES:
        if style != "curly":
            return None
        if page.curly:
            return own_mark, (
                "quotes.prime_as_quote" if glyph in _PRIMES else "quotes.mixed_straight"
            )
        return (straight, "quotes.prime_as_quote") if glyph in _PRIMES else None
    if _KIND[glyph] not in (_Q, _S):
        # Guillemets and corner brackets: only turned round, never restyled.
        partner = system.partner.get(glyph)
        if partner is None or glyph in (system.opens if opening else system.closes):
            return None
        if partner not in (system.opens if opening else system.closes):
            return None
        return partner, "quotes.wrong_way_open" if opening else "quotes.wrong_way_close"
    right = system.opens if opening else system.closes
    if system.own(glyph):
        if glyph in right:
            return (straight, "quotes.mixed_curly") if straighten else None
        target = system.partner.get(glyph, own_mark)
        if target not in right:
            target = own_mark
    elif glyph in system.convertible:
        target = own_mark
        if (glyph in _NATURAL_OPEN) == opening:  # oriented right, in another convention
            if style == "preserve":
                return None
            return (straight, "quotes.mixed_curly") if straighten else (target, "quotes.convention")
    else:
        return None  # a mark of another convention, quoted as it stands
    if straighten:
        target, rule = straight, "quotes.mixed_curly"
    else:
        rule = "quotes.wrong_way_open" if opening else "quotes.wrong_way_close"
    return (target, rule) if _KIND.get(target) == _KIND[glyph] else None


def _apply(text: str, edits: list[QuoteEdit]) -> str:
    """Apply edits (sorted by offset, not overlapping) to ``text``."""
    if not edits:
        return text
    out: list[str] = []
    last = 0
    for e in edits:
        out.append(text[last : e.offset])
        out.append(e.after)
        last = e.offset + len(e.before)
    out.append(text[last:])
    return "".join(out)

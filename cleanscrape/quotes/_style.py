"""Finding the page's convention from the marks it uses and its language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ._conventions import (
    _SYSTEMS,
    _Choice,
    _language_systems,
    _System,
)
from ._glyphs import (
    _C,
    _G,
    _HAN_RE,
    _KANA_RE,
    _KIND,
    _NBSP_LIKE,
    _OPENS,
    _Q,
    _S,
    _SKIP,
    _STRAIGHTISH,
)
from ._pairing import (
    _Paragraph,
)

# ---------------------------------------------------------------------------------------
# Finding the page's convention
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _PageStyle:
    system: _System | None  # None: nothing to go by; change nothing but doubled marks
    curly: bool  # the page's quotation marks are (mostly) typographic
    name: str  # as reported by detect_quote_style


@dataclass(slots=True)
class _Evidence:
    opens: dict[str, int]  # opening marks, by glyph
    closes: dict[str, int]  # closing marks, by glyph
    curly: bool  # typographic marks are at least as many as straight ones
    any_marks: bool  # there are quotation marks at all


def _guess(paras: list[_Paragraph], language: str | None, style: str = "curly") -> _PageStyle:
    """Decide the page's system and family from the roles its marks were given (and, for
    a language's choice, the repair ``style`` that will follow: see _choose)."""
    evidence = _evidence(paras)
    guess = _guess_from_marks(evidence, paras)
    choice = _language_systems(language)
    if choice is not None:
        name = _choose(choice, evidence, preserve=style == "preserve")
    else:
        name = guess or "en"
    system = _SYSTEMS[name] if guess is not None or choice is not None else None
    if evidence.any_marks and not evidence.curly:
        name = "straight"
    elif system is None:
        name = "unknown"
    return _PageStyle(system, evidence.curly, name)


def _evidence(paras: list[_Paragraph]) -> _Evidence:
    """Count the marks that open and close, and weigh typographic against straight.

    The family (curly or straight) is decided by the double marks, or by the single
    quotation marks where there is no double mark: a repair only converts marks towards
    the winning family, so the repaired text is read as the same family again.
    """
    opens: dict[str, int] = {}
    closes: dict[str, int] = {}
    straight_d = curly_d = straight_s = curly_s = 0
    straightish = _STRAIGHTISH
    for para in paras:
        removed, kind, partner = para.removed, para.kind, para.partner
        for i, (g, r) in enumerate(zip(para.glyph, para.role, strict=True)):
            if r == _SKIP or (removed and i in removed):
                continue
            if r == _OPENS:
                opens[g] = opens.get(g, 0) + 1
            else:
                closes[g] = closes.get(g, 0) + 1
            k = kind[i]
            if k == _Q or k == _G or k == _C:
                if g in straightish:
                    straight_d += 1
                else:
                    curly_d += 1
            elif k != _S or partner[i] >= 0:  # an unpaired single may be an apostrophe
                if g in straightish:
                    straight_s += 1
                else:
                    curly_s += 1
    if straight_d or curly_d:
        curly, any_marks = curly_d >= straight_d, True
    else:
        curly, any_marks = curly_s >= straight_s, bool(straight_s or curly_s)
    if not curly:
        # On a straight page every double and single mark ends up straight: read them
        # as straight already, so the repaired page is read the same way.
        opens, closes = _as_straight(opens), _as_straight(closes)
    return _Evidence(opens, closes, curly, any_marks)


def _as_straight(counts: dict[str, int]) -> dict[str, int]:
    result: dict[str, int] = {}
    for g, n in counts.items():
        k = _KIND[g]
        g = '"' if k == _Q else "'" if k == _S else g
        result[g] = result.get(g, 0) + n
    return result


def _guess_from_marks(evidence: _Evidence, paras: list[_Paragraph]) -> str | None:
    """The convention the marks themselves suggest, or None when they suggest nothing.

    Opening marks are the evidence: whether a mark opens or closes does not change under
    repair, and the repair only moves opening marks towards the convention it chose, so
    the repaired text is read as the same convention again. Straight openers count with
    “ ” against guillemets, because that is what they become in a page of either kind.
    Only a text in which nothing opens falls back on its closing marks.
    """
    o, c = evidence.opens.get, evidence.closes.get
    counts = [0] * 7  # opening marks by family, see _OPEN_FAMILY
    for g, n in evidence.opens.items():
        counts[_OPEN_FAMILY[g]] += n
    corners, low9, guill, high, straight_opens, singles, _ = counts
    if corners and corners >= max(low9, guill, high):
        return "ja" if _has_kana(paras) else "zh"
    if low9 > high and low9 >= guill:
        return "de" if c("“", 0) >= c("”", 0) else "pl"
    if guill > high + straight_opens and guill > low9:
        if o("»", 0) > o("«", 0):
            return "sv" if c("»", 0) > c("«", 0) else "de"
        return "fr" if any(_spaced_guillemets(p.text) for p in paras) else "ch"
    if high or straight_opens or guill:
        script = _script(paras, "en")
        if (evidence.curly and not (o("“", 0) or c("“", 0))
                and _opens_turned(paras, "”", _SYSTEMS[script])):
            return "sv"  # ”…” throughout: Swedish or Finnish, or English gone wrong
        return script
    if o("‚", 0) > singles:
        return "de"
    if o("›", 0) + o("‹", 0) > singles + o("'", 0):
        return "de" if o("›", 0) > o("‹", 0) else "ch"
    if singles or o("'", 0) or o("′", 0):
        return "sv" if not (o("‘", 0) or c("‘", 0)) and o("’", 0) else "en"
    # Nothing opens: the closing marks are the only hint, counted by family. “ and ”
    # closing are English-style, right or wrong way; » and › French or Swiss; corner
    # brackets Japanese or Chinese; „ and « say nothing. Repaired, the text's marks only
    # join the winning family, so it is read the same way again. A closing ‟ or ‛, and
    # on a typographic page a straight mark or a prime, becomes the typographic closing
    # mark of whichever convention wins (” or “, ’ or ‘): it counts with them once the
    # others have said something (alone they say nothing).
    votes = [0, 0, 0]
    typographic_later = 0
    for g, count in evidence.closes.items():
        family = _CLOSER_FAMILY.get(g)
        if family is not None:
            votes[family] += count
        elif g in _CLOSE_AS_TYPOGRAPHIC and (evidence.curly or g not in _STRAIGHTISH):
            typographic_later += count
    if not max(votes):
        return None
    votes[0] += typographic_later
    family = votes.index(max(votes))
    if family == 0:
        return _script(paras, "en")
    if family == 1:
        return "fr" if any(_spaced_guillemets(p.text) for p in paras) else "ch"
    return _script(paras, "zh")


def _opens_turned(paras: list[_Paragraph], glyph: str, system: _System) -> bool:
    """Whether ``glyph`` opens a quotation that a repair into ``system`` would turn round:
    one paired with a mark of another convention is quoted as it stands, so it says
    nothing of the page's own convention (and stays, where the others are turned). (On
    a straight page every mark counts as the straight mark it becomes: not asked.)"""
    for para in paras:
        glyphs, role, partner, removed = para.glyph, para.role, para.partner, para.removed
        for i, g in enumerate(glyphs):
            if g != glyph or role[i] != _OPENS or (removed and i in removed):
                continue
            j = partner[i]
            if j < 0 or _of(glyphs[j], system):
                return True
    return False


def _of(glyph: str, system: _System) -> bool:
    """A mark ``system`` uses or rewrites (as opposed to one of another convention)."""
    return system.own(glyph) or glyph in system.convertible or glyph in _STRAIGHTISH


#: Families of opening marks, for _guess_from_marks: 0 corner brackets, 1 low-9 „,
#: 2 guillemets, 3 high curly doubles, 4 straight doubles, 5 curly singles, 6 the rest.
_OPEN_FAMILY: Final[dict[str, int]] = {
    "「": 0, "『": 0, "„": 1, "«": 2, "»": 2, "“": 3, "”": 3, "‟": 3, '"': 4, "″": 4,
    "‘": 5, "’": 5, "‛": 5, "」": 6, "』": 6, "‚": 6, "‹": 6, "›": 6, "'": 6, "′": 6,
}  # fmt: skip

#: Families of closing marks, voting for a convention when nothing opens:
#: 0 typographic (English-like), 1 guillemets, 2 corner brackets.
_CLOSER_FAMILY: Final[dict[str, int]] = {
    "”": 0, "“": 0, "’": 0, "‘": 0,
    "»": 1, "›": 1,
    "」": 2, "』": 2,
}  # fmt: skip


#: Closing marks outside the families that every repair on a typographic page turns into
#: a typographic closing mark of family 0.
_CLOSE_AS_TYPOGRAPHIC: Final = frozenset("‟‛\"'″′")


def _has_kana(paras: list[_Paragraph]) -> bool:
    # Only paragraphs whose marks touch CJK text are searched.
    return any(p.cjk and _KANA_RE.search(p.text) for p in paras)


def _script(paras: list[_Paragraph], otherwise: str) -> str:
    """ "ja" if the paragraphs have kana, "zh" if they have Han, else ``otherwise``."""
    if _has_kana(paras):
        return "ja"
    if any(p.cjk and _HAN_RE.search(p.text) for p in paras):
        return "zh"
    return otherwise


#: (language's own system, another it accepts) where the other is chosen only when the
#: page shows marks of its own: German „…“ shares “ with English “…”.
_ON_OWN_MARKS_ONLY = frozenset({("de", "en")})


def _choose(choice: _Choice, evidence: _Evidence, *, preserve: bool = False) -> str:
    """Among the systems a language accepts, the one under which most openers are right.

    Earlier systems win ties. A repair only turns opening marks into marks that are right
    under the winner, so its lead can only grow and the repaired text chooses it again.
    On a straight page only guillemets and corner brackets count (see _evidence).
    """
    opens = evidence.opens
    seen = set(evidence.opens) | set(evidence.closes)
    has_guillemets = any(g in seen for g in "«»")
    best, name = -1, choice[0][0]
    first = _SYSTEMS[name]
    first_glyphs = first.opens | first.closes
    for candidate, needs_guillemets in choice:
        if needs_guillemets and not has_guillemets:
            continue
        if (name, candidate) in _ON_OWN_MARKS_ONLY:
            # Another convention than the language's own only when the page shows marks
            # that are that convention's alone and none that are the language's alone: a
            # German page set in “…” throughout (its closing ” says so) keeps “…”. The
            # evidence must survive a repair into the winner, so the repaired page
            # chooses the same way again. For the other convention, only marks set its
            # way count: a ” that opens is turned round into the “ both share. Any mark
            # of the language's own is German enough: a repair into German turns every
            # opening mark into „ or ‚ (which stay), except with style="preserve", which
            # keeps a pair right in another convention (“…”) while a stray „ that closes
            # is still turned into “: there only the language's marks set its way count.
            other = _SYSTEMS[candidate]
            other_glyphs = other.opens | other.closes
            own = _kept(evidence, first) if preserve else seen
            if not (_kept(evidence, other) - first_glyphs) or (own - other_glyphs):
                continue
        score = sum(opens.get(g, 0) for g in _SYSTEMS[candidate].opens)
        if score > best:
            best, name = score, candidate
    return name


def _kept(evidence: _Evidence, system: _System) -> set[str]:
    """The page's marks that a repair into ``system`` leaves as marks of it: those set the
    way it sets them, and guillemets of its own either way (they are only turned round)."""
    kept = (set(evidence.opens) & system.opens) | (set(evidence.closes) & system.closes)
    kept.update(
        g for g in (*evidence.opens, *evidence.closes)
        if system.own(g) and _KIND[g] not in (_Q, _S)
    )
    return kept


def _spaced_guillemets(text: str) -> bool:
    """True when guillemets stand apart from their words, the French way."""
    if "« " in text or " »" in text:
        return True
    for nb in _NBSP_LIKE:
        if "«" + nb in text or nb + "»" in text:
            return True
    return False

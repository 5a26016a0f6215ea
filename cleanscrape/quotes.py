"""Repair the quotation marks of scraped text.

Scraped news text often arrives with its quotation marks damaged: a content system that
"smartened" straight quotes by guessing, a copy from a word processor, a feed that mixed
two sources. The damage has a few recognisable shapes::

    ”Japan lays claim to the islets,“ he said.      reversed pair
    Japan, which “threatens“ Korea’s security       wrong-way closing mark
    ““We will not back down,” she said.             doubled mark
    "We will not back down“, she said.              straight mixed with curly
    “He said ’no‘ twice,” she recalled.             reversed single pair inside a double

This module repairs those shapes and nothing else. Its guiding rule is that a quotation
mark's orientation is decided by its *context*, not by its glyph, because the glyph is the
thing that is broken.

How a paragraph is read
=======================

1. **Find the marks.** One precompiled regular expression with a plain character class
   finds every quotation-mark candidate. A paragraph with none returns at once. Outside
   ``style="straight"``, the expression also skips apostrophes standing between two
   Latin, Greek or Cyrillic letters (*don’t*, *O’Brien*, *l’homme*), which are by far the
   most common candidates and never need work.

2. **Read each mark's context.** Runs of adjacent marks and no-break spaces are looked
   through, so ``“‘Hi,’ she said.”`` reads the same as ``“Hi,” she said.``. A mark is in
   *opening position* when what comes before it is the start of the text, a space, an
   opening bracket or a dash, and what comes after is not; in *closing position* in the
   mirror case. Anything else is *ambiguous*; a single mark between two letters is *in a
   word*.

3. **Pair the marks**, in one left-to-right pass with a stack per kind of mark (double
   curly or straight marks, guillemets, single guillemets, CJK corner brackets):

   * a double mark in opening position opens, in closing position closes, and an
     ambiguous one closes if something is open and opens otherwise;
   * single marks are where apostrophes hide. A single mark in a word is an apostrophe;
     after a digit and before a digit it is a prime (*5'11"*); before a known elision
     (*’90s*, *’til*, *’em*, *rock ’n’ roll*) it is an apostrophe too. A single mark in
     closing position is a closing quote only when a single quotation is pending inside
     the current double quotation; otherwise it is a possessive (*James’*, *the US’*).
     A pending single opener that never finds its closer is left as it is.

4. **Find the page's convention.** The marks that open and close quotations tell which
   national system the text uses: „…“ (German), „…” (Polish), «…» (French, with spaces,
   or Swiss, without), ”…” (Swedish, Finnish), 「…」 (Japanese), “…” (English and most
   others). A language tag, when given, decides among the systems its language allows.
   The text also tells its *family*: if its quotation marks are mostly straight (``"``),
   the page is straight and stays straight.

5. **Make the edits.** Every mark now has an orientation. A mark whose glyph is right for
   that orientation in the page's system is left alone. A wrong one is replaced by its
   partner glyph (``”`` ↔ ``“``) or by the system's own mark. A doubled mark that nothing
   closes is removed. Every edit records its offset in the original text, the old and
   new characters and a rule id, so a caller can show or undo it.

What is never done
==================

* Apostrophes, elisions and primes are not quotation marks. In the default ``"curly"``
  and in ``"preserve"`` style they are left exactly as found, straight or curly, with one
  exception: an opening glyph used where an elision belongs (``‘90s``, ``rock ‘n’ roll``)
  becomes ``’`` when nothing closes it. A straight apostrophe in a curly page stays
  straight: it is not a quotation mark and is outside this module's remit.
* No closing mark is invented. A quotation cut off by truncation keeps its opening mark,
  oriented, and stays open.
* Only quotation-mark characters change (see :data:`QUOTE_CHARS`): letters, digits and
  spaces are never touched, so French spacing inside ``« … »`` stays as the page set it.
* A quotation running over several paragraphs, opening each and closing only at the end,
  is a convention, not an error; :func:`repair_paragraphs` carries the open quotation from
  one paragraph to the next (and accepts the French habit of starting continued
  paragraphs with ``»``).

Styles
======

``"curly"`` (default)
    Repair orientation, pairing and doubling. Straight marks mixed into a curly text are
    curled in the page's system; a text set consistently (or mostly) in straight quotes
    keeps them straight, and its few curly marks are straightened.
``"straight"``
    Repair pairing and doubling, then set every quotation mark *and* every curly
    apostrophe as ``"`` or ``'`` (guillemets and low marks included). Primes (′ ″) and
    CJK corner brackets, which have no straight counterpart, are kept.
``"preserve"``
    Repair orientation, pairing and doubling only. A mark never changes family: straight
    stays straight, curly stays curly, and a page's choice of national system is not
    imposed on marks that are correctly oriented.

The repair is idempotent (repairing repaired text changes nothing), never raises on any
``str`` and runs in time linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "QUOTE_CHARS",
    "STYLES",
    "QuoteEdit",
    "detect_quote_style",
    "repair_paragraphs",
    "repair_quotes",
]

# ---------------------------------------------------------------------------------------
# Glyph tables
# ---------------------------------------------------------------------------------------

#: Every character :func:`repair_quotes` may replace, remove or insert.
QUOTE_CHARS: Final[frozenset[str]] = frozenset(
    "\"'"  # straight double and single
    "\u201c\u201d\u201e\u201f"  # “ ” „ ‟
    "\u2018\u2019\u201a\u201b"  # ‘ ’ ‚ ‛
    "\u00ab\u00bb\u2039\u203a"  # « » ‹ ›
    "\u300c\u300d\u300e\u300f"  # 「 」 『 』
    "\u2033\u2032"  # ″ ′ (primes, repaired only where they stand in for quotes)
)

#: The accepted values of the ``style`` argument.
STYLES: Final[tuple[str, ...]] = ("curly", "straight", "preserve")

# Kinds of mark. Each kind is paired on its own stack.
_Q: Final = 0  # double: " “ ” „ ‟ ″
_G: Final = 1  # guillemet: « »
_S: Final = 2  # single: ' ‘ ’ ‚ ‛ ′
_H: Final = 3  # single guillemet: ‹ ›
_C: Final = 4  # corner bracket: 「 」
_W: Final = 5  # white corner bracket: 『 』

_KIND: Final[dict[str, int]] = {
    '"': _Q, "\u201c": _Q, "\u201d": _Q, "\u201e": _Q, "\u201f": _Q, "\u2033": _Q,
    "\u00ab": _G, "\u00bb": _G,
    "'": _S, "\u2018": _S, "\u2019": _S, "\u201a": _S, "\u201b": _S, "\u2032": _S,
    "\u2039": _H, "\u203a": _H,
    "\u300c": _C, "\u300d": _C,
    "\u300e": _W, "\u300f": _W,
}  # fmt: skip

# For style="straight", guillemets are read as the straight marks they will become.
_KIND_STRAIGHT: Final[dict[str, int]] = {
    g: _Q if k == _G else _S if k == _H else k for g, k in _KIND.items()
}

# Double-level kinds open a new scope for single quotations.
_DOUBLE_LEVEL: Final = frozenset((_Q, _G, _C))

# Context of a mark.
_OPEN: Final = 1  # opening position
_CLOSE: Final = 2  # closing position
_AMBIG: Final = 3  # neither or both, not between two spaces
_SPACED: Final = 4  # space (or boundary) on both sides
_INWORD: Final = 5  # letter or digit on both sides

# Partner of a mark that is not paired, or that closes a quotation opened in an earlier
# paragraph (the opener there is "virtual" here).
_UNPAIRED: Final = -1
_VIRTUAL: Final = -2

# Decided role of a mark.
_SKIP: Final = 0  # not a quotation mark here (apostrophe, prime, elision, continuation)
_OPENS: Final = 1
_CLOSES: Final = 2

_STRAIGHT_GLYPHS: Final = frozenset("\"'")
_PRIMES: Final = frozenset("\u2032\u2033")
_APOSTROPHE_LIKE: Final = frozenset("'\u2019\u201b\u2032")
_SINGLE_ANY: Final = frozenset("'\u2018\u2019\u201b\u201a")

#: The orientation a glyph has in English typography, used to name rules.
_NATURAL_OPEN: Final = frozenset("\u201c\u2018\u201e\u201a\u201f\u201b\u00ab\u2039\u300c\u300e")

#: (opening, closing) pairs that are right in some convention; "preserve" leaves them.
_VALID_PAIRS: Final = frozenset(
    (
        "\u201c\u201d", "\u201e\u201c", "\u201e\u201d", "\u201d\u201d",
        "\u2018\u2019", "\u201a\u2018", "\u201a\u2019", "\u2019\u2019",
        "\u00ab\u00bb", "\u00bb\u00ab", "\u00bb\u00bb",
        "\u2039\u203a", "\u203a\u2039", "\u203a\u203a",
        "\u300c\u300d", "\u300e\u300f",
    )
)  # fmt: skip

_TO_STRAIGHT: Final[dict[str, str]] = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
}  # fmt: skip

_NBSP_LIKE: Final = "\u00a0\u202f\u2007\u2009\u200a"
# Characters looked through when reading a mark's context.
_TRANSPARENT: Final = frozenset(QUOTE_CHARS | set(_NBSP_LIKE))
# What may stand before an opening mark, besides a space or the start of the text.
_OPENERS_BEFORE: Final = frozenset(
    "([{<\u00bf\u00a1-\u2010\u2011\u2012\u2013\u2014\u2015/\u2e3a"
    "\uff08\uff3b\uff5b\u3010\u3014\u300a\u3008"
)
# What may stand after a closing mark, besides a space or the end of the text.
_CLOSERS_AFTER: Final = frozenset(
    ".,;:!?)]}>\u2026-\u2010\u2011\u2012\u2013\u2014\u2015/\u2e3a"
    "\u3002\uff0c\u3001\uff1b\uff1a\uff01\uff1f\uff09\uff3d\uff5d\u3011\u3015\u300b\u3009"
)

# Words an apostrophe may stand in front of (lower case): English elisions and the Dutch
# and Afrikaans article forms.
_ELISIONS: Final = frozenset(
    (
        "em", "til", "tis", "twas", "twere", "twill", "cause", "cos", "coz", "bout",
        "n", "nuff", "kay", "sup", "cept", "gainst", "neath", "tween", "twixt", "fraid",
        "scuse", "s", "t", "k", "r", "ol",
    )
)  # fmt: skip

_ALL_CLASS: Final = re.escape("".join(sorted(QUOTE_CHARS)))
_OTHER_CLASS: Final = re.escape("".join(sorted(QUOTE_CHARS - set("'\u2019\u2018"))))
# Letters of the alphabetic scripts whose apostrophes stand between letters.
_LETTERS: Final = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0386-\u03ce\u0400-\u0481"
    "\u048a-\u052f\u1e00-\u1eff"
)
#: Every quotation mark.
_MARK_RE: Final = re.compile(f"[{_ALL_CLASS}]")
#: Every quotation mark but apostrophes between two letters (don’t, l’homme), by far the
#: most common mark and one that never needs work. The expression starts with a plain
#: character class, so the engine scans for it at full speed; the look-arounds only run
#: on a mark.
_CANDIDATE_RE: Final = re.compile(
    f"[{_ALL_CLASS}](?:(?<=[{_OTHER_CLASS}])|(?<![{_LETTERS}].)|(?![{_LETTERS}]))"
)
_KANA_RE: Final = re.compile("[\u3040-\u30ff]")
_HAN_RE: Final = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class QuoteEdit:
    """One change made by the repair.

    Attributes:
        offset: Offset of the replaced character(s) in the *original* paragraph text.
        before: The replaced character(s), always quotation marks.
        after: The replacement: a quotation mark, or ``""`` when a doubled mark is removed.
        rule: A stable id naming why, e.g. ``"quotes.reversed_pair"``.
    """

    offset: int
    before: str
    after: str
    rule: str


# ---------------------------------------------------------------------------------------
# National systems
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _System:
    """How one convention sets its quotation marks.

    Attributes:
        name: The style name reported by :func:`detect_quote_style`.
        opens: Glyphs that may open a quotation.
        closes: Glyphs that may close one (a glyph may be in both, as ``”`` in Swedish).
        convertible: Glyphs outside ``opens``/``closes`` this system rewrites into its own;
            glyphs in none of the three sets belong to another convention and are left.
        partner: For an own glyph, the glyph of the opposite orientation.
        double: The (opening, closing) curly marks that replace a straight or wrong
            double mark (" “ ” „ ‟ ″).
        single: The same for single marks (' ‘ ’ ‚ ‛ ′).
    """

    name: str
    opens: frozenset[str]
    closes: frozenset[str]
    convertible: frozenset[str]
    partner: dict[str, str]
    double: tuple[str, str]
    single: tuple[str, str]

    def own(self, glyph: str) -> bool:
        return glyph in self.opens or glyph in self.closes


def _system(
    name: str, pairs: str, double: str, single: str, convertible: str = "", both: str = ""
) -> _System:
    """Build a system from opening/closing glyph pairs written one after the other."""
    opens = set(pairs[0::2]) | set(both)
    closes = set(pairs[1::2]) | set(both)
    partner = {}
    for o, c in zip(pairs[0::2], pairs[1::2], strict=True):
        partner[o], partner[c] = c, o
    own = opens | closes
    return _System(
        name=name,
        opens=frozenset(opens),
        closes=frozenset(closes),
        convertible=frozenset(set(convertible) - own),
        partner=partner,
        double=(double[0], double[1]),
        single=(single[0], single[1]),
    )


_CURLY: Final = "\u201c\u201d\u2018\u2019\u201f\u201b"
_LOW: Final = "\u201e\u201a"
_EN_PAIRS: Final = "\u201c\u201d\u2018\u2019"  # “ ” ‘ ’
_GUILLEMETS: Final = "\u00ab\u00bb\u2039\u203a"  # « » ‹ ›
_CORNERS: Final = "\u300c\u300d\u300e\u300f"  # 「 」 『 』

# Each system's replacement marks are of the same kind as the marks they replace (a
# straight or curly double becomes a curly double, never a guillemet or a corner
# bracket), so the repaired text pairs exactly as the original did. That is why a
# straight mark in a French page becomes “…” (the French inner quotation), not «…».
_SYSTEMS: Final[dict[str, _System]] = {
    s.name: s
    for s in (
        _system("en", _EN_PAIRS, "\u201c\u201d", "\u2018\u2019", _CURLY),
        _system(
            "de", "\u201e\u201c\u201a\u2018\u00bb\u00ab\u203a\u2039", "\u201e\u201c",
            "\u201a\u2018", _CURLY + _LOW,
        ),
        _system(
            "pl", "\u201e\u201d\u201a\u2019\u00ab\u00bb", "\u201e\u201d", "\u201a\u2019",
            _CURLY + _LOW,
        ),
        _system("fr", _GUILLEMETS + _EN_PAIRS, "\u201c\u201d", "\u2018\u2019", _CURLY),
        _system("ch", _GUILLEMETS + _EN_PAIRS, "\u201c\u201d", "\u2018\u2019", _CURLY),
        _system(
            "ru", "\u00ab\u00bb\u201e\u201c\u2018\u2019", "\u201e\u201c", "\u2018\u2019",
            _CURLY + "\u201e",
        ),
        _system("sv", "", "\u201d\u201d", "\u2019\u2019", _CURLY, both="\u201d\u2019\u00bb\u203a"),
        _system("ja", _CORNERS + _EN_PAIRS, "\u201c\u201d", "\u2018\u2019", _CURLY),
        _system("zh", _EN_PAIRS + _CORNERS, "\u201c\u201d", "\u2018\u2019", _CURLY),
    )
}  # fmt: skip

# For each language, the systems it accepts, in order of preference, each with whether
# it is only considered when the text has guillemets at all. The text's opening marks
# choose among them (see _guess).
_Choice = tuple[tuple[str, bool], ...]
_EN: Final[_Choice] = (("en", False),)
_DE: Final[_Choice] = (("de", False), ("ch", True))
_PL: Final[_Choice] = (("pl", False),)
_SV: Final[_Choice] = (("sv", False),)
_GUILLEMETS_OR_EN: Final[_Choice] = (("ch", True), ("fr", True), ("en", False))
_SWISS: Final[_Choice] = (("ch", False), ("fr", False), ("en", False))
_LANGUAGES: Final[dict[str, _Choice]] = {
    "en": _EN,
    "de": _DE,
    **dict.fromkeys(("cs", "sk", "sl", "lt", "is", "bg", "et", "lb", "da"), (("de", False),)),
    **dict.fromkeys(("pl", "hu", "ro", "hr", "sr", "bs"), _PL),
    "nl": (("en", False), ("pl", False)),
    "fr": (("fr", False), ("ch", False), ("en", False)),
    **dict.fromkeys(("ru", "uk", "be"), (("ru", False), ("en", False))),
    **dict.fromkeys(("sv", "fi"), _SV),
    **dict.fromkeys(("no", "nb", "nn", "el"), (("ch", False), ("en", False))),
    **dict.fromkeys(("es", "it", "pt", "ca", "gl", "eu", "tr"), _GUILLEMETS_OR_EN),
    "ja": (("ja", False),),
    "zh": (("zh", False), ("ja", False)),
    "ko": (("en", False), ("zh", False)),
}
_SWISS_REGIONS: Final = frozenset(("ch", "li"))


def _language_systems(language: str | None) -> _Choice | None:
    """The systems a language tag (``"de"``, ``"de-CH"``, ``"fr_ch"``) accepts, or None."""
    if not language:
        return None
    parts = re.split(r"[-_]", language.strip().lower())
    primary = parts[0]
    if primary not in _LANGUAGES:
        return None
    if primary in ("de", "fr", "it", "rm") and any(p in _SWISS_REGIONS for p in parts[1:]):
        return _SWISS
    return _LANGUAGES[primary]


# ---------------------------------------------------------------------------------------
# Reading one paragraph
# ---------------------------------------------------------------------------------------


class _Paragraph:
    """The marks of one paragraph, their context and their decided roles."""

    __slots__ = (
        "text", "pos", "glyph", "kind", "role", "partner", "elision_fix", "removed",
        "carry_q", "carry_g", "reopen", "touching", "cjk",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos: list[int] = []
        self.glyph: list[str] = []
        self.kind: list[int] = []
        self.role: list[int] = []
        self.partner: list[int] = []
        self.elision_fix: list[int] = []
        self.removed: set[int] = set()
        self.carry_q = False
        self.carry_g = False
        self.reopen = -1  # a guillemet reopening a quotation carried from before
        self.touching = False  # two marks stand side by side somewhere
        self.cjk = False  # a mark stands next to a CJK character


def _context(text: str, i: int) -> int:
    """Classify the position of the mark at ``text[i]``, looking through adjacent marks."""
    j = i - 1
    while j >= 0 and text[j] in _TRANSPARENT:
        j -= 1
    n = len(text)
    k = i + 1
    while k < n and text[k] in _TRANSPARENT:
        k += 1
    prev = text[j] if j >= 0 else " "
    nxt = text[k] if k < n else " "
    prev_space = prev.isspace()
    next_space = nxt.isspace()
    left_open = prev_space or prev in _OPENERS_BEFORE
    right_close = next_space or nxt in _CLOSERS_AFTER
    if left_open and not right_close:
        return _OPEN
    if right_close and not left_open:
        return _CLOSE
    if left_open:  # and right_close
        return _SPACED if prev_space and next_space else _AMBIG
    if prev.isalnum() and nxt.isalnum() and prev < "\u2e80" and nxt < "\u2e80":
        return _INWORD
    return _AMBIG


def _feet_before(text: str, i: int) -> bool:
    """True when ``text[:i]`` ends like ``5'11`` or ``6’ 2``: an inch mark follows."""
    j = i - 1
    while j >= 0 and text[j].isdigit():
        j -= 1
    if not 1 <= i - 1 - j <= 2:
        return False
    if j >= 0 and text[j] == " ":
        j -= 1
    if j < 1 or text[j] not in "'\u2019\u2032":
        return False
    feet = j - 1
    while feet >= 0 and text[feet].isdigit():
        feet -= 1
    return 1 <= j - 1 - feet <= 2 and (feet < 0 or not text[feet] in ".,")


def _inches_after(text: str, k: int) -> bool:
    """True when ``text[k:]`` starts like ``11`` or `` 2`` (one or two digits): the mark
    before ``k``, after a digit, is a foot sign."""
    n = len(text)
    if k < n and text[k] == " ":
        k += 1
    j = k
    while j < n and text[j].isdigit():
        j += 1
    return 1 <= j - k <= 2 and (j >= n or not text[j].isdigit())


def _elision_after(text: str, k: int) -> str | None:
    """The elided word starting at ``text[k]`` (``"90s"``, ``"til"``, ``"n"``), or None."""
    n = len(text)
    if k + 1 < n and text[k].isdigit() and text[k + 1].isdigit():
        return "decade" if k + 2 >= n or not text[k + 2].isdigit() else None
    j = k
    while j < n and j - k < 7 and text[j].isalpha():
        j += 1
    if j == k or (j < n and text[j].isalpha()):
        return None
    word = text[k:j].lower()
    return word if word in _ELISIONS else None


def _read(
    text: str, carry_q: bool, carry_g: bool, straight: bool = False
) -> _Paragraph | None:
    """Find, classify and pair the marks of one paragraph.

    Args:
        text: The paragraph.
        carry_q: A double quotation was left open by the previous paragraph.
        carry_g: A guillemet quotation was left open by the previous paragraph.
        straight: Read for ``style="straight"``: guillemets pair with the other double
            and single marks, since all of them will be set as ``"`` and ``'``.

    Returns:
        The paragraph's marks with their roles, or None when it has no candidate at all.
    """
    para = _Paragraph(text)
    pos, glyph, kind = para.pos, para.glyph, para.kind
    if straight:
        kinds, finder = _KIND_STRAIGHT, _MARK_RE  # apostrophes are set straight too
    else:
        kinds, finder = _KIND, _CANDIDATE_RE
    last = len(text) - 1
    previous = -2
    for m in finder.finditer(text):
        p = m.start()
        g = text[p]
        pos.append(p)
        glyph.append(g)
        kind.append(kinds[g])
        if p == previous + 1:
            para.touching = True
        previous = p
        if (p > 0 and text[p - 1] >= "\u2e80") or (p < last and text[p + 1] >= "\u2e80"):
            para.cjk = True
    if not pos:
        return None
    ctx = [_context(text, p) for p in pos]
    # Removing a doubled mark can change how the marks after it pair, so pair again
    # until no doubled mark is left: the result is then what a second reading finds.
    # Marks are transparent to context, so contexts stay as they are.
    while True:
        _pair(para, ctx, carry_q, carry_g)
        extra = _find_doubled(para) if para.touching else None
        if not extra:
            return para
        para.removed |= extra


def _pair(para: _Paragraph, ctx: list[int], carry_q: bool, carry_g: bool) -> None:
    """Give every mark not removed its role, pairing openers and closers."""
    text, pos, glyph, kind, removed = para.text, para.pos, para.glyph, para.kind, para.removed
    count = len(pos)
    live = [i for i in range(count) if i not in removed] if removed else list(range(count))
    role = para.role = [_SKIP] * count
    partner = para.partner = [_UNPAIRED] * count
    para.elision_fix = []
    next_clear: list[int] | None = None  # computed when first needed

    stacks: list[list[int]] = [[], [], [], [], [], []]
    scopes: list[list[tuple[int, bool]]] = [[]]  # pending single openers per double scope
    elision_skip: set[int] = set()

    # A quotation left open by the previous paragraph either reopens here with a mark of
    # its kind (the usual convention, or » in French) or simply goes on: then it is open.
    first = live[0]
    starts_with_mark = (carry_q or carry_g) and not text[: pos[first]].strip()
    if carry_q and not (starts_with_mark and kind[first] == _Q and ctx[first] == _OPEN):
        stacks[_Q].append(_VIRTUAL)
        scopes.append([])
    reopen = -1
    if carry_g:
        if starts_with_mark and kind[first] == _G and ctx[first] != _CLOSE:
            reopen = first  # « or, the French way, »: either reopens the quotation
        else:
            stacks[_G].append(_VIRTUAL)
            scopes.append([])
    para.reopen = reopen

    def finish_scope(scope: list[tuple[int, bool]]) -> None:
        for idx, elision in scope:
            if elision:
                para.elision_fix.append(idx)

    for n, i in enumerate(live):
        c = _OPEN if i == reopen else ctx[i]
        k = kind[i]
        g = glyph[i]
        p = pos[i]
        if k == _S:
            if c == _INWORD or i in elision_skip:
                continue
            if p > 0 and text[p - 1].isdigit() and (g == "\u2032" or _inches_after(text, p + 1)):
                continue  # a foot or minute sign: 6' 2", 40°26′
            scope = scopes[-1]
            if c == _OPEN or (c == _AMBIG and not scope):
                word = _elision_after(text, p + 1)
                if word == "n":
                    # rock ’n’ roll: both marks are apostrophes
                    if n + 1 < len(live):
                        after = live[n + 1]
                        if pos[after] == p + 2 and glyph[after] in _SINGLE_ANY:
                            elision_skip.add(after)
                    if g == "\u2018":
                        para.elision_fix.append(i)
                    continue
                if word is not None and g in _APOSTROPHE_LIKE:
                    continue
                scope.append((i, word is not None and g == "\u2018"))
            elif scope:  # closing, ambiguous or spaced, with a single quotation pending
                j = scope.pop()[0]
                role[j] = _OPENS
                role[i] = _CLOSES
                partner[i], partner[j] = j, i
            continue

        if k == _Q and p > 0 and text[p - 1].isdigit():
            # After a digit: an inch or second sign, unless it closes a quotation that
            # nothing later closes (“Top 10”). Read the same whatever the glyph, so a
            # repaired mark is read as before.
            if next_clear is None:
                next_clear = _next_clear(live, kind, ctx)
            if (
                g == "\u2033"
                or _feet_before(text, p)
                or not stacks[_Q]
                or next_clear[i] == _CLOSE
            ):
                continue
        stack = stacks[k]
        if c == _OPEN or (c != _CLOSE and not stack):
            role[i] = _OPENS
            stack.append(i)
            if k in _DOUBLE_LEVEL:
                scopes.append([])
        else:
            role[i] = _CLOSES
            if stack:
                j = stack.pop()
                partner[i] = j
                if j >= 0:
                    partner[j] = i
                if k in _DOUBLE_LEVEL and len(scopes) > 1:
                    finish_scope(scopes.pop())
    while scopes:
        finish_scope(scopes.pop())
    para.carry_q = bool(stacks[_Q])
    para.carry_g = bool(stacks[_G])


def _next_clear(live: list[int], kind: list[int], ctx: list[int]) -> list[int]:
    """For each mark, the context of the next double mark that is clearly placed."""
    result = [0] * len(kind)
    upcoming = 0
    for i in reversed(live):
        result[i] = upcoming
        if kind[i] == _Q and ctx[i] in (_OPEN, _CLOSE):
            upcoming = ctx[i]
    return result


_DOUBLE_RANK: Final[dict[str, int]] = {"\u201c": 0, "\u201d": 0, "\u201e": 0, "\u201f": 1}


def _find_doubled(para: _Paragraph) -> set[int]:
    """The extra marks of runs like ``““`` or ``””`` that nothing needs.

    A run of adjacent double marks of one orientation is kept whole when every mark in it
    is paired (a quotation opening inside another at the same spot). Otherwise only as
    many marks are kept as are paired, at least one, preferring curly glyphs. Marks
    already removed do not separate a run.
    """
    pos, kind, role, partner = para.pos, para.kind, para.role, para.partner
    live = [i for i in range(len(pos)) if i not in para.removed]
    extra: set[int] = set()
    a = 0
    while a < len(live):
        i = live[a]
        if kind[i] != _Q or role[i] == _SKIP:
            a += 1
            continue
        b = a + 1
        while b < len(live):
            j, prev = live[b], live[b - 1]
            if kind[j] != _Q or role[j] != role[i] or pos[j] - pos[prev] != j - prev:
                break
            b += 1
        if b - a > 1:
            run = live[a:b]
            paired = sum(1 for r in run if partner[r] != _UNPAIRED)
            if paired < len(run):
                keep = max(paired, 1)
                ranked = sorted(run, key=lambda r: (_DOUBLE_RANK.get(para.glyph[r], 2), r))
                extra.update(ranked[keep:])
        a = b
    return extra


# ---------------------------------------------------------------------------------------
# Finding the page's convention
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PageStyle:
    system: _System | None  # None: nothing to go by; change nothing but doubled marks
    curly: bool  # the page's quotation marks are (mostly) typographic
    name: str  # as reported by detect_quote_style


def _guess(paras: list[_Paragraph], language: str | None) -> _PageStyle:
    """Decide the page's system and family from the roles its marks were given."""
    # Only paragraphs whose marks touch CJK text are searched for kana or Han.
    texts = [p.text for p in paras if p.cjk]
    opens: dict[str, int] = {}
    closes: dict[str, int] = {}
    straight_d = curly_d = straight_s = curly_s = 0
    for para in paras:
        removed = para.removed
        for i, g in enumerate(para.glyph):
            r = para.role[i]
            if r == _SKIP or i in removed:
                continue
            if r == _OPENS:
                opens[g] = opens.get(g, 0) + 1
            else:
                closes[g] = closes.get(g, 0) + 1
            k = para.kind[i]
            straightish = g in _STRAIGHT_GLYPHS or g in _PRIMES
            if k == _S or k == _H or k == _W:
                if k != _S or para.partner[i] >= 0:
                    if straightish:
                        straight_s += 1
                    else:
                        curly_s += 1
            elif straightish:
                straight_d += 1
            else:
                curly_d += 1
    if straight_d or curly_d:
        curly = curly_d >= straight_d
        any_marks = True
    else:
        curly = curly_s >= straight_s
        any_marks = bool(straight_s or curly_s)

    def o(g: str) -> int:
        return opens.get(g, 0)

    def c(g: str) -> int:
        return closes.get(g, 0)

    def n(g: str) -> int:
        return opens.get(g, 0) + closes.get(g, 0)

    # Opening marks are the evidence: whether a mark opens or closes does not change
    # under repair, and the repair only moves opening marks towards the convention it
    # chose, so the repaired text is read as the same convention again. Straight openers
    # count with “ ” against guillemets, because that is what they become in a page of
    # either kind. Only a text in which nothing opens falls back on its closing marks.
    guess: str | None = None
    weak = False  # guessed from closing marks only
    corners = o("\u300c") + o("\u300e")
    low9 = o("\u201e")
    guill = o("\u00ab") + o("\u00bb")
    high = o("\u201c") + o("\u201d") + o("\u201f")
    straight_opens = o('"') + o("\u2033")
    if corners and corners >= max(low9, guill, high):
        guess = "ja" if any(_KANA_RE.search(t) for t in texts) else "zh"
    elif low9 > high and low9 >= guill:
        guess = "de" if c("\u201c") >= c("\u201d") else "pl"
    elif guill > high + straight_opens and guill > low9:
        if o("\u00bb") > o("\u00ab"):
            guess = "sv" if c("\u00bb") > c("\u00ab") else "de"
        elif any(_spaced_guillemets(p.text) for p in paras):
            guess = "fr"
        else:
            guess = "ch"
    elif high or straight_opens or guill:
        if not n("\u201c") and o("\u201d"):
            guess = "sv"  # ”…” throughout: Swedish or Finnish, or English gone wrong
        elif any(_KANA_RE.search(t) for t in texts):
            guess = "ja"
        elif any(_HAN_RE.search(t) for t in texts):
            guess = "zh"
        else:
            guess = "en"
    elif o("\u201a") > o("\u2018") + o("\u2019") + o("\u201b"):
        guess = "de"
    elif o("\u203a") + o("\u2039") > o("\u2018") + o("\u2019") + o("\u201b") + o("'"):
        guess = "de" if o("\u203a") > o("\u2039") else "ch"
    elif o("\u2018") or o("\u2019") or o("\u201b") or o("'") or o("\u2032"):
        guess = "sv" if not n("\u2018") and o("\u2019") else "en"
    elif closes:
        weak = True
        # Nothing curly opens: the closing marks are the only hint, counted by family.
        # “ and ” closing are English-style, right or wrong way; » and › French or
        # Swiss; corner brackets Japanese or Chinese; „ and « say nothing. Repaired, the
        # text's marks only join the winning family, so it is read the same way again.
        votes = [0, 0, 0]
        for g, count in closes.items():
            family = _CLOSER_FAMILY.get(g)
            if family is not None:
                votes[family] += count
        if max(votes):
            family = votes.index(max(votes))
            kana = any(_KANA_RE.search(t) for t in texts)
            if family == 0:
                guess = "ja" if kana else "zh" if any(_HAN_RE.search(t) for t in texts) else "en"
            elif family == 1:
                guess = "fr" if any(_spaced_guillemets(p.text) for p in paras) else "ch"
            else:
                guess = "ja" if kana else "zh"

    known = _language_systems(language)
    if known is not None:
        # The language decides among its systems by the text's opening marks: the one
        # under which most of them are right, earlier ones winning ties. A repair only
        # turns opening marks into marks right under the winner, so its lead can only
        # grow and the repaired text chooses it again.
        # On a straight page, curly doubles and singles all end up straight, so only
        # guillemets and corner brackets count.
        has_guillemets = bool(guill or n("\u00bb") or n("\u00ab"))
        counted = opens if curly else {g: k for g, k in opens.items() if _KIND[g] not in (_Q, _S)}
        best = -1
        name = known[0][0]
        for candidate, needs_guillemets in known:
            if needs_guillemets and not has_guillemets:
                continue
            score = sum(counted.get(g, 0) for g in _SYSTEMS[candidate].opens)
            if score > best:
                best, name = score, candidate
    else:
        name = guess or "en"
    system = _SYSTEMS[name] if (guess is not None or known is not None) else None
    if any_marks and not curly:
        reported = "straight"
    elif guess is None and known is None:
        reported = "unknown"
    else:
        reported = name
    return _PageStyle(system=system, curly=curly, name=reported)


#: Families of closing marks, voting for a convention when nothing curly opens:
#: 0 typographic (English-like), 1 guillemets, 2 corner brackets.
_CLOSER_FAMILY: Final[dict[str, int]] = {
    "\u201d": 0, "\u201c": 0, "\u2019": 0, "\u2018": 0,
    "\u00bb": 1, "\u203a": 1,
    "\u300d": 2, "\u300f": 2,
}  # fmt: skip


def _knows(system: _System, glyph: str) -> bool:
    """True when the system uses or rewrites the glyph."""
    return system.own(glyph) or glyph in system.convertible or glyph in _STRAIGHT_GLYPHS


def _spaced_guillemets(text: str) -> bool:
    """True when guillemets stand apart from their words, the French way."""
    if "\u00ab " in text or " \u00bb" in text:
        return True
    for nb in _NBSP_LIKE:
        if "\u00ab" + nb in text or nb + "\u00bb" in text:
            return True
    return False


# ---------------------------------------------------------------------------------------
# Making the edits
# ---------------------------------------------------------------------------------------


def _edits(para: _Paragraph, page: _PageStyle, style: str) -> list[QuoteEdit]:
    """The edits that set the paragraph's marks right for the page's style."""
    found: list[tuple[int, QuoteEdit]] = []  # (mark index, edit)
    wrong_way: set[int] = set()
    elision_fix = set(para.elision_fix)
    system = page.system
    for i, g in enumerate(para.glyph):
        p = para.pos[i]
        if i in para.removed:
            found.append((i, QuoteEdit(p, g, "", "quotes.doubled")))
            continue
        r = para.role[i]
        if style == "straight":
            target: str | None = _TO_STRAIGHT.get(g)
            if target is None and g in _PRIMES and r != _SKIP:
                target = '"' if g == "\u2033" else "'"
            if target is not None:
                found.append((i, QuoteEdit(p, g, target, "quotes.style_straight")))
            continue
        if i in elision_fix:
            if g == "\u2018":
                found.append((i, QuoteEdit(p, g, "\u2019", "quotes.elision")))
            continue
        if r == _SKIP or system is None or (i == para.reopen and g == "\u00bb"):
            continue
        j = para.partner[i]
        if j >= 0:
            if _foreign(para.glyph[j], system):
                continue  # paired with a mark of another convention: quoted as it stands
            pair = g + para.glyph[j] if r == _OPENS else para.glyph[j] + g
            if style == "preserve" and pair in _VALID_PAIRS:
                continue  # right in some convention: preserve does not impose the page's
        decided = _target(g, r == _OPENS, para.kind[i] in (_S, _H, _W), system, page, style)
        if decided is not None and decided[0] != g:
            target, rule = decided
            if rule.startswith("quotes.wrong_way"):
                wrong_way.add(i)
            found.append((i, QuoteEdit(p, g, target, rule)))
    partner = para.partner
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
        single: Whether it is a single-level mark.
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


# ---------------------------------------------------------------------------------------
# Public interface
# ---------------------------------------------------------------------------------------


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
    page = _guess(found, language)
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

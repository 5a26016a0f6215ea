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

1. **Find the marks.** One precompiled regular expression that starts with a plain
   character class finds every quotation-mark candidate, so the scan runs at the regular
   expression engine's full speed and a paragraph without marks returns at once. Outside
   ``style="straight"`` the expression also drops apostrophes standing between two
   letters of an alphabetic script (*don’t*, *O’Brien*, *l’homme*): by far the most
   common mark, and one that never needs work.

2. **Read each mark's context**: the nearest characters either side that are not marks
   or no-break spaces, so ``“‘Hi,’ she said.”`` reads like ``“Hi,” she said.`` and the
   French ``« Oui »`` like ``«Oui»``. A mark is in *opening position* after the start, a
   space, an opening bracket or a dash, when what follows is none of these; in *closing
   position* in the mirror case (before the end, a space, punctuation or a dash). Any
   other mark is *ambiguous*, and a mark between two letters or digits is *in a word*.

3. **Pair the marks**, left to right, with a stack for each kind of mark (straight and
   curly doubles; singles; guillemets; single guillemets; corner brackets; white corner
   brackets):

   * a double mark in opening position opens and in closing position closes; an
     ambiguous one closes what is open, or else opens. After a digit it is an inch or
     second sign (``5'11"``, ``a 27" screen``) unless it closes a quotation that nothing
     later closes (``“Top 10”``);
   * single marks are where apostrophes hide. In a word a single mark is an apostrophe;
     after a digit and before one or two digits it is a prime (``6' 2"``); before an
     elided word (``’90s``, ``’til``, ``’em``, ``rock ’n’ roll``, Dutch ``’s``) it is an
     apostrophe too. In closing position it closes a single quotation only when one is
     pending inside the current double quotation, and is otherwise a possessive
     (*James’*, *the US’*). A pending single opener that never finds its closer is left
     as it is;
   * a double mark right after another of the same role is *doubled* and dropped,
     keeping the curly one of the two: an opening one always (``““``; a quotation that
     opens inside another is written ``“‘``), a closing one when nothing is left to
     close (``”"``). A dropped mark never touches the stacks.

4. **Find the page's convention** from the marks that open quotations: ``„…“`` German,
   ``„…”`` Polish, ``«…»`` French (with spaces inside) or Swiss (without), ``»…«``
   German, ``”…”`` and ``»…»`` Swedish and Finnish, corner brackets Japanese (with kana)
   or Chinese, ``“…”`` English and most others. Where nothing opens, the closing marks
   hint; where they do not, nothing is known and only doubled marks are removed.
   Text in ``”…”`` alone may be Swedish or broken English: without a language it is left.
   A language tag decides among the conventions its language accepts (German: ``„…“``,
   ``»…«``, and Swiss ``«…»``; Spanish: guillemets, or English marks), choosing the one
   under which most opening marks are already right. The page's *family* is decided by
   counting: if most of its quotation marks are straight (``"``), the page is straight.

5. **Make the edits.** A mark whose glyph is right for its role under the page's
   convention is left alone. A wrong one becomes its partner (``”`` for ``“``) or the
   convention's own mark; a straight mark in a curly page becomes curly. Marks of
   another convention that pair with each other (a German quotation quoted in English)
   are left. Every edit records its offset in the original paragraph, the old and new
   characters, and a rule id: ``quotes.reversed_pair``, ``quotes.wrong_way_open``,
   ``quotes.wrong_way_close``, ``quotes.doubled``, ``quotes.mixed_straight`` (straight
   made curly), ``quotes.mixed_curly`` (curly made straight, on a straight page),
   ``quotes.convention`` (another convention's mark, right way round, set in the page's),
   ``quotes.prime_as_quote``, ``quotes.elision`` and ``quotes.style_straight``.

Why a second repair changes nothing
===================================

Repairing repaired text must change nothing, so nothing the repair changes may change how
the text is read. Only marks change, and marks are looked through when reading context,
so every context stays. The pairing looks at a mark's kind, not its glyph, except where
the repair keeps the glyph's meaning (an unclosed ``‘`` before an elided word becomes the
apostrophe it already counted as; a prime after a digit is never replaced). A mark is only
ever replaced by one of the same kind: a straight or curly double by a curly double,
never by a guillemet or a corner bracket. (That is why a straight mark in a French page
becomes “…”, the French inner quotation, rather than «…».) The convention is judged by
opening marks, and the repair only turns opening marks into those of the convention it
chose, so the repaired text chooses it again; doubled marks are removed before any of
this is judged.

What is never done
==================

* Apostrophes, elisions and primes are not quotation marks. In ``"curly"`` and
  ``"preserve"`` style they are left exactly as found, straight or curly, with one
  exception: an opening glyph where an elision belongs (``‘90s``, ``rock ‘n’ roll``)
  becomes ``’`` when nothing closes it. A straight apostrophe in a curly page stays
  straight, and so does ``‘`` inside a word (*Hawai‘i* writes the ʻokina with it).
* No closing mark is invented. A quotation cut off by truncation keeps its opening mark,
  turned the right way, and stays open.
* Only quotation-mark characters change (see :data:`QUOTE_CHARS`): letters, digits and
  spaces never do, so French spacing inside ``« … »`` stays as the page set it.
* A quotation running over several paragraphs, opening each and closing only at the end,
  is a convention, not an error: :func:`repair_paragraphs` carries an open quotation into
  the next paragraph, and accepts the French habit of reopening it with ``»``.

Styles
======

``"curly"`` (default)
    Repair orientation, pairing and doubling, and set marks of another convention in the
    page's. Straight marks mixed into a curly text are curled; a text set consistently
    (or mostly) in straight quotes keeps them straight, and its few curly doubles and
    singles are straightened.
``"straight"``
    Repair doubling, then set every quotation mark *and* every curly apostrophe as ``"``
    or ``'``, guillemets and low marks included. Primes (′ ″) and CJK corner brackets,
    which have no straight counterpart, are kept.
``"preserve"``
    Repair orientation, pairing and doubling only. A mark never changes family (straight
    stays straight, curly stays curly), and a pair that is right in some convention is
    not set in the page's.

The repair never raises on any ``str`` and runs in time linear in the length of the text.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from itertools import chain
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
    "“”„‟"  # curly doubles: left, right, low-9, reversed-9
    "‘’‚‛"  # curly singles, the same four
    "«»‹›"  # guillemets, double and single
    "「」『』"  # CJK corner brackets, plain and white
    "″′"  # double and single primes, changed only where they stand in for quotes
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
    '"': _Q, "“": _Q, "”": _Q, "„": _Q, "‟": _Q, "″": _Q,
    "«": _G, "»": _G,
    "'": _S, "‘": _S, "’": _S, "‚": _S, "‛": _S, "′": _S,
    "‹": _H, "›": _H,
    "「": _C, "」": _C,
    "『": _W, "』": _W,
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
_ONE_UNPAIRED: Final = array("l", (_UNPAIRED,))

# Decided role of a mark.
_SKIP: Final = 0  # not a quotation mark here (apostrophe, prime, elision, continuation)
_OPENS: Final = 1
_CLOSES: Final = 2

_STRAIGHT_GLYPHS: Final = frozenset("\"'")
_PRIMES: Final = frozenset("′″")
_STRAIGHTISH: Final = frozenset("\"'′″")
_APOSTROPHE_LIKE: Final = frozenset("'’‛′")
_SINGLE_ANY: Final = frozenset("'‘’‛‚")

#: Which of two doubled marks to keep: the lower rank (curly before straight).
_DOUBLE_RANK: Final[dict[str, int]] = {"“": 0, "”": 0, "„": 0, "‟": 1}

#: The orientation a glyph has in English typography, used to name rules.
_NATURAL_OPEN: Final = frozenset("“‘„‚‟‛«‹「『")

#: (opening, closing) pairs that are right in some convention; "preserve" leaves them.
_VALID_PAIRS: Final = frozenset(
    (
        "“”", "„“", "„”", "””",
        "‘’", "‚‘", "‚’", "’’",
        "«»", "»«", "»»",
        "‹›", "›‹", "››",
        "「」", "『』",
    )
)  # fmt: skip

_TO_STRAIGHT: Final[dict[str, str]] = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'",
}  # fmt: skip

_NBSP_LIKE: Final = "\u00a0\u202f\u2007\u2009\u200a"
# Characters looked through when reading a mark's context.
_TRANSPARENT: Final = frozenset(QUOTE_CHARS | set(_NBSP_LIKE))
# What may stand before an opening mark, besides a space or the start of the text.
_OPENERS_BEFORE: Final = frozenset("([{<¿¡-‐‑‒–—―/⸺（［｛【〔《〈")
# What may stand after a closing mark, besides a space or the end of the text.
_CLOSERS_AFTER: Final = frozenset(".,;:!?)]}>…-‐‑‒–—―/⸺。，、；：！？）］｝】〕》〉")

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
_OTHER_CLASS: Final = re.escape("".join(sorted(QUOTE_CHARS - set("'’‘"))))
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


_CURLY: Final = "“”‘’‟‛"
_LOW: Final = "„‚"
_EN_PAIRS: Final = "“”‘’"
_GUILLEMETS: Final = "«»‹›"
_CORNERS: Final = "「」『』"

# Each system's replacement marks are of the same kind as the marks they replace (a
# straight or curly double becomes a curly double, never a guillemet or a corner
# bracket), so the repaired text pairs exactly as the original did. That is why a
# straight mark in a French page becomes “…” (the French inner quotation), not «…».
_SYSTEMS: Final[dict[str, _System]] = {
    s.name: s
    for s in (
        #       name  (opening, closing) pairs   doubles  singles  also rewrites
        _system("en", _EN_PAIRS,                  "“”",    "‘’",    _CURLY),
        _system("de", "„“‚‘»«›‹",                 "„“",    "‚‘",    _CURLY + _LOW),
        _system("pl", "„”‚’«»",                   "„”",    "‚’",    _CURLY + _LOW),
        _system("fr", _GUILLEMETS + _EN_PAIRS,    "“”",    "‘’",    _CURLY),
        _system("ch", _GUILLEMETS + _EN_PAIRS,    "“”",    "‘’",    _CURLY),
        _system("ru", "«»„“‘’",                   "„“",    "‘’",    _CURLY + "„"),
        # Swedish and Finnish open and close with the same marks.
        _system("sv", "",                         "””",    "’’",    _CURLY, both="”’»›"),
        _system("ja", _CORNERS + _EN_PAIRS, "“”", "‘’", _CURLY),
        _system("zh", _EN_PAIRS + _CORNERS, "“”", "‘’", _CURLY),
    )
}  # fmt: skip

# For each language, the systems it accepts, in order of preference, each with whether
# it is only considered when the text has guillemets at all. The text's opening marks
# choose among them (see _guess).
_Choice = tuple[tuple[str, bool], ...]
_SWISS: Final[_Choice] = (("ch", False), ("fr", False), ("en", False))
_LANGUAGES: Final[dict[str, _Choice]] = {
    "en": (("en", False),),
    "de": (("de", False), ("ch", True)),  # «…» in German text: Swiss usage
    **dict.fromkeys(("cs", "sk", "sl", "lt", "is", "bg", "et", "lb", "da"), (("de", False),)),
    **dict.fromkeys(("pl", "hu", "ro", "hr", "sr", "bs"), (("pl", False),)),
    "nl": (("en", False), ("pl", False)),
    "fr": (("fr", False), ("ch", False), ("en", False)),
    **dict.fromkeys(("ru", "uk", "be"), (("ru", False), ("en", False))),
    **dict.fromkeys(("sv", "fi"), (("sv", False),)),
    **dict.fromkeys(("no", "nb", "nn", "el"), (("ch", False), ("en", False))),
    # Guillemets where the text has them, else the English marks most sites use.
    **dict.fromkeys(
        ("es", "it", "pt", "ca", "gl", "eu", "tr"), (("ch", True), ("fr", True), ("en", False))
    ),
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
        "carry_q", "carry_g", "reopen", "cjk",
    )  # fmt: skip

    # Compact, untracked containers (arrays, bytes, strings): a page keeps one of these
    # per paragraph until its style is known, and lists would make the garbage
    # collector's work grow with the page. _read and _pair set the rest.
    text: str
    pos: array[int]  # offsets of the marks
    glyph: str  # the marks, one character each
    kind: bytearray  # the kind of each mark: _Q, _G, _S, _H, _C or _W
    role: bytearray  # the role of each mark: _SKIP, _OPENS or _CLOSES
    partner: array[int]  # the mark each is paired with, or _UNPAIRED or _VIRTUAL
    elision_fix: tuple[int, ...]  # opening glyphs to set as the apostrophe they are
    removed: frozenset[int]  # doubled marks
    carry_q: bool  # a double quotation is still open at the end
    carry_g: bool  # a guillemet quotation is still open at the end
    reopen: int  # a guillemet reopening a quotation carried from before, or -1
    cjk: bool  # a mark stands next to a CJK character

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = array("l")
        self.kind = bytearray()


def _classify(before: str, after: str) -> int:
    """The position of a mark between the characters ``before`` and ``after`` (the
    nearest that are not marks or no-break spaces; a space stands for either end)."""
    before_space = before.isspace()
    after_space = after.isspace()
    left_open = before_space or before in _OPENERS_BEFORE
    right_close = after_space or after in _CLOSERS_AFTER
    if left_open:
        if not right_close:
            return _OPEN
        return _SPACED if before_space and after_space else _AMBIG
    if right_close:
        return _CLOSE
    if before.isalnum() and after.isalnum() and before < "\u2e80" and after < "\u2e80":
        return _INWORD
    return _AMBIG


def _feet_before(text: str, i: int) -> bool:
    """True when ``text[:i]`` ends like ``5'11`` or ``6’ 2``: an inch mark follows."""
    j = i - 1
    while j >= 0 and i - j <= 3 and text[j].isdigit():
        j -= 1
    if not 1 <= i - 1 - j <= 2:
        return False
    if j >= 0 and text[j] == " ":
        j -= 1
    if j < 1 or text[j] not in "'’′":
        return False
    feet = j - 1
    while feet >= 0 and j - feet <= 3 and text[feet].isdigit():
        feet -= 1
    return 1 <= j - 1 - feet <= 2 and (feet < 0 or text[feet] not in ".,0123456789")


def _inches_after(text: str, k: int) -> bool:
    """True when ``text[k:]`` starts like ``11`` or `` 2`` (one or two digits): the mark
    before ``k``, after a digit, is a foot sign."""
    n = len(text)
    if k < n and text[k] == " ":
        k += 1
    j = k
    while j < n and j - k < 3 and text[j].isdigit():
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


def _read(text: str, carry_q: bool, carry_g: bool, straight: bool = False) -> _Paragraph | None:
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
    if straight:
        kinds, finder = _KIND_STRAIGHT, _MARK_RE  # apostrophes are set straight too
    else:
        kinds, finder = _KIND, _CANDIDATE_RE
    found = finder.finditer(text)
    first = next(found, None)
    if first is None:
        return None
    para = _Paragraph(text)
    pos, kind = para.pos, para.kind
    glyphs: list[str] = []
    befores: list[str] = []
    size = len(text)
    transparent = _TRANSPARENT
    # What stands before each mark, looking through marks and no-break spaces, and what
    # stands after: each scan stops at the neighbouring mark, whose answer is the same,
    # so a long run of marks is read in linear time. A space stands for either end.
    previous, previous_before = -1, " "
    for m in chain((first,), found):
        p = m.start()
        g = text[p]
        pos.append(p)
        glyphs.append(g)
        kind.append(kinds[g])
        j = p - 1
        while j > previous and text[j] in transparent:
            j -= 1
        before = previous_before if j == previous else text[j]
        befores.append(before)
        previous, previous_before = p, before
    para.glyph = "".join(glyphs)
    ctx = [0] * len(pos)
    following, following_after = size, " "
    cjk = False
    for i in range(len(pos) - 1, -1, -1):
        p = pos[i]
        k = p + 1
        while k < following and text[k] in transparent:
            k += 1
        after = following_after if k == following else text[k]
        following, following_after = p, after
        before = befores[i]
        ctx[i] = _classify(before, after)
        if before >= "\u2e80" or after >= "\u2e80":
            cjk = True
    para.cjk = cjk
    _pair(para, ctx, carry_q, carry_g)
    return para


def _pair(para: _Paragraph, ctx: list[int], carry_q: bool, carry_g: bool) -> None:
    """Give every mark its role, pairing openers and closers, and drop doubled marks.

    A double mark right after another of the same role (nothing but marks already
    dropped between them) is doubled: an opening one always (``““`` is never right; a
    quotation opening inside another is written ``“‘``), a closing one when nothing is
    left to close. Of the two, the curly one is kept. A dropped mark never touches the
    stacks, so the text without it is read exactly the same.
    """
    text, pos, glyph, kind = para.text, para.pos, para.glyph, para.kind
    count = len(pos)
    role = para.role = bytearray(count)  # all _SKIP
    partner = para.partner = _ONE_UNPAIRED * count
    removed: list[int] = []
    elision_fix: list[int] = []
    next_closing: list[bool] | None = None  # computed when first needed
    elision_skip = -1  # the closing ’ of ’n’
    run_mark = -1  # the last double mark kept in the current run of adjacent marks
    run_end = -2  # where that run ends

    stacks: list[list[int]] = [[], [], [], [], [], []]
    scopes: list[list[tuple[int, bool]]] = [[]]  # pending single openers per double scope

    # A quotation left open by the previous paragraph either reopens here with a mark of
    # its kind (the usual convention, or » in French) or simply goes on: then it is open.
    reopen = -1
    if carry_q or carry_g:
        starts_with_mark = not text[: pos[0]].strip()
        if carry_q and not (starts_with_mark and kind[0] == _Q and ctx[0] == _OPEN):
            stacks[_Q].append(_VIRTUAL)
            scopes.append([])
        if carry_g:
            if starts_with_mark and kind[0] == _G and ctx[0] != _CLOSE:
                reopen = 0  # « or, the French way, »: either reopens the quotation
            else:
                stacks[_G].append(_VIRTUAL)
                scopes.append([])
    para.reopen = reopen

    for i in range(count):
        c = _OPEN if i == reopen else ctx[i]
        k = kind[i]
        g = glyph[i]
        p = pos[i]
        if p != run_end + 1:
            run_mark = -1
        run_end = p
        if k == _S:
            run_mark = -1
            if c == _INWORD or i == elision_skip:
                continue
            if p > 0 and text[p - 1].isdigit() and (g == "′" or _inches_after(text, p + 1)):
                continue  # a foot or minute sign: 6' 2", 40°26′
            scope = scopes[-1]
            if c == _OPEN or (c == _AMBIG and not scope):
                word = _elision_after(text, p + 1)
                if word == "n":
                    # rock ’n’ roll: both marks are apostrophes
                    if i + 1 < count and pos[i + 1] == p + 2 and glyph[i + 1] in _SINGLE_ANY:
                        elision_skip = i + 1
                    if g == "‘":
                        elision_fix.append(i)
                    continue
                if word is not None and g in _APOSTROPHE_LIKE:
                    continue
                scope.append((i, word is not None and g == "‘"))
            elif scope:  # closing, ambiguous or spaced, with a single quotation pending
                j = scope.pop()[0]
                role[j] = _OPENS
                role[i] = _CLOSES
                partner[i], partner[j] = j, i
            continue

        stack = stacks[k]
        if k == _Q:
            if p > 0 and text[p - 1].isdigit():
                # After a digit: an inch or second sign, unless it closes a quotation
                # that nothing later closes (“Top 10”). Read the same whatever the glyph,
                # so a repaired mark is read as before.
                if next_closing is None:
                    next_closing = _next_closing(kind, ctx)
                if g == "″" or _feet_before(text, p) or not stack or next_closing[i]:
                    run_mark = -1
                    continue
            opening = c == _OPEN or (c != _CLOSE and not stack)
            if run_mark >= 0 and role[run_mark] == (_OPENS if opening else _CLOSES):
                if opening or not stack:
                    # Doubled: keep the better glyph of the two, in the first one's place.
                    if _DOUBLE_RANK.get(g, 2) < _DOUBLE_RANK.get(glyph[run_mark], 2):
                        _take_place(para, stack, run_mark, i)
                        removed.append(run_mark)
                        run_mark = i
                    else:
                        removed.append(i)
                    continue
            run_mark = i
        else:
            run_mark = -1
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
                    # Single openers still pending when their double quotation closes
                    # are apostrophes after all; an opening glyph there is mended.
                    for idx, elision in scopes.pop():
                        if elision:
                            elision_fix.append(idx)
    for scope in scopes:
        for idx, elision in scope:
            if elision:
                elision_fix.append(idx)
    para.carry_q = bool(stacks[_Q])
    para.carry_g = bool(stacks[_G])
    para.elision_fix = tuple(elision_fix) if elision_fix else ()
    para.removed = frozenset(removed) if removed else frozenset()


def _take_place(para: _Paragraph, stack: list[int], old: int, new: int) -> None:
    """Let mark ``new`` take over the role and partner of the doubled mark ``old``."""
    role, partner = para.role, para.partner
    role[new], role[old] = role[old], _SKIP
    j = partner[old]
    partner[new], partner[old] = j, _UNPAIRED
    if j >= 0:
        partner[j] = new
    if stack and stack[-1] == old:  # an opener still open
        stack[-1] = new


def _next_closing(kind: bytearray, ctx: list[int]) -> list[bool]:
    """For each mark, whether the next double mark after it is not in opening position
    (so, inside an open quotation, would close it)."""
    result = [False] * len(kind)
    upcoming = False
    for i in range(len(kind) - 1, -1, -1):
        result[i] = upcoming
        if kind[i] == _Q:
            upcoming = ctx[i] != _OPEN
    return result


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


def _guess(paras: list[_Paragraph], language: str | None) -> _PageStyle:
    """Decide the page's system and family from the roles its marks were given."""
    evidence = _evidence(paras)
    guess = _guess_from_marks(evidence, paras)
    choice = _language_systems(language)
    if choice is not None:
        name = _choose(choice, evidence)
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
        if not (o("“", 0) or c("“", 0)) and o("”", 0):
            return "sv"  # ”…” throughout: Swedish or Finnish, or English gone wrong
        return _script(paras, "en")
    if o("‚", 0) > singles:
        return "de"
    if o("›", 0) + o("‹", 0) > singles + o("'", 0):
        return "de" if o("›", 0) > o("‹", 0) else "ch"
    if singles or o("'", 0) or o("′", 0):
        return "sv" if not (o("‘", 0) or c("‘", 0)) and o("’", 0) else "en"
    # Nothing opens: the closing marks are the only hint, counted by family. “ and ”
    # closing are English-style, right or wrong way; » and › French or Swiss; corner
    # brackets Japanese or Chinese; „ and « say nothing. Repaired, the text's marks only
    # join the winning family, so it is read the same way again.
    votes = [0, 0, 0]
    for g, count in evidence.closes.items():
        family = _CLOSER_FAMILY.get(g)
        if family is not None:
            votes[family] += count
    if not max(votes):
        return None
    family = votes.index(max(votes))
    if family == 0:
        return _script(paras, "en")
    if family == 1:
        return "fr" if any(_spaced_guillemets(p.text) for p in paras) else "ch"
    return _script(paras, "zh")


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


def _choose(choice: _Choice, evidence: _Evidence) -> str:
    """Among the systems a language accepts, the one under which most openers are right.

    Earlier systems win ties. A repair only turns opening marks into marks that are right
    under the winner, so its lead can only grow and the repaired text chooses it again.
    On a straight page only guillemets and corner brackets count (see _evidence).
    """
    opens = evidence.opens
    has_guillemets = any(g in evidence.opens or g in evidence.closes for g in "«»")
    best, name = -1, choice[0][0]
    for candidate, needs_guillemets in choice:
        if needs_guillemets and not has_guillemets:
            continue
        score = sum(opens.get(g, 0) for g in _SYSTEMS[candidate].opens)
        if score > best:
            best, name = score, candidate
    return name


def _spaced_guillemets(text: str) -> bool:
    """True when guillemets stand apart from their words, the French way."""
    if "« " in text or " »" in text:
        return True
    for nb in _NBSP_LIKE:
        if "«" + nb in text or nb + "»" in text:
            return True
    return False


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

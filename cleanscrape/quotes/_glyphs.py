"""Glyph tables: the marks, their kinds, roles and the characters around them."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Final

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

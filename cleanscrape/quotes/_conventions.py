"""National conventions: the quotation systems and the ones each language accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

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
    # «…» in German text: Swiss usage; a German page set in “…” throughout keeps it.
    "de": (("de", False), ("ch", True), ("en", False)),
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

"""The fast path: date lines cut into tokens, tokens into a signature, the signature matched.

How a line is read:

1. **Normalise** (NFKC, so full-width digits and ``：`` become ASCII; typographic apostrophes
   become ``'``) and cap the length.
2. **Cut into tokens**: runs of digits, runs of letters, single punctuation marks. Runs of
   Chinese, Japanese or Korean characters, which have no spaces, are cut into the longest
   words the lexicon knows (``"日更新"`` → ``"日"``, ``"更新"``).
3. **Look up** every word (and phrases of several tokens such as ``"il y a"`` or
   ``"a.m."``) in the :class:`~._lexicon.Lexicon`: each token gets a bit mask of what it
   can be (month, weekday, label, filler …).
4. **Write a signature**: one character per token. Numbers become ``Y`` (four digits),
   ``n`` (one or two) or ``N`` (other lengths); punctuation stands for itself; a word
   becomes a private-use character standing for its mask (``X`` when unknown).
5. **Match** the signature with small regular expressions, one per date shape, written
   over categories (``{MON}`` is "any character whose mask includes MONTH"). Every
   pattern is a plain sequence of optional parts and character classes, so matching is
   linear, and the signature is short (at most a few dozen tokens).

A token that is two things at once (``"mar"``: March or mardi; ``"日"``: day marker, Sunday
or the unit in "3日前") simply belongs to several classes; the patterns decide.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ._lexicon import CAT, Entry, Lexicon, cjk_patterns, fold

__all__ = ["Grammar", "Match", "Token", "grammar_for", "normalize"]

_R = TypeVar("_R")

#: Longest text read at all, in characters; anything longer is cut first.
MAX_CHARS = 240

# Whitespace before the token, then a number, a letter run or one other character.
_TOKEN = re.compile(r"(\s*)(?:(\d+)|([^\W\d_]+)|(\S))")

# Punctuation with a meaning in dates keeps its own character in the signature; marks that
# only separate become "|"; anything else poisons the signature ("!").
_PUNCT = {
    ".": ".",
    ",": ",",
    "/": "/",
    "-": "-",
    ":": ":",
    "+": "+",
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    "|": "|",
    "·": "|",
    "•": "|",
    ";": "|",
    "‧": "|",
    "∙": "|",
    "–": "-",
    "—": "-",
    "―": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "‒": "-",
    "、": ",",
    "،": ",",
    "؛": "|",
    "。": ".",
    "〜": "-",
    "~": "-",
    "»": "|",
    "›": "|",
    "*": "|",
}
_DROP = frozenset({"'", "`", "´"})
_NO_VALUES: dict[int, object] = {}  # shared, never written


def normalize(text: str) -> str:
    """Text as the tokenizer wants it: NFKC, straight apostrophes, at most MAX_CHARS."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return text


class Token:
    """One token of a line.

    Attributes:
        kind: ``"n"`` number, ``"w"`` word (or phrase), ``"p"`` punctuation.
        text: Case-folded text (digits for numbers).
        start: Offset of the first character in the normalised line.
        end: Offset just past the last character.
        mask: What the token can be (:class:`~._lexicon.CAT` flags); 0 for numbers,
            unknown words and plain punctuation.
        values: The value for each category in ``mask``.
    """

    __slots__ = ("end", "kind", "mask", "start", "text", "values")

    def __init__(
        self,
        kind: str,
        text: str,
        start: int,
        end: int,
        mask: int = 0,
        values: dict[int, object] | None = None,
    ) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.mask = mask
        self.values = values if values is not None else _NO_VALUES

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.text!r}, mask={self.mask:#x})"


_Item = tuple[str, str, str, str]  # whitespace before, number, letter run, other mark


def _expand_cjk(items: list[_Item], lex: Lexicon) -> list[_Item]:
    """Letter runs holding CJK characters cut into the longest words the lexicon knows."""
    out: list[_Item] = []
    longest = lex.cjk_longest
    known = lex.cjk_words
    for item in items:
        word = item[2]
        if not word or max(word) < "\u1100":
            out.append(item)
            continue
        space = item[0]
        for m in cjk_patterns()[1].finditer(word):
            run = m.group()
            if m.lastindex != 1:  # letters of a spaced script glued to CJK ones
                out.append((space, "", run, ""))
                space = ""
                continue
            i = 0
            while i < len(run):
                size = min(longest, len(run) - i)
                while size > 1 and run[i : i + size] not in known:
                    size -= 1
                out.append((space, "", run[i : i + size], ""))
                space = ""
                i += size
    return out


def _phrase(
    items: list[_Item], i: int, low: str, pos: int, lex: Lexicon
) -> tuple[str, Entry, int, int] | None:
    """The longest phrase starting at item ``i``: (text, entry, next item, end offset)."""
    for phrase, entry in lex.phrases[low]:
        stop = i + len(phrase)
        if stop > len(items):
            continue
        end = pos
        for k in range(i + 1, stop):
            space, number, word, mark = items[k]
            piece = number or word or mark
            if piece.casefold() != phrase[k - i]:
                break
            end += len(space) + len(piece)
        else:
            return " ".join(phrase), entry, stop, end
    return None


# ---------------------------------------------------------------------------------------
# The grammar: patterns over signature characters.

_GAP = r"(?:[,|\-/.]|{FIL})*"

#: Date shapes, tried in this order. Strength: "strong" shapes stand alone on a line;
#: "weak" ones (a bare year, "2021-03") need a label or a caller that says "this is a
#: date"; "context" ones (a day and month in numbers, no year) need that and a weekday or
#: time beside them.
_DATES: tuple[tuple[str, str, str], ...] = (
    ("ymd", "strong", r"(?P<y>Y)(?P<sep>[\-./])(?P<mo>n)(?P=sep)(?P<d>n)"),
    ("num3", "strong", r"(?P<a>n)(?P<sep>[\-./])(?P<b>n)(?P=sep)(?P<c>[Yn])"),
    ("cjk", "strong", r"(?P<y>Y){YM}(?P<mo>n){MM}(?:(?P<d>n){DM})?"),
    ("cjk_md", "strong", r"(?P<mo>n){MM}(?P<d>n){DM}"),
    (
        "dmy",
        "strong",
        r"(?P<d>n){ORD}?\.?(?:[\-/]|{FIL})*(?P<mw>{MON})\.?(?:(?:[\-/,.]|{FIL})*(?P<y>Y)(?:{YM}\.?)?)?",
    ),
    ("mdy", "strong", r"(?P<mw>{MON})\.?(?:{FIL})*(?P<d>n){ORD}?(?:(?:[,.]|{FIL})*(?P<y>Y))?"),
    (
        "ymd_word",
        "strong",
        r"(?P<y>Y){YM}?[.\-/,]?(?:{FIL})*(?P<mw>{MON})\.?[\-/]?(?P<d>n)(?:{DM}|{ORD})?",
    ),
    ("my", "strong", r"(?P<mw>{MON})\.?(?:,|{FIL})*(?P<y>Y)(?:{YM}\.?)?"),
    ("ym_word", "strong", r"(?P<y>Y){YM}?\.?(?P<mw>{MON})"),
    ("ym_num", "weak", r"(?P<y>Y)(?P<sep>[\-/.])(?P<mo>n)"),
    ("md_num", "context", r"(?P<a>n)(?P<sep>[/.])(?P<b>n)"),
    ("y", "weak", r"(?P<y>Y)(?:{YM}\.?)?"),
)

_TIME = (
    r"(?:(?P<ap1>{AMPM})(?:{FIL})*)?"
    r"(?:(?P<h1>n)(?P<tsep>[:.])(?P<mi1>n)(?:(?P=tsep)(?P<s1>n))?"
    r"|(?P<h2>n)(?P<hm>{HM})(?:(?P<mi2>n){IM}?(?:(?P<s2>n){SM})?)?"
    r"|(?P<h3>n)(?={AMPM})"
    r"|(?P<h4>n)(?={TS}))"
    r"(?:(?P<ap2>{AMPM})|(?P<ts>{TS}))?"
)
_ZONE = (
    r"\(?(?:(?P<z>{ZONE})(?:(?P<zsign>[+\-])(?P<zh>[nY])(?::(?P<zm>n))?)?"
    r"|(?P<sign>[+\-])(?:(?P<oh>n):(?P<om>n)|(?P<ohm>Y)))\)?"
)
_REL = r"(?P<pre>{PRE})?(?P<amt>[nNY]|{NUMW})(?P<unit>{UNIT})(?P<post>{POST})?"
_DAYW = r"(?P<dw>{DAY})"
_WDPRE = r"(?P<wd>{WD})\.?"
_WDPOST = r"(?:,|{FIL})*\(?(?P<wd>{WD})\.?\)?"

_MACROS = {
    "MON": CAT.MONTH,
    "WD": CAT.WEEKDAY,
    "ORD": CAT.ORDINAL,
    "YM": CAT.YEAR_MARK,
    "MM": CAT.MONTH_MARK,
    "DM": CAT.DAY_MARK,
    "HM": CAT.HOUR_MARK,
    "IM": CAT.MINUTE_MARK,
    "SM": CAT.SECOND_MARK,
    "AMPM": CAT.AMPM,
    "TS": CAT.TIME_SUFFIX,
    "ZONE": CAT.ZONE,
    "PRE": CAT.AGO_BEFORE,
    "POST": CAT.AGO_AFTER,
    "UNIT": CAT.UNIT,
    "NUMW": CAT.NUMBER,
    "DAY": CAT.DAYWORD,
    "FIL": CAT.FILLER,
}


@dataclass(frozen=True, slots=True)
class DateShape:
    """One date pattern: its name, strength (see ``_DATES``), regex and the signature
    characters it can start with (to skip patterns that cannot match)."""

    name: str
    strength: str
    regex: re.Pattern[str]
    first: frozenset[str]


class Match:
    """One way a span of the signature reads as a date.

    Only the regex matches are kept; turning them into values (which needs the reference
    time, the numeric order and the calendar) happens in :mod:`._build`.

    Attributes:
        kind: ``"date"``, ``"relative"``, ``"dayword"`` or ``"time"``.
        shape: The date shape, for dates.
        date: The match of the date (or relative date, or day word).
        time: The match of a time, if any.
        zone: The match of a zone after the time, if any.
        weekday: Token index of a weekday name, if any.
    """

    __slots__ = ("date", "kind", "shape", "time", "weekday", "zone")

    def __init__(
        self,
        kind: str,
        shape: DateShape | None = None,
        date: re.Match[str] | None = None,
        time: re.Match[str] | None = None,
        zone: re.Match[str] | None = None,
        weekday: int | None = None,
    ) -> None:
        self.kind = kind
        self.shape = shape
        self.date = date
        self.time = time
        self.zone = zone
        self.weekday = weekday


class Grammar:
    """The compiled patterns for one lexicon, and the signature of a token list."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.memo: dict[str, tuple[str, int, dict[int, object], bool, str]] = {}
        chars: dict[int, str] = {0: "X"}
        for i, mask in enumerate(sorted(m for m in lex.masks if m)):
            chars[mask] = chr(0xE000 + i)
        self.chars = chars

        def expand(template: str) -> str:
            def cls(name: str) -> str:
                cat = _MACROS[name]
                members = "".join(c for m, c in chars.items() if m & cat)
                return f"[{members}]" if members else "(?:(?!))"

            return re.sub(r"\{([A-Z]+)\}", lambda mo: cls(mo.group(1)), template)

        self.gap = re.compile(expand(_GAP))
        self.edge_chars = frozenset(",|-/.:()") | frozenset(
            c for m, c in chars.items() if m & CAT.FILLER
        )
        month_chars = frozenset(c for m, c in chars.items() if m & CAT.MONTH)

        def first(template: str) -> frozenset[str]:
            # Every date shape opens with a named group: a number ("Y", "n") or a month.
            head = template[template.index(">") + 1]
            return frozenset(head) if head in "Yn" else month_chars

        self.dates = tuple(
            DateShape(name, strength, re.compile(expand(t)), first(t))
            for name, strength, t in _DATES
        )
        self.time = re.compile(expand(_TIME))
        self.time_bare = re.compile(expand(_TIME[: _TIME.rindex("(?:(?P<ap2>")]))
        self.zone = re.compile(expand(_ZONE))
        self.rel = re.compile(expand(_REL))
        self.dayword = re.compile(expand(_DAYW))
        self.wdpre = re.compile(expand(_WDPRE))
        self.wdpost = re.compile(expand(_WDPOST))
        self.ago_chars = frozenset(
            c for m, c in chars.items() if m & (CAT.AGO_BEFORE | CAT.AGO_AFTER)
        )

    def tokenize(self, text: str) -> tuple[list[Token], str]:
        """Tokens of an already normalised line, each looked up, and their signature."""
        lex = self.lex
        items: list[_Item] = _TOKEN.findall(text)
        if lex.cjk_words and not text.isascii():
            items = _expand_cjk(items, lex)
        memo = self.memo
        if len(memo) > 20_000:
            memo.clear()
        chars = self.chars
        tokens: list[Token] = []
        sig: list[str] = []
        append = tokens.append
        mark_char = sig.append
        n = len(items)
        pos = 0
        i = 0
        while i < n:
            space, number, word, mark = items[i]
            i += 1
            pos += len(space)
            if number:
                size = len(number)
                append(Token("n", number, pos, pos + size))
                mark_char("Y" if size == 4 else "n" if size <= 2 else "N")
                pos += size
                continue
            original = word or mark
            start = pos
            pos += len(original)
            info = memo.get(original)
            if info is None:
                info = memo[original] = self._analyse(original, bool(word))
            low, mask, values, phrase_start, char = info
            if phrase_start:
                matched = _phrase(items, i - 1, low, pos, lex)
                if matched is not None:
                    phrase, entry, i, pos = matched
                    append(Token("w", phrase, start, pos, entry.mask, entry.values))
                    mark_char(chars.get(entry.mask, "X"))
                    continue
            if mask & CAT.ORDINAL and not (not space and tokens and tokens[-1].kind == "n"):
                mask &= ~CAT.ORDINAL
                char = chars.get(mask, "X") if mask else "X"
            elif not mask and low in _DROP:
                continue
            append(Token("w" if word else "p", low, start, pos, mask, values))
            mark_char(char)
        return tokens, "".join(sig)

    def _analyse(
        self, original: str, is_word: bool
    ) -> tuple[str, int, dict[int, object], bool, str]:
        """(case-folded text, mask, values, may start a phrase, signature character) of one
        word or mark."""
        lex = self.lex
        low = original.lower() if original.isascii() else original.casefold()
        entry = lex.words.get(low)
        if entry is None and not low.isascii():
            entry = lex.words.get(fold(low))
        mask, values = (entry.mask, entry.values) if entry is not None else (0, _NO_VALUES)
        if original in lex.zones and original.isupper():
            mask |= CAT.ZONE
            values = {**values, CAT.ZONE: lex.zones[original]}
        if mask:
            char = self.chars.get(mask, "X")
        else:
            char = "X" if is_word else _PUNCT.get(low, "!")
        return low, mask, values, low in lex.phrases, char

    # -- walking a span -----------------------------------------------------------------

    def trim(self, sig: str, lo: int, hi: int) -> tuple[int, int]:
        """The span without separators, fillers and brackets at either edge."""
        edge = self.edge_chars
        while lo < hi and sig[lo] in edge:
            lo += 1
        while hi > lo and sig[hi - 1] in edge:
            hi -= 1
        return lo, hi

    def _skip(self, sig: str, pos: int, hi: int) -> int:
        """Past the separators and fillers at ``pos`` (the gap pattern always matches)."""
        m = self.gap.match(sig, pos, hi)
        return m.end() if m is not None else pos

    def _times(
        self, sig: str, pos: int, hi: int
    ) -> list[tuple[int, re.Match[str], re.Match[str] | None]]:
        """Times starting at ``pos``: with the zone after it, if any, then without."""
        m = self.time.match(sig, pos, hi)
        if m is None:
            return []
        end = m.end()
        z = self.zone.match(sig, end, hi)
        found: list[tuple[int, re.Match[str], re.Match[str] | None]] = [(end, m, None)]
        if z is not None:
            found.insert(0, (z.end(), m, z))
        if m.group("ap2") is not None or m.group("ts") is not None:
            # "um 14:05 am 3. März": the word after the time may belong to what follows.
            bare = self.time_bare.match(sig, pos, hi)
            if bare is not None and bare.end() < end:
                found.append((bare.end(), bare, None))
        return found

    def first(self, sig: str, lo: int, hi: int, accept: Callable[[Match], _R | None]) -> _R | None:
        """The first reading of ``sig[lo:hi]`` as a whole that ``accept`` takes.

        Readings are tried best first: a date (weekday and time around it allowed), a
        time then a date, a relative date, a day word ("yesterday"), a time alone.
        ``accept`` turns a :class:`Match` into a result, or refuses it with ``None``
        (an impossible date, a weak shape without a label …); the next reading is tried.
        """
        if lo >= hi:
            return None
        span = sig[lo:hi]
        relative = any(c in self.ago_chars for c in span)
        if not relative:
            # A span with "ago" or "vor" in it is a relative date or nothing.
            found = self._date_seq(sig, lo, hi, None, None, accept)
            if found is not None:
                return found
        times = self._times(sig, lo, hi)
        for end, tm, zm in times if not relative else ():
            pos = self._skip(sig, end, hi)
            if lo < pos < hi:
                found = self._date_seq(sig, pos, hi, tm, zm, accept)
                if found is not None:
                    return found
        m = self.rel.match(sig, lo, hi) if relative else None
        if m is not None and (m.group("pre") is not None or m.group("post") is not None):
            found = self._tail(sig, m.end(), hi, Match("relative", date=m), accept)
            if found is not None:
                return found
        m = self.dayword.match(sig, lo, hi)
        if m is not None:
            found = self._tail(sig, m.end(), hi, Match("dayword", date=m), accept)
            if found is not None:
                return found
        for end, tm, zm in times:
            if self._skip(sig, end, hi) == hi:
                found = accept(Match("time", time=tm, zone=zm))
                if found is not None:
                    return found
        return None

    def matches(self, sig: str, lo: int, hi: int) -> list[Match]:
        """Every reading of ``sig[lo:hi]``, best first (see :meth:`first`)."""
        out: list[Match] = []

        def keep(match: Match) -> None:
            out.append(match)

        self.first(sig, lo, hi, keep)
        return out

    def _tail(
        self, sig: str, pos: int, hi: int, base: Match, accept: Callable[[Match], _R | None]
    ) -> _R | None:
        """A relative date or day word, optionally followed by a time (which is dropped)."""
        pos = self._skip(sig, pos, hi)
        if pos == hi:
            return accept(base)
        for end, tm, _zm in self._times(sig, pos, hi):
            if self._skip(sig, end, hi) == hi:
                return accept(Match(base.kind, date=base.date, time=tm))
        return None

    def _date_seq(
        self,
        sig: str,
        pos: int,
        hi: int,
        tm: re.Match[str] | None,
        zm: re.Match[str] | None,
        accept: Callable[[Match], _R | None],
    ) -> _R | None:
        """A date from ``pos`` to the end, with an optional weekday before or after it and,
        when ``tm`` is not given, an optional time after it."""
        starts: list[tuple[int, int | None]] = [(pos, None)]
        w = self.wdpre.match(sig, pos, hi)
        if w is not None:
            starts.insert(0, (self._skip(sig, w.end(), hi), w.start("wd")))
        for start, wd in starts:
            if start >= hi:
                continue
            head = sig[start]
            for shape in self.dates:
                if head not in shape.first:
                    continue
                m = shape.regex.match(sig, start, hi)
                if m is None:
                    continue
                ends: list[tuple[int, int | None]] = [(m.end(), wd)]
                if wd is None:
                    wp = self.wdpost.match(sig, m.end(), hi)
                    if wp is not None:
                        ends.insert(0, (wp.end(), wp.start("wd")))
                for end, weekday in ends:
                    rest = self._skip(sig, end, hi)
                    found = None
                    if rest == hi:
                        found = accept(Match("date", shape, m, tm, zm, weekday))
                    elif tm is None:
                        for tend, tm2, zm2 in self._times(sig, rest, hi):
                            if self._skip(sig, tend, hi) == hi:
                                found = accept(Match("date", shape, m, tm2, zm2, weekday))
                                if found is not None:
                                    break
                    if found is not None:
                        return found
        return None


@functools.lru_cache(maxsize=64)
def grammar_for(lex: Lexicon) -> Grammar:
    """The grammar of a lexicon, compiled once."""
    return Grammar(lex)

"""The words the date reader knows, loaded from ``cleanscrape/rules/dates/*.toml``.

Every word a date line may hold is data: one TOML file per language (``en.toml``,
``de.toml`` …) and ``common.toml`` for what belongs to no language. A language file has:

``language``
    Its BCP 47 language code.
``[labels]``
    ``published``, ``updated`` and ``neutral``: the labels that introduce a date and the
    field each fills ("Stand", "Mis à jour" → ``updated``; "Date" → ``neutral``, no
    field). A label may also follow the date ("10:12更新").
``[words]``
    ``months`` (twelve lists, January first), ``weekdays`` (seven lists, Monday first),
    ``fillers`` (words that may stand between the parts and mean nothing: "on", "le",
    "de", "um"), ``ordinal_suffixes`` ("st", "er"; only when glued to a number),
    ``time_suffixes`` ("Uhr", "h" after a time), ``am`` / ``pm``, and for languages that
    mark each part (Japanese, Chinese, Korean, Russian "г."): ``year_markers``,
    ``month_markers``, ``day_markers``, ``hour_markers``, ``minute_markers``,
    ``second_markers``.
``[relative]``
    ``before`` ("vor", "il y a", "hace") and ``after`` ("ago", "fa", "前") the amount,
    ``today``, ``yesterday``, ``day_before_yesterday`` (day words: a date only after a
    label or beside a time, since "Today" alone is as likely a heading), ``now`` ("just
    now", "hace un momento": a date on their own), ``numbers`` (``{"an" = 1}``), and
    ``[relative.units]`` with ``second`` … ``year`` lists.
``[not_date]``
    ``words`` that show a line with numbers is something else ("version", "room").

Entries may be several words ("last updated", "il y a") and may hold punctuation
("a.m.", "vorm."). Matching ignores case and, as a second try, accents ("fevrier").
``common.toml`` holds ``[date_order]`` (numeric day/month order per language and region),
``[zones]`` (time-zone abbreviations), ``[zones_by_language]``, ``[us_zones]`` (ET, PT …
whose offset depends on daylight saving time) and ``[not_date] symbols``.

A :class:`Lexicon` merges the files a language needs. Lexicons are built once per language
and cached.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import RuleFileError

__all__ = [
    "CAT",
    "Entry",
    "Lexicon",
    "cjk_patterns",
    "common_rules",
    "fold",
    "is_cjk",
    "language_key",
    "lexicon_for",
    "rule_languages",
    "split_tag",
]


class CAT:
    """Bit flags: what a word can be in a date line. A word may be several at once."""

    MONTH = 1 << 0
    WEEKDAY = 1 << 1
    ORDINAL = 1 << 2  # "st", "er": only when glued to a number
    YEAR_MARK = 1 << 3  # 年, 년, г.
    MONTH_MARK = 1 << 4  # 月, 월
    DAY_MARK = 1 << 5  # 日, 일, 号
    HOUR_MARK = 1 << 6  # 時, 시, 点, h
    MINUTE_MARK = 1 << 7  # 分, 분
    SECOND_MARK = 1 << 8  # 秒, 초
    AMPM = 1 << 9  # value "am" / "pm"
    TIME_SUFFIX = 1 << 10  # Uhr, h, hs
    ZONE = 1 << 11  # value: offset "+09:00" or ("-05:00", "-04:00") for US zones
    AGO_BEFORE = 1 << 12  # vor, il y a, hace
    AGO_AFTER = 1 << 13  # ago, fa, 前, назад
    UNIT = 1 << 14  # value: "second" … "year"
    NUMBER = 1 << 15  # value: int ("an" = 1)
    DAYWORD = 1 << 16  # value: days back (today 0, yesterday 1)
    FILLER = 1 << 17
    LABEL = 1 << 18  # value: "published" | "updated" | None
    CUE = 1 << 19  # a sign the line is not a date
    NOW = 1 << 20  # "just now": a day word that needs no label


#: Scripts written without spaces between words (kana, CJK ideographs, Hangul): runs of
#: them are cut into the longest known words.
CJK_BOUNDS: tuple[tuple[str, str], ...] = (
    ("\u3040", "\u30ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\uac00", "\ud7a3"),
    ("\u1100", "\u11ff"),
    ("\u3130", "\u318f"),
)
#: The same, as the inside of a regular-expression class.
CJK_RANGES = "".join(f"{low}-{high}" for low, high in CJK_BOUNDS)


def is_cjk(char: str) -> bool:
    """Whether a character belongs to a script written without spaces (Chinese, Japanese
    kana, Korean)."""
    return any(low <= char <= high for low, high in CJK_BOUNDS)


@functools.cache
def cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the tokens of a lexicon entry, runs of CJK and of other letters), compiled on first
    use: classes of large Unicode ranges take milliseconds to compile.

    A lexicon entry is cut like input text, except that a CJK run stays whole (it is one
    word of the entry, and becomes one of the words input CJK runs are cut into)."""
    entry = re.compile(rf"\d+|[{CJK_RANGES}]+|[^\W\d_{CJK_RANGES}]+|\S")
    runs = re.compile(rf"([{CJK_RANGES}]+)|([^{CJK_RANGES}]+)")
    return entry, runs


_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
_ORDERS = frozenset({"DMY", "MDY", "YMD"})
_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h"})


def fold(word: str) -> str:
    """A word without accents: ``"février"`` → ``"fevrier"``, ``"kasım"`` → ``"kasim"``."""
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare.translate(_FOLD_EXTRA))


def split_tag(tag: str | None) -> tuple[str | None, str | None]:
    """Language and region of a BCP 47 tag: ``"en-GB"`` → ``("en", "gb")``.

    ``"zh-Hant-TW"`` → ``("zh", "tw")``; ``"pt_BR"`` → ``("pt", "br")``; ``None`` or ``""``
    → ``(None, None)``.
    """
    if not tag:
        return None, None
    parts = tag.replace("_", "-").lower().split("-")
    language = parts[0] or None
    region = next(
        (p for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())),
        None,
    )
    return language, region


@dataclass(frozen=True, slots=True)
class Entry:
    """What one word or phrase can mean: a :class:`CAT` mask and a value per category."""

    mask: int
    values: dict[int, Any] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Lexicon:
    """All the words the reader knows for one language, ready for lookup.

    Attributes:
        key: The language code, or ``"*"`` for all languages at once.
        words: One-token entries by their case-folded text.
        phrases: Entries of several tokens, by their first token, longest first.
        cjk_words: Entries written in a script without spaces, for cutting runs of it.
        cjk_longest: Length of the longest of those.
        zones: Zone abbreviation → offset, or (standard, daylight) for US zones.
        masks: Every mask a token can carry here (used to build the grammar).
    """

    key: str
    words: dict[str, Entry]
    phrases: dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]
    cjk_words: frozenset[str]
    cjk_longest: int
    zones: dict[str, Any]
    masks: frozenset[int]

    def lookup(self, word: str) -> Entry | None:
        """The entry for a case-folded word, trying it without accents second."""
        entry = self.words.get(word)
        if entry is None and not word.isascii():
            entry = self.words.get(fold(word))
        return entry


def _rules_dir() -> Any:
    from importlib import resources  # on first use: it imports pathlib, zipfile …

    return resources.files("cleanscrape") / "rules" / "dates"


@functools.cache
def _load(name: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    path = _rules_dir() / f"{name}.toml"
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"cleanscrape/rules/dates/{name}.toml: {exc}") from exc
    return data


@functools.lru_cache(maxsize=1)
def rule_languages() -> tuple[str, ...]:
    """The languages that have a rule file, sorted."""
    names = []
    for item in _rules_dir().iterdir():
        name = item.name
        if name.endswith(".toml") and name != "common.toml":
            names.append(name[: -len(".toml")])
    return tuple(sorted(names))


@functools.lru_cache(maxsize=1)
def common_rules() -> dict[str, Any]:
    """``common.toml``, checked."""
    data = _load("common")
    for key, value in data.get("date_order", {}).items():
        if value not in _ORDERS:
            raise RuleFileError(
                f"cleanscrape/rules/dates/common.toml: date_order {key!r} = {value!r}"
            )
    return data


def language_key(language: str | None) -> str:
    """The lexicon a language tag uses: its language code if a rule file exists, ``"*"``
    (every language) when no language is given, else ``"en"`` (English and shared words)."""
    lang, _ = split_tag(language)
    if not lang:
        return "*"
    return lang if lang in rule_languages() else "en"


def _entry_tokens(text: str) -> tuple[str, ...]:
    norm = unicodedata.normalize("NFKC", text).replace("’", "'").casefold()
    return tuple(cjk_patterns()[0].findall(norm))


class _Builder:
    """Collects (tokens → category, value) pairs, then freezes them into a :class:`Lexicon`."""

    def __init__(self) -> None:
        self.masks: dict[tuple[str, ...], int] = {}
        self.values: dict[tuple[str, ...], dict[int, Any]] = {}
        # Values from the primary language win over those of languages merged later.
        self.locked: set[tuple[tuple[str, ...], int]] = set()

    def add(self, text: str, cat: int, value: Any = None, *, primary: bool = True) -> None:
        tokens = _entry_tokens(text)
        if not tokens:
            return
        self._put(tokens, cat, value, primary)
        # Pages sometimes drop accents ("fevrier", "Marz"). Short words are left alone:
        # without its accent, Swedish "för" would be English "for".
        folded = tuple(fold(t) for t in tokens)
        if folded != tokens and folded not in self.masks and len(text) >= 4 and all(folded):
            self._put(folded, cat, value, primary)

    def _put(self, tokens: tuple[str, ...], cat: int, value: Any, primary: bool) -> None:
        self.masks[tokens] = self.masks.get(tokens, 0) | cat
        if (tokens, cat) in self.locked:
            return
        vals = self.values.setdefault(tokens, {})
        if cat not in vals:
            vals[cat] = value
        if primary:
            self.locked.add((tokens, cat))

    def add_language(self, data: dict[str, Any], name: str, *, primary: bool) -> None:
        where = f"cleanscrape/rules/dates/{name}.toml"
        try:
            self._add_language(data, primary)
        except (TypeError, ValueError, AttributeError) as exc:
            raise RuleFileError(f"{where}: malformed ({exc})") from exc

    def _add_language(self, data: dict[str, Any], primary: bool) -> None:
        labels = data.get("labels", {})
        for fieldname, value in (
            ("published", "published"),
            ("updated", "updated"),
            ("neutral", None),
        ):
            for text in labels.get(fieldname, ()):
                self.add(text, CAT.LABEL, value, primary=primary)
        words = data.get("words", {})
        months = words.get("months", [])
        if months and len(months) != 12:
            raise ValueError("months must list twelve months")
        for number, names in enumerate(months, start=1):
            for text in names:
                self.add(text, CAT.MONTH, number, primary=primary)
        weekdays = words.get("weekdays", [])
        if weekdays and len(weekdays) != 7:
            raise ValueError("weekdays must list seven days")
        for number, names in enumerate(weekdays):
            for text in names:
                self.add(text, CAT.WEEKDAY, number, primary=primary)
        simple = (
            ("fillers", CAT.FILLER, None),
            ("ordinal_suffixes", CAT.ORDINAL, None),
            ("time_suffixes", CAT.TIME_SUFFIX, None),
            ("am", CAT.AMPM, "am"),
            ("pm", CAT.AMPM, "pm"),
            ("year_markers", CAT.YEAR_MARK, None),
            ("month_markers", CAT.MONTH_MARK, None),
            ("day_markers", CAT.DAY_MARK, None),
            ("hour_markers", CAT.HOUR_MARK, None),
            ("minute_markers", CAT.MINUTE_MARK, None),
            ("second_markers", CAT.SECOND_MARK, None),
        )
        for key, cat, value in simple:
            for text in words.get(key, ()):
                self.add(text, cat, value, primary=primary)
        rel = data.get("relative", {})
        for text in rel.get("before", ()):
            self.add(text, CAT.AGO_BEFORE, None, primary=primary)
        for text in rel.get("after", ()):
            self.add(text, CAT.AGO_AFTER, None, primary=primary)
        for key, back in (("today", 0), ("yesterday", 1), ("day_before_yesterday", 2)):
            for text in rel.get(key, ()):
                self.add(text, CAT.DAYWORD, back, primary=primary)
        for text in rel.get("now", ()):
            self.add(text, CAT.DAYWORD, 0, primary=primary)
            self.add(text, CAT.NOW, None, primary=primary)
        for text, number in rel.get("numbers", {}).items():
            self.add(text, CAT.NUMBER, int(number), primary=primary)
        for unit, names in rel.get("units", {}).items():
            if unit not in _UNITS:
                raise ValueError(f"unknown unit {unit!r}")
            for text in names:
                self.add(text, CAT.UNIT, unit, primary=primary)
        for text in data.get("not_date", {}).get("words", ()):
            self.add(text, CAT.CUE, None, primary=primary)

    def freeze(self, key: str, zones: dict[str, Any]) -> Lexicon:
        words: dict[str, Entry] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        cjk: set[str] = set()
        for tokens, mask in self.masks.items():
            entry = Entry(mask, dict(self.values.get(tokens, {})))
            if len(tokens) == 1:
                words[tokens[0]] = entry
            else:
                phrases.setdefault(tokens[0], []).append((tokens, entry))
            for tok in tokens:
                if is_cjk(tok[0]):
                    cjk.add(tok)
        frozen = {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in phrases.items()}
        # Every mask a token can end up with: as listed, without the glued-only ordinal
        # meaning, and with a zone meaning added to a capitalised abbreviation.
        base = {e.mask for e in words.values()} | {
            e.mask for group in frozen.values() for _, e in group
        }
        base |= {0}
        masks = set(base) | {m & ~CAT.ORDINAL for m in base}
        for abbr in zones:
            known = words.get(abbr.casefold())
            m = known.mask if known else 0
            masks |= {m | CAT.ZONE, (m & ~CAT.ORDINAL) | CAT.ZONE}
        return Lexicon(
            key=key,
            words=words,
            phrases=frozen,
            cjk_words=frozenset(cjk),
            cjk_longest=max((len(w) for w in cjk), default=1),
            zones=zones,
            masks=frozenset(masks),
        )


def _zones_for(lang: str | None) -> dict[str, Any]:
    common = common_rules()
    zones: dict[str, Any] = dict(common.get("zones", {}))
    for abbr, pair in common.get("us_zones", {}).items():
        zones[abbr] = (pair[0], pair[1])
    if lang is not None:
        zones.update(common.get("zones_by_language", {}).get(lang, {}))
    return zones


@functools.lru_cache(maxsize=64)
def lexicon_for(key: str) -> Lexicon:
    """The lexicon for a language code (``"de"``), or ``"*"`` for every language merged.

    A language with a rule file gets its own words first, then English for words its own
    file does not know (English month names and "Updated" appear on pages in many
    languages). A language without a file gets English only. ``"*"`` merges every file.
    """
    available = rule_languages()
    builder = _Builder()
    if key == "*":
        order = ["en", *[name for name in available if name != "en"]]
        for i, name in enumerate(order):
            builder.add_language(_load(name), name, primary=(i == 0))
        return builder.freeze("*", _zones_for(None))
    has_rules = key in available
    if has_rules:
        builder.add_language(_load(key), key, primary=True)
    if key != "en":
        builder.add_language(_load("en"), "en", primary=not has_rules)
    return builder.freeze(key, _zones_for(key))

"""Scores for the lines of an article's header: which line is the headline.

A header is found by scoring, not by elimination. Every line near the top of the body is a
title candidate; it scores on its *shape* (length, case, final punctuation, separators,
digits), its *position* (how close it stands to the body, what follows it: a dek, a byline,
a date) and its *vocabulary*: share and follow rows name networks (in any language), listen
and reading-time prompts, weather and ticker strips, counters and review credits are made of
words listed per language in ``rules/structure/header.toml``. An unknown UI line loses to a
headline even when no noise rule names it.

Whole-page text dumps usually open with the document's own title (``<title>``: the headline,
often with the site's name after a separator), so a line that repeats the page's first line
is very likely the headline.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..document import Block
from ..ruleset import load_data
from ._shape import ends_sentence, is_cjk_char, text_length, word_count

__all__ = ["ui_kind", "title_score", "first_line", "first_line_similarity", "title_parts", "is_dek_under",
           "publication_name",
           "TITLE_THRESHOLD"]

#: A candidate scoring below this is not a headline.
TITLE_THRESHOLD = 1.0
_TOKEN = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
_WEATHER = re.compile(r"-?\d+(?:[.,]\d)?\s*°\s*[CFcf]?\b|-?\d+\s*º\s*[CF]")
_INNER_STOP = re.compile(r"[^\W\d_]{3,}[.!?]\s+[^\W\d_]")
_NUMBER = re.compile(r"^[\d.,]+\s*[kKmM]?$")
#: Separators between a headline and the site's name in a document title.
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:•·»-]\s+|\s+::\s+|\s*\|\s*")


@functools.cache
def _data() -> dict[str, Any]:
    return load_data("structure", "header.toml")


@functools.cache
def _vocab(section: str, key: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, substrings for scripts without spaces) of one word list."""
    words = _data()[section][key]
    cjk = tuple(w for w in words if any(is_cjk_char(c) for c in w))
    return frozenset(w for w in words if w not in cjk), cjk


@functools.cache
def _phrases(section: str, key: str) -> re.Pattern[str]:
    words = sorted(_data()[section][key], key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (trailing dots and hyphens dropped)."""
    return [t.strip(".-'’") for t in _TOKEN.findall(text.lower()) if t.strip(".-'’")]


def ui_kind(text: str) -> str | None:
    """The kind of UI line ``text`` is (``share``, ``prompt``, ``weather``, ``counter``,
    ``credit``), or ``None`` when its shape and words say nothing of the sort."""
    t = " ".join(text.split())
    low = t.lower()
    toks = tokens(t)
    n = len(toks)
    nets, nets_cjk = _vocab("share", "networks")
    verbs, verbs_cjk = _vocab("share", "verbs")
    if n <= 8:
        n_net = sum(1 for w in toks if w in nets)
        n_verb = sum(1 for w in toks if w in verbs and w not in nets)
        if n and n_net and n_net + n_verb >= 0.5 * n:
            return "share"
        if n and n <= 5 and n_net + n_verb == n and any(
                w in verbs for w in toks if len(w) > 3):
            return "share"
    if len(t) <= 24 and any(w in t for w in nets_cjk + verbs_cjk) and not ends_sentence(t):
        return "share"
    m = _phrases("prompts", "words").search(low) if n <= 8 else None
    if m is not None and (n <= 3 or any(ch.isdigit() for ch in t)
                          or len(m.group(0)) >= 0.5 * len(low)):
        return "prompt"  # the prompt is (nearly) the whole line, or carries a duration
    durations = _vocab("prompts", "durations")[0]
    if n <= 6 and any(ch.isdigit() for ch in t) and any(w in durations for w in toks):
        return "prompt"
    if n <= 10 and _WEATHER.search(t):
        return "weather"
    if _phrases("credits", "words").match(low):
        return "credit"
    counters = _vocab("counters", "words")[0]
    if n <= 3 and toks and (_NUMBER.match(t) or (_NUMBER.match(toks[0]) and all(
            w in counters for w in toks[1:]))):
        return "counter"
    return None


def title_parts(first_line: str) -> list[str]:
    """The parts of a document title: the whole line and each piece between separators."""
    parts = [first_line]
    pieces = [p.strip() for p in _TITLE_SEPARATORS.split(first_line) if p.strip()]
    if len(pieces) > 1:
        parts += pieces
        # Runs of neighbouring pieces ("Part A: part B | Site" -> "Part A: part B").
        for i in range(len(pieces)):
            for j in range(i + 2, len(pieces)):
                parts.append(" ".join(pieces[i:j]))
    return parts


def first_line(blocks: list[Block]) -> Block | None:
    """A page's first line: its first block with text. A text dump of a web page starts
    with the page's document title (its ``<title>``), which the header steps compare
    headlines with."""
    return next((b for b in blocks if b.text.strip()), None)


def first_line_similarity(text: str, first_line: str | None) -> float:
    """How closely ``text`` repeats the page's first line (or one of its parts), 0 … 1."""
    if not first_line:
        return 0.0
    cand = tokens(text)
    if not cand:
        return 0.0
    cand_set = set(cand)
    best = 0.0
    for part in title_parts(first_line):
        ref = set(tokens(part))
        if not ref:
            continue
        inter = len(cand_set & ref)
        union = len(cand_set | ref)
        best = max(best, inter / union)
        if best >= 0.999:
            break
    return best


def title_score(text: str, *, rank: int, next_meta: bool, next_longer: bool,
                similarity: float) -> float:
    """How much ``text`` looks like the article's headline.

    Args:
        text: The candidate line.
        rank: How many candidate lines stand between it and the body (0: right above).
        next_meta: The next line below is a byline or a date line.
        next_longer: The next line below is a longer line of text (a dek or the lead).
        similarity: :func:`first_line_similarity` of the line.
    """
    t = " ".join(text.split())
    if not t or len(t) > 300:
        return float("-inf")
    n = word_count(t)
    if n > 30:
        return float("-inf")
    s = 0.0
    if 4 <= n <= 14:
        s += 2.0
    elif 15 <= n <= 20:
        s += 1.4
    elif n == 3:
        s += 1.2
    elif n == 2:
        s += 0.2
    elif n <= 1:
        s -= 1.5
    else:
        s += 0.8
    if t.endswith(".") and not t.endswith("..."):
        s -= 1.5
    elif t[-1] in ":,;":
        s -= 2.5
    if t[0].isalpha() and t[0].islower():
        s -= 1.5
    if not (t[0].isalnum() or t[0] in "\"'“‘«„¿¡(»‹"):
        s -= 1.5
    chars = [c for c in t if not c.isspace()]
    digits = sum(c.isdigit() for c in chars)
    if chars and digits / len(chars) > 0.35:
        s -= 2.5
    if " | " in t or t.count(" / ") >= 2:
        s -= 1.0
    if t.isupper() and n <= 3:
        s -= 1.0
    if n >= 20 and ends_sentence(t):
        s -= 1.0
    if _INNER_STOP.search(t):
        s -= 2.0  # two sentences: a dek or the lead, not a headline
    if ui_kind(t) is not None:
        s -= 6.0
    if similarity >= 0.5:
        s += 4.0 * similarity
    s -= 0.35 * rank
    if next_meta:
        s += 1.0
    elif next_longer:
        s += 0.5
    return s


#: A dek is at least this long (:func:`text_length`: about eight words of English), however
#: few words it has: Korean words are long, and a dek of seven of them is a dek.
DEK_LENGTH = 60


def is_dek_under(text: str, above: str) -> bool:
    """``text`` reads as the dek of the shorter headline-shaped line ``above`` it."""
    n, m = word_count(text), word_count(above)
    a = above.strip()
    return ((n >= 8 or text_length(text) >= DEK_LENGTH) and 4 <= m <= n and bool(a)
            and not ends_sentence(a)
            and a[-1] not in ":,;" and ui_kind(a) is None and not a.isupper())


@functools.cache
def _publication() -> dict[str, Any]:
    return load_data("structure", "publication.toml")


@functools.cache
def _copyright_re() -> re.Pattern[str]:
    tails = "|".join(re.escape(t) for t in _publication()["copyright"]["tails"])
    return re.compile(
        r"^(?:©|\(c\)|copyright|&copy;)\s*(?:copyright\s*)?(?P<year>(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?)"
        rf"\s*[,.]?\s*(?:by\s+)?(?P<name>.+?)\s*(?:[.,|–-]\s*(?:{tails}).*|[.]?)$", re.IGNORECASE)


@functools.cache
def _follow_re() -> re.Pattern[str]:
    data = _publication()["follow"]
    verbs = "|".join(re.escape(v) for v in sorted(data["verbs"], key=len, reverse=True))
    before = "|".join(re.escape(v) for v in data["before_network"])
    return re.compile(rf"^(?:{verbs})\s+(?P<name>.+?)\s+(?:{before})\s+\S+(?:\s+\S+)?[.!]?$",
                      re.IGNORECASE)


def publication_name(text: str, kind: str) -> str | None:
    """The publication a copyright line (with a year) or a follow prompt names, or ``None``.

    >>> publication_name("© 2021 Harbour Times. All rights reserved.", "copyright")
    'Harbour Times'
    >>> publication_name("Follow The Daily Ember on Instagram", "follow")
    'The Daily Ember'
    """
    t = " ".join(text.split())
    m = (_copyright_re() if kind == "copyright" else _follow_re()).match(t)
    if m is None:
        return None
    name = m.group("name").strip(" .,:;|")
    words = name.split()
    if not 1 <= len(words) <= 6 or name.lower() in ("us", "uns", "nous", "nos", "ons", "nas", "me"):
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _LINKS for w in words):
        return None
    return name


_LINKS = frozenset({"of", "the", "de", "du", "des", "la", "le", "di", "del", "der", "die", "das",
                    "van", "y", "and", "&", "und", "et"})

"""DetectLanguage: set ``Document.language`` when the caller did not.

Most pages say which language they are in through their commonest words: counting a few
dozen function words per language (data: ``rules/language/stopwords.toml``) and the
scripts of the letters decides the language of almost every news page in microseconds.
Only when that count is unclear does the statistical model of py3langid decide; it is
read from disk as needed (:mod:`cleanscrape._langid`) rather than loaded whole (about
100 MB), so a long batch stays small.
"""

from __future__ import annotations

import functools
import re

from ..document import Document
from ..ruleset import load_data
from .base import Step

__all__ = ["DetectLanguage", "detect_language"]

_SAMPLE_CHARS = 4000
_WORD = re.compile(r"[^\W\d_]+")
#: The winner must count this many times the runner-up, and cover this share of words.
_MARGIN = 1.6
_MIN_SHARE = 0.12


@functools.cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load_data("language", "stopwords.toml").items()}


_BEYOND_LATIN = re.compile("[\u0370-\U0010ffff]")


@functools.cache
def _by_word() -> dict[str, tuple[str, ...]]:
    """Each function word and the languages it is one of (read once)."""
    out: dict[str, list[str]] = {}
    for lang, words in _stopwords().items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def _script(sample: str) -> str | None:
    """The language a non-Latin script decides on its own, if any."""
    counts: dict[str, int] = {}
    for ch in _BEYOND_LATIN.findall(sample):  # Latin letters decide nothing here
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            key = "ja"
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            key = "ko"
        elif 0x4E00 <= o <= 0x9FFF:
            key = "han"
        elif 0x400 <= o <= 0x4FF:
            key = "uk" if ch in "їєіґЇЄІҐ" else "cyr"
        elif 0x370 <= o <= 0x3FF:
            key = "el"
        elif 0x600 <= o <= 0x6FF:
            key = "ar"
        elif 0x590 <= o <= 0x5FF:
            key = "he"
        elif 0x900 <= o <= 0x97F:
            key = "hi"
        elif 0xE00 <= o <= 0xE7F:
            key = "th"
        else:
            continue
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    letters = sum(1 for ch in sample if ch.isalpha())
    total = sum(counts.values())
    if total < 0.3 * max(letters, 1):
        return None
    if counts.get("ja", 0) >= 0.05 * total:
        return "ja"
    top = max(counts, key=counts.__getitem__)
    if top == "han":
        return "zh"
    if top == "cyr":
        return "uk" if counts.get("uk", 0) > 0.01 * total else None  # ru, bg, sr: the model decides
    if top == "uk":
        return "uk"
    return top


def _by_stopwords(sample: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return None
    counts = dict.fromkeys(_stopwords(), 0)
    by_word = _by_word()
    for w in words:
        for lang in by_word.get(w, ()):
            counts[lang] += 1
    scores = sorted(((n, lang) for lang, n in counts.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= _MIN_SHARE * len(words) and best >= _MARGIN * max(second, 1):
        return lang
    return None


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a base BCP 47 code (``"en"``), or ``None`` if unsure.

    Scripts and function words decide first; py3langid's model (read on first need)
    backs them up.
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[:400]) < 12:
        return None
    found = _script(sample) or _by_stopwords(sample)
    if found:
        return found
    from .._langid import classify

    return classify(sample)


class DetectLanguage(Step):
    """Detect the page's language from its longer blocks (caller's ``language`` wins).

    In HTML, a valid ``lang`` attribute of the page is used when detection is unsure or
    agrees on the base language (its region is kept).
    """

    name = "DetectLanguage"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        if doc.language:
            return doc
        longer: list[str] = []
        size = 0
        for b in doc.blocks:
            if b.label != "noise" and len(b.text) > 40:
                longer.append(b.text)
                size += len(b.text)
                if size > _SAMPLE_CHARS:
                    break
        text = "\n".join(longer) if longer else "\n".join(b.text for b in doc.blocks[:200])
        detected = detect_language(text)
        declared = doc.metadata.get("language")
        if isinstance(declared, str) and declared.strip():
            declared = declared.strip().replace("_", "-")
            base = declared.split("-")[0].lower()
            if detected is None or detected == base:
                doc.language = declared if len(base) in (2, 3) else detected
                return doc
        doc.language = detected
        return doc

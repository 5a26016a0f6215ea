"""Authors are people: cleaning and checking the names a page gives as its authors.

Pages name their authors in many places (a byline, ``<meta name="author">``, JSON-LD,
``rel=author`` links, a blog's "Posted by" footer) and many of those names are not
people: the publisher ("example-news.de", a broadcaster's name), a desk ("Redaktion",
"Staff"), a role ("Senior Political Reporter"), a handle ("@jroe", "user_123"), a
placeholder ("No Author", "admin") or a count glued on by a theme ("Ann 12 Comments").

:func:`author_names` splits a raw value into names, tidies each (entities decoded, soft
hyphens and zero-width characters gone, a leading "By" taken off, a trailing role, place or
count cut) and keeps the people. What it rejects it returns with the reason, so the
caller can report it.

Example:
    >>> author_names("By Jane Roe, Senior Correspondent and John Poe").kept
    ['Jane Roe', 'John Poe']
    >>> author_names("Redaktion").rejected
    [('Redaktion', 'placeholder')]
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .ruleset import load_data

__all__ = ["AuthorNames", "author_names", "same_name"]

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_HANDLE = re.compile(r"@\S+|\S*[_\d]\S*|[a-z0-9.]+\.[a-z]{2,}")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"^(https?://|www\.)", re.IGNORECASE)
_MAX_CHARS = 60
_MAX_WORDS = 6

@dataclass
class AuthorNames:
    """The people in a raw author value, and what was not a person with the reason."""

    kept: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


@functools.cache
def _data() -> dict[str, Any]:
    return load_data("structure", "people.toml")


@functools.cache
def _words(section: str, key: str = "words") -> frozenset[str]:
    return frozenset(w.lower() for w in _data()[section][key])


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(split between names, a leading byline word), from the byline data."""
    data = load_data("structure", "byline_shapes.toml")
    joiners = "|".join(re.escape(w) for w in data["joiners"] if w.isalpha())
    split = re.compile(rf"\s*(?:\n|;|\||/| & | \+ |,\s*(?:{joiners})\s+|\s+(?:{joiners})\s+)\s*"
                       r"|\s*,\s*", re.IGNORECASE)
    openers = sorted({w.rstrip(":") for w in data["openers"]}, key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in openers)
    return split, re.compile(rf"^(?:{alts})[\s:]+", re.IGNORECASE)


@functools.cache
def _credits() -> re.Pattern[str]:
    """Credits that follow the authors and name no author ("Editing by …", "Fotos: …")."""
    data = load_data("structure", "bylines.toml")["non_author_prefixes"]
    words = sorted({w for ws in data.values() for w in ws} | _words("credits"),
                   key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:^|[.;,|]\s*|\s+)(?:{alts})(?:\s|$).*", re.IGNORECASE)


_NOT_ALNUM = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Letters and digits only, lower case, accents off: for comparing names."""
    if len(text) <= 200:
        return _squash_short(text)
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text.lower()))


@functools.lru_cache(maxsize=8192)
def _squash_short(text: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text.lower()))


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same one ("Jane ROE" and "jane roe")."""
    return bool(squash(a)) and squash(a) == squash(b)


def tidy(raw: str) -> str:
    """Entities decoded, invisible characters gone, white space normalised, a leading
    "By" and wrapping punctuation taken off."""
    text = html.unescape(raw).translate(_INVISIBLE)
    text = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    from .byline_shapes import shapes

    more = shapes().more_from.match(text)  # "View all posts by Daniel Roe"
    if more is not None:
        text = more.group("name")
    text = _patterns()[1].sub("", text)
    text = text.strip(" \t,;:|·•-–—()[]\"'“”„«»")
    if text.endswith(".") and len(text.rsplit(None, 1)[-1]) > 3:
        text = text[:-1]  # "Jane Roe." but "Jane R." keeps its initial
    return text


@functools.cache
def _org_endings() -> tuple[str, ...]:
    return tuple(_data()["organisations"]["endings"])


def _is_role(words: list[str]) -> bool:
    roles, joining = _words("roles"), _words("roles", "joining")
    meaningful = [w for w in words if w not in joining]
    return bool(meaningful) and all(w in roles for w in meaningful)


def _calendar_words(words: list[str]) -> bool:
    """Whether every word is a weekday, month or date word ("Dienstag", "March 3")."""
    from .dates._lexicon import CAT, language_key, lexicon_for

    lexicon = lexicon_for(language_key(None))
    calendar = CAT.WEEKDAY | CAT.MONTH
    for w in words:
        entry = lexicon.lookup(w.strip(".,"))
        if not (w.strip(".,").isdigit() or (entry is not None and entry.mask & calendar)):
            return False
    return True


def _cut_tail(name: str) -> str:
    """What a theme glued after the name: a handle ("Eric Levitz@EricLevitz"), a count
    ("12 Comments"), a date or its label ("On 12. Dezember", "Erstellt"), a place or
    category ("in Lisbon", "in Tagebuch")."""
    name = name.split("@", 1)[0].strip() if "@" in name[1:] else name
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # the same name twice ("Olivier Minot Olivier Minot")
    for i, w in enumerate(words):
        glued = re.search(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ])", w)
        if glued and _is_role([w[glued.start():].lower()] + [x.lower() for x in words[i + 1:]]):
            words = words[:i] + [w[:glued.start()]]  # "Evan HalperStaff Writer"
            break
    name = " ".join(words)
    counts, labels = _words("counts"), _words("labels")
    for i, w in enumerate(words):
        if not i:
            continue
        if re.search(r"\d", w) or w.lower().strip(".:,") in labels:
            return " ".join(words[:i]).rstrip(" ,;:|-–—")
        if w.lower().strip(".:") in counts and re.fullmatch(r"\d[\d.,]*", words[i - 1]):
            return " ".join(words[:i - 1])
    from .sources.html.urls import is_domain

    for i, w in enumerate(words):
        if i and is_domain(w):  # "Markus Steinrisser Motorsport-Magazin.com Redakteur"
            words = words[:i]
            break
    while len(words) > 1 and _is_role([words[-1].lower().strip(",.")]):
        words = words[:-1]
    name = " ".join(words)
    low = [w.lower() for w in words]
    for place in sorted(_words("places"), key=len, reverse=True):
        p = place.split()
        for i in range(1, len(words) - len(p) + 1):
            if low[i:i + len(p)] == p and words[i + len(p):] and \
                    words[i + len(p)][:1].isupper():
                return " ".join(words[:i])
    return name


def _cut_site(name: str, not_people: list[str]) -> str:
    """The site's name glued after a person's ("Adam Roe PhillyVoice" → "Adam Roe")."""
    words = name.split()
    keys = {squash(n) for n in not_people if n}
    for k in range(2, len(words)):
        if squash(" ".join(words[k:])) in keys:
            return " ".join(words[:k]).rstrip(" ,;:|-–—")
    return name


def _verdict(name: str, *, not_people: list[str]) -> str | None:
    """Why ``name`` is not a person's name, or ``None`` when it may be one."""
    low = name.lower()
    words = low.split()
    if not words:
        return "empty"
    if _URL.match(name) or _EMAIL.fullmatch(name):
        return "address"
    if low in _words("placeholders") or low.rstrip(".") in _words("placeholders"):
        return "placeholder"
    if low.rstrip(":") in _words("labels"):
        return "label"
    if len(name) > _MAX_CHARS or len(words) > _MAX_WORDS:
        return "too long"
    if len(words) == 1 and (_HANDLE.fullmatch(name) or (
            name.islower() and any(p in low for p in _words("accounts", "parts")))):
        return "handle"
    if _is_role(words):
        return "role"
    if _calendar_words(words):
        return "date"
    squashed = squash(name)
    for other in not_people:
        s = squash(other)
        if s and (squashed == s or (len(squashed) >= 6 and len(s) >= 6
                                    and (squashed in s or s in squashed))):
            return "publisher"
    from .sources.html.urls import is_domain

    if is_domain(name) or name.startswith(("©", "(c)", "Copyright")):
        return "publisher"
    from .steps.bylines import is_organisation

    if is_organisation(name) or any(w.strip(",()") in _words("organisations")
                                    or w.strip(".,()") in _words("organisations")
                                    or w.strip(".,()").endswith(_org_endings())
                                    for w in words):
        return "organisation"
    if not any(ch.isalpha() for ch in name) or (len(words) > 1 and re.search(r"\d", name)):
        return "not a name"
    last = name.split()[-1]
    if len(words) > 1 and last[:1].islower() and last[:1].isalpha():
        return "not a name"  # a name never ends on a particle ("Projektleiterin der")
    if ":" in name or _inner_word(name.split()):
        return "not a name"  # a phrase ("Von Tunis nach Teheran", "Motto: Fazit")
    if name.isupper() and len(words) == 1 and len(name) <= 4:
        return "organisation"
    return None


def _inner_word(words: list[str]) -> bool:
    """Whether a lower-case word that is no name particle stands inside ``words``: names
    hold "von", "da", "van der", never "nach" or "über"."""
    from .byline_shapes import shapes

    particles = shapes().particles
    return any(w.isalpha() and w.islower() and w not in particles for w in words[1:-1])


def author_names(raw: str | list[str], *, not_people: list[str] | None = None) -> AuthorNames:
    """The people named in ``raw`` (one value or several), in order, each once.

    Args:
        raw: A byline or metadata value ("Jane Roe and John Poe", "By Jane Roe, Senior
            Correspondent", "Roe, Jane" is read as two parts) or a list of them.
        not_people: Names known not to be people on this page (the site name, the
            publisher, the host's name): a name equal to or containing one is rejected.

    Returns:
        :class:`AuthorNames`: ``kept`` (tidied names) and ``rejected`` (``(text, reason)``;
        reasons: placeholder, role, handle, publisher, organisation, address, too long,
        not a name).
    """
    out = AuthorNames()
    values = raw if isinstance(raw, list) else [raw]
    blocked = [n for n in (not_people or []) if n]
    for value in values:
        text = tidy(value)
        if "://" in text or _EMAIL.fullmatch(text):
            out.rejected.append((text, "address"))
            continue
        credit = _credits().search(text)
        if credit is not None:
            out.rejected.append((credit.group().strip(" .;,|"), "credit"))
            text = text[:credit.start()].strip()
        if len(text.split()) > 3 * _MAX_WORDS or re.search(r"[.!?]\s+\S+\s+\S+", text) \
                and len(text.split()) > _MAX_WORDS:
            out.rejected.append((text[:80], "not a name"))  # a bio, a sentence
            continue
        if not text:
            continue
        # a role after a comma belongs to the name before it
        parts = [p for p in _patterns()[0].split(text) if p and p.strip()]
        for part in parts:
            whole = tidy(part)
            if whole.lower().rstrip(".") in _words("placeholders"):
                out.rejected.append((whole, "placeholder"))
                continue
            name = _cut_site(_cut_tail(whole), blocked)
            if not name:
                continue
            reason = _verdict(name, not_people=blocked)
            if reason is not None:
                out.rejected.append((name, reason))
                continue
            if not any(same_name(name, k) for k in out.kept):
                out.kept.append(name)
    return out

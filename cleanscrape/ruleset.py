"""Noise rules as data: loading, validating and matching rule packs.

A rule pack is a TOML file. Each ``[[rules]]`` table is one rule::

    [[rules]]
    id = "social.follow"            # stable id, reported in ``removed``; family before the dot
    match = "full"                  # "full": the whole block; "start": the block begins so;
                                    # "contains": anywhere in the block
    patterns = ["follow us on (facebook|x|twitter|instagram)[.!]?"]
    max_words = 12                  # only blocks this short can match (default 30)
    needs_neighbour = false         # true: only next to a block already judged noise
    languages = ["en"]              # optional; default: the pack's language
    hosts = ["news.example.com"]    # optional: only pages of these hosts (and their
                                    # subdomains); what ``cleanscrape learn`` writes

Patterns are regular expressions, matched case-insensitively against the block's text with
runs of white space folded to one space and surrounding punctuation kept. They are compiled
with RE2 (a linear-time engine), so no rule, yours included, can make cleaning hang. A
rule file you load is checked whole when it is loaded; the shipped packs are compiled rule
by rule as pages need them, so a cold start stays cheap.

The packs shipped under ``cleanscrape/rules/noise/`` are ``common.toml`` (any language) and
one file per language (``en.toml``, ``de.toml`` …); a page gets the common pack, its
language's pack and English (English UI phrases are everywhere). Load your own with
:func:`load_rule_file` or ``Pipeline.default().with_rules("my_rules.toml")``.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RuleFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Rule", "RuleSet", "load_rule_file", "load_rule_text", "builtin_rules", "load_data",
           "page_host", "host_in"]

_MATCH_KINDS = ("full", "start", "contains")
_ALLOWED_KEYS = {"id", "match", "patterns", "max_words", "needs_neighbour", "languages",
                 "description", "min_words", "hosts"}


def _compile(pattern: str) -> Any:
    """Compile ``pattern`` case-insensitively with RE2 (``re`` if RE2 is unavailable)."""
    try:
        import re2

        opts = re2.Options()
        opts.case_sensitive = False
        opts.log_errors = False
        return re2.compile(pattern, opts)
    except ImportError:  # pragma: no cover - RE2 is a dependency
        import re

        return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One noise rule (see the module docstring for the fields).

    Attributes:
        id: Stable id such as ``"social.follow"``; the family is the part before the dot.
        patterns: Regular expressions (RE2 syntax).
        match: ``"full"``, ``"start"`` or ``"contains"``.
        max_words: Longest block, in words, the rule may take.
        min_words: Shortest block, in words, the rule may take.
        needs_neighbour: Only applies to a block next to one already judged noise.
        languages: Languages the rule applies to; empty means any.
        hosts: Hosts the rule applies to (and their subdomains); empty means any.
    """

    id: str
    patterns: tuple[str, ...]
    match: str = "full"
    max_words: int = 30
    min_words: int = 0
    needs_neighbour: bool = False
    languages: tuple[str, ...] = ()
    description: str = ""
    hosts: tuple[str, ...] = ()
    _compiled: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.match not in _MATCH_KINDS:
            raise RuleFileError(f"rule {self.id!r}: match must be one of {_MATCH_KINDS}, "
                                f"not {self.match!r}")

    def compiled(self) -> tuple[Any, ...]:
        """The rule's patterns, compiled on first use (a cold start compiles only the
        rules a page needs).

        Raises:
            RuleFileError: a pattern does not compile.
        """
        if self._compiled:
            return self._compiled
        compiled = []
        for p in self.patterns:
            try:
                compiled.append(_compile(p))
            except Exception as exc:  # re2.error and re.error differ
                why = exc.args[0] if exc.args else exc
                if isinstance(why, bytes):
                    why = why.decode("utf-8", "replace")
                raise RuleFileError(f"rule {self.id!r}: pattern {p!r} does not compile: {why}") from None
        object.__setattr__(self, "_compiled", tuple(compiled))
        return self._compiled

    @property
    def family(self) -> str:
        """The part of the id before the first dot (``"social"`` for ``"social.follow"``)."""
        return self.id.split(".", 1)[0]

    def matches(self, text: str, words: int) -> bool:
        """True when the rule takes a block of ``text`` (already folded) with ``words`` words."""
        if words > self.max_words or words < self.min_words:
            return False
        for rx in self.compiled():
            if self.match == "full":
                hit = rx.fullmatch(text)
            elif self.match == "start":
                hit = rx.match(text)
            else:
                hit = rx.search(text)
            if hit:
                return True
        return False

    def __reduce__(self) -> Any:
        # Compiled RE2 objects do not pickle: rebuild from the plain fields.
        return (Rule, (self.id, self.patterns, self.match, self.max_words, self.min_words,
                       self.needs_neighbour, self.languages, self.description))


_LONG_REPEAT = re.compile(r"\{(\d+),(\d+)\}")


def _loosen(m: "re.Match[str]") -> str:
    low, high = int(m[1]), int(m[2])
    if high <= 12:
        return m[0]
    return "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"


@dataclass(frozen=True)
class RuleSet:
    """An ordered collection of rules; the first rule that matches a block wins.

    Matching runs every pattern of the set at once (an RE2 set per match kind), so the
    cost per block hardly grows with the number of rules.
    """

    rules: tuple[Rule, ...] = ()
    _matcher: list[Any] = field(default_factory=list, repr=False, compare=False)

    def __iter__(self) -> Any:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __add__(self, other: "RuleSet") -> "RuleSet":
        return RuleSet(self.rules + other.rules)

    def __reduce__(self) -> Any:
        return (RuleSet, (self.rules,))

    def for_language(self, language: str | None, host: str | None = None) -> "RuleSet":
        """The rules that apply to a page in ``language`` (base code such as ``"de"``) on
        ``host`` (rules scoped to hosts apply only to pages of those hosts)."""
        return RuleSet(tuple(r for r in self.rules
                             if (not r.languages or "*" in r.languages or language in r.languages
                                 or "en" in r.languages)
                             and (not r.hosts or host_in(host, r.hosts))))

    @property
    def hosts(self) -> frozenset[str]:
        """Every host some rule is scoped to."""
        return frozenset(h for r in self.rules for h in r.hosts)

    def _sets(self) -> list[tuple[Any, list[int]]]:
        if not self._matcher:
            built: list[tuple[Any, list[int]]] = []
            try:
                import re2
            except ImportError:  # pragma: no cover - RE2 is a dependency
                self._matcher.append(None)
                return []
            for kind, maker in (("full", re2.Set.FullMatchSet), ("start", re2.Set.MatchSet),
                                ("contains", re2.Set.SearchSet)):
                opts = re2.Options()
                opts.case_sensitive = False
                opts.log_errors = False
                opts.max_mem = 64 << 20
                rset = maker(opts)
                owners: list[int] = []
                for k, rule in enumerate(self.rules):
                    if rule.match == kind:
                        for pattern in rule.patterns:
                            # The set only preselects (each hit is checked with the rule's
                            # own pattern), so long counted repeats, which make the
                            # automaton large, are loosened to plain ones.
                            rset.Add(_LONG_REPEAT.sub(_loosen, pattern))
                            owners.append(k)
                if owners:
                    rset.Compile()
                    built.append((rset, owners))
            self._matcher.extend(built if built else [None])
        return [m for m in self._matcher if m is not None]

    def first_match(self, text: str, words: int, *, neighbour: bool) -> Rule | None:
        """The first rule that takes the block, honouring ``needs_neighbour``."""
        sets = self._sets()
        if not sets:
            for rule in self.rules:
                if (not rule.needs_neighbour or neighbour) and rule.matches(text, words):
                    return rule
            return None
        hits: set[int] = set()
        for rset, owners in sets:
            for p in rset.Match(text) or ():
                hits.add(owners[p])
        for k in sorted(hits):
            rule = self.rules[k]
            if rule.needs_neighbour and not neighbour:
                continue
            if rule.matches(text, words):
                return rule
        return None


def host_in(host: str | None, hosts: Iterable[str]) -> bool:
    """True when ``host`` is one of ``hosts`` or a subdomain of one."""
    if not host:
        return False
    return any(host == h or host.endswith("." + h) for h in hosts)


def page_host(url: str | None) -> str | None:
    """The host of a page's URL, lower case, without ``www.`` (``None`` without a URL)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _rules_from_mapping(data: dict[str, Any], origin: str, default_lang: str | None,
                        check: bool = True) -> RuleSet:
    items = data.get("rules", [])
    if not isinstance(items, list):
        raise RuleFileError(f"{origin}: 'rules' must be an array of tables ([[rules]])")
    pack_lang = data.get("language", default_lang)
    rules = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise RuleFileError(f"{origin}: rule #{n} is not a table")
        unknown = set(item) - _ALLOWED_KEYS
        if unknown:
            raise RuleFileError(f"{origin}: rule #{n} ({item.get('id', '?')}) has unknown keys "
                                f"{sorted(unknown)}; allowed: {sorted(_ALLOWED_KEYS)}")
        rid = item.get("id")
        if not isinstance(rid, str) or not rid.strip():
            raise RuleFileError(f"{origin}: rule #{n} needs an 'id' string such as 'social.follow'")
        pats = item.get("patterns")
        if isinstance(pats, str):
            pats = [pats]
        if not pats or not all(isinstance(p, str) for p in pats):
            raise RuleFileError(f"{origin}: rule {rid!r} needs 'patterns', a list of strings")
        langs = item.get("languages", [pack_lang] if pack_lang and pack_lang != "*" else [])
        hosts = item.get("hosts", [])
        if isinstance(hosts, str):
            hosts = [hosts]
        if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
            raise RuleFileError(f"{origin}: rule {rid!r}: 'hosts' must be a list of host names")
        try:
            rule = Rule(
                id=rid, patterns=tuple(pats), match=item.get("match", "full"),
                max_words=int(item.get("max_words", 30)), min_words=int(item.get("min_words", 0)),
                needs_neighbour=bool(item.get("needs_neighbour", False)),
                languages=tuple(langs), description=str(item.get("description", "")),
                hosts=tuple(h.strip().lower().removeprefix("www.") for h in hosts if h.strip()))
            if check:
                rule.compiled()
            rules.append(rule)
        except RuleFileError as exc:
            raise RuleFileError(f"{origin}: {exc}") from None
        except (TypeError, ValueError) as exc:
            raise RuleFileError(f"{origin}: rule {rid!r}: {exc}") from None
    return RuleSet(tuple(rules))


def load_rule_text(text: str, *, origin: str = "<string>", language: str | None = None,
                   check: bool = True) -> RuleSet:
    """Parse a rule pack from TOML text.

    Raises:
        RuleFileError: the TOML is malformed or a rule is invalid; the message says which.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{origin}: not valid TOML: {exc}") from None
    return _rules_from_mapping(data, origin, language, check)


def load_rule_file(path: str | Path, *, language: str | None = None) -> RuleSet:
    """Load a rule pack from a TOML file (see the module docstring for the format).

    Args:
        path: The file.
        language: Language the rules apply to when the file names none (``None``: any).

    Raises:
        RuleFileError: the file is missing, unreadable or invalid.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"{p}: cannot read rule file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"{p}: a rule file must be UTF-8 text") from None
    return load_rule_text(text, origin=str(p), language=language)


@functools.cache
def load_data(*parts: str) -> dict[str, Any]:
    """Load a TOML data file shipped under ``cleanscrape/rules/`` (cached)."""
    ref = resources.files("cleanscrape").joinpath("rules")
    for part in parts:
        ref = ref.joinpath(part)
    data: dict[str, Any] = tomllib.loads(ref.read_text(encoding="utf-8"))
    return data


@functools.cache
def builtin_rules() -> RuleSet:
    """Every noise rule shipped with cleanscrape, common pack first."""
    folder = resources.files("cleanscrape").joinpath("rules").joinpath("noise")
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".toml"))
    names.sort(key=lambda n: (n != "common.toml", n))
    out = RuleSet()
    for name in names:
        lang = None if name == "common.toml" else name[:-5]
        out = out + load_rule_text(folder.joinpath(name).read_text(encoding="utf-8"),
                                   origin=f"cleanscrape/rules/noise/{name}", language=lang,
                                   check=False)
    return out

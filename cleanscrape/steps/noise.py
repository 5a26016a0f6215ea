"""StripNoise: label UI debris as noise, rule by rule.

Rules are data (:mod:`cleanscrape.ruleset`). A rule matches a block by its *role*: the
whole block must be the UI phrase ("Share this article", "Follow us on Instagram"), or
start with it, and be short; a body sentence that merely mentions Facebook or sharing is
never taken. Weak rules (``needs_neighbour``) take a block only next to debris already
found, so a newsletter blurb is removed with its sign-up form but an article about
newsletters is not. Finally, a short heading-like line caught between two pieces of debris
(the name of a newsletter above its blurb) goes with them; a sentence never does.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Block, Document
from ..ruleset import Rule, RuleSet, builtin_rules, host_in, load_rule_file, page_host
from ._shape import is_prose
from .base import Step

__all__ = ["StripNoise", "fold"]

#: Blocks longer than this (in words) are never UI debris a phrase rule could take.
_MAX_WORDS = 130
# Debris that comes with a heading of its own (the name of a newsletter, "Comments").
# Not author boxes: the name above one is the author or the source (FindHeadline).
_SANDWICH_FAMILIES = {"newsletter", "promo", "social", "share", "consent", "comments", "ads"}
#: Debris whose blocks speak in sentences (a sign-up form's pitch).
_PITCH_FAMILIES = {"newsletter"}


def fold(text: str) -> str:
    """White space folded to single spaces, ends stripped (what rules match against)."""
    return " ".join(text.split())


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Rule ids set from markup alone (FindHtmlContent) that say little about what the text
#: is; a phrase rule may rename them ("Impressum" in a footer menu is footer.links).
_GENERIC = frozenset({"html.boilerplate", "html.hidden", "nav.menu", "nav.header",
                      "related.aside", "consent.banner", "social.share"})

_WRAPPERS = {"[": "]", "(": ")", "<": ">", "«": "»", "|": "|", "{": "}"}


_ARROWS = re.compile(r"^(?:[»›→]\s+)|\s+(?:[»›→>]|->)$")


def _unwrap(text: str) -> str:
    """``"[ Read all comments ]"`` -> ``"Read all comments"`` (links set in brackets), and
    ``"Sign up now »"`` -> ``"Sign up now"`` (a link's arrow)."""
    while len(text) > 2 and _WRAPPERS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    if len(text) > 3:
        text = _ARROWS.sub("", text)
    return text


#: A numeric date or a year: a line with one is a date line for FindDates to read, not a
#: heading that sandwich rules may take with the debris around it.
_DATE_SHAPE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b")


def _is_heading_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and text.rstrip()[-1:] not in ".!?:;," \
        and not _DATE_SHAPE.search(text)


def _page_title(doc: Document) -> str | None:
    """The page's own title: its metadata title (HTML), or the first line of a text page
    when that line is a title, not a paragraph."""
    if doc.input_format == "html":
        title = doc.metadata.get("title")
        return title if isinstance(title, str) and title.strip() else None
    from ._header import first_line

    first = first_line(doc.blocks)
    if first is None or len(first.text.split()) > 30 or first.text.rstrip().endswith("."):
        return None
    return first.text


class StripNoise(Step):
    """Label UI debris (social widgets, share prompts, newsletter blocks …) as noise.

    Args:
        rules: Extra rule packs (paths to TOML files) applied before the built-in ones.
        builtin: Use the shipped rule packs (default ``True``).
        sandwich: Take short heading-like lines that sit between two pieces of debris.
    """

    name = "StripNoise"
    OPTIONS = ("rules", "builtin", "sandwich")
    rules: tuple[str, ...] = ()
    builtin: bool = True
    sandwich: bool = True

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.rules = tuple(str(r) for r in self.rules)
        self._ruleset: RuleSet | None = None
        self._by_language: dict[tuple[str | None, str | None], RuleSet] = {}

    def rules_for(self, language: str | None, host: str | None = None) -> RuleSet:
        """The rules in force for a page in ``language`` on ``host`` (compiled once per
        language, and per host that rules are scoped to)."""
        if host is not None and not host_in(host, self.ruleset().hosts):
            host = None
        rs = self._by_language.get((language, host))
        if rs is None:
            rs = self._by_language[(language, host)] = self.ruleset().for_language(language, host)
        return rs

    def warm(self) -> None:
        """Load the rules and compile the matchers of every language with a rule pack
        (and of unknown languages): the first pages' work, which worker processes forked
        afterwards share."""
        from importlib import resources

        packs = resources.files("cleanscrape").joinpath("rules").joinpath("noise")
        languages = sorted(p.name[:-5] for p in packs.iterdir()
                           if p.name.endswith(".toml") and p.name != "common.toml")
        for language in (None, *languages):
            self.rules_for(language).first_match("", 0, neighbour=True)

    def ruleset(self) -> RuleSet:
        """The rules in force: user packs first, then the built-in ones."""
        if self._ruleset is None:
            rs = RuleSet()
            for path in self.rules:
                rs = rs + load_rule_file(path)
            if self.builtin:
                rs = rs + builtin_rules()
            self._ruleset = rs
        return self._ruleset

    def __getstate__(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.OPTIONS}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def apply(self, doc: Document) -> Document:
        rules = self.rules_for(doc.language_base, page_host(doc.url))
        blocks = doc.blocks
        folded: dict[int, tuple[str, int]] = {}
        for i, b in doc.free():
            words = len(b.text.split())
            if words <= _MAX_WORDS:
                folded[i] = (_unwrap(fold(b.text)), words)
        html_main_headings = {i for i in folded if blocks[i].kind in _HEADINGS
                              and blocks[i].hints.get("main")}

        def neighbour_noise(i: int) -> bool:
            return ((i > 0 and blocks[i - 1].label == "noise")
                    or (i + 1 < len(blocks) and blocks[i + 1].label == "noise"))

        for i, (text, words) in folded.items():
            rule = rules.first_match(text, words, neighbour=False)
            if rule is not None and not (i in html_main_headings and rule.family == "nav"):
                # (A section heading of the article may be called "Navigation".)
                blocks[i].mark("noise", rule.id)
        # A card that markup took for a teaser but whose text says it is debris
        # ("Next post: …", "Sponsored").
        for b in blocks:
            if b.label == "teaser" and b.rule == "html.teaser_card" and len(b.text) <= 300:
                rule = rules.first_match(_unwrap(fold(b.text)), len(b.text.split()), neighbour=False)
                if rule is not None and rule.family in ("nav", "ads", "social", "share", "promo"):
                    b.mark("noise", rule.id)
        # Debris that markup structure already caught gets the more specific name a
        # phrase rule gives it ("Impressum" in a footer menu is footer.links).
        for b in blocks:
            if b.label == "noise" and b.rule in _GENERIC and len(b.text) <= 200:
                words = len(b.text.split())
                rule = rules.first_match(_unwrap(fold(b.text)), words, neighbour=True)
                if rule is not None and not rule.needs_neighbour:
                    b.rule = rule.id
        # Debris spreads to its neighbours until nothing changes; a block's rule with a
        # neighbour is the same each round, so it is looked up once.
        with_neighbour: dict[int, Rule | None] = {}
        changed = True
        while changed:
            changed = False
            for i, (text, words) in folded.items():
                if blocks[i].label is None and neighbour_noise(i):
                    if i not in with_neighbour:
                        with_neighbour[i] = rules.first_match(text, words, neighbour=True)
                    rule = with_neighbour[i]
                    if rule is not None:
                        blocks[i].mark("noise", rule.id)
                        changed = True
        if self.sandwich:
            self._sandwich(blocks, _page_title(doc))
            self._between(blocks)
            self._lead_ins(blocks)
        return doc

    @staticmethod
    def _between(blocks: list[Block]) -> None:
        """A short block between two pieces of the same kind of debris goes with them."""
        for i in range(1, len(blocks) - 1):
            b, prev, nxt = blocks[i], blocks[i - 1], blocks[i + 1]
            if b.label is not None or prev.label != "noise" or nxt.label != "noise":
                continue
            fam = (prev.rule or "").split(".")[0]
            if fam in _SANDWICH_FAMILIES and fam == (nxt.rule or "").split(".")[0] \
                    and len(b.text.split()) <= 24 \
                    and (fam in _PITCH_FAMILIES or not is_prose(b.text)):
                # (A sentence between two ads or share bars is the article's; inside a
                # sign-up block it is the block's pitch.)
                b.mark("noise", f"{fam}.blurb")

    @staticmethod
    def _lead_ins(blocks: list[Block]) -> None:
        """The name and tagline above a sign-up form or a paywall box go with it.

        Above a newsletter block or a paywall, take at most two short blocks whose topmost
        is a heading ("The Weekly Tide" / "All the harbour news, every Friday.").
        """
        for i, b in enumerate(blocks):
            if b.label != "noise" or not (b.rule or "").startswith(("newsletter.",
                                                                      "promo.paywall")):
                continue
            if i > 0 and blocks[i - 1].label == "noise":
                continue  # not the top of the newsletter block
            above = [k for k in (i - 1, i - 2) if k >= 0]
            take: list[int] = []
            for k in above:
                blk = blocks[k]
                if blk.label is not None or len(blk.text.split()) > 14:
                    break
                take.append(k)
                if _is_heading_like(blk.text):
                    family = (b.rule or "").split(".")[0]
                    for t in take:
                        blocks[t].mark("noise", f"{family}.heading")
                    break

    @staticmethod
    def _sandwich(blocks: list[Block], page_title: str | None = None) -> None:
        """Heading-like lines between two pieces of debris go with the one below
        ("Newsletter" over a sign-up form), except the page's own headline: a line that
        repeats the page's title is never a widget's heading."""
        from ._header import first_line_similarity

        def headline(text: str) -> bool:
            return page_title is not None and first_line_similarity(text, page_title) >= 0.8

        i = 0
        n = len(blocks)
        while i < n:
            if blocks[i].label == "noise":
                j = i + 1
                while j < n and j - i <= 3 and blocks[j].label is None and \
                        _is_heading_like(blocks[j].text) and not headline(blocks[j].text):
                    j += 1
                if j > i + 1 and j < n and blocks[j].label == "noise" and blocks[j].rule:
                    family = (blocks[j].rule or "").split(".", 1)[0]
                    if family in _SANDWICH_FAMILIES:
                        for k in range(i + 1, j):
                            blocks[k].mark("noise", f"{family}.heading")
                i = j if j > i + 1 else i + 1
            else:
                i += 1

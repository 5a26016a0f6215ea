"""The one data model every step reads and writes.

A :class:`Document` is an ordered list of :class:`Block` s. A block is one piece of
visible text (a line of a text page, a paragraph or heading of an HTML page) that
remembers where it came from: character offsets into :attr:`Document.source`, the line
number for text, the DOM path for HTML. Steps never delete a block; they *label* it.
Removing is labelling ``"noise"`` with a rule id, so every removal can be audited and
undone. Steps that edit text (encoding, quotes) record a :class:`Change` per edit.

Everything here is plain data (strings, numbers, dicts, lists) so a document pickles and
travels between processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Block", "Change", "Document", "LABELS", "CONSUMED_LABELS"]

#: Every label a block can carry once a pipeline has run.
LABELS = frozenset(
    {
        "noise",  # removed UI debris; ``rule`` says which rule removed it
        "title",
        "subtitle",
        "byline",  # consumed into ``authors`` (possibly none: "Written by")
        "source",  # consumed into ``source`` (masthead, author-box name)
        "date",  # consumed into ``published`` / ``updated``
        "body",
        "heading",  # a section heading inside the body
        "teaser",  # part of a related-story card; ``data`` says which card and field
    }
)

#: Labels whose text lands in an article field rather than the body or ``removed``.
CONSUMED_LABELS = frozenset({"title", "subtitle", "byline", "source", "date"})


@dataclass(slots=True)
class Block:
    """One piece of visible text and where it came from.

    Attributes:
        text: The block's current text (after any repair steps).
        start: Offset of the block's first character in :attr:`Document.source`.
        end: Offset just past the block's last character in :attr:`Document.source`.
        kind: What the markup says the block is: ``"line"`` for a text page, or an
            HTML element kind such as ``"p"``, ``"h1"`` … ``"h6"``, ``"li"``, ``"td"``.
        line: 1-based line number in a text page (``None`` for HTML).
        group: Index of the block's group: blank-line separated paragraph groups in
            text, the enclosing container in HTML. Neighbouring blocks with the same
            group belong together.
        path: DOM path for HTML blocks (``"html/body/div[2]/p[3]"``), ``""`` for text.
        hints: Facts the source observed that steps may use: ``{"link_density": 0.4,
            "href": "...", "classes": "share-bar", "ancestors": ["article", "aside"]}``.
        label: What the block is, once a step has decided (see :data:`LABELS`).
        rule: The id of the rule that set ``label`` (always set for ``"noise"``).
        data: Extra facts a step attached: a parsed date, a teaser's index and field.
        raw: The block's text as it was read, before any step edited it.
    """

    text: str
    start: int = 0
    end: int = 0
    kind: str = "line"
    line: int | None = None
    group: int = 0
    path: str = ""
    hints: dict[str, Any] = field(default_factory=dict)
    label: str | None = None
    rule: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    raw: str | None = None

    def __post_init__(self) -> None:
        if self.raw is None:
            self.raw = self.text

    @property
    def is_free(self) -> bool:
        """True while no step has labelled the block."""
        return self.label is None

    def mark(self, label: str, rule: str | None = None, **data: Any) -> None:
        """Label the block (``rule`` says why); extra keyword arguments go to ``data``."""
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}; expected one of {sorted(LABELS)}")
        self.label = label
        self.rule = rule
        if data:
            self.data.update(data)


@dataclass(slots=True, frozen=True)
class Change:
    """One edit a step made to a block's text, enough to audit or undo it.

    Attributes:
        step: Name of the step that made the edit.
        block: Index of the block in :attr:`Document.blocks`, or ``-1`` for an edit of the
            input as it was read, before it became blocks (a lone surrogate or an invalid
            byte replaced with U+FFFD); ``offset`` then points into :attr:`Document.source`.
        offset: Offset in the block's text *before* the edit.
        before: The text that was replaced.
        after: The text that replaced it.
        rule: Id of the rule behind the edit (``"quotes.reversed_pair"``, ``"encoding.ftfy"``).
    """

    step: str
    block: int
    offset: int
    before: str
    after: str
    rule: str


@dataclass(slots=True)
class Document:
    """An input page as an ordered list of blocks, plus what the source learned about it.

    Attributes:
        blocks: The page's blocks in reading order.
        source: The decoded input the blocks' offsets point into.
        input_format: ``"text"`` or ``"html"``.
        url: The page's address, if known.
        language: BCP 47 tag, given by the caller or detected by a step.
        reference_time: ISO 8601 moment relative dates count from (the crawl time).
        metadata: Facts from markup (JSON-LD, meta tags, ``<time>``, canonical link …):
            plain strings and lists keyed by field name.
        changes: Every text edit steps made, in order.
        steps_run: Names of the steps that ran, in order.
        options: Per-call options steps may read (``{"language_given": True}``).
    """

    blocks: list[Block]
    source: str = ""
    input_format: str = "text"
    url: str | None = None
    language: str | None = None
    reference_time: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    steps_run: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    def free(self) -> Iterator[tuple[int, Block]]:
        """Yield ``(index, block)`` for blocks no step has labelled yet."""
        for i, b in enumerate(self.blocks):
            if b.label is None:
                yield i, b

    def labelled(self, label: str) -> list[Block]:
        """Blocks carrying ``label``, in page order."""
        return [b for b in self.blocks if b.label == label]

    def edit(self, index: int, new_text: str, *, step: str, rule: str,
             edits: list[tuple[int, str, str]] | None = None) -> None:
        """Replace block ``index``'s text and record the edit(s).

        ``edits`` lists ``(offset, before, after)`` triples that turn the old text into
        ``new_text``; without it the whole text is recorded as one replacement.
        """
        block = self.blocks[index]
        if new_text == block.text:
            return
        if edits is None:
            edits = [(0, block.text, new_text)]
        for offset, before, after in edits:
            self.changes.append(Change(step, index, offset, before, after, rule))
        block.text = new_text

    @property
    def language_base(self) -> str | None:
        """The language without region (``"en"`` for ``"en-GB"``), lower case."""
        if not self.language:
            return None
        return self.language.split("-")[0].split("_")[0].lower()

"""RepairQuotes: the quote-repair engine of :mod:`cleanscrape.quotes` as a pipeline step."""

from __future__ import annotations

from ..document import Document
from .base import Step

__all__ = ["RepairQuotes"]


class RepairQuotes(Step):
    """Orient and pair quote marks in every kept block, in the page's own style.

    Blocks already labelled noise keep their text as it stood on the page. Consecutive
    blocks are repaired together, so a quotation that runs over several paragraphs is
    recognised. Every changed mark is recorded as a :class:`~cleanscrape.document.Change`.

    Args:
        style: ``"curly"`` (default: broken or mixed marks become curly, consistent
            straight text stays straight), ``"straight"`` or ``"preserve"`` (fix
            orientation only).
    """

    name = "RepairQuotes"
    OPTIONS = ("style",)
    style: str = "curly"

    def apply(self, doc: Document) -> Document:
        from ..quotes import repair_paragraphs

        indices = [i for i, b in enumerate(doc.blocks) if b.label != "noise"]
        if not indices:
            return doc
        results = repair_paragraphs([doc.blocks[i].text for i in indices],
                                    language=doc.language, style=self.style)
        for i, (new_text, edits) in zip(indices, results, strict=True):
            if new_text != doc.blocks[i].text:
                for e in edits:
                    doc.changes.append(_change(self.name, i, e))
                doc.blocks[i].text = new_text
        return doc


def _change(step: str, index: int, edit: object):  # type: ignore[no-untyped-def]
    from ..document import Change

    return Change(step, index, edit.offset, edit.before, edit.after, edit.rule)  # type: ignore[attr-defined]

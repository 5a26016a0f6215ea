"""RepairEncoding: undo mojibake ("â€œ", "Ã©") where a block looks broken, and only there."""

from __future__ import annotations

from ..document import Document
from .base import Step

__all__ = ["RepairEncoding"]


class RepairEncoding(Step):
    """Repair text that was decoded with the wrong encoding (with ftfy, curly quotes kept).

    Only blocks that :func:`cleanscrape.encoding.looks_mojibake` flags are touched, so
    correct text, including text that merely uses unusual characters, is left alone.
    """

    name = "RepairEncoding"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        from ..encoding import fix_mojibake, looks_mojibake

        if not looks_mojibake("\n".join(b.text for b in doc.blocks)):
            return doc  # one screen over the whole page: most pages are clean
        for i, block in enumerate(doc.blocks):
            if looks_mojibake(block.text):
                fixed = fix_mojibake(block.text)
                doc.edit(i, fixed, step=self.name, rule="encoding.mojibake")
        return doc

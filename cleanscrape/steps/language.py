"""DetectLanguage: set ``Document.language`` when the caller did not."""

from __future__ import annotations

from ..document import Document
from .base import Step

__all__ = ["DetectLanguage", "detect_language"]

_SAMPLE_CHARS = 6000


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a base BCP 47 code (``"en"``), or ``None`` if unsure.

    Uses py3langid (imported on first use), which ships its model.
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[:400]) < 12:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang) if lang else None


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
        longer = [b.text for b in doc.blocks if b.label != "noise" and len(b.text) > 40]
        text = "\n".join(longer) if longer else "\n".join(b.text for b in doc.blocks)
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

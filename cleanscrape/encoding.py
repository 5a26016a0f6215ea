"""Detect and repair mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1.

When a page's UTF-8 bytes are read with the wrong codec, every non-ASCII character turns
into two or three Latin-1 characters. The damage is easy to recognise because UTF-8 is
so regular: a character from U+0080 to U+07FF becomes a *lead* character (``Â``, ``Ã``,
``Ð``, ``Ñ`` …) followed by a *continuation* character from the bytes 0x80-0xBF; a
character from U+0800 to U+FFFF becomes a lead (``â``, ``ã``, ``ä`` …) and two
continuations. Typographic punctuation all lives at U+2000-U+206F, whose first two bytes
are E2 80, read as ``â€``. So::

    “Korea’s café”   →   â€œKoreaâ€™s cafÃ©â€\x9d

:func:`looks_mojibake` is a cheap screen, one precompiled regular expression over the
text, for lead characters followed by continuation characters, in combinations that
ordinary text in any language practically never contains. Only text that passes it is
given to ftfy (:func:`fix_mojibake`), which does the real work of decoding sequences
back, and which is far slower. ftfy is imported on first use, so importing this module
costs nothing.

The repair is told to keep what is not mojibake: curly quotes and apostrophes stay curly
(they are what the quote repair works with), and ligatures, full-width characters, line
breaks, HTML entities and Unicode normalisation are left as they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import ftfy

__all__ = ["fix_mojibake", "has_surrogates", "looks_mojibake", "repair_surrogates"]


def _continuations() -> str:
    """The characters the bytes 0x80-0xBF become under Windows-1252 or Latin-1."""
    chars = set()
    for byte in range(0x80, 0xC0):
        chars.add(chr(byte))  # Latin-1, and Windows-1252's five undefined bytes
        try:
            chars.add(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return re.escape("".join(sorted(chars)))


_CONT: Final = _continuations()

#: Lead + continuation pairs that betray mojibake:
#:   â€ …          U+2000-U+203F: quotes, dashes, ellipsis, bullets (also â€ alone, when
#:                 the last byte was lost)
#:   â\x80 …       the same, decoded as Latin-1
#:   Â … / Â       U+0080-U+00BF: no-break space, ©, °, « » …
#:   Ã …           U+00C0-U+00FF: accented Latin letters (é → Ã©, ü → Ã¼)
#:   Ä … / Å …     U+0100-U+017F: Central European letters (č → Ä\x8d, š → Å¡)
#:   Ð … / Ñ …     U+0400-U+047F: Cyrillic
#:   ã€ ã\x80     U+3000-U+303F: CJK punctuation, 「」 among them
_MOJIBAKE_RE: Final = re.compile(
    "\u00e2\u20ac|\u00e2\x80["
    + _CONT
    + "]|[\u00c2\u00c3\u00c4\u00c5\u00d0\u00d1]["
    + _CONT
    + "]|\u00c2 |\u00e3\u20ac|\u00e3\x80["
    + _CONT
    + "]"
)

_config: ftfy.TextFixerConfig | None = None


def looks_mojibake(text: str) -> bool:
    """Tell whether ``text`` shows UTF-8 read as Windows-1252 or Latin-1.

    Example:
        >>> looks_mojibake("Itâ€™s here")
        True
        >>> looks_mojibake("It’s here, café, Ärger, Åsa")
        False

    Args:
        text: Any text.

    Returns:
        True when a telltale sequence such as ``â€``, ``Ã©``, ``Ã¼`` or ``Â `` occurs.
    """
    return _MOJIBAKE_RE.search(text) is not None


def fix_mojibake(text: str) -> str:
    """Decode mojibake back to the text that was meant, keeping everything else.

    Text that does not :func:`look like mojibake <looks_mojibake>` is returned as it is,
    without loading ftfy.

    Example:
        >>> fix_mojibake("â€œItâ€™s fine,â€\\x9d she said.")
        '“It’s fine,” she said.'

    Args:
        text: Any text.

    Returns:
        The repaired text. Curly quotes, apostrophes and dashes stay typographic.
    """
    if not looks_mojibake(text):
        return text
    global _config
    import ftfy

    if _config is None:
        _config = ftfy.TextFixerConfig(
            unescape_html=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            normalization=None,
            explain=False,
        )
    return ftfy.fix_text(text, _config)


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a UTF-16 surrogate (U+D800-U+DFFF), paired or not.

    UTF-8 cannot encode a surrogate, so a strict encode is the check: it runs in C at
    memory speed, several times faster than a regular expression over a large page.
    """
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def repair_surrogates(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Mend UTF-16 surrogates that a ``str`` should never hold.

    Scrapers that cut JSON or UTF-16 text mid-character leave *lone* surrogates
    (``"\\ud83d"``, half an emoji) that no encoder accepts. A high surrogate followed by a
    low one is the character they encode (``"\\ud83d\\ude00"`` → 😀); a lone one becomes
    U+FFFD. Text without surrogates (almost all) is returned as it is after one check
    (:func:`has_surrogates`).

    Example:
        >>> repair_surrogates("ok \\ud83d\\ude00 and \\ud83d!")[0]
        'ok 😀 and \\ufffd!'

    Returns:
        The mended text and the edits made, as ``(offset, before, after)`` triples with
        offsets into the *original* text.
    """
    if not has_surrogates(text):
        return text, []
    out: list[str] = []
    edits: list[tuple[int, str, str]] = []
    i = 0
    n = len(text)
    last = 0
    for m in _SURROGATE.finditer(text):
        k = m.start()
        if k < i:
            continue  # the low half of a pair already joined
        out.append(text[last:k])
        ch = text[k]
        nxt = text[k + 1] if k + 1 < n else ""
        if "\ud800" <= ch <= "\udbff" and "\udc00" <= nxt <= "\udfff":
            joined = chr(0x10000 + ((ord(ch) - 0xD800) << 10) + (ord(nxt) - 0xDC00))
            out.append(joined)
            edits.append((k, ch + nxt, joined))
            i = last = k + 2
        else:
            out.append("\ufffd")
            edits.append((k, ch, "\ufffd"))
            i = last = k + 1
    out.append(text[last:])
    return "".join(out), edits

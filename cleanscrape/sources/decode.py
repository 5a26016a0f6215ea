"""Bytes to text, without silent wrong guesses.

Scraped pages arrive as bytes more often than not, and their encoding is stated in up to
three places that may disagree: a byte order mark, the HTTP ``Content-Type`` header and a
``<meta>`` tag in the page. :func:`decode_bytes` trusts them in the order browsers do:

1. a byte order mark (UTF-8, UTF-16, UTF-32) -- it cannot be there by accident;
2. the ``encoding`` the caller gives;
3. ``charset=`` in the ``content_type`` the caller gives (the HTTP header);
4. ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` in the first 4 KB;
5. strict UTF-8 -- a non-ASCII text that decodes as UTF-8 is almost never anything else;
6. statistical detection (``charset_normalizer``, when installed), accepted only when it is
   confident, and checked against the language the text reads as: a page that reads as
   Portuguese is not left in a Central European code page ("Săo Paulo", "naďve", "Ł5")
   when its language's own code page (``rules/encoding/codepages.toml``) reads it; a
   short page no language decides is read as Windows-1252, as browsers read unlabelled
   pages, when detection named a confusable Latin code page and Windows-1252 reads it
   plausibly.

When nothing is confident, :class:`~cleanscrape.errors.DecodeError` says what to do instead
of returning mojibake. A page declared UTF-8 with a few invalid bytes (at most 0.1 %) is
decoded with U+FFFD in their place; :func:`decode_page` reports where, so the pipeline
records each replacement as a change (rule ``encoding.invalid_bytes``). Bytes that are not text at all (NUL bytes, images, archives) raise
the same error.

Labels are read the way browsers read them: ``iso-8859-1``, ``latin1`` and ``us-ascii``
mean Windows-1252, which is what pages labelled so are really written in.

Example:
    >>> decode_bytes("café".encode("cp1252"), content_type="text/html; charset=iso-8859-1")
    'café'
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import DecodeError

__all__ = ["Decoded", "decode_bytes", "decode_page", "normalise_label"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Magic numbers of common binary formats and what to tell the caller about them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed data: decompress it first (gzip.decompress)"),
    (b"\x89PNG", "a PNG image, not a page"),
    (b"\xff\xd8\xff", "a JPEG image, not a page"),
    (b"GIF8", "a GIF image, not a page"),
    (b"%PDF", "a PDF document, not a page"),
    (b"PK\x03\x04", "a ZIP archive, not a page"),
    (b"RIFF", "a RIFF container (WebP image or audio), not a page"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data: decompress it first"),
    (b"BZh", "bzip2-compressed data: decompress it first"),
)

_CT_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,512}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)

#: Labels browsers read as another encoding (WHATWG Encoding Standard, the common ones).
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "ansi_x3.4-1968": "cp1252",
    "windows-1252": "cp1252", "x-cp1252": "cp1252", "iso-8859-9": "cp1254",
    "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874", "gb2312": "gb18030",
    "gbk": "gb18030", "x-gbk": "gb18030", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
    "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
    "big5": "big5hkscs", "x-mac-roman": "mac-roman", "utf8": "utf-8",
}

#: Share of undecodable bytes tolerated in a page *declared* UTF-8 (decoded with U+FFFD).
_UTF8_DAMAGE = 0.001


def normalise_label(label: str) -> str | None:
    """The Python codec name for an encoding label, read as browsers read it.

    Returns:
        The codec name, or ``None`` when Python knows no such encoding.
    """
    key = label.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _binary_reason(data: bytes) -> str | None:
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            return reason
    head = data[:4096]
    if b"\x00" in head:
        return "NUL bytes in the first 4 KB: this looks like binary data, not text"
    return None


def _declared_in_meta(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and how.

    Attributes:
        text: The decoded text, without a byte order mark.
        codec: The Python codec that decoded it.
        replaced: ``(offset, bytes)`` for each U+FFFD in ``text`` that stands for invalid
            bytes: its offset in ``text`` and the bytes it replaced, escaped (``"\\xff"``).
    """

    text: str
    codec: str
    replaced: tuple[tuple[int, str], ...] = field(default=())


def _decode_declared(data: bytes, codec: str) -> Decoded | None:
    """Decode with a declared codec; ``None`` when the bytes plainly are not in it."""
    if codec.startswith(("utf-16", "utf-32")):
        # A page without a BOM that declares UTF-16 is ASCII-compatible in practice
        # (the declaration itself was readable as ASCII): browsers read it as UTF-8.
        codec = "utf-8"
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        pass
    if codec == "utf-8":
        replaced: list[tuple[int, str]] = []
        parts: list[str] = []
        size = 0
        # Decode piecewise so the offsets of the replacements are known exactly.
        pos = 0
        while pos < len(data):
            try:
                parts.append(data[pos:].decode("utf-8"))
                break
            except UnicodeDecodeError as exc:
                good = data[pos:pos + exc.start].decode("utf-8")
                parts.append(good)
                size += len(good)
                bad = data[pos + exc.start:pos + exc.end]
                replaced.append((size, "".join(f"\\x{b:02x}" for b in bad)))
                parts.append("\ufffd")
                size += 1
                pos += exc.end
                if len(replaced) > max(1, int(len(data) * _UTF8_DAMAGE)):
                    return None
        return Decoded("".join(parts), "utf-8", tuple(replaced))
    return None


@functools.cache
def _codepages() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    from ..ruleset import load_data

    data = load_data("encoding", "codepages.toml")
    langs = {k: tuple(normalise_label(c) or c for c in v)
             for k, v in data["languages"].items()}
    confusable = frozenset(normalise_label(c) or c for c in data["latin_confusable"])
    return langs, confusable


_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>|&[#\w]+;", re.IGNORECASE | re.DOTALL)


def _language_of(text: str) -> str | None:
    """The language the visible text reads as, by scripts and function words only."""
    from ..steps.language import _by_stopwords, _script

    sample = _TAG.sub(" ", text[:200_000])[:6000]
    return _script(sample) or _by_stopwords(sample)


def _is_sign(ch: str) -> bool:
    """A non-ASCII symbol or non-digit number (``£``, ``¼``, ``¹``, ``©``)."""
    if ch < "\x80":
        return False
    cat = unicodedata.category(ch)
    return cat[0] == "S" or cat in ("No", "Nl")


def _plausible_western(text: str) -> bool:
    """No sign inside a word (``"G¹ska"``, ``"c½ur"``) or glued before a lower-case letter
    (``"£ód"``): the code page reads the page's letters as letters. (``"m²"``, ``"£5"``,
    ``"©Reuters"`` are fine.)"""
    for i in range(1, len(text) - 1):
        ch = text[i]
        if ch < "\x80" or not _is_sign(ch):
            continue
        before, after = text[i - 1], text[i + 1]
        if after.isalpha() and after.islower() and (before.isalpha() or _is_symbol(ch)):
            return False
    return True


def _is_symbol(ch: str) -> bool:
    """A symbol (``£``, ``©``), not a number sign (``¼``, ``²``)."""
    return unicodedata.category(ch)[0] == "S"


def _detect(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - optional dependency
        return None
    results = from_bytes(data[:262144])
    best = results.best()
    if best is None or best.chaos > 0.1 or best.encoding is None:
        return None
    codec = normalise_label(best.encoding)
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    by_language, confusable = _codepages()
    language = _language_of(text)
    if language in by_language and codec not in by_language[language]:
        # Detection read the bytes in a code page the language was never written in.
        ranked = [normalise_label(r.encoding) for r in results if r.encoding]
        own = sorted(by_language[language],
                     key=lambda c: ranked.index(c) if c in ranked else len(ranked))
        fits: list[Decoded] = []
        for other in own:
            try:
                candidate = data.decode(other)
            except UnicodeDecodeError:
                continue
            if _language_of(candidate) == language:
                fits.append(Decoded(candidate, other))
        for fit in fits:  # a symbol glued to a letter ("c½ur") says: not this one
            if _plausible_western(_TAG.sub(" ", fit.text)):
                return fit
        if fits:
            return fits[0]
    if language is None and codec in confusable and codec != "cp1252":
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = None
        if western is not None and _plausible_western(_TAG.sub(" ", western)):
            return Decoded(western, "cp1252")
    return Decoded(text, codec)


def decode_bytes(data: bytes, *, encoding: str | None = None,
                 content_type: str | None = None) -> str:
    """Decode a page's bytes to text, trusting the strongest evidence first.

    Args:
        data: The raw bytes, as fetched.
        encoding: The encoding, when the caller knows it (overrides everything but a BOM).
        content_type: The HTTP ``Content-Type`` header value, e.g.
            ``"text/html; charset=iso-8859-1"``.

    Returns:
        The decoded text, without a byte order mark.

    Raises:
        DecodeError: the bytes are binary (NUL bytes, an image, an archive), the given
            ``encoding`` is unknown or does not fit the bytes, or no encoding can be told
            with confidence. The message says what to do.
    """
    return decode_page(data, encoding=encoding, content_type=content_type).text


def decode_page(data: bytes, *, encoding: str | None = None,
                content_type: str | None = None) -> Decoded:
    """Like :func:`decode_bytes`, and say which codec decoded the bytes and where invalid
    bytes were replaced with U+FFFD.

    Raises:
        DecodeError: as :func:`decode_bytes`.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DecodeError(f"decode_bytes takes bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"the bytes start with a {codec} byte order mark but are "
                                  f"not valid {codec} ({exc.reason} at byte {exc.start}); "
                                  "decode them yourself and pass a str") from None
    reason = _binary_reason(data)
    if reason is not None:
        raise DecodeError(f"cannot read the input as text: {reason}")
    if encoding is not None:
        given = normalise_label(encoding)
        if given is None:
            raise DecodeError(f"unknown encoding {encoding!r}; pass a name Python knows, "
                              "such as 'utf-8', 'cp1252' or 'shift_jis'")
        try:
            return Decoded(data.decode(given), given)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"the bytes are not valid {encoding} ({exc.reason} at byte "
                              f"{exc.start}); pass the right encoding, or decode them "
                              "yourself and pass a str") from None
    declared: list[tuple[str, str]] = []
    if content_type:
        m = _CT_CHARSET.search(content_type.encode("latin-1", "replace"))
        if m:
            declared.append((m.group(1).decode("ascii", "replace"), "the Content-Type header"))
    meta = _declared_in_meta(data)
    if meta:
        declared.append((meta, "the page's <meta charset>"))
    for label, _where in declared:
        declared_codec = normalise_label(label)
        if declared_codec is None:
            continue
        decoded = _decode_declared(data, declared_codec)
        if decoded is not None:
            return decoded
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    detected = _detect(data)
    if detected is not None:
        return detected
    stated = "; ".join(f"{where} says {label!r}, which does not fit the bytes"
                       for label, where in declared) or "no encoding is declared"
    raise DecodeError(f"cannot tell the encoding of the input with confidence ({stated}, "
                      "and it is not UTF-8); pass encoding='...' (for example 'cp1252'), "
                      "or decode the bytes yourself and pass a str")

"""HTML to :class:`~cleanscrape.document.Document`: blocks of visible text, with their markup.

The page is read in one streaming pass: libxml2's HTML parser (through lxml) calls back
for every start tag, end tag and run of text, and a small builder turns those events into
blocks. No tree is built, so

* nesting depth does not matter (100,000 nested ``<div>`` s read like any page: libxml2's
  tree builder stops at depth 256 or 2048, its event stream does not);
* time is linear in the size of the page and memory holds only the open elements;
* nothing recursive runs anywhere.

The parser never touches the network or the file system and expands no external
entities: an ``<!ENTITY e SYSTEM "file:///etc/passwd">`` stays text that is never read.

What becomes a block
    Each block-level element (``p``, ``h1`` … ``h6``, ``li``, ``td``, ``pre``,
    ``blockquote``, ``figcaption`` …) that holds text gives a block of that ``kind``; text
    directly inside a container (``div``, ``section``, ``article`` …) gives a block of kind
    ``"div"``. Inline elements (``a``, ``b``, ``span`` …) join their text into the enclosing
    block without losing spaces. A single ``<br>`` becomes a line break inside the block; two
    in a row (a blank line on screen) start a new block. Text in ``script``, ``style``,
    ``noscript``, ``template``, ``svg``, ``iframe`` and the like is dropped silently: it is
    not visible, so it is not UI noise either; so is a hidden inline element's text (a
    ``<span class="sr-only">`` label). Hidden block elements still give blocks, with
    ``hints["hidden"]`` set, so a step can account for them.

Offsets
    ``Block.start`` is the offset in :attr:`Document.source` where the block's first word
    was found, searching forward (up to 32K characters) from the previous block;
    ``Block.end`` is ``start`` plus the length of the block's text. Both are approximations (entities and markup inside the
    block shift them), good for pointing a reader at the right place; when the first word
    is not found (it was written as an entity), the block gets the previous block's end.

Hints (``Block.hints``)
    ``tag`` (the element that owns the block), ``ancestors`` (tags from ``body`` down),
    ``classes`` (class and id tokens of the block and its nearest ancestors, bounded),
    ``role``, ``link_density`` (share of the block's characters inside links), ``links``
    (absolute hrefs), ``href`` (the block's own link when the block is a link),
    ``in_main`` (inside ``<main>``, ``<article>``, ``role=main``, ``itemprop=articleBody``),
    ``hidden`` (``hidden``, ``aria-hidden``, ``display:none`` or a hiding class on the
    block or an ancestor), ``chars`` (non-space characters), ``link_chars``, and ``chain``:
    one ``(id, tag, tokens, role, itemprop, hidden)`` tuple per ancestor element from
    ``body`` down (at most the nearest 64), which :class:`FindHtmlContent
    <cleanscrape.steps.html_content.FindHtmlContent>` uses to reason about containers.

Metadata (:attr:`Document.metadata`)
    Every place the page names its title, authors, dates, site, address, lead image or
    tags, as candidates that remember their source (``metadata["candidates"]``), and a
    summary the steps read (``title``, ``site_name``, ``authors``, ``published``,
    ``modified``, ``canonical``, ``image``, ``tags``, ``language`` …): see
    :mod:`cleanscrape.sources.html.metadata`. :mod:`cleanscrape.reconcile` weighs them
    against the visible header when the result is assembled.

Modules
    :mod:`._tree` (the streaming walk and the blocks), :mod:`._facts` (raw metadata as
    it streams by), :mod:`.metadata` (candidates), :mod:`.urls` (addresses).
"""

from __future__ import annotations

from typing import Any

from ...document import Change, Document
from ...encoding import repair_surrogates
from ...errors import InputError
from ._tree import build
from .metadata import read_metadata, strip_site_suffix
from .urls import absolute_url

__all__ = ["absolute_url", "html_to_document", "strip_site_suffix"]

def html_to_document(markup: Any, *, url: str | None = None,
                     encoding: str | None = None) -> Document:
    """Read an HTML page into a :class:`~cleanscrape.document.Document`.

    Args:
        markup: The page as ``str``, as ``bytes`` (decoded with
            :func:`~cleanscrape.sources.decode.decode_bytes`), or a ``BeautifulSoup`` object
            (serialised first; parse with lxml directly when speed matters).
        url: The page's address: relative links become absolute against it (a ``<base
            href>`` in the page serves when it is ``None``).
        encoding: The encoding of ``bytes`` input, when known.

    Returns:
        A document with ``input_format="html"``, ``source`` the decoded markup, one block
        per piece of visible text (see the module docstring for kinds, offsets and hints)
        and ``metadata`` from meta tags, JSON-LD and ``<time>`` elements.

    Raises:
        InputError: ``markup`` is of another type.
        DecodeError: bytes that cannot be decoded with confidence.

    Example:
        >>> doc = html_to_document("<article><h1>Storm</h1><p>It rained.</p></article>")
        >>> [(b.kind, b.text) for b in doc.blocks]
        [('h1', 'Storm'), ('p', 'It rained.')]
    """
    if isinstance(markup, (bytes, bytearray, memoryview)):
        from ..decode import decode_bytes

        markup = decode_bytes(bytes(markup), encoding=encoding)
    elif type(markup).__name__ in ("BeautifulSoup", "Tag"):
        markup = str(markup)
    if not isinstance(markup, str):
        raise InputError(f"html_to_document takes str, bytes or a BeautifulSoup object, "
                         f"not {type(markup).__name__}")
    markup = markup.removeprefix("\ufeff")
    markup, repairs = repair_surrogates(markup)
    builder = build(markup, url)
    metadata = read_metadata(builder.facts, url=builder.url, first_h1=builder.first_h1)
    doc = Document(blocks=builder.blocks, source=markup, input_format="html", url=url,
                   metadata=metadata)
    for offset, before, after in repairs:
        # Source-level repairs name no block (-1); the offset is in the input markup.
        doc.changes.append(Change("html_to_document", -1, offset, before, after,
                                  "html.surrogate"))
    return doc

"""The HTML source: blocks, hints, metadata and decoding."""

from __future__ import annotations

import codecs
import pickle

import pytest

from cleanscrape.document import Document
from cleanscrape.errors import DecodeError, InputError
from cleanscrape.sources.decode import decode_bytes
from cleanscrape.sources.html import html_to_document, strip_site_suffix


def texts(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


# -- blocks -------------------------------------------------------------------------------
def test_inline_elements_join_without_losing_spaces() -> None:
    doc = html_to_document("<p>The <b>storm</b> hit <a href='/x'>the coast</a>, hard.</p>")
    assert texts(doc) == [("p", "The storm hit the coast, hard.")]


def test_br_is_a_line_break_and_two_br_split_paragraphs() -> None:
    doc = html_to_document("<div>First line<br>same paragraph<br><br>Second paragraph</div>")
    assert texts(doc) == [("div", "First line\nsame paragraph"), ("div", "Second paragraph")]


def test_kinds_lists_and_tables() -> None:
    doc = html_to_document(
        "<h2>Heading</h2><ul><li>one</li><li>two</li></ul>"
        "<table><tr><th>Name</th><td>Value</td></tr></table><pre>a  b\n  c</pre>"
        "<blockquote>Quoted</blockquote><figure><figcaption>Cap</figcaption></figure>")
    assert texts(doc) == [("h2", "Heading"), ("li", "one"), ("li", "two"), ("tr", "Name | Value"),
                          ("pre", "a  b\n  c"), ("blockquote", "Quoted"), ("figcaption", "Cap")]


def test_table_rows_are_blocks_with_cells_joined() -> None:
    doc = html_to_document(
        "<table><tr><th>Town</th><th> Rate </th></tr><tr><td>Eastfield</td><td></td>"
        "<td>0.86 %</td></tr><tr><td><p>Long cell paragraph.</p></td></tr></table>")
    assert texts(doc) == [("tr", "Town | Rate"), ("tr", "Eastfield | 0.86 %"),
                          ("p", "Long cell paragraph.")]


def test_text_directly_in_a_container_is_a_div_block() -> None:
    doc = html_to_document("<section>Loose text <p>Para</p> tail text</section>")
    assert texts(doc) == [("div", "Loose text"), ("p", "Para"), ("div", "tail text")]


def test_invisible_content_is_dropped_silently() -> None:
    doc = html_to_document(
        "<head><style>p{}</style><script>var x='<p>no</p>';</script></head><body>"
        "<noscript>Enable JS</noscript><template><p>tpl</p></template>"
        "<svg><text>svg text</text></svg><p>Visible</p></body>")
    assert texts(doc) == [("p", "Visible")]


def test_hints_describe_the_markup() -> None:
    doc = html_to_document(
        '<body><main><div class="story body" id="main-story" role="region">'
        '<p class="lead">Text with <a href="/a/b">a link</a>.</p></div></main>'
        '<p hidden>Secret</p><div style="display: none"><p>Also secret</p></div></body>',
        url="https://example.com/news/1")
    p = doc.blocks[0]
    assert p.hints["tag"] == "p"
    assert p.hints["ancestors"][-3:] == ["main", "div", "p"]
    assert "story body main-story" in p.hints["classes"] and "lead" in p.hints["classes"]
    assert p.hints["role"] == "region"
    assert p.hints["in_main"] is True
    assert p.hints["links"] == ["https://example.com/a/b"]
    assert 0 < p.hints["link_density"] < 0.5
    assert p.hints["href"] is None
    assert p.path.endswith("main/div/p")
    assert [b.hints["hidden"] for b in doc.blocks] == [False, True, True]


def test_a_link_block_has_its_href_made_absolute() -> None:
    doc = html_to_document('<li><a href="../story.html">A related story title</a></li>',
                           url="https://news.example.org/section/page.html")
    assert doc.blocks[0].hints["href"] == "https://news.example.org/story.html"


def test_offsets_point_into_the_source() -> None:
    markup = "<html><body><p>Alpha beta</p><p>Gamma delta</p></body></html>"
    doc = html_to_document(markup)
    for b in doc.blocks:
        assert markup[b.start:b.end] == b.text
    assert doc.source == markup and doc.input_format == "html"


def test_document_pickles() -> None:
    doc = html_to_document("<article><h1>T</h1><p>Body text.</p></article>")
    again = pickle.loads(pickle.dumps(doc))
    assert texts(again) == texts(doc) and again.blocks[0].hints == doc.blocks[0].hints


# -- metadata -----------------------------------------------------------------------------
def test_jsonld_graph_metadata() -> None:
    doc = html_to_document("""<html lang="en-GB"><head>
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "The Daily"},
      {"@type": ["NewsArticle"], "headline": "Storm hits the coast",
       "datePublished": "2021-06-15T09:30:00+01:00", "dateModified": "2021-06-16",
       "author": [{"@type": "Person", "name": "Jane Roe"}, {"name": "John Doe"}],
       "publisher": {"@type": "Organization", "name": "The Daily"}}]}</script>
    </head><body><p>x</p></body></html>""")
    m = doc.metadata
    assert m["title"] == "Storm hits the coast"
    assert m["authors"] == ["Jane Roe", "John Doe"]
    assert m["published"] == "2021-06-15T09:30:00+01:00"
    assert m["modified"] == "2021-06-16"
    assert m["site_name"] == "The Daily"
    assert m["language"] == "en-GB"
    assert "newsarticle" in m["jsonld_types"]


def test_opengraph_meta_author_canonical_and_title_suffix() -> None:
    doc = html_to_document("""<html><head><title>Storm hits coast - The Daily</title>
    <meta property="og:site_name" content="The Daily">
    <meta property="og:description" content="A big storm.">
    <meta name="author" content="Jane Roe">
    <meta property="article:published_time" content="2021-06-15T09:30:00Z">
    <meta property="article:modified_time" content="2021-06-15T12:00:00Z">
    <meta property="og:locale" content="fr_FR">
    <link rel="canonical" href="/news/storm"></head><body></body></html>""",
                           url="https://daily.example/x?utm=1")
    m = doc.metadata
    assert m["title"] == "Storm hits coast"
    assert m["site_name"] == "The Daily"
    assert m["description"] == "A big storm."
    assert m["authors"] == ["Jane Roe"]
    assert m["published"] == "2021-06-15T09:30:00Z"
    assert m["modified"] == "2021-06-15T12:00:00Z"
    assert m["canonical"] == "https://daily.example/news/storm"
    assert m["language"] == "fr-FR"


def test_time_elements_and_itemprop_dates() -> None:
    doc = html_to_document(
        '<p>Updated <time datetime="2021-06-16T08:00">16 June</time></p>'
        '<time class="published" datetime="2021-06-15">15 June</time>'
        '<meta itemprop="dateModified" content="2021-06-17">')
    kinds = {(d["value"], d["kind"], d["source"]) for d in doc.metadata["dates"]}
    assert ("2021-06-16T08:00", "updated", "time") in kinds
    assert ("2021-06-15", "published", "time") in kinds
    assert ("2021-06-17", "updated", "itemprop") in kinds
    assert doc.metadata["published"] == "2021-06-15"


@pytest.mark.parametrize("title, site, expected", [
    ("Storm hits coast - The Daily", "The Daily", "Storm hits coast"),
    ("Storm hits coast | The Daily", None, "Storm hits coast"),
    ("The Daily | Storm hits coast", "The Daily", "Storm hits coast"),
    ("Storm hits the coast — daily.example.com", None, "Storm hits the coast"),
    ("Storm hits coast", "The Daily", "Storm hits coast"),
    ("Q&A - the storm explained", None, "Q&A - the storm explained"),
])
def test_strip_site_suffix(title: str, site: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site) == expected


def test_strip_site_suffix_prefers_the_headline() -> None:
    assert strip_site_suffix("Storm hits coast - Weather - The Daily",
                             headline="Storm hits coast") == "Storm hits coast"
    assert strip_site_suffix("News | Storm hits the coast",
                             headline="Storm hits the coast") == "Storm hits the coast"


# -- input types and decoding ---------------------------------------------------------------
def test_beautifulsoup_object_is_accepted() -> None:
    bs4 = pytest.importorskip("bs4")
    soup = bs4.BeautifulSoup("<html><body><p>Soup text.</p></body></html>", "html.parser")
    assert texts(html_to_document(soup)) == [("p", "Soup text.")]


def test_other_types_are_refused() -> None:
    with pytest.raises(InputError):
        html_to_document(42)


def test_bytes_with_bom() -> None:
    data = codecs.BOM_UTF8 + "<p>café</p>".encode()
    assert texts(html_to_document(data)) == [("p", "café")]
    data16 = codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le")
    assert texts(html_to_document(data16)) == [("p", "naïve")]


def test_bytes_with_meta_charset_cp1252() -> None:
    data = ('<html><head><meta charset="windows-1252"></head><body><p>“Smart” café</p>'
            '</body></html>').encode("cp1252")
    assert texts(html_to_document(data)) == [("p", "“Smart” café")]
    legacy = ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
              '<p>Ça va – “oui”</p>').encode("cp1252")
    assert html_to_document(legacy).blocks[-1].text == "Ça va – “oui”"


def test_decode_order_of_trust() -> None:
    data = "<p>café</p>".encode("cp1252")
    assert decode_bytes(data, content_type="text/html; charset=ISO-8859-1") == "<p>café</p>"
    assert decode_bytes(data, encoding="cp1252") == "<p>café</p>"
    assert decode_bytes("<p>café</p>".encode()) == "<p>café</p>"
    # an explicit encoding wins over the page's own declaration
    page = '<meta charset="utf-8"><p>café</p>'.encode("cp1252")
    assert decode_bytes(page, encoding="cp1252").endswith("café</p>")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    b"<p>text</p>\x00\x00\x01\x02",
])
def test_binary_input_raises_decode_error(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_bytes(data)
    with pytest.raises(DecodeError):
        html_to_document(data)


def test_unknown_or_wrong_explicit_encoding_raises() -> None:
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode_bytes(b"<p>x</p>", encoding="no-such-codec")
    with pytest.raises(DecodeError, match="not valid"):
        decode_bytes("<p>é</p>".encode("cp1252"), encoding="utf-8")


def test_undecidable_bytes_raise_with_advice() -> None:
    # Random high bytes: not UTF-8, no declaration, nothing a detector can be sure of.
    data = bytes([0x80 + (i * 37) % 0x7F for i in range(64)])
    try:
        decode_bytes(data)
    except DecodeError as exc:
        assert "encoding=" in str(exc)

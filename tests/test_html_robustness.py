"""The HTML path on hostile, broken and huge input."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape.sources.html import html_to_document
from cleanscrape.steps.html_content import FindHtmlContent, main_text

STEP = FindHtmlContent()


def test_deep_nesting_completes_without_recursion_error() -> None:
    depth = 100_000
    markup = ("<html><body>" + "<div>" * depth + "<p>Deep text at the bottom.</p>"
              + "</div>" * depth + "</body></html>")
    start = time.perf_counter()
    doc = STEP(html_to_document(markup))
    assert time.perf_counter() - start < 20
    assert [b.text for b in doc.blocks] == ["Deep text at the bottom."]
    assert len(doc.blocks[0].hints["chain"]) <= 64
    assert doc.blocks[0].path.startswith("…/")


def test_deep_unclosed_inline_nesting() -> None:
    markup = "<p>" + "<b><i>" * 50_000 + "text"
    doc = html_to_document(markup)
    assert [b.text for b in doc.blocks] == ["text"]


def test_malformed_html() -> None:
    markup = ("<html><body><div class=a'><p>Odd quote<p>Second <b>bold <i>both</b> "
              "italic</i></p></div></span></td><li>stray item<table><td>cell</table>"
              "<p>After &amp; &bogus; &#x41; &#99999999; text</p></html></body><p>late")
    doc = STEP(html_to_document(markup))
    text = " ".join(b.text for b in doc.blocks)
    assert "stray item" in text and "cell" in text and "After & &bogus; A" in text
    assert "late" in text


def test_multi_megabyte_page() -> None:
    para = "<p>" + "Words of a long article paragraph, repeated many times. " * 6 + "</p>"
    nav = "<nav>" + "".join(f'<a href="/s{i}">Section {i}</a>' for i in range(50)) + "</nav>"
    markup = "<html><body>" + nav + "<article>" + para * 3000 + "</article></body></html>"
    assert len(markup) > 1_000_000
    start = time.perf_counter()
    doc = STEP(html_to_document(markup, url="https://example.com/"))
    assert time.perf_counter() - start < 15
    assert main_text(doc).count("Words of a long") == 3000 * 6


def test_external_entities_are_never_read() -> None:
    markup = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
              "<html><body><p>before &e; after</p></body></html>")
    for data in (markup, markup.encode("utf-8")):
        doc = html_to_document(data)
        text = " ".join(b.text for b in doc.blocks)
        assert "root:" not in text and "/bin/" not in text
        assert "before" in text and "after" in text


def test_entity_expansion_bomb_stays_small() -> None:
    lol = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><p>&lol3;</p>')
    doc = html_to_document(lol)
    assert sum(len(b.text) for b in doc.blocks) < 1000


def test_empty_and_trivial_input() -> None:
    for markup in ("", "   ", "<html></html>", "<script>only()</script>", "<!-- c -->", "x"):
        doc = STEP(html_to_document(markup))
        assert main_text(doc) == ""
        assert doc.input_format == "html"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<a href='/x'>", "</a>", "<li>", "<ul>", "</ul>",
     "<br>", "<script>", "</script>", "<table>", "<td>", "<nav>", "</nav>", "&amp;", "&",
     "<", ">", "text ", "Sentence one. ", "<h1>", "</h1>", "<!--", "-->", "\x00", "é"]),
    max_size=60))
def test_random_markup_never_raises(parts: list[str]) -> None:
    markup = "".join(parts)
    doc = STEP(html_to_document(markup))
    assert isinstance(main_text(doc), str)
    for b in doc.blocks:
        assert b.text.strip() == b.text and b.text


# -- issue 10: hostile markup and text as written ---------------------------------------
def test_unclosed_div_in_noscript_does_not_swallow_the_page() -> None:
    markup = ('<html><body><noscript><div id="nojs"></noscript><div id="page"><h1>Harbour'
              "</h1><p>The council voted on Monday to rebuild the old harbour wall before "
              "the winter storms return.</p></div></body></html>")
    doc = STEP(html_to_document(markup))
    assert "The council voted" in main_text(doc)
    assert doc.source == markup  # offsets still point into the page as given


def test_text_only_in_template_is_not_shown_but_a_shadow_root_is() -> None:
    doc = html_to_document("<html><body><template><p>Inert template text.</p></template>"
                           "</body></html>")
    assert doc.blocks == []
    doc = html_to_document('<html><body><div><template shadowrootmode="open"><p>Shadow '
                           "root text.</p></template></div></body></html>")
    assert [b.text for b in doc.blocks] == ["Shadow root text."]


def test_lone_surrogate_is_repaired_and_recorded_never_truncating() -> None:
    markup = ("<html><body><p>First paragraph of the page.</p><p>Broken \ud800 mark.</p>"
              "<p>A pair \ud83d\ude00 written apart.</p><p>The rest of the page.</p>"
              "</body></html>")
    doc = html_to_document(markup)
    assert [b.text for b in doc.blocks] == ["First paragraph of the page.", "Broken \ufffd mark.",
                                            "A pair \U0001F600 written apart.",
                                            "The rest of the page."]
    repairs = [(c.before, c.after, c.rule) for c in doc.changes]
    assert repairs == [("\ud800", "\ufffd", "html.surrogate"),
                       ("\ud83d\ude00", "\U0001F600", "html.surrogate")]


def test_text_as_written_soft_hyphens_ruby_abbr() -> None:
    doc = html_to_document("<p>Donau\u00addampf\u00adschiff&shy;fahrt fährt.</p>"
                           "<p>An <abbr title='European Union'>EU</abbr>-wide rule, "
                           "<cite>The Times</cite>’ view.</p>"
                           "<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby>を読む。</p>"
                           "<p>Super<wbr>cali</p>")
    assert [b.text for b in doc.blocks] == ["Donaudampfschifffahrt fährt.",
                                            "An EU-wide rule, The Times’ view.", "漢字を読む。",
                                            "Supercali"]

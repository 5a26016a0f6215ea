"""FindHtmlContent, signal by signal: markup names are evidence, the text decides (issue 10).

Each test isolates one signal: whole-token names, styling tokens, the headline's and the
prose's containers, the lead, paragraphs with links, in-body boxes, lists, short posts.
"""

from __future__ import annotations

import pytest

from cleanscrape import clean
from cleanscrape.document import Block, Document
from cleanscrape.sources.html import html_to_document
from cleanscrape.steps._shape import ends_clause, ends_sentence, word_count
from cleanscrape.steps.html_content import FindHtmlContent, box_rule, categorise, main_text

REF = "2021-06-15T12:00:00+00:00"
PARA = ("The council met on Monday evening and voted to rebuild the old harbour wall, "
        "which was damaged in last winter's storms, before the end of next year.")


def run(markup: str) -> Document:
    return FindHtmlContent()(html_to_document(markup))


def paras(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{PARA} Paragraph {i}.</{tag}>" for i in range(n))


def block(doc: Document, needle: str) -> Block:
    return next(b for b in doc.blocks if needle in b.text)


# -- names: whole words, styling tokens ----------------------------------------------------
@pytest.mark.parametrize("tokens", [
    "margin-bottom", "padding_bottom_1", "font--secondary", "elementor-widget-container",
    "widget", "commentary", "print-full", "toc_title_1", "gallery--paragraph-section",
    "teaser-text", "cmp-text", "mb-3 text-center", "podcast-description",
])
def test_styling_and_compound_tokens_name_no_category(tokens: str) -> None:
    assert categorise("div", tokens, "") is None


@pytest.mark.parametrize(("tokens", "category"), [
    ("sharebar", "social.share"), ("post-share", "social.share"), ("print", "social.share"),
    ("disqus_thread", "comments.section"), ("comments-area", "comments.section"),
    ("sidebar2", "related.aside"), ("cookiebanner", "consent.banner"),
    ("related-posts", "related.rail"), ("toc", "html.boilerplate"),
])
def test_boilerplate_words_still_name_their_category(tokens: str, category: str) -> None:
    assert categorise("div", tokens, "") == category


# -- the text outweighs the name ---------------------------------------------------------
def test_container_holding_the_headline_is_not_removed_for_its_name() -> None:
    # A post type named like a player ("podcast"), and more show-note links than prose.
    notes = "".join(f'<li><a href="/n{i}">Show note link {i}</a></li>' for i in range(40))
    doc = run('<body><article class="post podcast type-podcast"><h1>Episode 70: The harbour'
              f'</h1><div class="entry-content"><p>{PARA}</p><p>{PARA} Again.</p>'
              f'<ul>{notes}</ul></div></article><aside class="sidebar"><p>Live stream</p>'
              '</aside></body>')
    body = main_text(doc)
    assert "Again." in body and "The council met" in body
    assert "Live stream" not in body


def test_running_text_inside_the_article_outweighs_a_sidebar_name() -> None:
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(4)
              + f'<div class="widget-area"><p>{PARA} Inside the named box.</p><p>{PARA} '
              "Still the article.</p></div>" + paras(2) + "</article>"
              '<div class="widget-area"><p>Archive</p><p>Links</p></div></body>')
    body = main_text(doc)
    assert "Inside the named box." in body and "Still the article." in body
    assert block(doc, "Archive").label == "noise"


def test_a_rail_of_cards_with_summaries_keeps_its_name() -> None:
    cards = "".join(f'<div class="card"><h3><a href="/s{i}">Another story headline number {i}'
                    f'</a></h3><p>{PARA} Card {i}.</p></div>' for i in range(3))
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(5)
              + f'<div class="related-posts">{cards}</div></article></body>')
    assert "Card 1." not in main_text(doc)


def test_prose_without_a_link_is_no_link_collection() -> None:
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(3)
              + f'<div class="menu-note"><p>{PARA} Named like a menu.</p></div>'
              + paras(2) + "</article></body>")
    assert "Named like a menu." in main_text(doc)


# -- the lead -------------------------------------------------------------------------------
def test_lead_above_the_container_joins_the_text() -> None:
    lead = ("Harbour city votes to rebuild the sea wall. The works start in autumn and "
            "should last two years, the council said.")
    r = clean('<html><body><header class="article-header"><h1>Harbour wall to be rebuilt'
              f'</h1><p class="intro">{lead}</p></header><div class="article-body">'
              + paras(4) + "</div></body></html>", reference_time=REF)
    assert r.article is not None and r.article.body.startswith("Harbour city votes")
    assert r.article.subtitle is None


def test_lead_in_the_articles_own_header_joins_the_text() -> None:
    # The <header> is inside the container and holds the lead, not the headline.
    lead = ("Snow returns to the hills within hours, and the forecasters expect the cold "
            "to last until the weekend at least, with frost in the valleys every night.")
    doc = run("<body><h1>Cold weather returns</h1><article class='entry'><header "
              f"class='entry__header'><p class='entry__subtitle'>{lead}</p><p>5 min read</p>"
              "</header>" + paras(5) + "</article></body>")
    assert block(doc, "Snow returns").hints.get("lead") is True
    assert main_text(doc).startswith("Snow returns")
    assert block(doc, "5 min read").label == "noise"


def test_standfirst_above_the_byline_stays_the_subtitle() -> None:
    r = clean("<html><body><article><h1>Harbour wall to be rebuilt</h1>"
              "<p class='standfirst'>The council voted on Monday night to rebuild the old "
              "wall before next winter.</p><p class='byline'>By Jane Roe</p>" + paras(4)
              + "</article></body></html>", reference_time=REF)
    assert r.article is not None
    assert r.article.subtitle is not None and r.article.subtitle.startswith("The council voted")
    assert "The council voted" not in r.article.body


def test_only_paragraph_is_not_the_subtitle() -> None:
    r = clean("<html><body><article><h1>Harbour wall to be rebuilt</h1>"
              f"<p class='summary'>{PARA}</p></article></body></html>", reference_time=REF)
    assert r.article is not None and r.article.subtitle is None
    assert r.article.body == PARA


# -- paragraphs with links, lists, short posts ----------------------------------------------
def test_a_sentence_with_a_link_is_text_not_a_link_list() -> None:
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(3)
              + '<p>The full report, <a href="/r">published by the harbour board on Monday '
              "evening</a>, runs to ninety pages.</p>" + paras(2) + "</article></body>")
    assert "runs to ninety pages." in main_text(doc)
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(3)
              + '<p><a href="/a">Read more: Harbour history</a></p></article></body>')
    assert block(doc, "Read more").label == "noise"


def test_lists_that_belong_to_the_text_are_kept() -> None:
    items = "".join(f"<li>{n} g of flour, sifted</li>" for n in (100, 200, 300, 400, 500, 600))
    doc = run("<body><div class='recipe'><h1>Harbour cake</h1><div class='ingredients'>"
              f"<ul>{items}</ul></div><div class='steps'>" + paras(3) + "</div></div>"
              "<nav><ul><li><a href='/'>Home</a></li><li><a href='/r'>Recipes</a></li></ul>"
              "</nav></body>")
    body = main_text(doc)
    assert "600 g of flour, sifted" in body and "Paragraph 2." in body
    assert "Recipes" not in body


def test_short_post_under_the_prose_minimum_keeps_its_text() -> None:
    links = "".join(f'<li><a href="/x{i}">Related link number {i}</a></li>' for i in range(30))
    doc = run("<body><article><h1>Swap, April 2018</h1><div class='entry-content'>"
              "<h3>Places</h3><p>Shuji: Japan.</p><p>Walter: Germany.</p><h3>Film</h3>"
              "<p>Fuji X-TRA 400.</p><h3>Cameras</h3><p>Shuji: Widelux.</p>"
              "<p>Walter: Pentax Z-1.</p><h3>Exposures</h3><p>Shuji: frames 1 to 12.</p>"
              "<p>Walter: frames 13 to 36.</p><h3>Developed</h3><p>In Tokyo, May 2018.</p>"
              "</div></article>"
              f"<aside><ul>{links}</ul></aside></body>")
    body = main_text(doc)
    assert "Fuji X-TRA 400." in body and "Walter: Pentax Z-1." in body


# -- boxes inside the container ---------------------------------------------------------
@pytest.mark.parametrize(("heading", "rule"), [
    ("Ähnliche Beiträge", "related.box"), ("Temas relacionados", "related.box"),
    ("Zobacz także", "related.box"), ("Mehr zu Wärmepumpen", "related.box"),
    ("Markiert mit", "nav.tags"), ("Schlagworte:", "nav.tags"), ("Tags", "nav.tags"),
    ("Valora esta noticia", "social.share"), ("Photo credits", "caption.credit"),
    ("You may also like...", "related.box"),
])
def test_box_headings_in_many_languages(heading: str, rule: str) -> None:
    assert box_rule(heading) == rule


def test_box_headings_are_whole_headings() -> None:
    assert box_rule("Related research shows the wall will hold") is None
    assert box_rule("The harbour") is None


def test_related_box_inside_the_article_goes_with_its_heading() -> None:
    links = "".join(f'<li><a href="/s{i}">Story {i}</a></li>' for i in range(3))
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(4)
              + f"<div class='box'><h3>Ähnliche Beiträge</h3><ul>{links}</ul></div>"
              + "<div class='meta'><span>Markiert mit</span> <a href='/t/a'>Hafen</a>, "
              "<a href='/t/b'>Mauer</a></div></article></body>")
    body = main_text(doc)
    assert "Ähnliche Beiträge" not in body and "Story 1" not in body
    assert block(doc, "Ähnliche Beiträge").rule == "related.box"
    assert "Paragraph 3." in body


def test_sentence_without_a_link_in_a_box_is_kept() -> None:
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(4)
              + "<div class='box'><h2>Mehr zum Thema</h2><p>An overview of the new rules is "
              "in the council's help centre, and more on the works below:</p><ul>"
              "<li><a href='/a'>Works calendar</a></li></ul></div></article></body>")
    assert "An overview of the new rules" in main_text(doc)
    assert block(doc, "Mehr zum Thema").label == "noise"


def test_heading_over_nothing_but_links_goes_with_them() -> None:
    links = "".join(f'<li><a href="/l{i}">Harbour link {i}</a></li>' for i in range(4))
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(4)
              + f"<h2>Weiterführende Links</h2><ul>{links}</ul></article></body>")
    assert block(doc, "Weiterführende Links").label == "noise"
    cards = "".join(f"<div class='card'><h3><a href='/c{i}'>Another harbour story number {i}"
                    f"</a></h3></div>" for i in range(3))
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(4)
              + f"<h2>Read further in the pursuit of harbours</h2>{cards}</article></body>")
    assert block(doc, "Read further in the pursuit").label == "noise"
    doc = run("<body><article><h1>Harbour wall</h1>" + paras(2) + "<h2>The vote</h2>"
              + paras(2) + "</article></body>")
    assert block(doc, "The vote").label is None


@pytest.mark.parametrize(("line", "family", "language"), [
    ("This entry was posted in Harbour and tagged wall. Bookmark the permalink.", "post",
     "en"),
    ("- Anzeige -", "ads", "de"),
    ("The Harbour Times does not offer legal advice. Consult a lawyer before you build.",
     "disclaimer", "en"),
    ("Augusta National/Getty Images", "caption", "en"),
    ("¡Mira lo que tiene nuestro canal de YouTube!", "promo", "es"),
])
def test_in_body_debris_by_vocabulary(line: str, family: str, language: str) -> None:
    r = clean("<html><body><article><h1>Harbour wall to be rebuilt</h1>" + paras(3)
              + f"<div>{line}</div>" + paras(1) + "</article></body></html>",
              reference_time=REF, language=language)
    assert r.article is not None and line not in r.article.body
    assert any(x.text == line and x.rule.split(".")[0] == family for x in r.removed)


# -- shared helpers --------------------------------------------------------------------------
def test_sentence_and_clause_ends_live_in_one_place() -> None:
    assert ends_sentence("It rained.") and ends_sentence("“It rained.”")
    assert ends_sentence("(See the report.)")
    assert not ends_sentence("Harbour (2021)") and not ends_sentence("as follows:")
    assert ends_clause("as follows:") and ends_clause("first; second;")
    assert not ends_clause("Harbour (2021)")
    assert word_count("港の壁を再建することが決まりました") > 3

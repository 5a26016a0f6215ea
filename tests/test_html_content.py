"""FindHtmlContent: main content, boilerplate and teaser cards decided from structure."""

from __future__ import annotations

import pickle

from cleanscrape.document import Block, Document
from cleanscrape.sources.html import html_to_document
from cleanscrape.steps.html_content import FindHtmlContent, categorise, main_text

PARA = ("The council met on Monday evening and voted to rebuild the old harbour wall, "
        "which was damaged in last winter's storms, before the end of next year.")


def run(markup: str, url: str | None = None) -> Document:
    return FindHtmlContent()(html_to_document(markup, url=url))


def article(n: int = 5, extra: str = "") -> str:
    paras = "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(n))
    return f"<article><h1>Harbour wall to be rebuilt</h1>{paras}{extra}</article>"


def block(doc: Document, needle: str) -> Block:
    return next(b for b in doc.blocks if needle in b.text)


def test_main_blocks_are_free_and_marked() -> None:
    doc = run("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a>"
              "</li></ul></nav>" + article() + "<footer><p>© 2021 The Daily. All rights "
              "reserved.</p></footer></body></html>")
    p = block(doc, "Paragraph 3")
    assert p.label is None and p.hints["main"] is True
    assert block(doc, "Home").rule == "nav.menu"
    assert block(doc, "All rights").rule == "footer.html"
    body = main_text(doc)
    assert body.count("Paragraph") == 5 and "Harbour wall to be rebuilt" not in body
    assert doc.steps_run == ["FindHtmlContent"]


def test_container_holding_most_of_the_text_is_never_dropped() -> None:
    # A wrapper whose class says "comments" and "sidebar" but holds the article.
    doc = run('<body><div class="layout has-comments with-sidebar" id="comments-wrap">'
              + article(6) + '</div><div class="sidebar"><p>Short side note.</p></div></body>')
    assert main_text(doc).count("Paragraph") == 6


def test_cookie_consent_banner_is_removed() -> None:
    doc = run(article() + '<div id="cookie-consent" class="cmp-banner"><p>We use cookies to '
              'improve your experience. By continuing to browse you agree to our use of '
              'cookies and similar technologies.</p><button>Accept all</button></div>')
    assert block(doc, "We use cookies").rule == "consent.banner"
    assert "cookies" not in main_text(doc)


def test_list_items_in_the_article_are_kept() -> None:
    doc = run(article(4, "<ul><li>Rebuild the wall by 2023</li><li>Raise the promenade</li>"
                         "<li>Plant dune grass</li></ul>") + "<p>After the list.</p>")
    body = main_text(doc)
    assert "Rebuild the wall by 2023" in body and "Plant dune grass" in body


def test_comments_section_is_not_body() -> None:
    comments = "".join(f'<li class="comment"><p class="comment-author">Reader {i}</p><p>I '
                       f'think this is a terrible idea and the money should go elsewhere, '
                       f'frankly, comment number {i}.</p></li>' for i in range(4))
    doc = run("<body>" + article() + f'<section id="comments"><h3>4 comments</h3><ol>{comments}'
              "</ol></section></body>")
    assert "terrible idea" not in main_text(doc)
    assert block(doc, "terrible idea").rule == "comments.section"


def test_share_bar_is_noise() -> None:
    doc = run(article(4, '<div class="share-bar"><a href="https://facebook.com/x">Facebook</a>'
                         '<a href="https://x.com/y">Twitter</a><a href="mailto:?">Email</a>'
                         '</div>'))
    b = block(doc, "Facebook")
    assert b.label == "noise" and b.rule == "social.share"


def test_embedded_post_is_quoted_content_not_a_share_widget() -> None:
    doc = run(article(4, '<blockquote class="twitter-tweet social-embed"><p>We are rebuilding '
                         'the harbour wall, and it will be stronger than ever before, '
                         'promised the mayor on Monday.</p></blockquote>'))
    assert "promised the mayor" in main_text(doc)


def test_hidden_elements_are_not_body() -> None:
    doc = run(article(4, '<p hidden>Hidden paragraph that should never be read as body text '
                         'by anyone at all, really.</p><div aria-hidden="true"><p>Aria hidden '
                         'text.</p></div><div style="display:none"><p>Styled away.</p></div>'
                         '<span class="sr-only">Screen reader only</span>'))
    body = main_text(doc)
    for text in ("Hidden paragraph", "Aria hidden", "Styled away"):
        assert text not in body
        assert block(doc, text).rule == "html.hidden"
    assert "Screen reader only" not in body  # hidden inline text is dropped by the source


def test_newsletter_and_ads_are_labelled() -> None:
    doc = run(article(4, '<div class="newsletter-signup"><p>Get our daily briefing in your '
                         'inbox.</p></div><div class="ad-slot"><p>Advertisement</p></div>'))
    assert block(doc, "daily briefing").rule == "newsletter.signup"
    assert block(doc, "Advertisement").rule == "ads.label"


def test_related_cards_become_teasers_with_absolute_urls() -> None:
    cards = "".join(
        f'<div class="card"><h3><a href="/news/story-{i}">Second story headline number {i}'
        f'</a></h3><p>A short summary of the second story, which ends mid</p>'
        f'<span class="date">Jun 14, 2021</span></div>' for i in range(3))
    doc = run("<body>" + article() + f'<aside class="related"><h2>More stories</h2>{cards}'
              "</aside></body>", url="https://daily.example/news/harbour")
    titles = [b for b in doc.blocks if b.label == "teaser" and b.data["field"] == "title"]
    assert [b.data["teaser"] for b in titles] == [0, 1, 2]
    assert titles[0].data["url"] == "https://daily.example/news/story-0"
    fields = {b.data["field"] for b in doc.blocks if b.label == "teaser"}
    assert fields == {"title", "summary", "date"}
    assert block(doc, "More stories").label == "noise"
    assert "Second story" not in main_text(doc)


def test_headline_and_byline_outside_the_body_stay_free() -> None:
    doc = run('<body><header class="article-header"><h1>Harbour wall to be rebuilt</h1>'
              '<p class="byline">By Jane Roe</p></header><div class="article-body">'
              + "".join(f"<p>{PARA}</p>" for _ in range(4)) + "</div></body>")
    assert block(doc, "Harbour wall").label is None
    assert block(doc, "By Jane Roe").label is None
    assert not block(doc, "By Jane Roe").hints.get("main")


def test_link_lists_inside_the_body_are_boilerplate() -> None:
    doc = run(article(4, '<p><a href="/a">Read more: Harbour history</a></p>'))
    assert block(doc, "Read more").label == "noise"


def test_a_page_without_prose_has_no_main_content() -> None:
    doc = run("<body><ul>" + "".join(f'<li><a href="/s{i}">Headline of story number {i} '
                                     f'today</a></li>' for i in range(10)) + "</ul></body>")
    assert main_text(doc) == ""
    assert all(b.label == "teaser" for b in doc.blocks)


def test_text_documents_are_left_alone() -> None:
    doc = Document(blocks=[Block("Some line")], input_format="text")
    FindHtmlContent()(doc)
    assert doc.blocks[0].label is None and "main" not in doc.blocks[0].hints


def test_categorise_reads_the_data_file() -> None:
    assert categorise("nav", "", "") == "nav.menu"
    assert categorise("div", "c-share-bar", "") == "social.share"
    assert categorise("div", "cookie-banner", "") == "consent.banner"
    assert categorise("div", "post category-comments tag-share", "") is None
    assert categorise("body", "sidebar", "") is None
    assert categorise("div", "x", "navigation") == "nav.menu"


def test_step_is_picklable_and_configurable() -> None:
    step = FindHtmlContent(header_span=10)
    assert pickle.loads(pickle.dumps(step)) == step
    assert step.configure(min_main_chars=50).options() == {"min_main_chars": 50,
                                                           "header_span": 10}

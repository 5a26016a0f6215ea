"""Page metadata: every source as candidates, reconciliation by the order of trust, people.

Unit tables per source (JSON-LD, OpenGraph, Twitter, Dublin Core, meta, microdata,
rel=author, <time>, <title>), per reconciliation rule (title, authors, dates, url, image,
tags) and for the people filter; then hostile metadata read without error.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cleanscrape import clean
from cleanscrape.people import author_names
from cleanscrape.reconcile import agree
from cleanscrape.sources.html import html_to_document


def page(head: str = "", body: str = "", *, lang: str = "en") -> str:
    return (f"<!doctype html><html lang='{lang}'><head>{head}</head>"
            f"<body>{body}</body></html>")


def ld(obj: Any) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def cands(html: str, field: str, url: str | None = None) -> list[tuple[str, str]]:
    doc = html_to_document(html, url=url)
    return [(c["source"], c["value"]) for c in doc.metadata["candidates"] if c["field"] == field]


PROSE = ("<p>The council voted on Tuesday to close the old bridge to cars from next spring, "
         "ending months of argument over its future and the money it would cost.</p>"
         "<p>Cyclists and pedestrians will still be able to cross while the council decides "
         "whether to repair the bridge or to replace it with a new one.</p>")


# -- sources ------------------------------------------------------------------------------
SOURCE_TABLE = [
    # (head markup, body markup, field, expected (source, value) among the candidates)
    (ld({"@type": "NewsArticle", "headline": "Bridge closes"}), "", "title",
     ("jsonld", "Bridge closes")),
    (ld({"@type": "BlogPosting", "name": "A post"}), "", "title", ("jsonld", "A post")),
    (ld({"@type": "WebPage", "name": "About us"}), "", "title", ("jsonld.page", "About us")),
    (ld({"@type": "ReportageNewsArticle", "headline": "H", "datePublished": "2021-06-03"}), "",
     "published", ("jsonld", "2021-06-03")),
    (ld({"@type": "Article", "headline": "H", "author": "Jane Roe"}), "", "author",
     ("jsonld", "Jane Roe")),
    (ld({"@type": "Article", "headline": "H", "author": {"@type": "Person", "name": "Jo Park"}}),
     "", "author", ("jsonld", "Jo Park")),
    (ld({"@type": "Article", "headline": "H",
         "author": [{"name": "A Bee"}, {"givenName": "Cee", "familyName": "Dee"}]}), "",
     "author", ("jsonld", "Cee Dee")),
    (ld({"@graph": [{"@type": "Article", "headline": "H", "author": {"@id": "#p1"}},
                    {"@type": "Person", "@id": "#p1", "name": "Ann Lee"}]}), "", "author",
     ("jsonld", "Ann Lee")),
    (ld({"@type": "Article", "headline": "H", "image": {"@type": "ImageObject",
                                                        "url": "https://x.test/a.jpg"}}), "",
     "image", ("jsonld", "https://x.test/a.jpg")),
    (ld({"@type": "Article", "headline": "H", "keywords": "flood, bridge"}), "", "tag",
     ("jsonld", "bridge")),
    (ld({"@type": "Article", "headline": "H", "articleSection": ["Local"]}), "", "tag",
     ("jsonld", "Local")),
    (ld({"@type": "Article", "headline": "H", "publisher": {"@type": "Organization",
                                                            "name": "Valley Post"}}), "",
     "site_name", ("jsonld.publisher", "Valley Post")),
    ("<meta property='og:title' content='OG title'>", "", "title", ("og", "OG title")),
    ("<meta property='article:published_time' content='2021-06-03T09:30:00Z'>", "",
     "published", ("og", "2021-06-03T09:30:00Z")),
    ("<meta property='article:modified_time' content='2021-06-04'>", "", "updated",
     ("og", "2021-06-04")),
    ("<meta property='article:tag' content='Rivers'>", "", "tag", ("og", "Rivers")),
    ("<meta property='og:image' content='/img/lead.jpg'>", "", "image", ("og", "/img/lead.jpg")),
    ("<meta name='twitter:title' content='TW title'>", "", "title", ("twitter", "TW title")),
    ("<meta name='DC.creator' content='Max Muster'>", "", "author", ("dc", "Max Muster")),
    ("<meta name='dc.date' content='2020-01-02'>", "", "published", ("dc", "2020-01-02")),
    ("<meta name='author' content='Jane Roe'>", "", "author", ("meta", "Jane Roe")),
    ("<meta name='pubdate' content='2019-08-21'>", "", "published", ("meta", "2019-08-21")),
    ("<meta name='keywords' content='a, b'>", "", "tag", ("meta", "b")),
    ("", "<article><h1 itemprop='headline'>Micro headline</h1></article>", "title",
     ("itemprop", "Micro headline")),
    ("", "<div itemprop='author' itemscope itemtype='https://schema.org/Person'>"
         "<span itemprop='name'>Nora Vale</span></div>", "author", ("itemprop", "Nora Vale")),
    ("", "<meta itemprop='datePublished' content='2018-02-03'>", "published",
     ("itemprop", "2018-02-03")),
    ("", "<p>By <a rel='author' href='/authors/jr'>Jane Roe</a></p>", "author",
     ("rel_author", "Jane Roe")),
    ("", "<p>Updated <time datetime='2022-03-04T10:00'>March 4</time></p>", "updated",
     ("time", "2022-03-04T10:00")),
    ("", "<time class='entry-date published' datetime='2022-03-01'>1 March</time>", "published",
     ("time", "2022-03-01")),
    ("<title>Storm hits coast | The Daily Ember</title>"
     "<meta property='og:site_name' content='The Daily Ember'>", "", "title",
     ("title_tag", "Storm hits coast")),
    ("<title>Storm hits coast - dailyember.example</title>", "", "title",
     ("title_tag", "Storm hits coast")),
    ("<title>Storm hits the coast hard :: Ember</title>", "", "title",
     ("title_tag", "Storm hits the coast hard")),
    ("<title>Ember » Storm hits the coast hard</title>"
     "<meta property='og:site_name' content='Ember'>", "", "title",
     ("title_tag", "Storm hits the coast hard")),
    ("<link rel='canonical' href='/news/1'>", "", "url", ("canonical", "/news/1")),
]


@pytest.mark.parametrize(("head", "body", "field", "expected"), SOURCE_TABLE)
def test_each_source_gives_its_candidate(head: str, body: str, field: str,
                                         expected: tuple[str, str]) -> None:
    assert expected in cands(page(head, body), field)


def test_candidates_remember_order_of_trust_within_a_field() -> None:
    html = page("<meta name='author' content='Meta Name'>"
                + ld({"@type": "Article", "headline": "H", "author": "Ld Name"}))
    assert [s for s, _ in cands(html, "author")] == ["jsonld", "meta"]


def test_summary_url_and_image_are_absolute() -> None:
    doc = html_to_document(page("<link rel='canonical' href='/news/1'>"
                                "<meta property='og:image' content='img/a.jpg'>"),
                           url="https://example.test/x/y")
    assert doc.metadata["canonical"] == "https://example.test/news/1"
    assert doc.metadata["image"] == "https://example.test/news/img/a.jpg"


def test_tags_are_merged_in_trust_order_without_duplicates() -> None:
    doc = html_to_document(page(
        ld({"@type": "Article", "headline": "H", "keywords": ["Flood", "Bridge"]})
        + "<meta property='article:tag' content='bridge'><meta name='keywords' "
          "content='Council, flood'>"))
    assert doc.metadata["tags"] == ["Flood", "Bridge", "Council"]


# -- reconciliation: title ----------------------------------------------------------------
def test_visible_headline_confirmed_by_metadata_wins() -> None:
    r = clean(page("<meta property='og:title' content='Bridge to close | Valley Post'>"
                   "<meta property='og:site_name' content='Valley Post'>",
                   "<article><h1>Bridge to close</h1>" + PROSE + "</article>"))
    assert r.article.title == "Bridge to close"
    assert r.provenance()["title"]["source"] == "visible"


def test_metadata_title_when_no_visible_headline() -> None:
    r = clean(page("<title>Council closes the old bridge – Valley Post</title>"
                   "<meta property='og:site_name' content='Valley Post'>",
                   "<article>" + PROSE + "</article>"))
    assert r.article.title == "Council closes the old bridge"


def test_label_sized_visible_line_loses_to_metadata() -> None:
    # A section label printed as a heading, on a page with no single main heading.
    r = clean(page("<meta property='og:title' content='Council closes the old bridge to cars'>",
                   "<div><h1>Opinion</h1></div><div><h1>Newsletter</h1></div><article>"
                   + PROSE + "</article>"))
    assert r.article.title == "Council closes the old bridge to cars"


def test_the_pages_own_main_heading_beats_a_differently_worded_metadata_title() -> None:
    # Sites often word og:title for sharing; the headline as printed is the title.
    r = clean(page("<meta property='og:title' content='Bridge: what the vote means for you'>",
                   "<nav><h1 class='site-header'>Bridge to close to cars next spring</h1></nav>"
                   "<article>" + PROSE + "</article>"))
    assert r.article.title == "Bridge to close to cars next spring"


def test_metadata_title_that_is_the_site_name_is_set_aside() -> None:
    r = clean(page("<meta property='og:title' content='Valley Post'>"
                   "<meta property='og:site_name' content='Valley Post'>",
                   "<article><h1>Bridge to close</h1>" + PROSE + "</article>"))
    assert r.article.title == "Bridge to close"


def test_a_blog_name_in_the_first_h1_is_the_site_beside_the_headline() -> None:
    r = clean(page("<title>Bridge to close next spring – Tom's Valley Notes</title>",
                   "<header><h1>Tom's Valley Notes</h1><h2>Thoughts on the valley</h2></header>"
                   "<main><h1>Bridge to close next spring</h1>" + PROSE + "</main>"))
    assert r.article.title == "Bridge to close next spring"


def test_a_listing_page_has_no_title_even_with_metadata() -> None:
    r = clean(page("<title>Valley Post – News</title>",
                   "<ul><li><a href='/a'>One story</a></li><li><a href='/b'>Two</a></li></ul>"))
    assert r.article.body == "" and r.article.title is None


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Bridge to close", "bridge to close", True),
    ("“Bridge” — to close", '"Bridge" - to close', True),
    ("Bridge to close next spring", "Bridge to close next spring | Valley Post", True),
    ("Bridge to close", "Bridge stays open", False),
    ("Short", "Short story about bridges", False),
])
def test_titles_agree(a: str, b: str, same: bool) -> None:
    assert agree(a, b) is same


# -- reconciliation: authors --------------------------------------------------------------
def _authors(head: str, body: str) -> tuple[list[str], str | None]:
    r = clean(page(head, body))
    return r.article.authors, r.provenance()["authors"]["source"]


AUTHOR_TABLE = [
    # a byline after the article, in a blog footer the markup calls boilerplate
    ("", "<article><h1>Bridge to close</h1>" + PROSE + "</article>"
         "<div class='post-footer'>Posted by Jane Roe at 2:33 PM</div>",
     ["Jane Roe"], "byline.footer"),
    ("", "<article><h1>Bridge to close</h1>" + PROSE + "</article>"
         "<footer class='meta'>by jr on December 4, 2006</footer>", ["jr"], "byline.footer"),
    # a byline word in one block, the name in the next
    ("", "<article><h1>Bridge to close</h1><div class='meta'><span class='x'>Von</span></div>"
         "<div class='meta'>Anna Schmidt</div>" + PROSE + "</article>",
     ["Anna Schmidt"], "byline.header"),
    # a date, then the byline
    ("", "<article><h1>Bridge to close</h1><div class='entry-meta'>22. Dezember 2019 von "
         "Peter Addor</div>" + PROSE + "</article>", ["Peter Addor"], "byline.header"),
    # a date and a name in one line beside the headline, either order, with or without
    # a separator
    ("", "<article><div class='info'>04.02.2022 | 13:10 Uhr | Uta Helkenberg</div>"
         "<h1>Bridge to close</h1>" + PROSE + "</article>", ["Uta Helkenberg"], "byline.header"),
    ("", "<article><h1>Bridge to close</h1><div class='info'>Janic Cathomen, 01.12.2021</div>"
         + PROSE + "</article>", ["Janic Cathomen"], "byline.header"),
    ("", "<article><h1>Bridge to close</h1><div class='info'>28. Jan. 2022 Paula Balov</div>"
         + PROSE + "</article>", ["Paula Balov"], "byline.header"),
    # several names in elements of their own, joined by "and"
    ("", "<article><h1>Bridge to close</h1><div class='byline'><span>By</span>"
         "<div>David Brand</div><div>and</div><div>Ramsey Khalifeh</div></div>" + PROSE
     + "</article>", ["David Brand", "Ramsey Khalifeh"], "byline.header"),
    # a hyphenated name before the date stays whole
    ("", "<article><h1>Bridge to close</h1><div class='info'>Gesine Engels-Krone,02.01.2023, "
         "11:08 Uhr</div>" + PROSE + "</article>", ["Gesine Engels-Krone"], "byline.header"),
    # a dateline (a place and a date) or a date with its zone is no byline
    ("", "<article><h1>Bridge to close</h1><div class='info'>Berlin, 3. März 2021</div>"
         + PROSE + "</article>", [], None),
    ("", "<article><h1>Bridge to close</h1><div class='info'>Feb 14, 2016 10:47 AM EST</div>"
         + PROSE + "</article>", [], None),
    # an explicit author label at the end of the article
    ("", "<article><h1>Bridge to close</h1>" + PROSE + "<p>Autorin: Uta Staschewski, "
         "Projektleiterin in Tunis.</p></article>", ["Uta Staschewski"], "byline.footer"),
    # JSON-LD names the author; the page shows the name in an author box
    (ld({"@type": "NewsArticle", "headline": "Bridge to close",
         "author": {"@id": "#a"}}) + ld({"@type": "Person", "@id": "#a", "name": "Nora Vale"}),
     "<article><h1>Bridge to close</h1>" + PROSE + "</article><aside class='bio'>Nora Vale "
     "writes about transport.</aside>", ["Nora Vale"], "jsonld"),
    # a meta author the page never shows is a theme's or an account's, not a byline
    ("<meta name='author' content='Theme Author'>",
     "<article><h1>Bridge to close</h1>" + PROSE + "</article>", [], None),
    # a CMS handle stands for the display name the page shows
    ("<meta property='article:author' content='nora_vale'>",
     "<article><h1>Bridge to close</h1>" + PROSE + "</article><footer><p>Tips? Write to "
     "Nora Vale at the transport desk.</p></footer>",
     ["Nora Vale"], "og"),
]


@pytest.mark.parametrize(("head", "body", "want", "source"), AUTHOR_TABLE)
def test_authors_from_every_place_a_page_names_them(head: str, body: str, want: list[str],
                                                   source: str | None) -> None:
    assert _authors(head, body) == (want, source)


def test_visible_first_name_is_completed_by_metadata() -> None:
    authors, source = _authors(
        ld({"@type": "Article", "headline": "Bridge to close", "author": "Celia Parbey"}),
        "<article><h1>Bridge to close</h1><p>By Celia</p>" + PROSE + "</article>")
    assert (authors, source) == (["Celia Parbey"], "visible")


def test_a_first_name_byline_is_spelled_out_by_the_page() -> None:
    authors, source = _authors(
        "", "<article><h1>Bridge to close</h1><p>By Henry</p>" + PROSE
        + "<figcaption>Photo: Henry Steinhau</figcaption></article>")
    assert (authors, source) == (["Henry Steinhau"], "visible")


def test_organisation_author_in_jsonld_is_the_source() -> None:
    r = clean(page(ld({"@type": "Article", "headline": "Bridge to close",
                       "author": {"@type": "Organization", "name": "Valley Broadcasting"}}),
                   "<article><h1>Bridge to close</h1>" + PROSE + "</article>"))
    assert r.article.authors == [] and r.article.source == "Valley Broadcasting"


PEOPLE_TABLE = [
    ("By Jane Roe, Senior Correspondent and John Poe", ["Jane Roe", "John Poe"], ["role"]),
    ("Senior Political Reporter", [], ["role"]),
    ("Redaktion", [], ["placeholder"]),
    ("No Author", [], ["placeholder"]),
    ("admin", [], ["placeholder"]),
    ("wordpressadmin", [], ["handle"]),
    ("@jroe", [], ["handle"]),
    ("user_123", [], ["handle"]),
    ("example-news.de", [], ["publisher"]),
    ("The Daily Ember", [], ["publisher"]),
    ("Reuters", [], ["organisation"]),
    ("Ann 12 Comments", ["Ann"], []),
    ("Jane Roe in Lisbon", ["Jane Roe"], []),
    ("Jane Roe. Editing by Sam Hill and Ann Lee", ["Jane Roe"], ["credit"]),
    ("Mar&iacute;a L&oacute;pez", ["María López"], []),
    ("Hans Mus\u00adtermann", ["Hans Mustermann"], []),
    ("Eric Levitz@EricLevitz", ["Eric Levitz"], []),
    ("Olivier Minot Olivier Minot", ["Olivier Minot"], []),
    ("Evan HalperStaff Writer", ["Evan Halper"], []),
    ("Grant Tinsley, PhD", ["Grant Tinsley"], ["role"]),
    ("Adam Aaronson PhillyVoice", ["Adam Aaronson"], []),
    ("Deutsches Rotes Kreuz e.V.", [], ["organisation"]),
    ("Dienstag", [], ["date"]),
    ("No Author", [], ["placeholder"]),
    ("https://facebook.com/someone", [], ["address"]),
    ("I'm so glad you stopped by! As a mom of three my goal is to help you sleep", [],
     ["not a name"]),
    ("Tunis nach Teheran", [], ["not a name"]),  # "Von Tunis nach Teheran": a phrase
    ("Mein Motto Konsumsparen: Fazit", [], ["not a name"]),
    ("Ana da Silva", ["Ana da Silva"], []),  # "da" is a particle here, not "from"
    ("Ursula von der Leyen", ["Ursula von der Leyen"], []),
]


@pytest.mark.parametrize(("raw", "kept", "reasons"), PEOPLE_TABLE)
def test_authors_are_people(raw: str, kept: list[str], reasons: list[str]) -> None:
    found = author_names(raw, not_people=["The Daily Ember", "phillyvoice"])
    assert found.kept == kept
    assert [r for _, r in found.rejected] == reasons


# -- reconciliation: dates ----------------------------------------------------------------
def test_a_yearless_date_takes_the_year_of_the_address() -> None:
    r = clean(page("", "<article><h1>Bridge to close</h1><p class='date'>Posted on March 3</p>"
                   + PROSE + "</article>"), url="https://example.test/2019/03/03/bridge")
    assert r.article.published == "2019-03-03"


def test_a_yearless_date_takes_the_year_of_the_copyright_line() -> None:
    r = clean(page("", "<article><h1>Bridge to close</h1><p class='date'>Posted on March 3</p>"
                   + PROSE + "</article><footer>© 2017 Valley Post</footer>"))
    assert r.article.published == "2017-03-03"


def test_an_undated_page_stays_undated() -> None:
    r = clean(page("", "<article><h1>Bridge to close</h1><p class='date'>Posted on March 3</p>"
                   + PROSE + "</article>"))
    assert r.article.published is None


def test_the_crawl_time_gives_the_year_only_when_the_caller_gives_it() -> None:
    r = clean(page("", "<article><h1>Bridge to close</h1><p class='date'>Posted on March 3</p>"
                   + PROSE + "</article>"), reference_time="2015-06-01T00:00:00Z")
    assert r.article.published == "2015-03-03"


def test_a_date_counted_from_the_clock_yields_to_metadata() -> None:
    html = page("<meta property='article:published_time' content='2019-09-15'>",
                "<article><h1>Bridge to close</h1><p class='date'>3 months ago</p>"
                + PROSE + "</article>")
    assert clean(html).article.published == "2019-09-15"
    # Counted from a crawl time the caller gave, the visible date is the page's word.
    assert clean(html, reference_time="2020-01-01T12:00:00Z").article.published == "2019-10-01"


def test_a_date_counted_from_the_clock_yields_to_a_date_line_and_the_address() -> None:
    html = page("", "<article><h1>Bridge to close</h1><p class='date'>2 hours ago</p>"
                + PROSE + "<nav class='meta'>Sunday, July 05, 2020 | Local</nav></article>")
    assert clean(html).article.published == "2020-07-05"
    assert clean(html.replace("Sunday, July 05, 2020 | Local", ""),
                 url="https://example.test/2019/03/04/bridge").article.published == "2019-03-04"


def test_a_date_line_the_markup_called_navigation_is_read() -> None:
    r = clean(page("", "<article><h1>Bridge to close</h1><nav class='meta'>01. November 2021 | "
                   "Naturschutz</nav>" + PROSE + "</article>", lang="de"))
    assert r.article.published == "2021-11-01"


# -- url, image, tags ---------------------------------------------------------------------
def test_url_image_tags_in_the_json_contract() -> None:
    r = clean(page("<link rel='canonical' href='https://example.test/news/bridge'>"
                   "<meta property='og:image' content='/lead.jpg'>"
                   "<meta property='article:tag' content='Transport'>"
                   "<meta property='article:section' content='Local'>",
                   "<article><h1>Bridge to close</h1>" + PROSE + "</article>"))
    art = json.loads(r.to_json())["article"]
    assert art["url"] == "https://example.test/news/bridge"
    assert art["image"] == "https://example.test/lead.jpg"
    assert art["tags"] == ["Transport", "Local"]
    from cleanscrape.models import CleanResult

    assert CleanResult.model_validate_json(r.to_json()) == r


def test_text_pages_have_no_metadata_fields_but_keep_the_url() -> None:
    r = clean("Bridge to close\n\n" + "The council voted on Tuesday to close the bridge. " * 3,
              url="https://example.test/a")
    assert r.article.url == "https://example.test/a"
    assert r.article.image is None and r.article.tags == []


# -- hostile metadata ---------------------------------------------------------------------
def test_broken_jsonld_is_skipped_and_trailing_commas_forgiven() -> None:
    html = page("<script type='application/ld+json'>{not json</script>"
                "<script type='application/ld+json'>{\"@type\": \"Article\", "
                "\"headline\": \"Kept\",}</script>")
    assert ("jsonld", "Kept") in cands(html, "title")


def test_graph_reference_cycles_end() -> None:
    graph = {"@graph": [{"@type": "Article", "@id": "#a", "headline": "H",
                         "author": {"@id": "#b"}, "isPartOf": {"@id": "#a"}},
                        {"@type": "Person", "@id": "#b", "name": "Bo Lee",
                         "knows": {"@id": "#b"}, "worksFor": {"@id": "#a"}}]}
    assert ("jsonld", "Bo Lee") in cands(page(ld(graph)), "author")


def test_deeply_nested_jsonld_does_not_raise() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    doc = html_to_document(page(f"<script type='application/ld+json'>{deep}</script>"))
    assert doc.metadata["jsonld_types"] == []


def test_ten_thousand_meta_tags_are_read_with_bounded_candidates() -> None:
    head = "".join(f"<meta name='keywords' content='tag{i}'>" for i in range(10_000))
    doc = html_to_document(page(head + "<meta property='og:title' content='T'>"))
    assert len(doc.metadata["candidates"]) <= 64 * 12
    assert len(doc.metadata["tags"]) <= 50


def test_a_huge_title_is_cut_not_refused() -> None:
    doc = html_to_document(page("<title>" + "word " * 20_000 + "</title>"))
    assert 0 < len(doc.metadata["html_title"]) <= 2_000


def test_provenance_is_empty_after_a_json_round_trip() -> None:
    from cleanscrape.models import CleanResult

    r = clean(page("", "<article><h1>Bridge to close</h1>" + PROSE + "</article>"))
    assert r.provenance()["title"]["value"] == "Bridge to close"
    assert CleanResult.model_validate_json(r.to_json()).provenance() == {}


def test_the_article_starts_at_its_headline_even_when_taken_for_a_card() -> None:
    from cleanscrape.document import Block, Document
    from cleanscrape.reconcile import article_start

    head = "Ferry fares to rise in the spring"
    blocks = [Block(text="Valley Post", label="noise"),
              Block(text=head, label="teaser"),  # the article's own header, taken for a card
              Block(text="The ferry company said on Monday that fares would rise.", label="body"),
              Block(text="Latest posts", label="noise"),
              Block(text=head + " 4 hours ago", label="noise")]  # a list of the site's posts
    doc = Document(blocks=blocks, metadata={"reconciled": {"title": {"value": head}}})
    assert article_start(doc) == 1
    blocks[1].label = "noise"
    blocks.insert(1, Block(text="Library reopens", label="teaser"))
    assert article_start(Document(blocks=blocks, metadata={
        "reconciled": {"title": {"value": head}}})) == 2

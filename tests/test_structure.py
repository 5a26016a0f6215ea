"""The structure steps on small text pages: header, bylines, teasers, body."""

from __future__ import annotations

import pytest

from cleanscrape import clean
from cleanscrape.sources.text import text_to_document
from cleanscrape.steps.bylines import is_organisation, parse_byline
from cleanscrape.steps.teasers import finish_summary

REF = "2021-06-15T12:00:00+00:00"

BODY = [
    "The council voted on Tuesday to close the old bridge to cars from next spring, "
    "ending months of argument over its future.",
    "Engineers found cracks in two of the bridge’s supports last year, and the city has "
    "spent more than a million dollars on temporary repairs since then.",
    "Cyclists and walkers will still be able to cross, the council said, and a new bus "
    "route will link both banks of the river.",
]


def page(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


# -- text source -------------------------------------------------------------------------
def test_text_source_keeps_provenance() -> None:
    text = "Title line\n\n  Second line  \nThird line\n"
    doc = text_to_document(text)
    assert [b.text for b in doc.blocks] == ["Title line", "Second line", "Third line"]
    assert [b.line for b in doc.blocks] == [1, 3, 4]
    assert [b.group for b in doc.blocks] == [0, 1, 1]
    for b in doc.blocks:
        assert text[b.start:b.end] == b.text


def test_text_source_empty_and_control_characters() -> None:
    assert text_to_document("").blocks == []
    assert text_to_document("\n\n \t\n").blocks == []
    doc = text_to_document("\ufeffHello\x00 world\x07")
    assert doc.blocks[0].text == "Hello world"


# -- bylines ----------------------------------------------------------------------------
@pytest.mark.parametrize("line,authors,source", [
    ("By Jane Roe", ["Jane Roe"], None),
    ("By Jane Roe and John Poe", ["Jane Roe", "John Poe"], None),
    ("By Jane Roe, John Poe and Mary Major", ["Jane Roe", "John Poe", "Mary Major"], None),
    ("Written by", [], None),
    ("By The Valley Post", [], "The Valley Post"),
    ("By Jane Roe, Reuters", ["Jane Roe"], "Reuters"),
    ("Reporting by Jane Roe; Editing by John Poe", ["Jane Roe"], None),
    ("By Ana de la Cruz", ["Ana de la Cruz"], None),
])
def test_parse_byline(line: str, authors: list[str], source: str | None) -> None:
    got = parse_byline(line, language="en")
    assert got is not None
    assert got["authors"] == authors
    assert got["source"] == source


@pytest.mark.parametrize("line,language,authors", [
    ("Von Anna Schmidt und Jonas Weber", "de", ["Anna Schmidt", "Jonas Weber"]),
    ("Por María López y Juan Pérez", "es", ["María López", "Juan Pérez"]),
    ("Par Jean Dupont et Marie Curie", "fr", ["Jean Dupont", "Marie Curie"]),
])
def test_parse_byline_other_languages(line: str, language: str, authors: list[str]) -> None:
    got = parse_byline(line, language=language)
    assert got is not None and got["authors"] == authors


@pytest.mark.parametrize("line", [
    "By the time we arrived, the shop had closed.",
    "By 2030, the city wants every bus to be electric.",
    "Bylaws were changed last year.",
    "By far the largest share went to the north.",
])
def test_sentences_that_start_like_bylines_are_not_bylines(line: str) -> None:
    assert parse_byline(line, language="en") is None


def test_is_organisation() -> None:
    assert is_organisation("The Valley Post")
    assert is_organisation("Coastal News Network")
    assert not is_organisation("Jane Roe")


# -- teaser summaries -------------------------------------------------------------------
@pytest.mark.parametrize("summary,expected,truncated", [
    ("The vote was close.", "The vote was close.", False),
    ("The vote was close…", "The vote was close", True),
    ("The vote was close...", "The vote was close", True),
    ("The vote was cl", "The vote was cl", True),
    ("He said “we will win.”", "He said “we will win.”", False),
    ("He said “we will", "He said “we will", True),
])
def test_finish_summary(summary: str, expected: str, truncated: bool) -> None:
    assert finish_summary(summary) == (expected, truncated)


# -- whole pages ------------------------------------------------------------------------
def test_header_body_and_teasers() -> None:
    text = page(
        "Follow us on Facebook",
        "Old bridge to close to cars",
        "The council says repairs cost too much.",
        "By Jane Roe",
        "Updated: June 3, 2021",
        *BODY,
        "Share this article",
        "More stories",
        "Park to get new playground\nThe city will open a new playground in the spring, the "
        "parks department sai\n\nBy The Valley Post\nJune 1, 2021",
        "Library hours extended\nThe main library will open until 9 p.m. on weekdays.\n\n"
        "By The Valley Post\nMay 30, 2021",
    )
    r = clean(text, reference_time=REF)
    a = r.article
    assert a.title == "Old bridge to close to cars"
    assert a.subtitle == "The council says repairs cost too much."
    assert a.authors == ["Jane Roe"]
    assert a.updated == "2021-06-03" and a.published is None
    assert a.body == "\n\n".join(BODY)
    assert [t.title for t in r.teasers] == ["Park to get new playground", "Library hours extended"]
    assert [t.truncated for t in r.teasers] == [True, False]
    assert [t.source for t in r.teasers] == ["The Valley Post"] * 2
    assert [t.published for t in r.teasers] == ["2021-06-01", "2021-05-30"]
    rules = {x.text: x.rule for x in r.removed}
    assert rules["Follow us on Facebook"].startswith("social")
    assert rules["Share this article"].startswith("share")
    assert rules["More stories"].startswith("related")


def test_page_without_noise_comes_through_untouched() -> None:
    r = clean(page(*BODY), reference_time=REF)
    assert r.article.body == "\n\n".join(BODY)
    assert r.removed == []
    assert r.teasers == []


def test_section_headings_stay_in_the_body() -> None:
    text = page("Bridge to close", "By Jane Roe", BODY[0], "What happens next", BODY[1], BODY[2])
    r = clean(text, reference_time=REF)
    assert r.article.body.split("\n\n") == [BODY[0], "What happens next", BODY[1], BODY[2]]


def test_author_box_names_the_source() -> None:
    text = page("Bridge to close", "By Jane Roe", *BODY,
                "The Valley Post\nAbout the author: The Valley Post is the county’s oldest daily.")
    r = clean(text, reference_time=REF)
    assert r.article.source == "The Valley Post"
    assert r.article.authors == ["Jane Roe"]
    assert any(x.rule == "author_bio" for x in r.removed)
    assert "The Valley Post" not in r.article.body


def test_navigation_around_a_text_dump_is_removed_and_reported() -> None:
    nav = ["Home", "World", "Business", "Sport", "Opinion", "Culture", "Newsletters"]
    foot = ["Contact us", "Privacy policy", "Terms of use", "© 2021 Valley Post"]
    text = page("\n".join(nav), "Bridge to close", *BODY, "\n".join(foot))
    r = clean(text, reference_time=REF)
    assert r.article.body == "\n\n".join(BODY)
    removed = [x.text for x in r.removed]
    for line in nav[1:] + foot:
        assert line in removed


def test_listing_page_has_no_article() -> None:
    text = page("Latest news", *[f"Headline number {i} about the town\nA short line.\n\n"
                                 f"By The Valley Post\nJune {i}, 2021" for i in range(1, 5)])
    r = clean(text, reference_time=REF)
    assert r.article.title is None
    assert r.article.body == ""
    assert len(r.teasers) == 4


def test_nothing_is_lost() -> None:
    text = page("See more on Twitter", "Old bridge to close", "By Jane Roe", "June 3, 2021",
                *BODY, "Advertisement", "12 comments")
    r = clean(text, reference_time=REF)
    doc = r.document
    assert doc is not None
    assert all(b.label is not None for b in doc.blocks)
    assert r.article.published == "2021-06-03"


def test_hard_wrapped_paragraphs_are_joined_but_headlines_keep_their_lines() -> None:
    text = ("Storm closes the harbour road for a night\n"
            "Crews cleared stones and branches before dawn.\n\n"
            "The storm reached the coast on Monday night and the harbour road was\n"
            "closed by the police half an hour later, when the first waves came over\n"
            "the sea wall; it opened again at six in the morning.\n")
    doc = text_to_document(text)
    assert [b.text for b in doc.blocks] == [
        "Storm closes the harbour road for a night",
        "Crews cleared stones and branches before dawn.",
        "The storm reached the coast on Monday night and the harbour road was closed by the "
        "police half an hour later, when the first waves came over the sea wall; it opened "
        "again at six in the morning.",
    ]
    assert doc.blocks[2].line == 4 and doc.blocks[2].data["lines"] == [4, 6]


def test_byline_and_date_of_a_page_with_no_article_are_reported() -> None:
    """A page whose article is not found (here a headline wrapped over two lines over two
    short wrapped paragraphs: no title, too little prose) has no authors and no dates: its
    byline and date lines are listed in ``removed``, in page order, not dropped (found by
    the deep profile of test_nothing_is_lost)."""
    text = ("Share this: Facebook · X · E-mail\n\nCouncil council council council report\n"
            "council council\n\nBy Jane Roe\n\nJanuary 1, 2005\n\n"
            "Council council council council city\ncouncil council council council council.\n\n"
            "Council council council city city city\ncouncil council council council.\n")
    result = clean(text, reference_time=REF)
    a = result.article
    assert (a.title, a.authors, a.published, a.body) == (None, [], None, "")
    removed = [(r.text, r.rule) for r in result.removed]
    assert removed[3:5] == [("By Jane Roe", "byline.no_article"),
                            ("January 1, 2005", "date.no_article")]
    assert len(removed) == 8  # every line of the page, once


def test_byline_parts_are_reported_in_page_order() -> None:
    result = clean(page("Ferry operator orders two electric boats",
                        "Jane Roe, Senior Correspondent | March 3, 2021, 10:30 a.m.",
                        *BODY, "Share this article"), reference_time=REF)
    assert result.article.authors == ["Jane Roe"]
    assert [(r.text, r.rule.split(".")[0]) for r in result.removed] == [
        ("Senior Correspondent", "byline"), ("Share this article", "share")]

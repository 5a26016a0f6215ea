"""Properties of ``clean`` that hold for every input (hypothesis).

Run deeper with ``HYPOTHESIS_PROFILE=deep python -m pytest tests/test_properties.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanscrape import clean
from cleanscrape.document import CONSUMED_LABELS
from cleanscrape.errors import DecodeError
from cleanscrape.testing import (
    HEADER_LANGUAGES,
    NoisyPage,
    Truth,
    hard_wrap,
    header_pages,
    noisy_pages,
)

REF = "2021-06-15T12:00:00+00:00"

# Text with the characters scraped pages are made of: letters of several scripts, digits,
# punctuation, quotes of every kind, and line breaks that make blocks and groups.
page_chars = st.text(
    alphabet=st.sampled_from(list("abcdefghij ABCDEF.,;:!?-—'\"“”„‘’«»…0123456789\n\n\n\t"
                                  "äöüéñçßøåЖжこん中文한")) | st.characters(),
    max_size=400)
page_lines = st.lists(
    st.one_of(
        st.sampled_from(["Share this article", "By Jane Roe", "Updated: June 3, 2021",
                         "Advertisement", "Follow us on Facebook", "Written by", "",
                         "More stories", "© 2021 Valley Post", "3 hours ago"]),
        st.text(st.characters(blacklist_categories=["Cs"]), max_size=160),
    ), max_size=25,
).map("\n".join)


@given(st.one_of(page_chars, page_lines))
def test_clean_never_raises_on_any_str(text: str) -> None:
    result = clean(text, reference_time=REF)
    assert isinstance(result.article.body, str)


@given(st.binary(max_size=300))
def test_bytes_raise_only_the_decode_error(data: bytes) -> None:
    try:
        clean(data, reference_time=REF)
    except DecodeError:
        pass


# A page with no article (its headline wrapped over two lines, too little prose) still
# reports its byline and date lines, in ``removed``.
@example("Share this: Facebook · X · E-mail\n\nCouncil council council council report\n"
         "council council\n\nBy Jane Roe\n\nJanuary 1, 2005\n\n"
         "Council council council council city\ncouncil council council council council.\n\n"
         "Council council council city city city\ncouncil council council council.\n")
@example("\x7f")  # a line of a control character alone is no line
@given(st.one_of(page_lines, noisy_pages().map(lambda p: p.text),
                 noisy_pages().map(lambda p: hard_wrap(p.text)),
                 header_pages().map(lambda p: p.text),
                 header_pages().map(lambda p: hard_wrap(p.text, 40))))
def test_nothing_is_lost(text: str) -> None:
    """Every input line ends in a field, the body, a teaser or ``removed``: the title,
    byline and date blocks too, and on hard-wrapped text."""
    result = clean(text, reference_time=REF)
    doc = result.document
    assert doc is not None
    removed = [r.text for r in result.removed]
    a = result.article
    shown = " ".join(filter(None, [a.title, a.subtitle, a.source, *a.authors, *removed]))
    body = result.article.body
    teaser_text = " ".join(" ".join(filter(None, [t.title, t.summary, t.source]))
                           for t in result.teasers)
    for b in doc.blocks:
        assert b.label is not None, b
        if b.label == "noise":
            assert b.rule and b.text in removed
        elif b.label in ("body", "heading"):
            assert b.text.strip() in body
        elif b.label == "teaser":
            assert b.data.get("field") in ("title", "summary", "source", "date")
            if b.data["field"] in ("title",):
                assert b.text.strip() in teaser_text
        else:
            assert b.label in CONSUMED_LABELS
            if b.label == "title":
                assert a.title is not None and b.text.strip() in a.title
            elif b.label == "subtitle":
                assert a.subtitle is not None and b.text.strip() in a.subtitle
            elif (b.label == "date" or b.label == "byline" and "date" in b.data) \
                    and (a.title or a.body):
                assert a.published or a.updated, b.text
            if b.label in ("byline", "date") and not (a.title or a.body):
                # A page with no article has no authors and no date: the line is reported.
                assert b.text in removed, b.text
            if b.label == "byline":
                by = b.data.get("byline") or {}
                for part in [*by.get("authors", []), *by.get("rest", [])]:
                    assert part in shown, (part, b.text)
                if by.get("source"):  # one source per article: the first that names it
                    assert a.source is not None, b.text
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    covered = sum(b.data["lines"][1] - b.data["lines"][0] + 1 if "lines" in b.data else 1
                  for b in doc.blocks)  # a hard-wrapped paragraph is one block of its lines
    # (The text source drops control characters, C0 and DEL, as its docstring says.)
    assert covered == len([ln for ln in lines if ln.translate(
        {c: None for c in [*range(32), 0x7F]}).strip()])


@given(st.one_of(page_lines, noisy_pages().map(lambda p: p.text)))
def test_idempotent_on_its_own_body(text: str) -> None:
    body = clean(text, reference_time=REF).article.body
    again = clean(body, reference_time=REF).article.body
    assert again == body


@given(noisy_pages())
def test_generated_pages_come_out_as_their_truth(page) -> None:  # type: ignore[no-untyped-def]
    result = clean(page.text, reference_time=page.reference_time, language=page.language)
    truth = page.truth
    a = result.article
    assert a.title == truth.title
    assert a.authors == truth.authors
    assert (a.published, a.updated) == (truth.published, truth.updated)
    assert a.body == truth.body
    got = [(t.title, t.summary, t.source, t.published, t.truncated) for t in result.teasers]
    want = [(t.title, t.summary, t.source, t.published, t.truncated) for t in truth.teasers]
    assert got == want
    rules = {r.text: r.rule for r in result.removed}
    for text, family in truth.removed:
        assert text in rules, text
        assert rules[text].split(".")[0] == family, (text, rules[text])


@given(header_pages())
def test_header_headline_is_title_over_unknown_ui_lines(page) -> None:  # type: ignore[no-untyped-def]
    """A header of an unknown UI line, the headline, a byline and a date line: the
    headline is the title, the byline's names the authors, the date line the date."""
    result = clean(page.text, reference_time=page.reference_time, language=page.language)
    a = result.article
    assert a.title == page.truth.title
    assert a.authors == page.truth.authors
    assert a.published == page.truth.published
    assert a.body == page.truth.body


@pytest.mark.parametrize("language", HEADER_LANGUAGES)
def test_header_headline_is_title_in_each_language(language: str) -> None:
    # A share of the profile's budget for each language (25 in the CI profile).
    @settings(max_examples=max(25, settings.default.max_examples // 6))
    @given(header_pages(languages=(language,)))
    def check(page) -> None:  # type: ignore[no-untyped-def]
        result = clean(page.text, reference_time=page.reference_time, language=page.language)
        assert result.article.title == page.truth.title
        assert result.article.authors == page.truth.authors

    check()


def _wrapped_quote_page(title: str, quote: str) -> NoisyPage:
    """A page whose first paragraph opens with a quotation that ends on a comma, wrapped
    right after the quotation's closing mark (“…,”), mid-sentence."""
    rest = "Council council council council council council council council council council."
    para = f"“{quote},” council council council."
    return NoisyPage(
        text=f"{title}\n\nPublished: January 1, 2005\n\n”{quote},” council council council."
             f"\n\n{rest}\n",
        truth=Truth(title=title, authors=[], published="2005-01-01", updated=None,
                    body=f"{para}\n\n{rest}"))


# A line that ends in ,” breaks off mid-sentence: once it was taken for a paragraph of its
# own (the body lost it, or it became the title).
@example(_wrapped_quote_page("Council council council council",
                             "Council council council council council council city tax"))
@example(_wrapped_quote_page("Council council council",
                             "Council council council council council council council"))
@given(noisy_pages(languages=("en", "es", "fr"), teasers=False))
def test_hard_wrapped_pages_keep_their_article(page) -> None:  # type: ignore[no-untyped-def]
    """A page whose paragraphs a scraper broke into lines comes out with the same title,
    authors and body text. (German is left out: a line of two wrapped lines whose second
    starts with a noun is told from a headline over its dek only by the page's column,
    which a page of short paragraphs does not show.)"""
    # Paragraphs wrapped at a column; the headline is no wider than the column.
    width = max(60, len(page.truth.title or "") + 1)
    result = clean(hard_wrap(page.text, width), reference_time=page.reference_time,
                   language=page.language)
    assert result.article.title == page.truth.title
    assert result.article.authors == page.truth.authors
    assert " ".join(result.article.body.split()) == " ".join(page.truth.body.split())

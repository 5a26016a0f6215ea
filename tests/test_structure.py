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


@pytest.mark.parametrize("line,language,authors", [
    ("김민지 기자", "ko", ["김민지"]),
    ("김민지·박영수 기자", "ko", ["김민지", "박영수"]),
    ("田中健太記者", "ja", ["田中健太"]),
])
def test_bylines_that_name_the_reporter_first(line: str, language: str, authors: list[str]) -> None:
    got = parse_byline(line, language=language)
    assert got is not None and got["authors"] == authors


@pytest.mark.parametrize("line,language", [
    ("김민지 기자", "en"),                     # the title belongs to the page's language
    ("시 관계자는 기자", "ko"),                # words, not a name, before the title
    ("해안시는 14일 기자회견을 열었다", "ko"),  # the title word inside a sentence
])
def test_lines_ending_in_a_title_word_are_not_always_bylines(line: str, language: str) -> None:
    assert parse_byline(line, language=language) is None


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


@pytest.mark.parametrize("lead", [
    # a standfirst without a final stop, right above the text
    "What the closure means for the thousands who cross the river every day",
    # a lead paragraph between the byline and the date line
    "The old bridge will close to cars next spring after engineers found cracks in it.",
    # a label that introduces the text
    "Key points:",
])
def test_a_lead_under_the_headline_belongs_to_the_text(lead: str) -> None:
    title = "Old bridge to close to cars from next spring"
    if lead.endswith("it."):
        parts = [title, "By Jane Roe", lead, "June 3, 2021", *BODY]
    else:
        parts = [title, "By Jane Roe", "June 3, 2021", lead, *BODY]
    r = clean(page(*parts), reference_time=REF)
    assert r.article.body.split("\n\n") == [lead, *BODY]
    assert r.article.title == title
    assert r.article.authors == ["Jane Roe"]
    assert r.article.published == "2021-06-03"


@pytest.mark.parametrize("line", [
    "Jump to Recipe",  # a short UI line
    "Politics, Budget, Council",  # a row of tags
    "June 3, 2021 Politics Council",  # a dateline with its section
])
def test_lines_above_the_text_that_are_not_a_lead_stay_out(line: str) -> None:
    title = "Old bridge to close to cars from next spring"
    r = clean(page(title, "By Jane Roe", line, *BODY), reference_time=REF)
    assert r.article.title == title
    assert r.article.body.split("\n\n") == BODY


# -- scripts without spaces and long words ------------------------------------------------
def test_cjk_lines_count_their_words_and_weigh_their_characters() -> None:
    from cleanscrape.steps._shape import text_length, word_count

    assert word_count("基本の肉じゃが") == 4          # a short headline is not one word
    assert word_count("Home") == 1
    assert text_length("火を止めて一度冷ますと、味がしみます。") > 40  # a sentence weighs like one
    assert text_length("Rain.") == 5


def test_korean_dek_under_a_quoted_headline() -> None:
    """A dek of seven long Korean words under the headline is the dek, not the title."""
    from cleanscrape.steps._header import is_dek_under

    assert is_dek_under("해송동 골목에서 20년째 제과점을 운영하는 박영수 씨",
                        '"동네 빵집을 지킨 건 단골손님들이었죠"')
    assert not is_dek_under("Council votes today", "Bridge to close")


def test_recipe_in_a_script_without_spaces_keeps_its_lists_and_tip() -> None:
    """Cooking time, ingredients with measure words ("大さじ2") and the tip under a
    heading are the recipe's text; the headline above the date is the title."""
    text = page("台所ノート", "お気に入りに保存", "基本の肉じゃが", "2021年6月11日",
                "ほくほくのじゃがいもに甘辛い味がしみた、定番の家庭料理です。",
                "調理時間：40分", "材料（2人分）", "じゃがいも 3個", "しょうゆ 大さじ2",
                "砂糖 大さじ1と1/2", "作り方",
                "1. じゃがいもは皮をむいて一口大に切り、水にさらす。",
                "2. 鍋に油を熱し、牛肉と玉ねぎを炒める。", "ポイント",
                "火を止めて一度冷ますと、じゃがいもに味がよくしみます。")
    got = clean(text, reference_time=REF)
    assert got.article.title == "基本の肉じゃが"
    body = got.article.body.split("\n\n")
    assert body[0].startswith("ほくほく") and "調理時間：40分" in body and "しょうゆ 大さじ2" in body
    assert body[-2:] == ["ポイント", "火を止めて一度冷ますと、じゃがいもに味がよくしみます。"]


def test_publication_words_in_more_languages() -> None:
    for name in ("Заречный вестник", "Głos Nadwarcia", "Diário do Alva", "Agenzia Tirreno"):
        assert is_organisation(name), name
    assert not is_organisation("Ольга Миронова")


def test_live_page_text_reaches_across_entries_without_a_sentence() -> None:
    """An entry made of a heading, a lead-in and a list (no sentence of its own) does not
    end a live page's text: the entries after it are the text's too."""
    text = page("Паводок: онлайн-трансляция", "Автор: Ольга Миронова",
                "17:35", "Уровень воды начал снижаться",
                "По данным гидрологов, за последние два часа уровень реки у моста опустился "
                "на 12 сантиметров.",
                "Реклама", "11:45", "Что взять с собой при эвакуации",
                "Спасатели напоминают, что при эвакуации нужно взять с собой:",
                "документы и банковские карты", "лекарства на несколько дней",
                "зарядное устройство для телефона", "запас питьевой воды",
                "08:10", "Вода поднялась выше рекордной отметки",
                "Ночью уровень воды превысил рекорд 1994 года. В трёх районах введён режим "
                "чрезвычайной ситуации.",
                "Читайте также: Как получить компенсацию")
    body = clean(text, reference_time=REF).article.body.split("\n\n")
    assert body[0] == "17:35" and "Реклама" not in body
    assert body[-3:] == ["08:10", "Вода поднялась выше рекордной отметки",
                         "Ночью уровень воды превысил рекорд 1994 года. В трёх районах введён "
                         "режим чрезвычайной ситуации."]
    assert "запас питьевой воды" in body


def test_the_first_line_is_the_title_where_no_headline_is_found() -> None:
    # A dump that starts with the page's <title>, then a menu, then prose: no headline.
    text = page("Bridge to close to cars next spring | Valley Post", "Home\nNews\nSport",
                *BODY)
    r = clean(text, reference_time=REF)
    assert r.article.title == "Bridge to close to cars next spring"
    assert r.provenance()["title"]["source"] == "first_line"
    assert r.article.body.split("\n\n") == BODY


@pytest.mark.parametrize("first", [
    "Home",  # a menu item
    "The Valley Post",  # a masthead
    "The council voted on Tuesday to close the old bridge.",  # a sentence
])
def test_a_first_line_that_is_no_document_title_is_not_the_title(first: str) -> None:
    r = clean(page(first, "News\nSport", *BODY), reference_time=REF)
    assert r.article.title != first.rstrip(".")
    assert r.provenance()["title"]["source"] != "first_line"


@pytest.mark.parametrize("line,author", [
    ("23.06.2016 um 16:14 Uhr - Jane Roe - 91 Kommentare", "Jane Roe"),
    ("Gepostet von Katharina Roe | Wohnen", "Katharina Roe"),
])
def test_header_lines_that_name_the_author_beside_a_date_or_a_section(line: str,
                                                                      author: str) -> None:
    body = ["Die Stadt plant neue Radwege entlang des Flusses, sagte der Bürgermeister am "
            "Montag vor dem Rat.",
            "Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, die Kosten "
            "trägt zum größten Teil das Land."]
    r = clean(page("Neue Radwege am Fluss geplant", line, *body), reference_time=REF,
              language="de")
    assert r.article.authors == [author]
    assert line not in r.article.body


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

"""Dates for machines: metadata values, page addresses, and choosing a page's dates."""

from __future__ import annotations

import datetime as dt

import pytest

from cleanscrape.dates import (
    DateCandidate,
    DateValue,
    date_from_url,
    parse_machine_date,
    read_date_line,
    resolve_dates,
)

REF = "2021-06-15T12:00:00+00:00"


def V(iso: str) -> DateValue:
    """A DateValue with the precision its ISO form has."""
    if len(iso) == 4:
        return DateValue(iso, "year")
    if len(iso) == 7:
        return DateValue(iso, "month")
    if len(iso) == 10:
        return DateValue(iso, "day")
    return DateValue(iso, "second" if len(iso) > 16 and iso[16] == ":" else "minute")


# -- parse_machine_date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2019-11-20", "2019-11-20"),
        ("20191120", "2019-11-20"),
        ("2019-11", "2019-11"),
        ("2019", "2019"),
        ("2019-11-20T10:00:00Z", "2019-11-20T10:00:00+00:00"),
        ("2019-11-20T10:00:00.000Z", "2019-11-20T10:00:00+00:00"),
        ("2019-11-20T10:00:00+09:00", "2019-11-20T10:00:00+09:00"),
        ("2019-11-20T10:00:00+0900", "2019-11-20T10:00:00+09:00"),
        ("2019-11-20T10:00:00-05:00", "2019-11-20T10:00:00-05:00"),
        ("2019-11-20T10:00", "2019-11-20T10:00"),
        ("2019-11-20 10:00:00", "2019-11-20T10:00:00"),
        ("  2019-11-20T10:00:00Z  ", "2019-11-20T10:00:00+00:00"),
        ("20191120T100000Z", "2019-11-20T10:00:00+00:00"),
        ("2019-W47-3", "2019-11-20"),
        ("2019-324", "2019-11-20"),
        # liberties real pages take (seen in the dates-dev corpus)
        ("2020-09-26T07:55:59CDT", "2020-09-26T07:55:59-05:00"),
        ("2020-09-26T12:07:40+02:00CET", "2020-09-26T12:07:40+02:00"),
        ("2020-12-05T23:15:0Z", "2020-12-05T23:15:00+00:00"),
        ("20200316T08:55:00Z", "2020-03-16T08:55:00+00:00"),
        ("2020-06-03T03:01+0400", "2020-06-03T03:01+04:00"),
        ("2020/04/22 07:07:05", "2020-04-22T07:07:05"),
        ("Tue, 20 Nov 2019 10:00:00 GMT", "2019-11-20T10:00:00+00:00"),
        ("20 Nov 2019 10:00:00 +0100", "2019-11-20T10:00:00+01:00"),
        ("Wed, 20 Nov 2019", "2019-11-20"),
        ("Sun, 11 Oct 2020 07:34:36 GMT", "2020-10-11T07:34:36+00:00"),
        ("Tue, Sep 15 2020 10:01:41 EDT", "2020-09-15T10:01:41-04:00"),
        ("04:25:06 PM IST Apr 08, 2020", "2020-04-08T16:25:06+05:30"),
        (
            "Wed Nov 20 2019 10:00:00 GMT+0000 (Coordinated Universal Time)",
            "2019-11-20T10:00:00+00:00",
        ),
        ("November 20, 2019", "2019-11-20"),
        ("20/11/2019", "2019-11-20"),
    ],
)
def test_parse_machine_date(value: str, iso: str) -> None:
    got = parse_machine_date(value)
    assert got is not None
    assert got.iso == iso


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "null",
        "undefined",
        "0",
        "1574244000",
        "1574244000000",
        "0001-01-01",
        "1970-01-01T00:00:00Z",
        "2099-01-01",
        "2019-13-01",
        "2019-02-30",
        "2019-11-20T25:00:00Z",
        "2019-11-20T10:00:00+15:00",
        "04/05/2021",
        "2019-W60-1",
        "2019-400",
        "yesterday afternoon",
        "Version 2.0.19",
        "x" * 500,
        "2019-11-20T10:00:00XYZ",
    ],
)
def test_parse_machine_date_refuses(value: str) -> None:
    assert parse_machine_date(value) is None


def test_parse_machine_date_not_a_string() -> None:
    assert parse_machine_date(None) is None  # type: ignore[arg-type]
    assert parse_machine_date(1574244000) is None  # type: ignore[arg-type]


# -- date_from_url ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://www.thestar.com/news/world/us/2020/03/23/ap-exclusive.html", "2020-03-23"),
        ("https://chicago.suntimes.com/2020/6/24/21302329/trump-judges", "2020-06-24"),
        ("https://www.eldia.com/nota/2020-4-15-16-5-0-en-ruta-36", "2020-04-15"),
        ("https://economia.ig.com.br/2020-11-26/agronegocio.html", "2020-11-26"),
        ("https://www.recordonline.com/news/20200316/rockland?rssfeed=true", "2020-03-16"),
        ("https://www.inquirer.com/news/us-state-department-20200718.html", "2020-07-18"),
        ("https://news.chosun.com/site/data/html_dir/2020/08/27/2020082704301.html", "2020-08-27"),
        ("https://www.youm7.com/story/2020/8/24/%D9%88%D8%B2%D9%8A%D8%B1/4943459", "2020-08-24"),
        ("http://bohemia.cu/nacionales/2020/03/adoptan-medidas/", "2020-03"),
        ("https://example.blogspot.com/2020/07/consumers.html", "2020-07"),
        ("https://example.com/archive/2020/07/", "2020-07"),
    ],
)
def test_date_from_url(url: str, iso: str) -> None:
    got = date_from_url(url)
    assert got is not None
    assert got.iso == iso


@pytest.mark.parametrize(
    "url",
    [
        "https://sn.dk/Erhverv/Forstaerket-haab/artikel/900368?rss",
        "https://arabic.sputniknews.com/arab_world/202003171044893040-story/",  # an ID, not a date
        "https://news.biglobe.ne.jp/entertainment/0215/ori_200215_7568645051.html",  # two-digit year
        "https://theweek.com/speedreads/887020/trump-days-2019",  # a year alone
        "https://example.com/2019/13/45/story",
        "https://example.com/1985/05/04/story",  # before the web
        "https://example.com/2099/05/04/story",  # the future
        "https://example.com/sport/2019-20-season/",
        "https://example.com/?date=2019-11-20",  # only the path is read
        "",
        "not a url at all",
        "http://[::1",  # malformed
    ],
)
def test_date_from_url_refuses(url: str) -> None:
    assert date_from_url(url) is None


def test_date_from_url_first_date_wins() -> None:
    assert date_from_url("https://example.com/2020/07/08/c3d22ec8/2019/01/01/x") == DateValue(
        "2020-07-08", "day"
    )


# -- resolve_dates ------------------------------------------------------------------------------


def C(iso: str, field: str | None, source: str) -> DateCandidate:
    return DateCandidate(V(iso), field, source)


def test_metadata_refines_the_visible_day() -> None:
    cands = [
        C("2019-08-21", "published", "visible.labelled"),
        C("2019-08-21T09:30:00+09:00", "published", "jsonld"),
    ]
    assert resolve_dates(cands, reference_time=REF) == (V("2019-08-21T09:30:00+09:00"), None)


def test_visible_wins_over_disagreeing_metadata() -> None:
    cands = [
        C("2019-08-21", "published", "visible.labelled"),
        C("2019-08-20T22:00:00+00:00", "published", "meta"),
    ]
    assert resolve_dates(cands, reference_time=REF) == (V("2019-08-21"), None)


def test_only_updated_visible_means_no_published() -> None:
    cands = [C("2019-08-21", "updated", "visible.labelled")]
    assert resolve_dates(cands, reference_time=REF) == (None, V("2019-08-21"))
    # ... even with a date in the address
    cands.append(C("2019-08-20", "published", "url"))
    assert resolve_dates(cands, reference_time=REF) == (None, V("2019-08-21"))


def test_metadata_published_fills_in_unless_contradicted() -> None:
    cands = [
        C("2019-08-21", "updated", "visible.labelled"),
        C("2019-08-19T08:00:00+00:00", "published", "meta"),
    ]
    assert resolve_dates(cands, reference_time=REF) == (
        V("2019-08-19T08:00:00+00:00"),
        V("2019-08-21"),
    )
    cands = [
        C("2019-08-21", "updated", "visible.labelled"),
        C("2019-08-25T08:00:00+00:00", "published", "meta"),
    ]
    assert resolve_dates(cands, reference_time=REF) == (None, V("2019-08-21"))


def test_visible_unlabelled_is_published() -> None:
    cands = [
        C("2019-08-21", None, "visible.unlabelled"),
        C("2019-08-18T08:00:00+00:00", "published", "jsonld"),
    ]
    assert resolve_dates(cands, reference_time=REF) == (V("2019-08-21"), None)
    labelled = [C("2019-08-20", "published", "visible.labelled"), *cands]
    assert resolve_dates(labelled, reference_time=REF)[0] == V("2019-08-20")


def test_metadata_modified_needs_to_be_clearly_later() -> None:
    pub = C("2020-03-27T21:06:03+00:00", "published", "jsonld")
    same = C("2020-03-27T21:08:26+00:00", "updated", "jsonld")
    later = C("2020-03-28T09:00:00+00:00", "updated", "jsonld")
    assert resolve_dates([pub, same], reference_time=REF) == (pub.value, None)
    assert resolve_dates([pub, later], reference_time=REF) == (pub.value, later.value)


def test_updated_is_never_copied_into_published() -> None:
    cands = [C("2020-03-28T09:00:00+00:00", "updated", "jsonld")]
    assert resolve_dates(cands, reference_time=REF) == (None, V("2020-03-28T09:00:00+00:00"))


def test_url_is_the_last_resort() -> None:
    assert resolve_dates([C("2020-03-23", "published", "url")], reference_time=REF) == (
        V("2020-03-23"),
        None,
    )
    cands = [
        C("2020-03-23", "published", "url"),
        C("2020-03-24T08:00:00+00:00", "published", "meta"),
    ]
    assert resolve_dates(cands, reference_time=REF)[0] == V("2020-03-24T08:00:00+00:00")


def test_metadata_trust_order() -> None:
    cands = [
        C("2020-03-24T08:00:00+00:00", "published", "time"),
        C("2020-03-23T08:00:00+00:00", "published", "jsonld"),
    ]
    assert resolve_dates(cands, reference_time=REF)[0] == V("2020-03-23T08:00:00+00:00")


def test_implausible_candidates_are_ignored() -> None:
    cands = [
        C("2021-07-01", "published", "visible.labelled"),
        C("1970-01-01T00:00:00+00:00", "published", "meta"),
        C("2020-03-23", "published", "url"),
    ]
    assert resolve_dates(cands, reference_time=REF) == (V("2020-03-23"), None)


def test_month_precision_is_refined_by_metadata() -> None:
    cands = [
        C("2021-03", "published", "visible.labelled"),
        C("2021-03-03T10:00:00+00:00", "published", "meta"),
    ]
    assert resolve_dates(cands, reference_time=REF)[0] == V("2021-03-03T10:00:00+00:00")


def test_empty_and_reference_time_default() -> None:
    assert resolve_dates([]) == (None, None)
    recent = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).date().isoformat()
    assert resolve_dates([C(recent, "published", "visible.labelled")]) == (V(recent), None)


def test_candidate_checks_its_field() -> None:
    with pytest.raises(ValueError):
        DateCandidate(V("2020-01-01"), "created", "meta")
    assert DateCandidate(V("2020-01-01"), None, "visible.unlabelled").visible
    assert not DateCandidate(V("2020-01-01"), None, "time").visible


def test_dateparser_is_budgeted_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of many date-like lines in a language without a rule file asks dateparser at
    most the page budget's number of times, whatever the page holds."""
    from cleanscrape import clean
    from cleanscrape.dates import _fallback

    parsed: list[str] = []
    real_parser = _fallback._parser

    class Counting:
        def __init__(self, inner: object) -> None:
            self.inner = inner

        def get_date_data(self, text: str) -> object:
            parsed.append(text)
            return self.inner.get_date_data(text)  # type: ignore[attr-defined]

    def parser(*args: object) -> object:
        inner = real_parser(*args)  # type: ignore[arg-type]
        return Counting(inner) if inner is not None else None

    monkeypatch.setattr(_fallback, "_parser", parser)
    lines = "".join(f"<li>Uusi päivitys {i} tammikuuta</li>" for i in range(1, 300))
    clean(f"<html lang='fi'><body><ul>{lines}</ul></body></html>")
    assert 0 < len(parsed) <= _fallback.PAGE_BUDGET
    assert _fallback.FALLBACK_BUDGET.get() is None  # reset after the page


@pytest.mark.parametrize("line", ["Ada Jin Chi (2", "Chemical Monkey Band (3", "Dong Yu Zhe 7"])
def test_names_with_a_count_never_reach_dateparser(monkeypatch, line: str) -> None:
    """In a language without a rule file, a line of three unknown words and a number is a
    name with a count, not a date: dateparser (slow) is not asked."""
    from cleanscrape.dates import _fallback, _read

    def refuse(*args: object) -> None:
        raise AssertionError(f"dateparser asked about {args[0]!r}")

    monkeypatch.setattr(_read, "dateparser_read", refuse)
    assert read_date_line(line, language="yue", reference_time="2021-06-15T12:00:00Z") is None
    assert _fallback.PAGE_BUDGET <= 30  # a page's readings stay few

"""The date reader: the table of date lines, and the public functions one by one."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleanscrape.dates import (
    DateCandidate,
    DateValue,
    date_from_url,
    date_order,
    infer_date_order,
    looks_like_date,
    parse_date,
    parse_machine_date,
    read_date_fields,
    read_date_line,
    resolve_dates,
    supported_languages,
)
from cleanscrape.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "fixtures" / "dates" / "lines.jsonl"
REF = "2021-06-15T12:00:00+00:00"


def _rows() -> list[dict[str, object]]:
    return [
        json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _row_id(index: int, row: dict[str, object]) -> str:
    slug = re.sub(r"\W+", "_", str(row["text"]), flags=re.UNICODE).strip("_")[:40]
    return f"{index:03d}-{row['language']}-{slug}"


ROWS = _rows()


# -- the table ------------------------------------------------------------------------------


def test_table_is_large_and_varied() -> None:
    assert len(ROWS) >= 270
    assert sum(row["expected"] is None for row in ROWS) >= 45
    assert sum(not str(row["language"]).startswith("en") for row in ROWS) * 2 >= len(ROWS)
    languages = {str(row["language"]).split("-")[0] for row in ROWS}
    assert set(supported_languages()) <= languages


@pytest.mark.parametrize("row", ROWS, ids=[_row_id(i, r) for i, r in enumerate(ROWS)])
def test_table(row: dict[str, object]) -> None:
    got = read_date_line(
        str(row["text"]), language=str(row["language"]), reference_time=str(row["reference_time"])
    )
    if row["expected"] is None:
        assert got is None
    else:
        assert got is not None, "no date read"
        field, value = got
        assert value.iso == row["expected"]
        assert field == row["field"]


# -- read_date_line / read_date_fields --------------------------------------------------------


def test_seed_line() -> None:
    assert read_date_line("Updated: August 21, 2019", language="en", reference_time=REF) == (
        "updated",
        DateValue("2019-08-21", "day"),
    )


def test_several_dates_on_one_line() -> None:
    fields = read_date_fields(
        "Published: March 3, 2021 | Updated: March 4, 2021", language="en", reference_time=REF
    )
    assert fields == [
        ("published", DateValue("2021-03-03", "day")),
        ("updated", DateValue("2021-03-04", "day")),
    ]
    korean = read_date_fields(
        "입력 2019.08.21 10:30 수정 2019.08.21 14:00", language="ko", reference_time=REF
    )
    assert korean is not None
    assert [(f, v.iso) for f, v in korean] == [
        ("published", "2019-08-21T10:30"),
        ("updated", "2019-08-21T14:00"),
    ]


def test_time_alone_takes_the_day_before_it() -> None:
    fields = read_date_fields(
        "Publicado el 3 de marzo de 2021 - Actualizado a las 18:30",
        language="es",
        reference_time=REF,
    )
    assert fields is not None
    assert fields[1] == ("updated", DateValue("2021-03-03T18:30", "minute"))
    assert read_date_line("Updated 18:30", language="en", reference_time=REF) is None


def test_labels_after_the_date() -> None:
    assert read_date_line("2019年8月21日 10:12更新", language="ja", reference_time=REF) == (
        "updated",
        DateValue("2019-08-21T10:12", "minute"),
    )
    assert read_date_line("March 3, 2021 (updated)", language="en", reference_time=REF) == (
        "updated",
        DateValue("2021-03-03", "day"),
    )


def test_bylines_are_not_date_lines() -> None:
    for line in (
        "By Jane Roe | Updated 3 hours ago",
        "Posted on March 3, 2021 by admin",
        "Posted by admin",
    ):
        assert read_date_line(line, language="en", reference_time=REF) is None


def test_language_none_knows_every_language() -> None:
    assert read_date_line("Zuletzt aktualisiert am 3. März 2021", reference_time=REF) == (
        "updated",
        DateValue("2021-03-03", "day"),
    )
    assert read_date_line("Publié le 1er mars 2021", reference_time=REF) == (
        "published",
        DateValue("2021-03-01", "day"),
    )


def test_unknown_language_uses_english_and_numbers() -> None:
    assert read_date_line("03.03.2021 18:30", language="cs", reference_time=REF) == (
        None,
        DateValue("2021-03-03T18:30", "minute"),
    )
    assert read_date_line("Updated March 3, 2021", language="xx", reference_time=REF) == (
        "updated",
        DateValue("2021-03-03", "day"),
    )


def test_fallback_reads_month_names_of_languages_without_rules() -> None:
    got = read_date_line("3. března 2021", language="cs", reference_time=REF)
    assert got == (None, DateValue("2021-03-03", "day"))
    assert read_date_line("Pokoj 1108", language="cs", reference_time=REF) is None


def test_long_and_odd_input() -> None:
    assert read_date_line("Updated " + "x" * 5000, language="en") is None
    assert read_date_line("", language="en") is None
    assert read_date_line("   ", language="en") is None
    assert read_date_line(None, language="en") is None  # type: ignore[arg-type]


# -- parse_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("August 21, 2019", "en", "2019-08-21"),
        ("21. August 2019, 14:05 Uhr", "de", "2019-08-21T14:05"),
        ("3 hours ago", "en", "2021-06-15T09:00+00:00"),
        ("2019-08-21T09:30:00+09:00", None, "2019-08-21T09:30:00+09:00"),
        ("Aug. 21st, 2019, 9:30 a.m. EDT", "en", "2019-08-21T09:30-04:00"),
        ("Tue, 20 Nov 2019 10:00:00 GMT", "en", "2019-11-20T10:00:00+00:00"),
        ("2019年8月21日", "ja", "2019-08-21"),
        ("2019년 8월 21일 오후 3시 20분", "ko", "2019-08-21T15:20"),
        ("21 августа 2019 г.", "ru", "2019-08-21"),
        ("hace 2 días", "es", "2021-06-13"),
        ("há 3 dias", "pt", "2021-06-12"),
        ("il y a 2 jours", "fr", "2021-06-13"),
        ("vor 3 Stunden", "de", "2021-06-15T09:00+00:00"),
        ("3天前", "zh", "2021-06-12"),
        ("2일 전", "ko", "2021-06-13"),
        ("3 часа назад", "ru", "2021-06-15T09:00+00:00"),
        ("2019", "en", "2019"),
        ("2021-03", "en", "2021-03"),
        ("March 2021", "en", "2021-03"),
        ("yesterday", "en", "2021-06-14"),
        ("10:30 IST, 21 Aug 2019", "en", "2019-08-21T10:30+05:30"),
    ],
)
def test_parse_date(text: str, language: str | None, iso: str) -> None:
    value = parse_date(text, language=language, reference_time=REF)
    assert value is not None
    assert value.iso == iso


@pytest.mark.parametrize(
    "text",
    [
        "Updated: August 21, 2019",
        "The law took effect on March 3, 2021.",
        "Version 2.0.19",
        "3-1",
        "$20.19",
        "12.5",
        "Room 1108",
        "40.7128, -74.0060",
        "June 17, 2021",
        "Feb 30, 2020",
        "March for our lives",
    ],
)
def test_parse_date_refuses(text: str) -> None:
    assert parse_date(text, language="en", reference_time=REF) is None


def test_reference_time_forms() -> None:
    naive = dt.datetime(2021, 6, 15, 1, 0)
    aware = dt.datetime(2021, 6, 15, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    # naive counts as UTC and the moment carries no offset: 01:00 minus 3 hours
    assert parse_date("3 hours ago", reference_time=naive) == DateValue("2021-06-14T22:00", "minute")
    # an aware time counts in its own zone, and the moment keeps its offset
    assert parse_date("2時間前", language="ja", reference_time=aware) == DateValue(
        "2021-06-14T23:00+09:00", "minute"
    )
    assert parse_date("3 hours ago", reference_time="2021-06-15T12:00:00Z") == DateValue(
        "2021-06-15T09:00+00:00", "minute"
    )
    assert parse_date("3 hours ago", reference_time="2021-06-15T12:00:00") == DateValue(
        "2021-06-15T09:00", "minute"
    )
    # a day word with a clock is a moment; alone, and counts of days, are days
    assert parse_date("Yesterday, 18:05", reference_time="2021-06-15T12:00:00+02:00") == DateValue(
        "2021-06-14T18:05+02:00", "minute"
    )
    assert parse_date("3 days ago", reference_time="2021-06-15T12:00:00+02:00") == DateValue(
        "2021-06-12", "day"
    )
    assert parse_date("yesterday", reference_time=dt.date(2021, 6, 15)) == DateValue(
        "2021-06-14", "day"
    )
    with pytest.raises(InputError):
        parse_date("3 hours ago", reference_time="last Tuesday")


def test_default_reference_time_is_now() -> None:
    today = dt.datetime.now(dt.timezone.utc).date()
    value = parse_date("2 days ago")
    assert value is not None
    assert value.to_date() == today - dt.timedelta(days=2)


def test_relative_months_and_years_keep_the_day() -> None:
    assert parse_date("1 month ago", reference_time="2021-03-31T12:00:00Z") == DateValue(
        "2021-02-28", "day"
    )
    assert parse_date("1 year ago", reference_time="2024-02-29T12:00:00Z") == DateValue(
        "2023-02-28", "day"
    )
    assert parse_date("2 weeks ago", reference_time=REF) == DateValue("2021-06-01", "day")


def test_order_override_and_weekday() -> None:
    assert parse_date("04/05/2021", language="en-US", reference_time=REF) == DateValue(
        "2021-04-05", "day"
    )
    assert parse_date("04/05/2021", language="en-US", order="DMY", reference_time=REF) == DateValue(
        "2021-05-04", "day"
    )
    # 4 May 2021 was a Tuesday, 5 April a Monday: the weekday settles the order
    assert parse_date("Tue 04/05/2021", language="en-US", reference_time=REF) == DateValue(
        "2021-05-04", "day"
    )
    with pytest.raises(ValueError):
        parse_date("04/05/2021", order="DDD")


def test_year_inferred_and_weekday_picks_it() -> None:
    assert parse_date("Dec 20", language="en", reference_time=REF) == DateValue("2020-12-20", "day")
    # 21 August fell on a Wednesday in 2019 (not 2020): the weekday picks the year
    assert parse_date("8月21日(水)", language="ja", reference_time=REF) == DateValue(
        "2019-08-21", "day"
    )


def test_time_zones() -> None:
    def iso(text: str, language: str = "en") -> str | None:
        value = parse_date(text, language=language, reference_time=REF)
        return value.iso if value else None

    assert iso("June 10, 2021 9:15 p.m. ET") == "2021-06-10T21:15-04:00"
    assert iso("Jan 10, 2021 9:15 p.m. ET") == "2021-01-10T21:15-05:00"
    assert iso("June 10, 2021 21:15 IST") == "2021-06-10T21:15+05:30"
    assert iso("June 10, 2021 21:15 KST") == "2021-06-10T21:15+09:00"
    assert iso("2019-08-21 15:30 CST", "zh") == "2019-08-21T15:30+08:00"
    assert iso("2019-08-21 15:30 CST", "en") == "2019-08-21T15:30-06:00"
    assert iso("June 10, 2021 21:15") == "2021-06-10T21:15"
    assert iso("March 3, 2021 10:30 - 11:30") is None  # a range, not a zone
    assert iso("March 3, 2021 10:30 ist") is None  # zones are written in capitals


def test_plausibility_limits() -> None:
    assert parse_date("June 16, 2021", reference_time=REF) == DateValue("2021-06-16", "day")
    assert parse_date("June 17, 2021", reference_time=REF) is None
    assert parse_date("12 March 1987", reference_time=REF) == DateValue("1987-03-12", "day")
    assert parse_date("12 March 1887", reference_time=REF) is None


# -- looks_like_date, date_order, infer_date_order ---------------------------------------------


def test_looks_like_date() -> None:
    for text in (
        "Updated: August 21, 2019",
        "yesterday",
        "Gestern",
        "昨日",
        "hace un momento",
        "3 hours ago",
    ):
        assert looks_like_date(text), text
    for text in ("Updated daily", "March for our lives", "", "x" * 1000, "Chicago"):
        assert not looks_like_date(text), text


def test_date_order() -> None:
    assert date_order("en-US") == "MDY"
    assert date_order("en") == "MDY"
    assert date_order("en-GB") == "DMY"
    assert date_order("en_AU") == "DMY"
    assert date_order("de") == "DMY"
    assert date_order("fr-CA") == "DMY"
    assert date_order("ja") == "YMD"
    assert date_order("zh-Hant-TW") == "YMD"
    assert date_order("ko") == "YMD"
    assert date_order("hu") == "YMD"
    assert date_order(None) == "DMY"
    assert date_order("xx") == "DMY"


def test_infer_date_order() -> None:
    assert infer_date_order(["Posted 21/08/2019", "Updated 04/05/2021"], "en") == "DMY"
    assert infer_date_order(["Posted 08/21/2019"], "en-GB") == "MDY"
    assert infer_date_order(["Posted 04/05/2019"], "en-GB") == "DMY"
    assert infer_date_order([], "en") == "MDY"


# -- DateValue ----------------------------------------------------------------------------------


def test_date_value() -> None:
    assert DateValue("2019-08-21", "day").to_date() == dt.date(2019, 8, 21)
    assert DateValue("2019-08-21T09:30", "minute").to_date() == dt.date(2019, 8, 21)
    assert DateValue("2021-03", "month").to_date() is None
    assert DateValue("2021", "year").to_date() is None
    moment = DateValue("2019-08-21T09:30:00+09:00", "second").to_datetime()
    assert moment == dt.datetime(2019, 8, 21, 0, 30, tzinfo=dt.timezone.utc)
    assert DateValue("2019-08-21T09:30:00+09:00", "second").has_offset
    assert not DateValue("2019-08-21T09:30", "minute").has_offset
    assert DateValue("2019-08-21T09:30:00+09:00", "second").refines(DateValue("2019-08-21", "day"))
    assert DateValue("2019-08-21", "day").refines(DateValue("2019-08", "month"))
    assert not DateValue("2019-08-22T09:30", "minute").refines(DateValue("2019-08-21", "day"))
    assert not DateValue("2019-08-21", "day").refines(DateValue("2019-08-21", "day"))
    with pytest.raises(ValueError):
        DateValue("2019-08-21", "month")
    with pytest.raises(ValueError):
        DateValue("21/08/2019", "day")
    with pytest.raises(ValueError):
        DateValue("2019-08-21", "week")
    value = DateValue("2019-08-21", "day")
    with pytest.raises(AttributeError):
        value.iso = "2020-01-01"  # type: ignore[misc]
    assert {value, DateValue("2019-08-21", "day")} == {value}


# -- machine dates, URLs, resolution (more in test_dates_html.py) ---------------------------------


def test_parse_machine_date_basics() -> None:
    assert parse_machine_date("2019-11-20") == DateValue("2019-11-20", "day")
    assert parse_machine_date("20191120") == DateValue("2019-11-20", "day")
    assert parse_machine_date("2019-11-20T10:00:00Z") == DateValue(
        "2019-11-20T10:00:00+00:00", "second"
    )
    assert parse_machine_date("Tue, 20 Nov 2019 10:00:00 GMT") == DateValue(
        "2019-11-20T10:00:00+00:00", "second"
    )
    assert parse_machine_date("1574244000") is None  # epoch seconds: refused
    assert parse_machine_date("04/05/2021") is None  # order unknown: refused


def test_date_from_url_basics() -> None:
    assert date_from_url("https://example.com/2019/11/20/story") == DateValue("2019-11-20", "day")
    assert date_from_url("https://example.com/2019/11/story") == DateValue("2019-11", "month")
    assert date_from_url("https://example.com/2019/13/45/story") is None


def test_resolve_dates_basics() -> None:
    visible = DateCandidate(DateValue("2019-08-21", "day"), "updated", "visible.labelled")
    assert resolve_dates([visible], reference_time=REF) == (None, DateValue("2019-08-21", "day"))


# -- the module ---------------------------------------------------------------------------------


def test_import_does_not_import_dateparser() -> None:
    code = "import cleanscrape.dates, sys; assert 'dateparser' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_docstring_examples() -> None:
    import doctest

    import cleanscrape.dates
    from cleanscrape.dates import _read, _types

    for module in (cleanscrape.dates, _read, _types):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


def test_rule_files_cover_twelve_languages() -> None:
    from cleanscrape.dates._lexicon import _load

    languages = supported_languages()
    assert len(languages) >= 12
    for needed in ("en", "de", "fr", "es", "pt", "it", "nl", "ja", "zh", "ko", "ru"):
        assert needed in languages
    for language in languages:
        data = _load(language)
        assert data["language"] == language
        assert data["labels"]["published"] and data["labels"]["updated"], language
        words = data["words"]
        assert len(words["months"]) == 12 or words.get("month_markers"), language
        assert len(words["weekdays"]) == 7, language
        assert data["relative"]["units"].keys() <= {
            "second",
            "minute",
            "hour",
            "day",
            "week",
            "month",
            "year",
        }


def test_malformed_rules_are_reported() -> None:
    from cleanscrape.dates._lexicon import _Builder
    from cleanscrape.errors import RuleFileError

    with pytest.raises(RuleFileError, match="bad.toml"):
        _Builder().add_language({"words": {"months": [["jan"], ["feb"]]}}, "bad", primary=True)
    with pytest.raises(RuleFileError, match="unit"):
        _Builder().add_language({"relative": {"units": {"fortnight": ["x"]}}}, "bad", primary=True)

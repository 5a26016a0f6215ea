"""Properties of the date reader, checked on generated input (profiles in conftest.py)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.dates import (
    date_from_url,
    looks_like_date,
    parse_date,
    parse_machine_date,
    read_date_fields,
    read_date_line,
)

REF = dt.datetime(2021, 6, 15, 12, 0, tzinfo=dt.timezone.utc)
LIMIT = REF + dt.timedelta(days=1)
LANGUAGES = [
    None,
    "en",
    "en-US",
    "en-GB",
    "de",
    "fr",
    "es",
    "pt",
    "it",
    "nl",
    "ja",
    "zh",
    "ko",
    "ru",
    "pl",
    "sv",
    "tr",
    "xx",
]

# Month names written out here, independently of the rule files.
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "pl": [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
}


def _value_ok(iso: str) -> bool:
    """A returned value is never after the reference time plus one day."""
    if len(iso) == 4:
        return int(iso) <= LIMIT.year
    if len(iso) == 7:
        return (int(iso[:4]), int(iso[5:7])) <= (LIMIT.year, LIMIT.month)
    moment = dt.datetime.fromisoformat(iso) if len(iso) > 10 else None
    if moment is not None and moment.tzinfo is not None:
        return moment <= LIMIT
    return dt.date.fromisoformat(iso[:10]) <= LIMIT.date()


# Text made of the pieces dates are made of, so generated lines come near real ones.
PIECES = st.sampled_from(
    [
        "Updated",
        "Published",
        ":",
        " ",
        "  ",
        ",",
        ".",
        "/",
        "-",
        "|",
        "(",
        ")",
        "on",
        "at",
        "am",
        "pm",
        "a.m.",
        "Aug",
        "March",
        "Mai",
        "mars",
        "de",
        "le",
        "à",
        "vor",
        "hace",
        "ago",
        "il y a",
        "yesterday",
        "heute",
        "h",
        "Uhr",
        "ET",
        "KST",
        "+09:00",
        "GMT+9",
        "年",
        "月",
        "日",
        "時",
        "分",
        "前",
        "更新",
        "입력",
        "전",
        "назад",
        "st",
        "th",
        "er",
        "0",
        "1",
        "12",
        "13",
        "21",
        "31",
        "32",
        "2019",
        "2021",
        "2022",
        "1899",
        "99",
        "00",
        "T",
        "Z",
        "9999",
        "3 hours ago",
        "2 days ago",
        "1 month ago",
        "by",
        "admin",
    ]
)
DATEISH = st.lists(PIECES, max_size=14).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), DATEISH)


@given(ANY_TEXT, st.sampled_from(LANGUAGES))
def test_never_raises_and_never_in_the_future(text: str, language: str | None) -> None:
    line = read_date_line(text, language=language, reference_time=REF)
    if line is not None:
        field, value = line
        assert field in (None, "published", "updated")
        assert _value_ok(value.iso), value
    fields = read_date_fields(text, language=language, reference_time=REF)
    assert (fields[0] if fields else None) == line
    value = parse_date(text, language=language, reference_time=REF)
    if value is not None:
        assert _value_ok(value.iso), value
    assert isinstance(looks_like_date(text), bool)


@given(DATEISH, st.text(max_size=12))
def test_any_language_tag(text: str, language: str) -> None:
    line = read_date_line(text, language=language, reference_time=REF)
    if line is not None:
        assert _value_ok(line[1].iso)


@given(ANY_TEXT)
def test_machine_and_url_never_raise(text: str) -> None:
    value = parse_machine_date(text)
    if value is not None:
        assert value.iso[:4] >= "1990"
    date_from_url(text)
    date_from_url("https://example.com/" + text)


def _format(day: dt.date, style: str) -> tuple[str, str]:
    """(language, text) of ``day`` written in one supported style."""
    y, m, d = day.year, day.month, day.day
    if style == "iso":
        return "en", day.isoformat()
    if style == "en_mdy":
        return "en", f"{MONTHS['en'][m - 1]} {d}, {y}"
    if style == "en_dmy":
        return "en-GB", f"{d} {MONTHS['en'][m - 1]} {y}"
    if style == "en_abbr":
        abbr = MONTHS["en"][m - 1][:3] + ("" if m == 5 else ".")
        return "en", f"{abbr} {d}, {y}"
    if style == "en_us_numeric":
        return "en-US", f"{m:02d}/{d:02d}/{y}"
    if style == "en_gb_numeric":
        return "en-GB", f"{d:02d}/{m:02d}/{y}"
    if style == "de":
        return "de", f"{d}. {MONTHS['de'][m - 1]} {y}"
    if style == "de_numeric":
        return "de", f"{d:02d}.{m:02d}.{y}"
    if style == "fr":
        return "fr", f"{'1er' if d == 1 else d} {MONTHS['fr'][m - 1]} {y}"
    if style == "es":
        return "es", f"{d} de {MONTHS['es'][m - 1]} de {y}"
    if style == "pt":
        return "pt", f"{d} de {MONTHS['pt'][m - 1]} de {y}"
    if style == "it":
        return "it", f"{d} {MONTHS['it'][m - 1]} {y}"
    if style == "nl":
        return "nl", f"{d} {MONTHS['nl'][m - 1]} {y}"
    if style == "ru":
        return "ru", f"{d} {MONTHS['ru'][m - 1]} {y} г."
    if style == "pl":
        return "pl", f"{d} {MONTHS['pl'][m - 1]} {y}"
    if style == "ja":
        return "ja", f"{y}年{m}月{d}日"
    if style == "zh":
        return "zh", f"{y}年{m:02d}月{d:02d}日"
    if style == "ko":
        return "ko", f"{y}년 {m}월 {d}일"
    raise AssertionError(style)


STYLES = [
    "iso",
    "en_mdy",
    "en_dmy",
    "en_abbr",
    "en_us_numeric",
    "en_gb_numeric",
    "de",
    "de_numeric",
    "fr",
    "es",
    "pt",
    "it",
    "nl",
    "ru",
    "pl",
    "ja",
    "zh",
    "ko",
]
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=REF.date())


@given(DAYS, st.sampled_from(STYLES))
def test_formatted_dates_parse_back(day: dt.date, style: str) -> None:
    language, text = _format(day, style)
    value = parse_date(text, language=language, reference_time=REF)
    assert value is not None, text
    assert value.iso == day.isoformat(), text


@given(DAYS, st.sampled_from(STYLES), st.integers(0, 23), st.integers(0, 59))
def test_formatted_dates_with_time_parse_back(
    day: dt.date, style: str, hour: int, minute: int
) -> None:
    language, text = _format(day, style)
    value = parse_date(f"{text} {hour:02d}:{minute:02d}", language=language, reference_time=REF)
    assert value is not None, text
    assert value.iso == f"{day.isoformat()}T{hour:02d}:{minute:02d}", text


LABELS = [
    ("en", "Updated:", "updated"),
    ("en", "Published", "published"),
    ("de", "Stand:", "updated"),
    ("de", "Veröffentlicht am", "published"),
    ("fr", "Mis à jour le", "updated"),
    ("es", "Publicado el", "published"),
    ("pt", "Atualizado em", "updated"),
    ("it", "Pubblicato il", "published"),
    ("ru", "Обновлено:", "updated"),
    ("ja", "公開日：", "published"),
    ("ko", "입력", "published"),
]


@given(DAYS, st.sampled_from(LABELS))
def test_labelled_lines_give_field_and_day(day: dt.date, label: tuple[str, str, str]) -> None:
    language, word, field = label
    styles = {
        "en": "en_mdy",
        "de": "de",
        "fr": "fr",
        "es": "es",
        "pt": "pt",
        "it": "it",
        "ru": "ru",
        "ja": "ja",
        "ko": "ko",
    }
    _, text = _format(day, styles[language])
    assert read_date_line(f"{word} {text}", language=language, reference_time=REF) == (
        field,
        parse_date(text, language=language, reference_time=REF),
    )


@given(DAYS, st.sampled_from(["en_mdy", "de", "fr", "es"]))
def test_dates_inside_sentences_are_not_date_lines(day: dt.date, style: str) -> None:
    language, text = _format(day, style)
    sentence = f"Zorblax {text} quuxified the plumbus"
    assert read_date_line(sentence, language=language, reference_time=REF) is None


@given(
    st.integers(0, 400),
    st.sampled_from(
        [
            ("en", "{n} days ago"),
            ("de", "vor {n} Tagen"),
            ("es", "hace {n} días"),
            ("ja", "{n}日前"),
            ("ru", "{n} дней назад"),
        ]
    ),
)
def test_days_ago(n: int, phrase: tuple[str, str]) -> None:
    language, template = phrase
    value = parse_date(template.format(n=n), language=language, reference_time=REF)
    assert value is not None
    assert value.iso == (REF.date() - dt.timedelta(days=n)).isoformat()


@given(st.integers(0, 200), st.sampled_from(["en", "fr"]))
def test_hours_ago(n: int, language: str) -> None:
    text = f"{n} hours ago" if language == "en" else f"il y a {n} heures"
    value = parse_date(text, language=language, reference_time=REF)
    assert value is not None
    assert value.iso == (REF - dt.timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M+00:00")
    assert value.precision == "minute"


@given(
    st.dates(min_value=REF.date() + dt.timedelta(days=2), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(STYLES),
)
def test_future_dates_are_refused(day: dt.date, style: str) -> None:
    language, text = _format(day, style)
    assert parse_date(text, language=language, reference_time=REF) is None


@given(
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2021, 6, 1)),
    st.sampled_from([0, 330, -300, 540, -240, 60]),
)
def test_iso_round_trip(moment: dt.datetime, offset_minutes: int) -> None:
    aware = moment.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(minutes=offset_minutes)))
    value = parse_machine_date(aware.isoformat())
    assert value is not None
    assert dt.datetime.fromisoformat(value.iso) == aware
    assert value.precision == "second"


@given(DAYS)
def test_url_round_trip(day: dt.date) -> None:
    for url in (
        f"https://example.com/news/{day.year}/{day.month:02d}/{day.day:02d}/some-story",
        f"https://example.com/{day:%Y%m%d}/some-story.html",
        f"https://example.com/story-{day.isoformat()}.html",
    ):
        value = date_from_url(url)
        assert value is not None, url
        assert value.iso == day.isoformat()

"""Quote repair: the case table in fixtures/quotes/cases.jsonl, and focused unit tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanscrape.encoding import fix_mojibake, looks_mojibake
from cleanscrape.quotes import (
    QUOTE_CHARS,
    STYLES,
    QuoteEdit,
    detect_quote_style,
    repair_paragraphs,
    repair_quotes,
)

CASES_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "quotes" / "cases.jsonl"


def _load_cases() -> list[dict[str, Any]]:
    with CASES_FILE.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


CASES = _load_cases()


def _prepare(text: str) -> str:
    """What the pipeline does before quote repair: undo mojibake where it shows."""
    return fix_mojibake(text) if looks_mojibake(text) else text


def _apply(text: str, edits: list[QuoteEdit]) -> str:
    """Apply edits to the original text, checking each one against it."""
    out: list[str] = []
    last = 0
    for e in sorted(edits, key=lambda e: e.offset):
        assert e.offset >= last, f"overlapping edits at {e.offset}"
        assert text[e.offset : e.offset + len(e.before)] == e.before, e
        out.append(text[last : e.offset])
        out.append(e.after)
        last = e.offset + len(e.before)
    out.append(text[last:])
    return "".join(out)


def _check_edits(original: str, repaired: str, edits: list[QuoteEdit]) -> None:
    assert _apply(original, edits) == repaired
    for e in edits:
        assert e.before and set(e.before) <= QUOTE_CHARS, e
        assert set(e.after) <= QUOTE_CHARS, e
        assert e.before != e.after, e
        assert e.rule.startswith("quotes."), e


# ---------------------------------------------------------------------------------------
# The case table
# ---------------------------------------------------------------------------------------


def test_case_table_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 170
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in CASES:
        assert case.get("style", "curly") in STYLES, case["id"]
        assert ("input" in case) == ("expected" in case), case["id"]
        assert ("paragraphs" in case) == ("expected_paragraphs" in case), case["id"]
        assert ("input" in case) != ("paragraphs" in case), case["id"]
    unchanged = [
        c
        for c in CASES
        if c.get("input", c.get("paragraphs")) == c.get("expected", c.get("expected_paragraphs"))
    ]
    apostrophes = [c for c in unchanged if c["id"].startswith("apostrophe/")]
    conventions = [c for c in unchanged if c["id"].startswith("convention/")]
    assert len(apostrophes) >= 25
    assert len(conventions) >= 15
    languages = {c["language"] for c in CASES if c.get("language")}
    assert {
        "en",
        "de",
        "de-CH",
        "fr",
        "fr-CH",
        "pl",
        "sv",
        "fi",
        "ja",
        "zh",
        "es",
        "it",
        "nl",
        "ru",
        "pt",
    } <= languages


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    kwargs = {"language": case.get("language"), "style": case.get("style", "curly")}
    if "paragraphs" in case:
        paragraphs = [_prepare(p) for p in case["paragraphs"]]
        results = repair_paragraphs(paragraphs, **kwargs)
        assert [text for text, _ in results] == case["expected_paragraphs"]
        for original, (text, edits) in zip(paragraphs, results, strict=True):
            _check_edits(original, text, edits)
        again = repair_paragraphs([text for text, _ in results], **kwargs)
        assert all(not edits for _, edits in again), "not idempotent"
    else:
        original = _prepare(case["input"])
        text, edits = repair_quotes(original, **kwargs)
        assert text == case["expected"]
        _check_edits(original, text, edits)
        assert (text == original) == (not edits)
        assert repair_quotes(text, **kwargs) == (text, []), "not idempotent"


# ---------------------------------------------------------------------------------------
# Interface
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["Curly", "smart", "", "straight "])
def test_invalid_style_raises(style: str) -> None:
    for call in (
        lambda: repair_quotes("“a”", style=style),
        lambda: repair_quotes("no marks", style=style),
        lambda: repair_paragraphs(["“a”"], style=style),
    ):
        with pytest.raises(ValueError, match="curly.*straight.*preserve"):
            call()


def test_quote_edit_is_frozen() -> None:
    edit = QuoteEdit(0, "”", "“", "quotes.wrong_way_open")
    with pytest.raises(AttributeError):
        edit.offset = 3  # type: ignore[misc]
    assert not hasattr(edit, "__dict__")


def test_quote_chars_cover_the_families() -> None:
    for ch in "\"'“”„‟‘’‚‛«»‹›「」『』″′":
        assert ch in QUOTE_CHARS
    for ch in "abc 1.,-–—()`´ʻ":
        assert ch not in QUOTE_CHARS


def test_fast_path_returns_the_same_object() -> None:
    text = "Nothing to see here, just words and 3.5 numbers — and a dash."
    result, edits = repair_quotes(text)
    assert result is text and edits == []


def test_repair_paragraphs_empty_and_keeps_length() -> None:
    assert repair_paragraphs([]) == []
    out = repair_paragraphs(["", "plain", "”a,“ b"])
    assert [t for t, _ in out] == ["", "plain", "“a,” b"]


# ---------------------------------------------------------------------------------------
# Edits and rules
# ---------------------------------------------------------------------------------------


def test_reversed_pair_edits() -> None:
    text, edits = repair_quotes("”Not so,“ she said.")
    assert text == "“Not so,” she said."
    assert edits == [
        QuoteEdit(0, "”", "“", "quotes.reversed_pair"),
        QuoteEdit(8, "“", "”", "quotes.reversed_pair"),
    ]


def test_wrong_way_close_edit() -> None:
    _, edits = repair_quotes("which “threatens“ Korea’s security")
    assert edits == [QuoteEdit(16, "“", "”", "quotes.wrong_way_close")]


def test_wrong_way_open_in_truncated_text_invents_nothing() -> None:
    text = "the “one-sided, economically unfair, ”close your businesses down within three"
    repaired, edits = repair_quotes(text)
    assert repaired == text.replace("”close", "“close")
    assert [e.rule for e in edits] == ["quotes.wrong_way_open"]
    assert repaired.count("”") == 0


def test_doubled_edit_removes_one_mark() -> None:
    text, edits = repair_quotes("““We will not,” she said.")
    assert text == "“We will not,” she said."
    assert len(edits) == 1 and edits[0].after == "" and edits[0].rule == "quotes.doubled"


def test_mixed_straight_edit() -> None:
    _, edits = repair_quotes('"We will not back down“, she said.')
    assert [(e.before, e.after, e.rule) for e in edits] == [
        ('"', "“", "quotes.mixed_straight"),
        ("“", "”", "quotes.wrong_way_close"),
    ]


def test_convention_edit_and_style_straight_rule() -> None:
    _, edits = repair_quotes("Er sagte „ja” und “nein“.", language="de")
    assert {e.rule for e in edits} == {"quotes.convention", "quotes.wrong_way_open"}
    # A German page set in “…” throughout keeps its own style (CONVENTIONS).
    assert repair_quotes("“Das ist gut”, sagte er.", language="de") == (
        "“Das ist gut”, sagte er.", [])
    _, edits = repair_quotes("“a” don’t", style="straight")
    assert {e.rule for e in edits} == {"quotes.style_straight"}
    assert len(edits) == 3


def test_elision_rule() -> None:
    assert repair_quotes("the ‘90s") == ("the ’90s", [QuoteEdit(4, "‘", "’", "quotes.elision")])


# ---------------------------------------------------------------------------------------
# Apostrophes and straight text
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["curly", "preserve"])
@pytest.mark.parametrize(
    "text",
    [
        "Don’t, can’t, won’t.",
        "don't, can't, won't.",
        "the US’ ally, James’ car, others’ plans",
        "in the ’90s, ’til dawn, rock ’n’ roll, let ’em",
        "O’Brien, D’Angelo, Côte d’Ivoire",
        '5′11″, 5\'11", 6\' 2", a 27" screen',
    ],
)
def test_apostrophes_and_primes_never_change(text: str, style: str) -> None:
    assert repair_quotes(text, style=style) == (text, [])
    assert repair_quotes(f"“{text}”", style=style) == (f"“{text}”", [])


def test_apostrophe_never_becomes_an_opening_quote() -> None:
    for text in ["“It’s ’90s music,” he said.", "“'Tis true,” she said.", "“Go ’way!”"]:
        repaired, _ = repair_quotes(text)
        assert "‘" not in repaired


def test_consistently_straight_text_stays_straight() -> None:
    text = '"Yes," he said. "It\'s fine," she said, "isn\'t it?"'
    assert repair_quotes(text) == (text, [])
    assert repair_paragraphs([text, '"Again."']) == [(text, []), ('"Again."', [])]


def test_straight_style_flattens_apostrophes_but_not_primes() -> None:
    text, _ = repair_quotes("“Korea’s 5′11″ guard,” he said.", style="straight")
    assert text == '"Korea\'s 5′11″ guard," he said.'


def test_preserve_never_changes_family() -> None:
    text, edits = repair_quotes("\"Hello“, she said. 'Fine‘", style="preserve")
    for e in edits:
        assert (e.before in "\"'") == (e.after in "\"'")
    assert text.startswith('"Hello”')


# ---------------------------------------------------------------------------------------
# Several paragraphs
# ---------------------------------------------------------------------------------------


def test_multi_paragraph_quotation_left_alone() -> None:
    paragraphs = ["“First part, still open.", "“Second part, still open.", "“End,” he said."]
    assert repair_paragraphs(paragraphs) == [(p, []) for p in paragraphs]


def test_page_style_decided_once() -> None:
    # Alone, an all-” paragraph could be Swedish; on an English page it is broken.
    assert repair_quotes("”Two,” she said.")[0] == "”Two,” she said."
    out = repair_paragraphs(["“One,” he said.", "”Two,” she said."])
    assert out[1][0] == "“Two,” she said."


def test_offsets_are_per_paragraph() -> None:
    out = repair_paragraphs(["abc", "x ”y“ z"])
    assert out[1][1][0].offset == 2


# ---------------------------------------------------------------------------------------
# Style detection
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("“Yes,” he said.", None, "en"),
        ("„Ja“, sagte er.", None, "de"),
        ("»Ja«, sagte er.", None, "de"),
        ("„Tak”, powiedział.", None, "pl"),
        ("«\u00a0Oui\u00a0», dit-il.", None, "fr"),
        ("«Grüezi», sagte er.", None, "ch"),
        ("”Hej”, sade han.", None, "sv"),
        ("彼は「はい」と言った。", None, "ja"),
        ("他说：“好。”", None, "zh"),
        ('"Yes," he said.', None, "straight"),
        ("No quotation marks.", None, "unknown"),
        ("Don’t, can’t.", None, "unknown"),
        ("No quotation marks.", "de", "de"),
        ("«Ja», sagte er.", "de-CH", "ch"),
        ("«Да», — сказал он.", "ru", "ru"),
        ("“Sí”, dijo.", "es", "en"),
        ("«Sí», dijo.", "es", "ch"),
        ("”Hello,” she said.", "en", "en"),
        ("“Hei”, hän sanoi.", "fi", "sv"),
        ("”Hello,“ he said.\n”More,“ she said.", None, "en"),
    ],
)
def test_detect_quote_style(text: str, language: str | None, expected: str) -> None:
    assert detect_quote_style(text, language) == expected


def test_seed_page_is_english_curly(shared_dir: Path) -> None:
    text = (shared_dir / "000_5c9f30e52664f472.txt").read_text(encoding="utf-8")
    assert detect_quote_style(text) == "en"


def test_seed_body_comes_out_as_expected(shared_dir: Path) -> None:
    text = (shared_dir / "000_5c9f30e52664f472.txt").read_text(encoding="utf-8")
    expected = json.loads(
        (shared_dir / "expected" / "000_5c9f30e52664f472.json").read_text(encoding="utf-8")
    )
    body = expected["article"]["body"].split("\n\n")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    start = paragraphs.index(body[0])  # the first paragraph has no quotation marks
    source = paragraphs[start : start + len(body)]
    assert source != body  # the page really is broken
    assert [t for t, _ in repair_paragraphs(source)] == body
    for teaser in expected["teasers"]:
        summary = teaser["summary"]
        line = next(x.rstrip() for x in text.splitlines() if x.startswith(summary[:60]))
        assert repair_quotes(line)[0] == summary


# ---------------------------------------------------------------------------------------
# Mojibake
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["â€œHelloâ€\x9d", "Itâ€™s", "cafÃ©", "Ã¼ber", "Â\u00a0", "Â ", "Ð¿Ñ€Ð¸"],
)
def test_looks_mojibake(text: str) -> None:
    assert looks_mojibake(text)


@pytest.mark.parametrize(
    "text",
    [
        "“Hello”",
        "It’s",
        "café",
        "über",
        "SÃO PAULO",
        "Åsa and Ärger",
        "Ñandú",
        "Ðakovo",
        "« Bonjour »",
        "„Ja“",
        "",
    ],
)
def test_not_mojibake_is_left_alone(text: str) -> None:
    assert not looks_mojibake(text)
    assert fix_mojibake(text) is text


def test_fix_mojibake_keeps_curly_marks() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    broken = "“It’s — fine…”".encode().decode("sloppy-windows-1252")
    assert looks_mojibake(broken)
    assert fix_mojibake(broken) == "“It’s — fine…”"


# ---------------------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------------------

_SURROUNDINGS = ["{}", "a{}b", " {} ", "({})", "5{}", "{}5", "—{}—", "「{}」", "«{}»"]
_STRIP = str.maketrans("", "", "".join(QUOTE_CHARS))


@pytest.mark.parametrize(
    ("language", "style"),
    [(None, "curly"), ("de", "curly"), ("fr", "preserve"), ("sv", "curly"), ("ja", "curly"),
     ("de-CH", "straight"), ("en", "preserve"), ("ru", "straight")],
)  # fmt: skip
def test_every_mark_in_every_position(language: str | None, style: str) -> None:
    for mark in sorted(QUOTE_CHARS):
        for other in ["", mark, "“", "'"]:
            for template in _SURROUNDINGS:
                text = template.format(mark + other)
                repaired, edits = repair_quotes(text, language=language, style=style)
                assert repaired.translate(_STRIP) == text.translate(_STRIP), text
                assert _apply(text, edits) == repaired, text
                again = repair_quotes(repaired, language=language, style=style)
                assert again == (repaired, []), text


def test_long_runs_of_marks_take_linear_time() -> None:
    # Each mark's context looks through its neighbours; a run of marks must not make
    # that quadratic (40,000 marks took minutes before it was made linear).
    import time

    for text in ["“" * 40_000, "'" * 40_000, "“\u00a0" * 20_000, '"a" ' * 10_000]:
        start = time.process_time()
        repair_quotes(text)
        assert time.process_time() - start < 10, text[:8]

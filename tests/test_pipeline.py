"""Pipeline composition, the public API surface, models and pickling."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest

import cleanscrape
from cleanscrape import (
    Article,
    CleanResult,
    InputError,
    Pipeline,
    RuleFileError,
    Step,
    Teaser,
    clean,
    clean_many,
)
from cleanscrape.document import Document
from cleanscrape.pipeline import DEFAULT_STEPS, detect_format

REF = "2021-06-15T12:00:00+00:00"
PAGE = ("Old bridge to close\n\nBy Jane Roe\n\n"
        "The council voted on Tuesday to close the old bridge to cars from next spring, "
        "ending months of argument.\n\n”We had no choice,“ the mayor said on Wednesday.\n\n"
        "Share this article\n")


def test_default_pipeline_is_one_list_of_named_steps() -> None:
    p = Pipeline.default()
    assert p.names == list(DEFAULT_STEPS)
    assert len(p) == len(DEFAULT_STEPS)
    assert p["RepairQuotes"].options() == {"style": "curly"}


def test_without_replace_insert_configure() -> None:
    p = Pipeline.default()
    assert "RepairQuotes" not in p.without("RepairQuotes").names
    assert p.configure("RepairQuotes", style="straight")["RepairQuotes"].options() == {
        "style": "straight"}
    assert p.names == list(DEFAULT_STEPS)  # the original is unchanged

    class Shout(Step):
        name = "Shout"
        OPTIONS = ()

        def apply(self, doc: Document) -> Document:
            for b in doc.blocks:
                if b.label == "body":
                    b.text = b.text.upper()
            return doc

    q = p.insert_after("FindBody", Shout())
    assert q.names[-1] == "Shout"
    assert q.insert_before("StripNoise", Shout()).names.index("Shout") == 3
    assert clean(PAGE, pipeline=q, reference_time=REF).article.body.isupper()
    with pytest.raises(KeyError, match="no step named"):
        p.without("Nope")


def test_dropping_quote_repair_keeps_quotes_as_they_were() -> None:
    kept = clean(PAGE, reference_time=REF, pipeline=Pipeline.default().without("RepairQuotes"))
    fixed = clean(PAGE, reference_time=REF)
    assert "”We had no choice,“" in kept.article.body
    assert "“We had no choice,”" in fixed.article.body


def test_with_rules(tmp_path) -> None:
    f = tmp_path / "r.toml"
    f.write_text('[[rules]]\nid = "mysite.promo"\npatterns = ["ending months of argument[.]?"]\n'
                 'match = "contains"\nmax_words = 40\n', encoding="utf-8")
    r = clean(PAGE, reference_time=REF, pipeline=Pipeline.default().with_rules(str(f)))
    assert any(x.rule == "mysite.promo" for x in r.removed)
    with pytest.raises(RuleFileError):
        Pipeline.default().with_rules(str(tmp_path / "missing.toml"))


def test_pipeline_and_results_pickle_and_round_trip() -> None:
    p = Pipeline.default().configure("RepairQuotes", style="preserve")
    assert pickle.loads(pickle.dumps(p)) == p
    r = p.clean(PAGE, reference_time=REF)
    again = pickle.loads(pickle.dumps(r))
    assert again == r
    assert again.document is not None and len(again.document.blocks) == len(r.document.blocks)
    assert CleanResult.model_validate_json(r.model_dump_json()) == r


def test_json_has_exactly_the_contract_keys() -> None:
    obj = json.loads(clean(PAGE, reference_time=REF).to_json())
    assert set(obj) == {"article", "teasers", "removed"}
    assert set(obj["article"]) == {"title", "subtitle", "authors", "source", "published",
                                   "updated", "body", "language", "url", "image", "tags"}
    assert all(set(x) == {"text", "rule"} for x in obj["removed"])


def test_models_validate() -> None:
    with pytest.raises(ValueError, match="title"):
        Teaser(title="")
    with pytest.raises(ValueError, match="2021-02-30"):
        Article(published="2021-02-30")
    with pytest.raises(ValueError, match="future"):
        Article(updated="2999-01-01")
    with pytest.raises(ValueError, match="not an ISO"):
        Article(published="March 3, 2021")
    a = Article(title="  Spaced  ", subtitle="   ", published="2021-03", updated="2021-03-04T09:30+09:00")
    assert a.title == "Spaced" and a.subtitle is None and a.published == "2021-03"


def test_explain_lists_every_block_with_its_reason() -> None:
    r = clean(PAGE, reference_time=REF)
    rows = r.explain()
    assert len(rows) == len(r.document.blocks)
    assert {"title", "byline", "body", "noise"} <= {row["label"] for row in rows}
    edits = [e for row in rows for e in row["edits"]]
    assert edits and all(e["step"] == "RepairQuotes" for e in edits)


@pytest.mark.parametrize("bad,kwargs,needle", [
    (123, {}, "cannot clean a int"),
    (None, {}, "cannot clean a NoneType"),
    ("text", {"input_format": "pdf"}, "input_format"),
    ("text", {"language": "english!"}, "BCP 47"),
    ("text", {"reference_time": "yesterday"}, "ISO 8601"),
])
def test_bad_input_raises_clear_errors(bad, kwargs, needle) -> None:
    with pytest.raises(InputError, match=needle):
        clean(bad, **kwargs)


def test_empty_input() -> None:
    r = clean("")
    assert r.article.title is None and r.article.body == "" and r.teasers == [] and r.removed == []


def test_detect_format() -> None:
    assert detect_format("<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_format("\ufeff  <!-- c --> <html>") == "html"
    assert detect_format(b"<div>hi</div>") == "html"
    assert detect_format("Breaking: <b> is a tag") == "text"
    assert detect_format("Title\n\nBody text.") == "text"


def test_clean_many_is_ordered_with_workers() -> None:
    pages = [PAGE.replace("Old bridge", f"Bridge {i}") for i in range(6)]
    one = [r.article.title for r in clean_many(pages, reference_time=REF)]
    two = [r.article.title for r in clean_many(pages, workers=2, reference_time=REF)]
    assert one == two == [f"Bridge {i} to close" for i in range(6)]


def test_import_is_light() -> None:
    code = ("import sys, cleanscrape; from cleanscrape import clean; "
            "heavy = [m for m in ('dateparser', 'lxml', 'bs4', 'ftfy', 'py3langid', 'scrapy') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_surface() -> None:
    for name in cleanscrape.__all__:
        assert getattr(cleanscrape, name) is not None
    with pytest.raises(AttributeError):
        cleanscrape.nope  # noqa: B018


def test_repair_encoding_fixes_only_broken_blocks_and_records_it() -> None:
    page = ("Old bridge to close\n\nBy Jane Roe\n\nThe council voted on Tuesday to close the "
            "old bridge, ending months of argument over its future.\n\n"
            "â€œWe had no choice,â€\x9d the mayor said on Wednesday at the town hall.\n")
    r = clean(page, reference_time=REF)
    assert "“We had no choice,” the mayor said" in r.article.body
    assert "The council voted on Tuesday" in r.article.body
    edits = [c for c in r.document.changes if c.step == "RepairEncoding"]
    assert len(edits) == 1 and edits[0].rule == "encoding.mojibake"
    assert "â€œ" in edits[0].before


def test_a_step_that_breaks_the_contract_gets_a_clear_validation_error() -> None:
    from cleanscrape import ValidationError

    class FutureDate(Step):
        name = "FutureDate"
        OPTIONS = ()

        def apply(self, doc: Document) -> Document:
            # A teaser card dated in the far future (a broken custom rule would do this).
            doc.blocks[0].mark("teaser", "mine.card", teaser=0, field="title")
            doc.blocks[1].mark("teaser", "mine.card", teaser=0, field="date",
                               date={"field": None, "iso": "2999-01-01", "precision": "day"})
            return doc

    p = Pipeline.default().append(FutureDate())
    with pytest.raises(ValidationError, match=r"published = '2999-01-01'.*future"):
        p.clean(PAGE, reference_time=REF)

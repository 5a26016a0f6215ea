"""The aeb-dev bench runs end to end on a few pages and reports a sane F1."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench" / "bench_aeb.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_aeb", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()
CORPUS = Path(bench.DEFAULT_CORPUS)
needs_corpus = pytest.mark.skipif(not (CORPUS / "ground-truth.json").exists(),
                                  reason="aeb-dev corpus not present")


def test_metric_matches_the_definition() -> None:
    assert bench.page_score("a b c d e", "a b c d e")[:2] == (1.0, 1.0)
    p, r, *_ = bench.page_score("one two three four five", "one two three four")
    assert p == 1.0 and r == 0.5
    s = bench.score({"k": {"articleBody": "x y z", "url": ""}}, {"k": ""})
    assert s["f1"] == 0.0 and s["recall"] == 0.0


@needs_corpus
def test_bench_reports_f1_on_three_pages(capsys: pytest.CaptureFixture[str]) -> None:
    gold = bench.load_gold(CORPUS, 3)
    result = bench.worker("cleanscrape-content", "html", CORPUS, 3)
    assert result["pages"] == 3 and result["errors"] == 0
    rows = bench.report("html", gold, [result])
    assert 0.0 <= rows[0]["f1"] <= 1.0
    assert "cleanscrape-content" in capsys.readouterr().out


@needs_corpus
def test_bench_cli_in_subprocesses(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--limit", "3", "--tools", "cleanscrape-content"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("cleanscrape-content"))
    assert 0.0 <= float(line.split()[1]) <= 1.0


def test_missing_corpus_is_a_message_not_a_failure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--corpus", str(tmp_path / "nowhere")]) == 0
    assert "not found" in capsys.readouterr().out

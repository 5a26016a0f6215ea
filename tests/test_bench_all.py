"""bench/bench_all.py prints one table with a row per public corpus, figures in [0, 1]."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench" / "bench_all.py"
ROOT = REPO.parent / "shared" / "corpus"
HEADER = ["corpus", "input", "tool", "pages", "F1", "P", "R", "title", "author", "no-auth",
          "date", "pages/s", "peakMB", "err"]
SHARES = ["F1", "P", "R", "title", "author", "no-auth", "date"]


def expected_parts() -> dict[tuple[str, str], list[str]]:
    """The (corpus, input) rows the run must print, each with the shares it must fill."""
    parts: dict[tuple[str, str], list[str]] = {}
    trafeval = ROOT / "trafeval-dev"
    if (trafeval / "gold.json").exists() and (ROOT.parent / "tools" / "score_trafeval.py").exists():
        for kind in ("html", "text"):
            if (trafeval / kind).is_dir():
                parts[("trafeval-dev", kind)] = ["F1", "P", "R"]
    aeb = ROOT / "aeb-dev"
    if (aeb / "ground-truth.json").exists():
        for kind in ("html", "text"):
            if (aeb / kind).is_dir():
                parts[("aeb-dev", kind)] = ["F1", "P", "R"]
    if (ROOT / "dates-dev" / "gold.json").exists():
        parts[("dates-dev", "html")] = ["date"]
    return parts


def parse_table(out: str) -> dict[tuple[str, str, str], dict[str, str]]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split() == HEADER)
    rows = {}
    for line in lines[start + 1:]:
        cells = line.split()
        if len(cells) != len(HEADER):
            break
        row = dict(zip(HEADER, cells, strict=True))
        rows[(row["corpus"], row["input"], row["tool"])] = row
    return rows


@pytest.mark.skipif(not ROOT.is_dir(), reason="no ../shared/corpus beside the project")
def test_smoke_run_has_a_row_per_corpus_with_figures_in_range(tmp_path: Path) -> None:
    parts = expected_parts()
    assert parts, f"{ROOT} holds none of the corpora"
    out_json = tmp_path / "figures.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--limit", "3", "--tools", "cleanscrape",
                           "--json", str(out_json)],
                          capture_output=True, text=True, cwd=str(REPO), timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    rows = parse_table(proc.stdout)
    assert set(rows) == {(c, k, "cleanscrape") for c, k in parts}, proc.stdout
    for (corpus, kind, _tool), row in rows.items():
        assert row["pages"] == "3", row
        for column in parts[(corpus, kind)]:
            assert row[column] != "-", (column, row)
        for column in SHARES:
            if row[column] != "-":
                assert 0.0 <= float(row[column]) <= 1.0, (column, row)
        assert float(row["pages/s"]) > 0 and float(row["peakMB"]) > 0, row
        assert int(row["err"]) >= 0, row
    # The JSON figures are the table's.
    figures = json.loads(out_json.read_text(encoding="utf-8"))["rows"]
    assert len(figures) == len(rows)
    for fig in figures:
        row = rows[(fig["corpus"], fig["input"], fig["tool"])]
        for column, key in (("F1", "f1"), ("date", "date")):
            shown = "-" if fig[key] is None else f"{fig[key]:.3f}"
            assert row[column] == shown, (column, row, fig)


def test_missing_corpus_is_reported_and_skipped(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(BENCH), "--corpus-root", str(tmp_path / "none"),
                           "--tools", "cleanscrape"],
                          capture_output=True, text=True, cwd=str(REPO), timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    for label in ("trafeval-dev/html", "trafeval-dev/text", "aeb-dev/html", "aeb-dev/text",
                  "dates-dev/html"):
        assert f"{label}: skipped" in proc.stdout
    assert parse_table(proc.stdout) == {}


def test_unknown_corpus_or_tool_is_an_error() -> None:
    for flag in ("--corpora", "--tools"):
        proc = subprocess.run([sys.executable, str(BENCH), flag, "nothing-such"],
                              capture_output=True, text=True, cwd=str(REPO), timeout=60,
                              check=False)
        assert proc.returncode == 2 and "unknown" in proc.stderr

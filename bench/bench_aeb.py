#!/usr/bin/env python3
"""Body extraction quality, speed and memory on the aeb-dev pages, cleanscrape vs trafilatura.

::

    python bench/bench_aeb.py                       # HTML pages, every tool
    python bench/bench_aeb.py --input both --worst 10
    python bench/bench_aeb.py --limit 10 --tools cleanscrape-content

Pages per second are counted on the worker's CPU time (``time.process_time``), which a
busy machine disturbs less than wall time; wall-clock pages per second are shown beside.
Every tool runs in its own fresh Python subprocess (the same interpreter, the same pages,
decoded to ``str`` before the clock starts, one untimed warm-up page), so speed and peak
memory compare like with like. Peak memory is the subprocess's maximum resident set size
(``ru_maxrss``), reported whole and as the growth over the moment the pages were loaded.

Quality is the corpus's own metric (its README; the same as ``shared/tools/score_aeb.py``):
texts become multisets of 4-word shingles of ``\\w+`` tokens; per page precision and recall
from true positives, false positives and false negatives; precision averaged over pages
with a non-empty prediction, recall over pages with a non-empty truth; F1 of the two means;
accuracy is the share of pages whose token sequence matches the truth exactly.

Tools:

``cleanscrape``          ``cleanscrape.clean(page, url=...)`` (the whole pipeline) when it
                         is importable, else the HTML content step alone
``cleanscrape-content``  ``html_to_document`` + ``FindHtmlContent`` + ``main_text``
``trafilatura``          ``trafilatura.extract(page, url=..., include_comments=False)``
``raw-text``             (text input) the whole-page dump, uncleaned: the baseline
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "aeb-dev"
TOKEN_RE = re.compile(r"\w+", re.UNICODE)

HTML_TOOLS = ("cleanscrape", "cleanscrape-content", "trafilatura")
TEXT_TOOLS = ("cleanscrape", "raw-text")


# -- the metric --------------------------------------------------------------------------
def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (1-3 tokens: one shingle)."""
    tokens = TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_score(truth: str, pred: str) -> tuple[float, float, bool, bool, bool]:
    """``(precision, recall, counts_for_precision, counts_for_recall, exact)`` of one page."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    exact = TOKEN_RE.findall(truth or "") == TOKEN_RE.findall(pred or "")
    if fp == 0 and fn == 0:
        return 1.0, 1.0, tp > 0, tp > 0, exact
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, tp + fp > 0, tp + fn > 0, exact


def score(gold: dict[str, dict[str, str]], pred: dict[str, str]) -> dict[str, Any]:
    """Corpus precision, recall, F1, accuracy and per-page rows for predictions ``pred``."""
    rows = {k: page_score(v["articleBody"], pred.get(k, "")) for k, v in gold.items()}
    ps = [r[0] for r in rows.values() if r[2]]
    rs = [r[1] for r in rows.values() if r[3]]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(row[4] for row in rows.values()) / len(rows) if rows else 0.0
    return {"precision": p, "recall": r, "f1": f1, "accuracy": acc, "rows": rows}


def page_f1(row: tuple[float, float, bool, bool, bool]) -> float:
    return 2 * row[0] * row[1] / (row[0] + row[1]) if row[0] + row[1] else 0.0


# -- corpus ------------------------------------------------------------------------------
def load_gold(corpus: Path, limit: int | None = None) -> dict[str, dict[str, str]]:
    """The ground truth ``{key: {"articleBody", "url"}}``, in key order, maybe cut short."""
    gold = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:limit] if limit else sorted(gold)
    return {k: gold[k] for k in keys}


def load_pages(corpus: Path, keys: list[str], kind: str) -> list[tuple[str, str]]:
    """``(key, page text)`` for each key: decompressed HTML or the text dump."""
    out = []
    for k in keys:
        if kind == "html":
            data = gzip.decompress((corpus / "html" / f"{k}.html.gz").read_bytes())
            out.append((k, data.decode("utf-8", "replace")))
        else:
            out.append((k, (corpus / "text" / f"{k}.txt").read_text(encoding="utf-8")))
    return out


# -- tools -------------------------------------------------------------------------------
def make_tool(name: str, kind: str) -> Callable[[str, str], str] | None:
    """A function ``(page, url) -> body`` for tool ``name``, or ``None`` if unavailable."""
    if name == "trafilatura" and kind == "html":
        import trafilatura

        def run_traf(page: str, url: str) -> str:
            return trafilatura.extract(page, url=url, include_comments=False) or ""
        return run_traf
    if name == "raw-text" and kind == "text":
        return lambda page, url: page
    if name == "cleanscrape-content" and kind == "html":
        from cleanscrape.sources.html import html_to_document
        from cleanscrape.steps.html_content import FindHtmlContent, main_text
        step = FindHtmlContent()

        def run_content(page: str, url: str) -> str:
            return main_text(step(html_to_document(page, url=url)))
        return run_content
    if name == "cleanscrape":
        try:
            from cleanscrape import clean
        except ImportError:
            if kind == "html":
                return make_tool("cleanscrape-content", kind)
            return None
        else:
            fmt = "html" if kind == "html" else "text"

            def run_clean(page: str, url: str) -> str:
                return clean(page, url=url, input_format=fmt).article.body or ""
            return run_clean
    return None


def worker(tool: str, kind: str, corpus: Path, limit: int | None,
           warm: bool = False) -> dict[str, Any]:
    """Run one tool over the pages in this process; time it and read peak memory."""
    import resource

    gold = load_gold(corpus, limit)
    pages = load_pages(corpus, list(gold), kind)
    fn = make_tool(tool, kind)
    if fn is None:
        return {"tool": tool, "skipped": f"{tool} is not available for {kind} input"}
    if pages:
        fn(pages[0][1], gold[pages[0][0]]["url"])  # warm-up: lazy imports, caches
    if warm:
        # Steady state, as over a long crawl: one untimed pass over every page first
        # (per-language tables, compiled patterns, imports all in place).
        for key, page in pages:
            try:
                fn(page, gold[key]["url"])
            except Exception:  # noqa: BLE001 - counted in the timed pass
                pass
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pred: dict[str, str] = {}
    errors = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for key, page in pages:
        try:
            pred[key] = fn(page, gold[key]["url"])
        except Exception:  # noqa: BLE001 - a failure is an empty prediction, counted
            errors += 1
            pred[key] = ""
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return {"tool": tool, "pred": pred, "seconds": seconds, "cpu": cpu, "pages": len(pages),
            "errors": errors, "peak_mb": peak / scale, "growth_mb": (peak - base) / scale}


def run_in_subprocess(tool: str, kind: str, corpus: Path, limit: int | None,
                      warm: bool = False) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter and return its result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--input", kind,
           "--corpus", str(corpus)] + (["--warm"] if warm else [])
    if limit:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(REPO), check=False)
    if proc.returncode:
        return {"tool": tool, "skipped": f"failed: {proc.stderr.strip()[-300:]}"}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def report(kind: str, gold: dict[str, dict[str, str]], results: list[dict[str, Any]],
           worst: int = 0) -> list[dict[str, Any]]:
    """Print the side-by-side table (and the weakest pages of the first tool)."""
    print(f"\naeb-dev, {kind} input, {len(gold)} pages")
    print(f"{'tool':<21} {'F1':>6} {'prec':>6} {'recall':>6} {'acc':>6} {'pages/s':>8} "
          f"{'(wall)':>7} {'peak MB':>8} {'+MB':>6} {'err':>4}")
    rows = []
    for res in results:
        if "skipped" in res:
            print(f"{res['tool']:<21} skipped: {res['skipped']}")
            continue
        s = score(gold, res["pred"])
        pps = res["pages"] / res["cpu"] if res["cpu"] else float("inf")
        wall = res["pages"] / res["seconds"] if res["seconds"] else float("inf")
        print(f"{res['tool']:<21} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
              f"{s['accuracy']:6.3f} {pps:8.1f} {wall:7.1f} {res['peak_mb']:8.1f} "
              f"{res['growth_mb']:6.1f} {res['errors']:4d}")
        rows.append({"tool": res["tool"], **{k: v for k, v in s.items() if k != "rows"},
                     "pages_per_s": pps, "peak_mb": res["peak_mb"], "rows": s["rows"]})
    if worst and rows:
        first = rows[0]
        print(f"\nweakest pages for {first['tool']}:")
        for k, r in sorted(first["rows"].items(), key=lambda kv: page_f1(kv[1]))[:worst]:
            print(f"  {k[:16]}  F1 {page_f1(r):.3f}  P {r[0]:.3f}  R {r[1]:.3f}  "
                  f"{gold[k].get('url', '')[:70]}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--input", choices=["html", "text", "both"], default="html")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ap.add_argument("--worst", type=int, default=0, help="list the K weakest pages")
    ap.add_argument("--tools", default="", help="comma-separated subset of the tools")
    ap.add_argument("--warm", action="store_true",
                    help="time a second pass over the pages (steady state), not the first")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "ground-truth.json").exists():
        print(f"corpus not found at {corpus}; pass --corpus PATH (nothing to measure)")
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, args.input, corpus, args.limit, args.warm)))
        return 0
    kinds = ["html", "text"] if args.input == "both" else [args.input]
    wanted = [t for t in args.tools.split(",") if t]
    for kind in kinds:
        tools: tuple[str, ...] = HTML_TOOLS if kind == "html" else TEXT_TOOLS
        if wanted:
            tools = tuple(t for t in tools if t in wanted)
        gold = load_gold(corpus, args.limit)
        results = [run_in_subprocess(t, kind, corpus, args.limit, args.warm) for t in tools]
        report(kind, gold, results, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the date reader: accuracy and speed beside dateparser, and import time.

Table mode (default) reads ``fixtures/dates/lines.jsonl`` (one labelled or unlabelled date
line per row, with the expected ISO value or null) and compares, line by line:

(a) ``cleanscrape.dates.read_date_line``;
(b) ``dateparser.parse(text, languages=[lang])`` with ``RELATIVE_BASE`` set;
(c) ``dateparser.search.search_dates(text, languages=[lang])``, first result.

Accuracy is judged at the expected precision: the day for day and time values, the month
for "2021-03", the year for "2021"; ``None`` is right only where null is expected.
cleanscrape's exact accuracy (full ISO value and field) is printed too. Speed is the
median over lines of each line's time per call (best of a few rounds, the three readers
timed one after the other on each line). Finally ``python -c "import cleanscrape"`` and
``import cleanscrape.dates`` are timed beside ``python -c pass`` (best of 8).

Corpus mode (``--corpus [DIR]``) reads ``gold.json`` of a dates corpus (default
``../shared/corpus/dates-dev`` beside the repository) and reports how often
``date_from_url`` finds the gold publication day in the page address. With
``--metadata`` it also scans each page's HTML with a rough regular expression for
``datePublished`` / ``article:published_time`` values and reads them with
``parse_machine_date`` (an estimate only; the HTML pipeline does this properly).

Usage::

    python bench/bench_dates.py
    python bench/bench_dates.py --corpus --metadata
    python bench/bench_dates.py --all
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_TABLE = ROOT / "fixtures" / "dates" / "lines.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dates-dev"


def _judge(expected: str | None, got_day: str | None) -> bool:
    """Right at the expected precision: ``got_day`` is a YYYY-MM-DD string or None."""
    if expected is None or got_day is None:
        return expected is None and got_day is None
    size = {4: 4, 7: 7}.get(len(expected), 10)
    return got_day[:size] == expected[:size]


def _time_per_call(fn: Callable[[], Any], calls: int, repeats: int) -> float:
    """Seconds per call: the best of ``repeats`` rounds of ``calls`` calls each.

    The best round is the one least disturbed by other work on the machine; every reader
    is timed the same way, line by line, so the comparison stays fair under load.
    """
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def _reference(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.replace(tzinfo=None)  # dateparser counts from a naive local time


def run_table(path: Path, fast: bool) -> None:
    from cleanscrape.dates import read_date_line

    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    print(
        f"table: {path} ({len(rows)} lines, {sum(r['expected'] is None for r in rows)} without a date)"
    )

    import dateparser
    from dateparser.search import search_dates

    warnings.simplefilter("ignore")

    def ours(row: dict[str, Any]) -> Callable[[], Any]:
        return lambda: read_date_line(
            row["text"], language=row["language"], reference_time=row["reference_time"]
        )

    def dp_parse(row: dict[str, Any]) -> Callable[[], Any]:
        lang = row["language"].split("-")[0]
        settings = {"RELATIVE_BASE": _reference(row["reference_time"])}
        return lambda: dateparser.parse(row["text"], languages=[lang], settings=settings)

    def dp_search(row: dict[str, Any]) -> Callable[[], Any]:
        lang = row["language"].split("-")[0]
        settings = {"RELATIVE_BASE": _reference(row["reference_time"])}

        def call() -> Any:
            found = search_dates(row["text"], languages=[lang], settings=settings)
            return found[0][1] if found else None

        return call

    readers = (("cleanscrape", ours), ("dateparser.parse", dp_parse), ("search_dates", dp_search))
    budgets = {"cleanscrape": (20, 5), "dateparser.parse": (1, 3), "search_dates": (1, 2)}
    if fast:
        budgets = {name: (1, 1) for name in budgets}
    results: dict[str, dict[str, Any]] = {
        name: {"right": 0, "exact": 0, "times": [], "failures": []} for name, _ in readers
    }
    for row in rows:
        # The three readers are timed one after the other on the same line, so a burst of
        # other work on the machine weighs on all of them alike.
        for name, make in readers:
            res = results[name]
            fn = make(row)
            try:
                got = fn()  # warm-up and answer
            except Exception as exc:  # noqa: BLE001 - a library's error counts as a wrong answer
                got = exc
            if name == "cleanscrape":
                value = got[1] if isinstance(got, tuple) else None
                day = value.iso[:10] if value is not None else None
                field = got[0] if isinstance(got, tuple) else None
                ok_exact = (value.iso if value else None) == row["expected"] and (
                    value is None or field == row["field"]
                )
                res["exact"] += ok_exact
                if not ok_exact:
                    res["failures"].append(row["text"])
            else:
                day = got.date().isoformat() if isinstance(got, dt.datetime) else None
            res["right"] += _judge(row["expected"], day)
            try:
                res["times"].append(_time_per_call(fn, *budgets[name]))
            except Exception:  # noqa: BLE001 - as above
                res["times"].append(float("nan"))
    for res in results.values():
        res["median_us"] = statistics.median(res["times"]) * 1e6

    n = len(rows)
    print(f"\n{'reader':<18}{'accuracy':>10}{'right':>12}{'median us/line':>17}")
    for name, res in results.items():
        print(
            f"{name:<18}{res['right'] / n:>10.1%}{res['right']:>7d}/{n:<4d}{res['median_us']:>17.1f}"
        )
    ours_res = results["cleanscrape"]
    print(
        f"\ncleanscrape exact (ISO value, precision, zone and field): {ours_res['exact']}/{n} "
        f"= {ours_res['exact'] / n:.1%}"
    )
    speedup = results["dateparser.parse"]["median_us"] / ours_res["median_us"]
    print(f"cleanscrape is {speedup:.0f}x faster than dateparser.parse (median per line)")
    for text in ours_res["failures"][:20]:
        print(f"  not exact: {text!r}")


def run_imports(rounds: int = 8) -> None:
    """Interpreter start plus import, best of several rounds, the commands interleaved so
    that a burst of other work on the machine weighs on all of them alike. Bytecode is
    cached as in an installed package (the first round writes it and is not counted)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    codes = {
        "pass": "pass",
        "cleanscrape": "import cleanscrape",
        "cleanscrape.dates": "import cleanscrape.dates",
    }
    best = dict.fromkeys(codes, float("inf"))
    for round_ in range(rounds + 1):
        for name, code in codes.items():
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=False)
            elapsed = (time.perf_counter() - start) * 1000
            if done.returncode != 0:
                best[name] = float("nan")
            elif round_:
                best[name] = min(best[name], elapsed)
    base = best["pass"]
    print(
        f"\nimport time (best of {rounds}, whole interpreter start): python -c pass {base:.0f} ms"
    )
    for name in ("cleanscrape", "cleanscrape.dates"):
        print(f"  import {name}: {best[name]:.0f} ms (+{best[name] - base:.0f} ms)")
    probe = "import sys, cleanscrape.dates; print('dateparser' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    print(
        f"  dateparser imported by `import cleanscrape.dates`: {out.stdout.strip() or out.stderr.strip()}"
    )


_META = re.compile(
    r"""(?:"datePublished"\s*:\s*"([^"]{4,40})"|property=["']article:published_time["']\s+content=["']([^"']{4,40})"""
    r"""|content=["']([^"']{4,40})["']\s+property=["']article:published_time|itemprop=["']datePublished["'][^>]{0,80}?"""
    r"""(?:content|datetime)=["']([^"']{4,40}))""",
    re.IGNORECASE,
)


def run_corpus(directory: Path, metadata: bool) -> None:
    from cleanscrape.dates import date_from_url, parse_machine_date

    gold_path = directory / "gold.json"
    if not gold_path.exists():
        print(f"corpus: {directory} not found, skipped")
        return
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    dated = {k: v for k, v in gold.items() if v.get("published")}
    print(f"\ncorpus: {directory} ({len(gold)} pages, {len(dated)} with a gold date)")
    day_right = month_right = wrong = none = 0
    wrong_examples = []
    for entry in dated.values():
        value = date_from_url(entry["url"])
        if value is None:
            none += 1
        elif value.iso == entry["published"]:
            day_right += 1
        elif value.precision == "month" and entry["published"].startswith(value.iso):
            month_right += 1
        else:
            wrong += 1
            wrong_examples.append((entry["url"], value.iso, entry["published"]))
    n = len(dated)
    print(
        f"date_from_url on gold URLs: day right {day_right}/{n} = {day_right / n:.1%}; "
        f"month right (month precision) {month_right}; wrong {wrong}; no date {none}"
    )
    found = day_right + month_right + wrong
    if found:
        print(
            f"  of the URLs that gave a date, right to its precision: {(day_right + month_right) / found:.1%}"
        )
    for url, got, want in wrong_examples[:10]:
        print(f"  wrong: {got} (gold {want}) {url[:100]}")
    if not metadata:
        return
    right = seen = 0
    for key, entry in dated.items():
        path = directory / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
            html = handle.read()
        m = _META.search(html)
        if m is None:
            continue
        value = parse_machine_date(next(g for g in m.groups() if g))
        seen += 1
        right += value is not None and value.iso[:10] == entry["published"]
    print(
        f"metadata (rough scan, not the HTML pipeline): {seen} pages with a published value, "
        f"parse_machine_date right on {right} = {right / n:.1%} of dated pages"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--table", type=Path, default=DEFAULT_TABLE, help="JSONL table of date lines"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="?",
        const=DEFAULT_CORPUS,
        default=None,
        help="run the corpus mode on this directory (default: ../shared/corpus/dates-dev)",
    )
    parser.add_argument(
        "--metadata", action="store_true", help="corpus mode: also scan HTML metadata"
    )
    parser.add_argument("--all", action="store_true", help="table, import times and corpus")
    parser.add_argument("--fast", action="store_true", help="one timed call per line (quick check)")
    args = parser.parse_args(argv)
    if args.corpus is None or args.all:
        run_table(args.table, args.fast)
        run_imports()
    if args.corpus is not None or args.all:
        run_corpus(args.corpus or DEFAULT_CORPUS, args.metadata or args.all)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""HTML cleaning speed: cleanscrape beside trafilatura, in one process, on the same pages.

::

    python bench/bench_speed.py                      # trafeval-dev, 3 rounds
    python bench/bench_speed.py --corpus ../shared/corpus/aeb-dev --rounds 5

Both tools run in this one process on the same pages, decoded to ``str`` before any clock
starts: cleanscrape's whole default pipeline (``Pipeline.clean(page, input_format="html")``)
and trafilatura's ``bare_extraction(page, with_metadata=True)``. Both are warmed first (a
whole untimed pass each: imports, caches, compiled rules). Then each round times one pass
of each tool over every page on CPU time (``time.process_time``), alternating which goes
first; the best round of each is reported (the least disturbed by a shared machine), with
the median beside it. A page a tool raises on counts, with its time, and is reported.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "trafeval-dev"


def load_pages(corpus: Path, limit: int | None) -> list[str]:
    """The corpus's HTML pages (``html/*.html.gz``), decoded to ``str``."""
    sys.path.insert(0, str(REPO))
    from cleanscrape.sources.decode import decode_bytes

    pages = []
    for path in sorted((corpus / "html").glob("*.html.gz"))[:limit]:
        raw = gzip.decompress(path.read_bytes())
        try:
            pages.append(decode_bytes(raw))
        except Exception:  # noqa: BLE001 - a page neither tool can read is left out
            pages.append(raw.decode("utf-8", "replace"))
    return pages


def tools() -> dict[str, Callable[[str], Any]]:
    sys.path.insert(0, str(REPO))
    from cleanscrape import Pipeline

    pipeline = Pipeline.default()
    out: dict[str, Callable[[str], Any]] = {
        "cleanscrape": lambda page: pipeline.clean(page, input_format="html",
                                                   reference_time="2024-01-01T00:00:00Z"),
    }
    try:
        from trafilatura import bare_extraction

        out["trafilatura"] = lambda page: bare_extraction(page, with_metadata=True)
    except ImportError:
        print("trafilatura is not installed (pip install -e '.[bench]'): timing cleanscrape only")
    return out


def one_pass(fn: Callable[[str], Any], pages: list[str]) -> tuple[float, int]:
    """CPU seconds for one pass over ``pages``, and how many pages raised."""
    errors = 0
    start = time.process_time()
    for page in pages:
        try:
            fn(page)
        except Exception:  # noqa: BLE001 - counted and reported
            errors += 1
    return time.process_time() - start, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    if not (args.corpus / "html").is_dir():
        print(f"no corpus at {args.corpus}: skipped")
        return
    pages = load_pages(args.corpus, args.limit)
    fns = tools()
    for fn in fns.values():  # warm-up: a whole untimed pass each
        one_pass(fn, pages)
    times: dict[str, list[float]] = {name: [] for name in fns}
    errors: dict[str, int] = dict.fromkeys(fns, 0)
    names = list(fns)
    for r in range(args.rounds):
        for name in (names if r % 2 == 0 else names[::-1]):
            t, e = one_pass(fns[name], pages)
            times[name].append(t)
            errors[name] = e
    n = len(pages)
    print(f"{args.corpus.name}: {n} pages, {args.rounds} rounds, CPU time, both warmed")
    rate = {}
    for name in names:
        best, med = min(times[name]), statistics.median(times[name])
        rate[name] = n / best if best else float("inf")
        print(f"  {name:12s} {rate[name]:7.1f} pages/s (best)  {n / med:7.1f} pages/s (median)"
              f"  {best / n * 1000:6.2f} ms/page  errors {errors[name]}")
    if "trafilatura" in rate:
        print(f"  cleanscrape / trafilatura: {rate['cleanscrape'] / rate['trafilatura']:.2f}x")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Publication dates from real HTML pages: cleanscrape's ``article.published`` vs the gold day.

    python bench/bench_dates_corpus.py                       # ../shared/corpus/dates-dev
    python bench/bench_dates_corpus.py --corpus DIR --show-misses 20

Each page of the corpus (``html/<id>.html.gz``, ``gold.json``: ``{id: {"published", "url"}}``)
is cleaned with its URL and a reference time just after its gold day's year end (the
corpus was crawled in 2020, so relative dates there are rare). Prints the share of pages
whose ``published`` has the gold day, the share with no date, and per-page time.
Skips with a message when the corpus folder does not exist.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "dates-dev"


# The corpus was crawled in 2020: relative dates count from just after that year's end.
REFERENCE_TIME = "2021-01-01T00:00:00+00:00"


def load_gold(corpus: Path, limit: int = 0) -> dict[str, dict[str, str]]:
    """``{id: {"published", "url"}}`` in id order, the first ``limit`` ids when given."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    return {k: gold[k] for k in sorted(gold)[: limit or None]}


def load_page(corpus: Path, key: str) -> bytes:
    """The raw bytes of page ``key``."""
    return gzip.decompress((corpus / "html" / f"{key}.html.gz").read_bytes())


def published_day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of an ISO 8601 date or moment, ``None`` for no date."""
    return value[:10] if value else None


def run(corpus: Path, show: int = 0, limit: int = 0) -> dict[str, float]:
    from cleanscrape import clean

    gold = load_gold(corpus, limit)
    keys = list(gold)
    right = none = 0
    misses = []
    start = time.perf_counter()
    for key in keys:
        html = load_page(corpus, key)
        result = clean(html, url=gold[key]["url"], reference_time=REFERENCE_TIME)
        got = result.article.published
        day = published_day(got)
        if day == gold[key]["published"]:
            right += 1
        else:
            if day is None:
                none += 1
            misses.append((key, gold[key]["published"], got, result.article.updated, gold[key]["url"]))
    took = time.perf_counter() - start
    n = len(keys)
    print(f"dates-dev ({n} pages): published day right {right / n:.1%}, no date {none / n:.1%}, "
          f"{1000 * took / n:.1f} ms/page")
    for key, want, got, upd, url in misses[:show]:
        print(f"  {key[:22]:22} want {want}  got {got}  (updated {upd})  {url[:70]}")
    return {"accuracy": right / n, "none": none / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not (args.corpus / "gold.json").exists():
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    run(args.corpus, args.show_misses, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())

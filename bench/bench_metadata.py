#!/usr/bin/env python3
"""Hostile metadata in linear time: CPU seconds to read pages with growing metadata.

::

    python bench/bench_metadata.py            # sizes 1,000 / 10,000 / 100,000
    python bench/bench_metadata.py --sizes 1000,10000 --repeat 5

For each size N it builds four pages and prints the CPU time ``cleanscrape.clean`` takes
(best of ``--repeat``) and the ratio to the previous size (10 means linear for sizes
ten apart):

``meta``     N ``<meta name="keywords">`` tags
``title``    a ``<title>`` of N words
``jsonld``   a JSON-LD ``@graph`` of N nodes whose ``@id`` references form one long cycle
``broken``   N broken JSON-LD scripts (unclosed objects, trailing commas)

Nothing here asserts: the figures are for reading (the tests check the outcomes).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

PROSE = ("<article><h1>Bridge to close</h1><p>The council voted on Tuesday to close the old "
         "bridge to cars from next spring, ending months of argument over its future.</p>"
         "</article>")


def meta_page(n: int) -> str:
    tags = "".join(f"<meta name='keywords' content='tag{i}'>" for i in range(n))
    return f"<html><head>{tags}</head><body>{PROSE}</body></html>"


def title_page(n: int) -> str:
    return f"<html><head><title>{'word ' * n}</title></head><body>{PROSE}</body></html>"


def jsonld_page(n: int) -> str:
    graph = [{"@type": "Person", "@id": f"#p{i}", "name": f"Person {i}",
              "knows": {"@id": f"#p{(i + 1) % n}"}} for i in range(n)]
    graph.insert(0, {"@type": "NewsArticle", "headline": "Bridge to close",
                     "author": {"@id": "#p0"}})
    script = json.dumps({"@context": "https://schema.org", "@graph": graph})
    return (f"<html><head><script type='application/ld+json'>{script}</script></head>"
            f"<body>{PROSE}</body></html>")


def broken_page(n: int) -> str:
    scripts = "".join("<script type='application/ld+json'>{\"@type\": \"Article\", "
                      "\"headline\": \"H\",</script>" for _ in range(n))
    return f"<html><head>{scripts}</head><body>{PROSE}</body></html>"


PAGES: dict[str, Callable[[int], str]] = {
    "meta": meta_page, "title": title_page, "jsonld": jsonld_page, "broken": broken_page,
}


def cpu(page: str, repeat: int) -> float:
    from cleanscrape import clean

    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        clean(page)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from cleanscrape import clean

    clean(PROSE)  # imports and rule files loaded before the clock starts
    print(f"{'page':<8} {'N':>8} {'CPU s':>8} {'ratio':>6}")
    for name, build in PAGES.items():
        previous = None
        for n in sizes:
            seconds = cpu(build(n), args.repeat)
            ratio = f"{seconds / previous:.1f}" if previous else "-"
            print(f"{name:<8} {n:>8} {seconds:>8.3f} {ratio:>6}")
            previous = seconds


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Every public corpus in one table: cleanscrape beside trafilatura (and htmldate on dates).

::

    python bench/bench_all.py                              # every corpus, every tool
    python bench/bench_all.py --limit 3 --tools cleanscrape # a smoke run
    python bench/bench_all.py --corpora trafeval-dev,dates-dev --json figures.json

Corpora (folders of ``--corpus-root``, default ``../shared/corpus`` beside the project; a
missing one is reported and skipped):

``trafeval-dev``  HTML pages and their whole-page text dumps: text precision, recall and F1
                  of the annotated snippets, title, author, "no author" right, date; the
                  metric is imported from ``score_trafeval.py`` in the ``tools`` folder beside
                  the corpus root (the corpus is skipped when that file is absent)
``aeb-dev``       HTML pages and text dumps: body F1, precision and recall of 4-word
                  shingles (the metric of ``bench_aeb.py``)
``dates-dev``     HTML pages: the share whose published day is right (the reading of
                  ``bench_dates_corpus.py``)

Tools, each given the page's raw bytes and no URL:

``cleanscrape``   ``cleanscrape.clean(page, input_format=...)``, as ``cleanscrape clean
                  --format jsonl --input-format html|text FILE`` runs it (on dates-dev with
                  the reference time of ``bench_dates_corpus.py``: a 2020 crawl)
``trafilatura``   ``bare_extraction(page, with_metadata=True, include_comments=False,
                  include_tables=True)``; HTML only (its row on text input shows "-")
``htmldate``      ``find_date(page, original_date=True)``; dates-dev only

Each tool runs on each corpus in its own fresh Python subprocess: it reads the pages, makes
one untimed warm-up pass over all of them, then a timed pass whose results are scored.
Pages per second are counted on that process's CPU time (``time.process_time``); peak RSS
is its maximum resident set size. Figures are shares in [0, 1]; "-" is a figure the corpus
has no gold for, or a tool that does not take that input.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_ROOT = REPO.parent / "shared" / "corpus"

TOOLS = ("cleanscrape", "trafilatura", "htmldate")
FIELDS = ("body", "title", "authors", "published", "updated")
COLUMNS = ("corpus", "input", "tool", "pages", "F1", "P", "R", "title", "author", "no-auth",
           "date", "pages/s", "peakMB", "err")
# Row keys behind the figure columns, in column order.
FIGURES = ("f1", "precision", "recall", "title", "author", "no_author", "date")


def _load(path: Path, name: str) -> ModuleType:
    """Import the Python file at ``path`` as module ``name``."""
    known = sys.modules.get(name)
    if known is not None and Path(known.__file__ or "") == path:
        return known
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def bench_aeb() -> ModuleType:
    return _load(BENCH / "bench_aeb.py", "bench_aeb")


def bench_dates() -> ModuleType:
    return _load(BENCH / "bench_dates_corpus.py", "bench_dates_corpus")


def trafeval_scorer(root: Path) -> Path:
    """Where the trafeval-dev scoring script lives for corpus root ``root``."""
    return root.parent / "tools" / "score_trafeval.py"


# -- corpora -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """One corpus read one way: its pages as HTML or as text dumps."""

    corpus: str
    kind: str  # "html" or "text"

    @property
    def label(self) -> str:
        return f"{self.corpus}/{self.kind}"


PARTS = (Part("trafeval-dev", "html"), Part("trafeval-dev", "text"),
         Part("aeb-dev", "html"), Part("aeb-dev", "text"), Part("dates-dev", "html"))
CORPORA = tuple(dict.fromkeys(p.corpus for p in PARTS))


def missing(part: Part, root: Path) -> str | None:
    """Why ``part`` cannot be measured under ``root``, or ``None`` when it can."""
    folder = root / part.corpus
    gold = "ground-truth.json" if part.corpus == "aeb-dev" else "gold.json"
    if not (folder / gold).exists():
        return f"no corpus at {folder}"
    if not (folder / part.kind).is_dir():
        return f"no {part.kind}/ folder in {folder}"
    if part.corpus == "trafeval-dev" and not trafeval_scorer(root).exists():
        return f"its scoring script {trafeval_scorer(root)} is absent"
    return None


def load_gold(part: Part, root: Path, limit: int | None) -> dict[str, Any]:
    """The gold records of ``part``'s corpus, in key order, the first ``limit`` when given."""
    folder = root / part.corpus
    if part.corpus == "aeb-dev":
        gold: dict[str, Any] = bench_aeb().load_gold(folder, limit)
        return gold
    if part.corpus == "dates-dev":
        gold = bench_dates().load_gold(folder, limit or 0)
        return gold
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return {k: gold[k] for k in sorted(gold)[: limit or None]}


def page_bytes(part: Part, root: Path, key: str) -> bytes:
    """The page as a file on disk would give it: the HTML's bytes or the text dump's."""
    folder = root / part.corpus
    if part.kind == "html":
        return gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
    return (folder / "text" / f"{key}.txt").read_bytes()


# -- tools -------------------------------------------------------------------------------
def applies(tool: str, part: Part) -> bool:
    """Whether ``tool`` is measured on ``part`` (else its row shows "-" or is left out)."""
    if tool == "htmldate":
        return part.corpus == "dates-dev"
    if tool == "trafilatura":
        return part.kind == "html"
    return True


def shown(tool: str, part: Part) -> bool:
    """Whether ``tool`` has a row for ``part`` at all (htmldate only reads dates)."""
    return tool != "htmldate" or part.corpus == "dates-dev"


def make_tool(tool: str, part: Part) -> tuple[Any, str]:
    """``(function page bytes -> article fields, version)`` for ``tool`` on ``part``."""
    if tool == "cleanscrape":
        import cleanscrape

        options: dict[str, Any] = {"input_format": part.kind}
        if part.corpus == "dates-dev":
            options["reference_time"] = bench_dates().REFERENCE_TIME

        def run_clean(page: bytes) -> dict[str, Any]:
            article = cleanscrape.clean(page, **options).article
            return dict(article.model_dump(mode="json", include=set(FIELDS)))
        return run_clean, cleanscrape.__version__
    if tool == "trafilatura":
        import trafilatura

        def run_traf(page: bytes) -> dict[str, Any]:
            doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                              include_tables=True)
            if doc is None:
                return {}
            return {"body": doc.text or "", "title": doc.title,
                    "authors": [doc.author] if doc.author else [], "published": doc.date}
        return run_traf, trafilatura.__version__
    if tool == "htmldate":
        import htmldate

        def run_htmldate(page: bytes) -> dict[str, Any]:
            return {"published": htmldate.find_date(page, original_date=True)}
        return run_htmldate, htmldate.__version__
    raise ValueError(f"unknown tool {tool!r}")


def worker(tool: str, part: Part, root: Path, limit: int | None) -> dict[str, Any]:
    """Run ``tool`` over ``part`` in this process: a warm-up pass, then a timed pass."""
    import resource

    keys = list(load_gold(part, root, limit))
    pages = [(k, page_bytes(part, root, k)) for k in keys]
    fn, version = make_tool(tool, part)
    for _key, page in pages:  # warm-up: imports, models, caches, compiled patterns
        try:
            fn(page)
        except Exception:  # noqa: BLE001 - counted in the timed pass
            pass
    pred: dict[str, dict[str, Any]] = {}
    errors = 0
    wall_start = time.perf_counter()
    cpu_start = time.process_time()
    for key, page in pages:
        try:
            pred[key] = fn(page)
        except Exception:  # noqa: BLE001 - a page that fails has no output, counted
            errors += 1
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return {"pred": pred, "pages": len(pages), "errors": errors, "cpu": cpu, "wall": wall,
            "peak_mb": peak / scale, "version": version}


def run_in_subprocess(tool: str, part: Part, root: Path, limit: int | None) -> dict[str, Any]:
    """:func:`worker` in a fresh interpreter; ``{"failed": reason}`` when it fails."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool,
           "--part", part.label, "--corpus-root", str(root)]
    if limit:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(REPO), check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode or not lines:
        return {"failed": proc.stderr.strip()[-300:] or f"exit status {proc.returncode}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# -- scores ------------------------------------------------------------------------------
def score(part: Part, root: Path, gold: dict[str, Any],
          pred: dict[str, dict[str, Any]]) -> dict[str, float | None]:
    """The figures of predictions ``pred`` against ``gold``, by the corpus's own metric."""
    out: dict[str, float | None] = dict.fromkeys(FIGURES)
    if part.corpus == "trafeval-dev":
        scorer = _load(trafeval_scorer(root), "score_trafeval")
        (p, r, f1), rates, rows = scorer.score(gold, pred)
        out.update(f1=f1, precision=p, recall=r)
        for name, key in (("title", "title"), ("author", "author"),
                          ("no_author", "no_author"), ("date", "date")):
            out[name] = rates[key] if rows[key] else None  # None: nothing to count
    elif part.corpus == "aeb-dev":
        s = bench_aeb().score(gold, {k: (v.get("body") or "") for k, v in pred.items()})
        out.update(f1=s["f1"], precision=s["precision"], recall=s["recall"])
    else:
        day = bench_dates().published_day
        right = sum(day((pred.get(k) or {}).get("published")) == g["published"]
                    for k, g in gold.items())
        out["date"] = right / len(gold) if gold else None
    return out


def measure(parts: list[Part], tools: list[str], root: Path, limit: int | None,
            log: Any = sys.stderr) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
    """Run every tool on every part: ``(rows, notes on what was skipped, tool versions)``."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    versions: dict[str, str] = {}
    for part in parts:
        why = missing(part, root)
        if why:
            notes.append(f"{part.label}: skipped, {why}")
            continue
        gold = load_gold(part, root, limit)
        for tool in tools:
            if not shown(tool, part):
                continue
            row: dict[str, Any] = {"corpus": part.corpus, "input": part.kind, "tool": tool,
                                   "pages": len(gold), **dict.fromkeys(FIGURES),
                                   "pages_per_s": None, "peak_mb": None, "errors": None}
            if applies(tool, part):
                print(f"{tool} on {part.label} ({len(gold)} pages)...", file=log, flush=True)
                res = run_in_subprocess(tool, part, root, limit)
                if "failed" in res:
                    notes.append(f"{tool} on {part.label} failed: {res['failed']}")
                else:
                    versions[tool] = res["version"]
                    row.update(score(part, root, gold, res["pred"]))
                    row.update(pages=res["pages"], errors=res["errors"],
                               pages_per_s=res["pages"] / res["cpu"] if res["cpu"] else None,
                               peak_mb=res["peak_mb"], cpu_s=res["cpu"], wall_s=res["wall"])
            rows.append(row)
    return rows, notes, versions


def _cell(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as one aligned plain-text table."""
    lines = [[*COLUMNS]]
    for r in rows:
        lines.append([r["corpus"], r["input"], r["tool"], _cell(r["pages"]),
                      *(_cell(r[f]) for f in FIGURES), _cell(r["pages_per_s"], 1),
                      _cell(r["peak_mb"], 1), _cell(r["errors"])])
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) if i < 3 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(line, widths, strict=True)))
                     for line in lines)


def _choose(given: str, known: tuple[str, ...], what: str,
            ap: argparse.ArgumentParser) -> list[str]:
    chosen = [x.strip() for x in given.split(",") if x.strip()]
    unknown = [x for x in chosen if x not in known]
    if unknown:
        ap.error(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return chosen or list(known)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus-root", type=Path, default=DEFAULT_ROOT,
                    help="the folder holding the corpora (default: %(default)s)")
    ap.add_argument("--corpora", default="",
                    help="comma-separated corpora or corpus/input parts, e.g. "
                         "'trafeval-dev,aeb-dev/text' (default: all)")
    ap.add_argument("--tools", default="", help="comma-separated tools (default: all)")
    ap.add_argument("--limit", type=int, default=None,
                    help="only the first N pages of each corpus")
    ap.add_argument("--json", type=Path, default=None, metavar="FILE",
                    help="also write the figures as JSON to FILE")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--part", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    root = args.corpus_root.absolute()
    if args.worker:
        part = next(p for p in PARTS if p.label == args.part)
        print(json.dumps(worker(args.worker, part, root, args.limit)))
        return 0
    known = CORPORA + tuple(p.label for p in PARTS)
    wanted = _choose(args.corpora, known, "corpora", ap)
    parts = [p for p in PARTS if p.corpus in wanted or p.label in wanted]
    tools = _choose(args.tools, TOOLS, "tools", ap)
    start = time.perf_counter()
    rows, notes, versions = measure(parts, tools, root, args.limit)
    took = time.perf_counter() - start
    about = [f"corpora in {root}"]
    if args.limit:
        about.append(f"first {args.limit} pages each")
    if versions:
        about.append(", ".join(f"{t} {v}" for t, v in versions.items()))
    print("; ".join([*about, "pages/s on CPU time after a warm-up pass"]))
    print(table(rows))
    for note in notes:
        print(note)
    print(f"({took:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps({
            "corpus_root": str(root), "limit": args.limit, "versions": versions,
            "rows": rows, "skipped": notes}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``cleanscrape`` command.

::

    cleanscrape clean PATH [PATH ...] [--input-format auto|text|html] [--format json|jsonl]
                      [--reference-time ISO8601] [--url URL] [--language CODE]
                      [--workers N] [--progress] [--rules FILE] [--quote-style STYLE]
    cleanscrape explain PATH        # why each block went where it went
    cleanscrape schema              # the JSON Schema of the output
    cleanscrape sample              # path of the sample page shipped with the package

A PATH may be a page (text or HTML, any encoding, ``-`` for standard input), a JSON Lines
file of records (``*.jsonl``, ``*.jsonl.gz``: each record has ``html`` or ``text`` and
optionally ``url``, ``reference_time``, ``language``), or a WARC file (``*.warc``,
``*.warc.gz``; needs the ``warc`` extra), whose response records carry their own URL and
crawl time. Output is in input order. A page that cannot be read or decoded is reported on
standard error with its path and the reason; the others are still cleaned; the exit
status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from .errors import CleanscrapeError

__all__ = ["main"]


class _Job:
    """One page to clean: where it came from, its bytes, its own options."""

    __slots__ = ("path", "data", "options")

    def __init__(self, path: str, data: Any, options: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.options = options


class _Failure:
    __slots__ = ("path", "reason")

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason


def _open_maybe_gzip(path: str) -> io.BufferedIOBase:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _records_jsonl(path: str) -> Iterator[_Job | _Failure]:
    with _open_maybe_gzip(path) as fh:
        for n, raw in enumerate(fh, start=1):
            where = f"{path}:{n}"
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
            except ValueError as exc:
                yield _Failure(where, f"not a JSON object: {exc}")
                continue
            if not isinstance(rec, dict):
                yield _Failure(where, "not a JSON object")
                continue
            page = rec.get("html", rec.get("text", rec.get("content")))
            if not isinstance(page, str):
                yield _Failure(where, "record has no 'html', 'text' or 'content' string")
                continue
            opts = {k: rec[k] for k in ("url", "reference_time", "language") if rec.get(k)}
            if "html" in rec:
                opts["input_format"] = "html"
            elif "text" in rec:
                opts["input_format"] = "text"
            yield _Job(where, page, opts)


def _records_warc(path: str) -> Iterator[_Job | _Failure]:
    try:
        from .integrations.warc import iter_warc_pages
    except ImportError as exc:  # pragma: no cover - depends on the extra
        yield _Failure(path, f"reading WARC needs the 'warc' extra ({exc})")
        return
    for rec in iter_warc_pages(path):
        opts = {"url": rec.url, "reference_time": rec.fetched, "input_format": "html"}
        if rec.content_type:
            opts["content_type"] = rec.content_type
        yield _Job(f"{path}#{rec.record_id}", rec.body, opts)


def _jobs(paths: list[str]) -> Iterator[_Job | _Failure]:
    for path in paths:
        low = path.lower()
        try:
            if low.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
                yield from _records_jsonl(path)
                continue
            if low.endswith((".warc", ".warc.gz")):
                yield from _records_warc(path)
                continue
            if path == "-":
                data = sys.stdin.buffer.read()
            else:
                with _open_maybe_gzip(path) if low.endswith(".html.gz") or low.endswith(".txt.gz") \
                        else open(path, "rb") as fh:
                    data = fh.read()
            yield _Job(path, data, {})
        except IsADirectoryError:
            yield _Failure(path, "is a directory")
        except FileNotFoundError:
            yield _Failure(path, "no such file")
        except PermissionError:
            yield _Failure(path, "permission denied")
        except (OSError, EOFError) as exc:
            yield _Failure(path, f"cannot read: {exc}")


_PIPELINE: Any = None


def _init_worker(pipeline: Any) -> None:
    global _PIPELINE
    _PIPELINE = pipeline


def _run(args: tuple[_Job | _Failure, dict[str, Any]]) -> tuple[str, dict[str, Any] | None, str | None]:
    job, common = args
    if isinstance(job, _Failure):
        return job.path, None, job.reason
    options = {**common, **job.options}
    options.pop("content_type", None)
    try:
        result = _PIPELINE.clean(job.data, **options)
    except CleanscrapeError as exc:
        return job.path, None, str(exc)
    return job.path, result.model_dump(mode="json"), None


def _progress(out: TextIO, done: int, failed: int, start: float, final: bool = False) -> None:
    rate = done / max(time.perf_counter() - start, 1e-9)
    out.write(f"\rcleanscrape: {done} pages, {failed} failed, {rate:.1f} pages/s")
    if final:
        out.write("\n")
    out.flush()


def _cmd_clean(ns: argparse.Namespace) -> int:
    from .pipeline import Pipeline

    try:
        pipeline = Pipeline.default(quote_style=ns.quote_style, rules=tuple(ns.rules or ()))
        if ns.rules:
            pipeline["StripNoise"].ruleset()  # type: ignore[attr-defined]
    except CleanscrapeError as exc:
        print(f"cleanscrape: {exc}", file=sys.stderr)
        return 2
    common: dict[str, Any] = {"input_format": ns.input_format}
    if ns.reference_time:
        # Without one, each page counts from the run's clock, and its own evidence
        # (metadata, address) outranks what is counted from the clock.
        common["reference_time"] = ns.reference_time
    if ns.url:
        common["url"] = ns.url
    if ns.language:
        common["language"] = ns.language
    # Check the shared options once, so a bad flag is one clear error, not one per page.
    from .pipeline import _check_language

    try:
        _check_language(ns.language)
        from .pipeline import _reference_time

        _reference_time(common.get("reference_time"))
    except CleanscrapeError as exc:
        print(f"cleanscrape: {exc}", file=sys.stderr)
        return 2
    records = any(p.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz"))
                  for p in ns.paths)
    as_lines = ns.format == "jsonl" or len(ns.paths) > 1 or records
    failed = 0
    done = 0
    start = time.perf_counter()
    out = sys.stdout
    jobs = ((job, common) for job in _jobs(ns.paths))
    if ns.workers > 1:
        import multiprocessing as mp

        pool = mp.get_context("spawn").Pool(ns.workers, initializer=_init_worker,
                                            initargs=(pipeline,))
        results: Iterator[tuple[str, dict[str, Any] | None, str | None]] = pool.imap(
            _run, jobs, chunksize=4)
    else:
        pool = None
        _init_worker(pipeline)
        results = map(_run, jobs)
    try:
        for path, obj, error in results:
            done += 1
            if error is not None:
                failed += 1
                print(f"cleanscrape: {path}: {error}", file=sys.stderr)
            else:
                assert obj is not None
                if as_lines:
                    obj = {"path": path, **obj}
                    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
                else:
                    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
            if ns.progress and (done % 50 == 0):
                _progress(sys.stderr, done, failed, start)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    if ns.progress:
        _progress(sys.stderr, done, failed, start, final=True)
    out.flush()
    return 1 if failed else 0


def _cmd_explain(ns: argparse.Namespace) -> int:
    from .pipeline import clean

    try:
        data = Path(ns.path).read_bytes() if ns.path != "-" else sys.stdin.buffer.read()
        result = clean(data, url=ns.url, reference_time=ns.reference_time,
                       language=ns.language, input_format=ns.input_format)
    except OSError as exc:
        print(f"cleanscrape: {ns.path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except CleanscrapeError as exc:
        print(f"cleanscrape: {ns.path}: {exc}", file=sys.stderr)
        return 1
    rows = result.explain()

    def where_of(row: dict[str, Any]) -> str:
        where = f"line {row['line']}" if row["line"] else str(row["path"])
        return where if len(where) <= 24 else "…" + where[-23:]

    w = max([10] + [len(where_of(r)) for r in rows])
    for row in rows:
        where = where_of(row)
        label = row["label"] or "-"
        text = row["text"] if len(row["text"]) <= 70 else row["text"][:67] + "..."
        print(f"{where:>{w}}  {label:<9} {row['rule'] or '':<28} {text}")
        for e in row["edits"]:
            print(f"{'':>{w}}  {'':<9} {'edit ' + e['rule']:<28} {e['before']!r} -> {e['after']!r}"
                  f" at {e['offset']}")
    # Where the reconciled fields came from, and what was set aside.
    for name, prov in result.provenance().items():
        if name not in ("title", "authors"):
            continue
        print(f"{'field':>{w}}  {name:<9} {prov.get('source') or '-':<28} {prov.get('why', '')}")
        for rej in prov.get("rejected", []):
            print(f"{'':>{w}}  {'':<9} {'set aside: ' + rej['reason']:<28} {rej['value']!r}"
                  f" ({rej['source']})")
    return 0


def _cmd_schema(ns: argparse.Namespace) -> int:
    from .models import CleanResult

    print(json.dumps(CleanResult.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def _cmd_sample(ns: argparse.Namespace) -> int:
    from importlib import resources

    print(resources.files("cleanscrape").joinpath("samples").joinpath("news_page.txt"))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cleanscrape",
                                description="Clean scraped news pages (text or HTML) into "
                                            "articles, teasers and the debris removed.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    from . import __version__

    p.add_argument("--version", action="version", version=f"cleanscrape {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def page_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--input-format", choices=["auto", "text", "html"], default="auto",
                        help="how to read inputs (auto: HTML when a file starts with markup)")
        sp.add_argument("--reference-time", metavar="ISO8601",
                        help="when the pages were fetched; relative dates count from it")
        sp.add_argument("--url", help="the page's address (makes teaser links absolute)")
        sp.add_argument("--language", metavar="CODE",
                        help="BCP 47 tag overriding detection, e.g. en-GB")

    c = sub.add_parser("clean", help="clean pages into the JSON contract")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--format", choices=["json", "jsonl"], default="json",
                   help="json: one object (one input); jsonl: one object per line with 'path'")
    page_options(c)
    c.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    c.add_argument("--progress", action="store_true", help="report progress on standard error")
    c.add_argument("--rules", action="append", metavar="FILE", help="your own noise rule file")
    c.add_argument("--quote-style", choices=["curly", "straight", "preserve"], default="curly")
    c.set_defaults(func=_cmd_clean)

    e = sub.add_parser("explain", help="show why each block of a page went where it went")
    e.add_argument("path", metavar="PATH")
    page_options(e)
    e.set_defaults(func=_cmd_explain)

    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.set_defaults(func=_cmd_schema)
    sm = sub.add_parser("sample", help="print the path of the bundled sample page")
    sm.set_defaults(func=_cmd_sample)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    ns = _parser().parse_args(argv)
    if getattr(ns, "workers", 1) < 1:
        print("cleanscrape: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        return int(ns.func(ns))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output closed early (| head): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0

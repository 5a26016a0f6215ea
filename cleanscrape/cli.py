"""The ``cleanscrape`` command.

::

    cleanscrape clean PATH [PATH ...] [--input-format auto|text|html] [--format json|jsonl]
                      [--reference-time ISO8601] [--url URL] [--language CODE]
                      [-o FILE|DIR] [--resume] [--errors FILE] [--workers N]
                      [--progress | --no-progress] [--rules FILE] [--learn-sites]
                      [--quote-style STYLE]
    cleanscrape learn PATH [PATH ...] -o site.toml   # each site's repeated blocks as rules
    cleanscrape explain PATH        # why each block went where it went
    cleanscrape schema              # the JSON Schema of the output
    cleanscrape sample              # path of the sample page shipped with the package

A PATH may be a page (text or HTML, any encoding, ``-`` for standard input), a directory
(read recursively, in sorted order), a glob (``'crawl/**/*.html'``), a JSON Lines file of
records (``*.jsonl``, ``*.jsonl.gz``: each record has ``html`` or ``text`` and optionally
``url``, ``reference_time``, ``language``), or a WARC file (``*.warc``, ``*.warc.gz``;
needs the ``warc`` extra), whose response records carry their own URL and crawl time.
Output is in input order, to standard output, a JSON Lines file or a folder of JSON files
(``-o``); ``--resume`` skips what an interrupted run already wrote. A page that cannot be
read or decoded is reported on standard error with its path and the reason (and in
``--errors FILE`` as a JSON line); the others are still cleaned; the exit status is 1 when
any failed. The work itself is done by :mod:`cleanscrape.batch`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .batch import PageFailure, Task, error_kind, run_tasks, to_json_line
from .errors import CleanscrapeError

__all__ = ["main"]


_RECORD_FILES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_WARC_FILES = (".warc", ".warc.gz")
#: Files a directory given as input contributes (others, and hidden files, are skipped).
_PAGE_FILES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".html.gz", ".htm.gz",
               ".txt.gz") + _RECORD_FILES + _WARC_FILES
_GLOB_CHARS = frozenset("*?[")


class _Input:
    """One input named on the command line: a path, and the directory it was found under."""

    __slots__ = ("path", "base")

    def __init__(self, path: str, base: str | None) -> None:
        self.path = path
        self.base = base

    @property
    def rel(self) -> str:
        """The path relative to the directory given (its file name for a file given)."""
        if self.path == "-":
            return "stdin"
        if self.base is not None:
            return os.path.relpath(self.path, self.base)
        return os.path.basename(self.path)


def _expand(paths: list[str]) -> Iterator[_Input | _Failure]:
    """Directories (recursively) and globs to files, in sorted order."""
    import glob

    for path in paths:
        if path != "-" and os.path.isdir(path):
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(os.path.join(root, f) for f in files
                             if not f.startswith(".") and f.lower().endswith(_PAGE_FILES))
            for f in sorted(found):
                yield _Input(f, path)
        elif path != "-" and not os.path.exists(path) and _GLOB_CHARS & set(path):
            matches = sorted(m for m in glob.glob(path, recursive=True) if os.path.isfile(m))
            if not matches:
                yield _Failure(path, "ReadError", "no file matches this pattern")
            base = path.split("**")[0] if "**" in path else None
            for m in matches:
                yield _Input(m, os.path.dirname(base) if base else None)
        else:
            yield _Input(path, None)


class _Failure:
    __slots__ = ("path", "kind", "reason")

    def __init__(self, path: str, kind: str, reason: str) -> None:
        self.path = path
        self.kind = kind
        self.reason = reason


def _open_maybe_gzip(path: str) -> io.BufferedIOBase:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _tasks(inputs: Iterable[_Input | _Failure], skip: Callable[[str], bool],
           names: dict[str, str]) -> Iterator[Task]:
    """The pages of the inputs as tasks; records are split here, read in the workers."""
    for item in inputs:
        if isinstance(item, _Failure):
            yield Task(item.path, "failure", item.reason, {"kind": item.kind})
            continue
        path = item.path
        low = path.lower()
        try:
            if low.endswith(_RECORD_FILES):
                with _open_maybe_gzip(path) as fh:
                    for n, raw in enumerate(fh, start=1):
                        if not raw.strip():
                            continue
                        where = f"{path}:{n}"
                        names[where] = os.path.join(item.rel, f"{n}.json")
                        if not skip(where):
                            yield Task(where, "record", raw, {})
                continue
            if low.endswith(_WARC_FILES):
                yield from _warc_tasks(item, skip, names)
                continue
            if path != "-" and not os.path.exists(path):
                raise FileNotFoundError(path)
            names[path] = item.rel + ".json"
            if not skip(path):
                yield Task(path, "file" if path != "-" else "page",
                           path if path != "-" else sys.stdin.buffer.read(), {})
        except Exception as exc:  # noqa: BLE001 - an unreadable input is that input's failure
            yield Task(path, "failure", _read_reason(exc), {"kind": error_kind(exc)})


def _read_reason(exc: BaseException) -> str:
    """Why an input could not be read, as the batch reports any page's failure."""
    from .batch import _message

    return _message(exc) if isinstance(exc, OSError) else f"cannot read: {exc}"


def _warc_tasks(item: _Input, skip: Callable[[str], bool],
                names: dict[str, str]) -> Iterator[Task]:
    try:
        from .integrations.warc import iter_warc_pages
    except ImportError as exc:  # pragma: no cover - depends on the extra
        yield Task(item.path, "failure", f"reading WARC needs the 'warc' extra ({exc})",
                   {"kind": "ReadError"})
        return
    n = 0
    for rec in iter_warc_pages(item.path, on_error="report"):
        n += 1
        if isinstance(rec, Exception):
            yield Task(f"{item.path}#{n}", "failure", f"damaged WARC record: {rec}",
                       {"kind": "ReadError"})
            continue
        where = f"{item.path}#{rec.record_id}"
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in rec.record_id)
        names[where] = os.path.join(item.rel, f"{safe or n}.json")
        if skip(where):
            continue
        opts: dict[str, Any] = {"url": rec.url, "reference_time": rec.fetched,
                                "input_format": "html"}
        if rec.content_type:
            opts["content_type"] = rec.content_type
        yield Task(where, "page", rec.body, opts)


class _Output:
    """Where results go: standard output, one JSON Lines file, or a folder of JSON files."""

    def __init__(self, target: str | None, pretty: bool, resume: bool,
                 names: dict[str, str]) -> None:
        self.target = target
        self.pretty = pretty
        self.names = names
        self.done: set[str] = set()
        self.folder = target is not None and (os.path.isdir(target) or target.endswith(("/", os.sep)))
        self.fh: TextIO | None = None
        if target is None:
            return
        if self.folder:
            os.makedirs(target, exist_ok=True)
            return
        if resume and os.path.exists(target):
            self.done = _done_paths(target)
            self.fh = open(target, "a", encoding="utf-8", newline="\n")
        else:
            parent = os.path.dirname(target)
            if parent:
                os.makedirs(parent, exist_ok=True)
            self.fh = open(target, "w", encoding="utf-8", newline="\n")

    def skip(self, where: str) -> bool:
        if self.target is None:
            return False
        if self.folder:
            name = self.names.get(where)
            return name is not None and os.path.exists(os.path.join(self.target, name))
        return where in self.done

    def write(self, line: str) -> None:
        if self.target is None:
            if self.pretty:
                obj = json.loads(line)
                obj.pop("path", None)
                line = to_json_line(obj, indent=2)
            sys.stdout.write(line + "\n")
            return
        if self.fh is not None:
            self.fh.write(line + "\n")
            self.fh.flush()  # a killed run leaves whole lines: --resume picks up after them
            return
        obj = json.loads(line)
        where = obj.pop("path")
        dest = os.path.join(self.target, self.names.get(where, _safe_name(where) + ".json"))
        os.makedirs(os.path.dirname(dest) or ".", exist_ok=True)
        tmp = dest + ".part"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(to_json_line(obj, indent=2) + "\n")
        os.replace(tmp, dest)

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
        else:
            sys.stdout.flush()


def _safe_name(where: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in where)


def _done_paths(target: str) -> set[str]:
    """The inputs already in a JSON Lines output; a line torn by a crash (the last one,
    without its line end) is cut off.

    Raises:
        InputError: a whole line is not a result with a ``"path"``: the file is not the
            output of ``cleanscrape clean``, and is left as it is.
    """
    from .errors import InputError

    done: set[str] = set()
    good = 0
    with open(target, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.endswith(b"\n"):
                break  # torn
            try:
                obj = json.loads(raw)
            except ValueError:
                obj = None
            if not (isinstance(obj, dict) and isinstance(obj.get("path"), str)):
                raise InputError(f"{target}:{n} is not a result line with a \"path\"; "
                                 "--resume only appends to the output of cleanscrape clean")
            done.add(obj["path"])
            good += len(raw)
    with open(target, "r+b") as fh:
        fh.truncate(good)
    return done


def _count_pages(inputs: list[_Input | _Failure]) -> int | None:
    """How many pages the inputs hold, when that is cheap to know (files, JSON Lines)."""
    total = 0
    for item in inputs:
        if isinstance(item, _Failure):
            total += 1
            continue
        low = item.path.lower()
        if low.endswith(_WARC_FILES) or item.path == "-":
            return None
        if low.endswith(_RECORD_FILES):
            try:
                with _open_maybe_gzip(item.path) as fh:
                    total += sum(1 for raw in fh if raw.strip())
            except (OSError, EOFError):
                total += 1
        else:
            total += 1
    return total


def _cmd_clean(ns: argparse.Namespace) -> int:
    from .pipeline import Pipeline, _check_language, _reference_time

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
    try:
        _check_language(ns.language)
        _reference_time(common.get("reference_time"))
    except CleanscrapeError as exc:
        print(f"cleanscrape: {exc}", file=sys.stderr)
        return 2
    if ns.learn_sites and "-" in ns.paths:
        print("cleanscrape: --learn-sites reads the inputs twice: give files, not standard input",
              file=sys.stderr)
        return 2
    if ns.resume and not ns.output:
        print("cleanscrape: --resume needs -o/--output (the results to resume)", file=sys.stderr)
        return 2
    inputs = list(_expand(ns.paths))
    files = [i for i in inputs if isinstance(i, _Input)]
    records = any(i.path.lower().endswith(_RECORD_FILES + _WARC_FILES) for i in files)
    single = len(ns.paths) == 1 and len(files) == 1 and files[0].path == ns.paths[0]
    pretty = ns.output is None and ns.format == "json" and single and not records
    names: dict[str, str] = {}
    try:
        output = _Output(ns.output, pretty, ns.resume, names)
        errors = open(ns.errors, "a" if ns.resume else "w", encoding="utf-8") \
            if ns.errors else None
    except OSError as exc:
        print(f"cleanscrape: cannot write {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except CleanscrapeError as exc:
        print(f"cleanscrape: {exc}", file=sys.stderr)
        return 2
    if ns.learn_sites:
        from .sitelearn import learn_pipeline

        learned = learn_pipeline(pipeline, _tasks(inputs, lambda _w: False, {}), common=common,
                                 workers=ns.workers)
        pipeline = learned
    show = ns.progress if ns.progress is not None else sys.stderr.isatty()
    total = _count_pages(inputs) if show else None
    bar = None
    failed = done = 0
    start = time.perf_counter()
    outcomes = run_tasks(_tasks(inputs, output.skip, names), pipeline, common=common,
                         mode="json", workers=ns.workers, chunksize=ns.chunksize,
                         warm=pipeline.warm)
    try:
        for outcome in outcomes:
            if show and bar is None:
                bar = _bar(total, len(output.done))  # after the workers forked
            done += 1
            if isinstance(outcome, PageFailure):
                failed += 1
                print(f"cleanscrape: {outcome.where}: {outcome.message}", file=sys.stderr)
                if errors is not None:
                    errors.write(to_json_line({"path": outcome.where, "error": outcome.kind,
                                               "message": outcome.message}) + "\n")
                    errors.flush()
            else:
                output.write(outcome)
            if bar is not None:
                bar.update(1)
    finally:
        outcomes.close()
        if bar is not None:
            bar.close()
        output.close()
        if errors is not None:
            errors.close()
    if show or ns.output:
        elapsed = max(time.perf_counter() - start, 1e-9)
        print(f"cleanscrape: {done} pages, {failed} failed, {done / elapsed:.1f} pages/s "
              f"({elapsed:.1f} s)", file=sys.stderr)
    return 1 if failed else 0


def _bar(total: int | None, initial: int = 0) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    tqdm.monitor_interval = 0  # no monitor thread
    return tqdm(total=total, initial=initial, unit="page", desc="cleanscrape", file=sys.stderr,
                dynamic_ncols=True, smoothing=0.1)


def _cmd_learn(ns: argparse.Namespace) -> int:
    from .pipeline import Pipeline
    from .sitelearn import learn, write_rules

    pipeline = Pipeline.default()
    common: dict[str, Any] = {"input_format": ns.input_format}
    if ns.url:
        common["url"] = ns.url
    failures: list[PageFailure] = []
    learned = learn(_tasks(list(_expand(ns.paths)), lambda _w: False, {}), pipeline,
                    common=common, workers=ns.workers, min_pages=ns.min_pages,
                    min_share=ns.min_share, failures=failures)
    for f in failures:
        print(f"cleanscrape: {f.where}: {f.message}", file=sys.stderr)
    try:
        write_rules(learned, ns.output)
    except OSError as exc:
        print(f"cleanscrape: cannot write {ns.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    lines = sum(len(v) for v in learned.values())
    print(f"cleanscrape: {learned.pages} pages of {len(learned.hosts_seen)} hosts; "
          f"{lines} repeated blocks on {len(learned)} hosts written to {ns.output}",
          file=sys.stderr)
    return 1 if failures else 0


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
    doc = result.document
    for ch in doc.changes if doc is not None else ():
        if ch.block == -1:  # mended while reading, before the page became blocks
            print(f"{'input':>{w}}  {'':<9} {'edit ' + ch.rule:<28} {ch.before!r} -> "
                  f"{ch.after!r} at {ch.offset}")
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
    c.add_argument("-o", "--output", metavar="FILE|DIR",
                   help="write a JSON Lines file, or one JSON file per input into a folder "
                        "(an existing folder, or a name ending in /)")
    c.add_argument("--resume", action="store_true",
                   help="skip the inputs already in --output (after an interrupted run)")
    c.add_argument("--errors", metavar="FILE",
                   help="write one JSON line per failed input (path, error, message)")
    c.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    c.add_argument("--chunksize", type=int, default=4,
                   help="pages sent to a worker at a time (default 4)")
    c.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on standard error (default: when it is a terminal)")
    c.add_argument("--rules", action="append", metavar="FILE", help="your own noise rule file")
    c.add_argument("--learn-sites", action="store_true",
                   help="learn each site's repeated blocks from the pages first (two passes)")
    c.add_argument("--quote-style", choices=["curly", "straight", "preserve"], default="curly")
    c.set_defaults(func=_cmd_clean)

    lr = sub.add_parser("learn", help="learn the blocks that repeat across a site's pages "
                                      "into a rule file")
    lr.add_argument("paths", nargs="+", metavar="PATH")
    lr.add_argument("-o", "--output", metavar="FILE", required=True,
                    help="the rule file to write (TOML), for clean --rules")
    lr.add_argument("--input-format", choices=["auto", "text", "html"], default="auto")
    lr.add_argument("--url", help="the pages' address, when they do not carry one")
    lr.add_argument("--min-pages", type=int, default=3,
                    help="a block must be on at least this many pages of its host (default 3)")
    lr.add_argument("--min-share", type=float, default=0.5,
                    help="… and on at least this share of them (default 0.5)")
    lr.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    lr.set_defaults(func=_cmd_learn)

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

"""Many pages in worker processes: the engine behind ``cleanscrape clean`` and ``clean_many``.

What makes it scale:

* The pipeline goes to each worker **once**, through the pool's initializer; a task carries
  only its page (or just a file's path: the worker reads the file itself).
* A worker sends back the contract's JSON text (the command line) or a *lean*
  :class:`~cleanscrape.models.CleanResult` without its ``Document`` (``clean_many``; pass
  ``keep_document=True`` for the audit trail), so little crosses the process boundary.
* Tasks go out in small chunks through a bounded window: results come back in input order
  without stalls, and a stream of any length is read as it is consumed, so memory stays
  flat however many pages there are.
* On Linux the workers are forked from a process that has already compiled the rules, so
  they start warm.

Every failure of a page, whatever its cause, becomes a :class:`PageFailure` of that page:
one bad page never ends a batch.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import CleanscrapeError

__all__ = ["PageFailure", "Task", "run_tasks", "to_json_line", "error_kind"]


@dataclass(frozen=True)
class PageFailure:
    """A page that could not be cleaned.

    Attributes:
        where: The page's path (``file``, ``file.jsonl:12``, ``crawl.warc.gz#urn:…``) or,
            in ``clean_many``, its index in the input.
        kind: The error's kind: ``"DecodeError"``, ``"InputError"``, ``"ReadError"`` …,
            or ``"InternalError"`` for anything unexpected (a bug in cleanscrape or in a
            step of your own).
        message: What went wrong.
        error: The exception itself, when the page was cleaned in this process.
    """

    where: str
    kind: str
    message: str
    error: BaseException | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Task:
    """One page to clean.

    ``kind`` says what ``payload`` is: ``"file"`` a file to read (in the worker),
    ``"record"`` one raw JSON Lines record (parsed in the worker), ``"page"`` the page
    itself, ``"failure"`` an input that could not even be listed (``payload`` is the
    message, ``options["kind"]`` the error kind).
    """

    where: str
    kind: str
    payload: Any
    options: dict[str, Any]


def error_kind(exc: BaseException) -> str:
    """The kind of a page's error as reported: the library's error class names, else
    ``"ReadError"`` for files, ``"InternalError"`` for anything else."""
    if isinstance(exc, CleanscrapeError):
        return type(exc).__name__
    if isinstance(exc, (OSError, EOFError)):
        return "ReadError"
    return "InternalError"


def _message(exc: BaseException) -> str:
    if isinstance(exc, CleanscrapeError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, (OSError, EOFError)):
        return f"cannot read: {exc}"
    return f"{type(exc).__name__}: {exc} (unexpected: a bug in cleanscrape or in a custom step)"


_LINE_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def to_json_line(obj: Any, *, indent: int | None = None) -> str:
    """JSON text with non-ASCII kept, but U+2028 and U+2029 escaped.

    Both are valid in JSON strings, yet line-splitting readers (Python's
    ``str.splitlines``, many JavaScript tools) break records on them.
    """
    return json.dumps(obj, ensure_ascii=False, indent=indent).translate(_LINE_SEPARATORS)


def read_file(path: str) -> bytes:
    """A page file's bytes (``-`` is standard input; ``.gz`` files are decompressed)."""
    if path == "-":
        return sys.stdin.buffer.read()
    if path.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    with open(path, "rb") as fh:
        return fh.read()


def record_page(rec: Any) -> tuple[Any, dict[str, Any]]:
    """The page and per-page options of one JSON Lines record.

    Raises:
        InputError: the record is not an object with an ``html``, ``text`` or ``content``
            string.
    """
    from .errors import InputError

    if not isinstance(rec, dict):
        raise InputError("not a JSON object")
    page = rec.get("html", rec.get("text", rec.get("content")))
    if not isinstance(page, str):
        raise InputError("record has no 'html', 'text' or 'content' string")
    opts = {k: rec[k] for k in ("url", "reference_time", "language") if rec.get(k)}
    if "html" in rec:
        opts["input_format"] = "html"
    elif "text" in rec:
        opts["input_format"] = "text"
    return page, opts


def load_task(task: Task) -> tuple[Any, dict[str, Any]]:
    """The page and options of a task, read or parsed as its kind says."""
    from .errors import InputError

    if task.kind == "file":
        return read_file(task.payload), task.options
    if task.kind == "record":
        try:
            rec = json.loads(task.payload)
        except ValueError as exc:
            raise InputError(f"not a JSON object: {exc}") from None
        page, opts = record_page(rec)
        return page, {**task.options, **opts}
    return task.payload, task.options


# -- the worker side ---------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init(pipeline: Any, common: dict[str, Any], mode: str, in_process: bool = False) -> None:
    _STATE["pipeline"] = pipeline
    _STATE["common"] = common
    _STATE["mode"] = mode
    _STATE["in_process"] = in_process


def _one(task: Task) -> Any:
    """Clean one task in the current process, by the mode set up in :func:`_init`."""
    if task.kind == "failure":
        return PageFailure(task.where, task.options.get("kind", "ReadError"), str(task.payload))
    mode = _STATE["mode"]
    try:
        page, options = load_task(task)
        options = {**_STATE["common"], **options}
        result = _STATE["pipeline"].clean(page, **options)
        if mode == "json":
            obj = result.model_dump(mode="json")
            return to_json_line({"path": task.where, **obj})
        if mode == "json-pretty":
            return to_json_line(result.model_dump(mode="json"), indent=2)
        if mode == "lean":
            result._document = None
        if mode == "learn":
            from .sitelearn import page_evidence

            return page_evidence(result, options.get("url"))
        return result
    except Exception as exc:  # noqa: BLE001 - every failure is the page's, never the batch's
        # The exception itself only where it needs no pickling (the caller may re-raise it).
        return PageFailure(task.where, error_kind(exc), _message(exc),
                           exc if _STATE.get("in_process") else None)


def _chunk(tasks: list[Task]) -> list[Any]:
    return [_one(t) for t in tasks]


def _context() -> Any:
    import multiprocessing as mp

    method = mp.get_start_method(allow_none=True)
    if method is None and sys.platform.startswith("linux") and threading.active_count() == 1:
        method = "fork"  # workers start with the parent's compiled rules, nothing to import
    return mp.get_context(method or "spawn")


def _chunks(tasks: Iterable[Task], size: int, window: threading.Semaphore,
            stop: threading.Event) -> Iterator[list[Task]]:
    def room() -> bool:
        while not window.acquire(timeout=0.2):
            if stop.is_set():
                return False
        return True

    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            if not room():
                return
            yield chunk
            chunk = []
    if chunk and room():
        yield chunk


def run_tasks(tasks: Iterable[Task], pipeline: Any, *, common: dict[str, Any] | None = None,
              mode: str = "lean", workers: int = 1, chunksize: int = 4,
              warm: Callable[[], Any] | None = None) -> Generator[Any, None, None]:
    """Clean ``tasks`` and yield, in input order, one outcome per task.

    An outcome is what ``mode`` asks for (``"json"``: a JSON line with ``"path"``;
    ``"json-pretty"``: an indented JSON object; ``"lean"``: a ``CleanResult`` without its
    document; ``"full"``: with it; ``"learn"``: what site learning needs) or a
    :class:`PageFailure`.

    Args:
        tasks: The pages, as :class:`Task` s; consumed lazily.
        pipeline: The pipeline, sent to each worker once.
        common: Options for every page (a task's own options win).
        workers: Processes; 1 cleans in this process.
        chunksize: Tasks sent to a worker at a time.
        warm: Called before the workers start (with ``fork`` they inherit its work); not
            called for one process, which loads only what its pages need.
    """
    common = dict(common or {})
    if warm is not None and workers > 1:
        warm()  # shared by the forked workers; one process loads only what its pages need
    if workers <= 1:
        _init(pipeline, common, mode, in_process=True)
        for task in tasks:
            yield _one(task)
        return
    window = threading.Semaphore(max(4, workers * 4))
    stop = threading.Event()
    pool = _context().Pool(workers, initializer=_init, initargs=(pipeline, common, mode))
    try:
        for outcomes in pool.imap(_chunk, _chunks(tasks, max(1, chunksize), window, stop)):
            window.release()
            yield from outcomes
        pool.close()
    finally:
        stop.set()
        pool.terminate()
        pool.join()


def cpu_count() -> int:
    """Processors this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1

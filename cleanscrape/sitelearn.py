"""Site boilerplate learned across pages: blocks that repeat on many pages of one host.

A site's own debris (its slogan, its footer lines, "Read the print edition", the name of
its newsletter) is in no rule pack, yet it is easy to see once several pages of the site
are side by side: it is the text that repeats on most of them, the way web-corpus
pipelines drop lines repeated across documents. Learning reads pages, counts on how many
pages of each host each candidate block occurs (a block that the pipeline would keep in
the body, or left unlabelled, of at most :data:`MAX_WORDS` words), and keeps the blocks
on at least ``min_pages`` pages that make at least ``min_share`` of the host's pages.

The result is a rule file (rule id ``site.repeated``, one rule per host, scoped to the
host with ``hosts = [...]``) that ``cleanscrape clean --rules`` and
``Pipeline.with_rules`` use::

    cleanscrape learn pages/ -o site.toml
    cleanscrape clean pages/ --rules site.toml -o cleaned.jsonl

or in one go, learning from the batch itself before cleaning it::

    cleanscrape clean pages/ --learn-sites -o cleaned.jsonl

Counts are over sets of pages, and the rules are written sorted, so the result does not
depend on the order of the pages. Titles, bylines, dates and teasers are never
candidates: a prolific author's byline repeats, and stays.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .ruleset import page_host

__all__ = ["Learned", "learn", "learn_pipeline", "page_evidence", "rules_toml", "write_rules",
           "MAX_WORDS"]

#: Longest block, in words, that learning considers (boilerplate lines are short).
MAX_WORDS = 60
_CANDIDATE_LABELS = frozenset({None, "body", "heading"})
_RE_SPECIAL = frozenset("\\.^$|?*+()[]{}")


def _fold(text: str) -> str:
    from .steps.noise import _unwrap, fold

    return _unwrap(fold(text))


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.casefold().encode("utf-8"), digest_size=8).digest()


def page_evidence(result: Any, url: str | None = None) -> tuple[str | None, dict[bytes, str]]:
    """What learning needs of one cleaned page: its host, and its candidate blocks
    (keyed by a hash of their folded, case-folded text)."""
    doc = result.document
    host = page_host((doc.url if doc is not None else None) or url)
    blocks: dict[bytes, str] = {}
    if doc is None or host is None:
        return host, blocks
    for b in doc.blocks:
        if b.label not in _CANDIDATE_LABELS:
            continue
        text = _fold(b.text)
        if not text or len(text.split()) > MAX_WORDS:
            continue
        blocks.setdefault(_key(text), text)
    return host, blocks


class Learned(dict[str, list[str]]):
    """Host → its repeated blocks (folded text, sorted), with what was read.

    Attributes:
        pages: Pages read.
        hosts_seen: Pages read per host.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0
        self.hosts_seen: dict[str, int] = {}


def learn(tasks: Iterable[Any], pipeline: Any, *, common: dict[str, Any] | None = None,
          workers: int = 1, min_pages: int = 3, min_share: float = 0.5,
          failures: list[Any] | None = None) -> Learned:
    """Learn each host's repeated blocks from pages.

    Args:
        tasks: The pages, as :class:`cleanscrape.batch.Task` s, or pages (``str``/``bytes``)
            and ``(page, options)`` pairs as for ``clean_many`` (give each its ``url``).
        pipeline: The pipeline that reads the pages (its labels say what is a candidate).
        common: Options for every page.
        workers: Processes.
        min_pages: A block must be on at least this many pages of its host …
        min_share: … and on at least this share of the host's pages.
        failures: Pages that could not be read are appended here, if given.

    Raises:
        ValueError: ``min_pages`` below 2 or ``min_share`` outside (0, 1].
    """
    from .batch import PageFailure, Task, run_tasks

    if min_pages < 2:
        raise ValueError("min_pages must be at least 2: a block on one page repeats nothing")
    if not 0 < min_share <= 1:
        raise ValueError("min_share must be above 0 and at most 1")

    def as_tasks() -> Iterable[Task]:
        for n, item in enumerate(tasks):
            if isinstance(item, Task):
                yield item
            elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], dict):
                yield Task(str(n), "page", item[0], item[1])
            else:
                yield Task(str(n), "page", item, {})

    counts: dict[str, Counter[bytes]] = {}
    texts: dict[bytes, str] = {}
    learned = Learned()
    for outcome in run_tasks(as_tasks(), pipeline, common=common, mode="learn",
                             workers=workers, warm=pipeline.warm):
        if isinstance(outcome, PageFailure):
            if failures is not None:
                failures.append(outcome)
            continue
        learned.pages += 1
        host, blocks = outcome
        if host is None:
            continue
        learned.hosts_seen[host] = learned.hosts_seen.get(host, 0) + 1
        counter = counts.setdefault(host, Counter())
        counter.update(blocks.keys())
        for key, text in blocks.items():
            # Of the spellings seen, keep the least one: the same whatever the order.
            if key not in texts or text < texts[key]:
                texts[key] = text
    for host, counter in counts.items():
        need = max(min_pages, min_share * learned.hosts_seen[host])
        lines = sorted(texts[k] for k, n in counter.items() if n >= need)
        if lines:
            learned[host] = lines
    return learned


def _escape(text: str) -> str:
    """``text`` as an RE2 pattern matching it literally."""
    return "".join("\\" + ch if ch in _RE_SPECIAL else ch for ch in text)


def _toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def rules_toml(learned: Learned) -> str:
    """The rule file (TOML) for what was learned: one ``site.repeated`` rule per host."""
    lines = ["# Blocks repeated across the pages of each host, learned by `cleanscrape learn`.",
             f"# {learned.pages} pages read. Edit freely: each pattern is one block's text.",
             ""]
    for host in sorted(learned):
        texts = learned[host]
        words = max(len(t.split()) for t in texts)
        lines += ["[[rules]]", 'id = "site.repeated"', 'match = "full"',
                  f"hosts = [{_toml_string(host)}]", f"max_words = {words}",
                  f"description = {_toml_string(f'learned from {learned.hosts_seen[host]} pages')}",
                  "patterns = ["]
        lines += [f"  {_toml_string(_escape(t))}," for t in texts]
        lines += ["]", ""]
    return "\n".join(lines)


def write_rules(learned: Learned, path: str) -> None:
    """Write :func:`rules_toml` to ``path``."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(rules_toml(learned))


def learn_pipeline(pipeline: Any, tasks: Iterable[Any], *, common: dict[str, Any] | None = None,
                   workers: int = 1, min_pages: int = 3, min_share: float = 0.5) -> Any:
    """``pipeline`` with the repeated blocks learned from ``tasks`` as a rule file
    (a temporary file, removed when the process ends)."""
    learned = learn(tasks, pipeline, common=common, workers=workers, min_pages=min_pages,
                    min_share=min_share)
    if not learned:
        return pipeline
    fd, path = tempfile.mkstemp(prefix="cleanscrape-sites-", suffix=".toml")
    os.close(fd)
    atexit.register(_remove, path)
    write_rules(learned, path)
    return pipeline.with_rules(path)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass

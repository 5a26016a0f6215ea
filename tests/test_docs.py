"""The documentation runs: every Python example in ``docs/`` and the README is executed.

How a page is run:

* Its fenced ``python`` blocks run in page order in one shared namespace, so a later
  block sees what an earlier one defined. A block preceded by the HTML comment
  ``<!-- skip -->`` does not run (keep those for things that need a live crawl or cluster).
* A block followed (after blank lines only) by a fenced block whose first line is
  ``# output`` must print exactly that text, line by line; a line holding only ``...``
  stands for any number of lines, and a line ending in ``...`` for any line that starts
  with what precedes it.
* A ``bash`` block whose commands all start with ``cleanscrape`` and which is followed by
  an output block is run, and its standard output compared the same way.
* A fenced block with a ``title="NAME"`` attribute (``toml title="my_rules.toml"``) is a
  file the page asks the reader to create: it is written to ``NAME`` before the page runs.
* A page whose examples import an optional extra (Scrapy, Dask, datatrove, warcio,
  hypothesis) is skipped where that extra is not installed.
* The page runs in a fresh temporary directory holding ``cleanscrape/samples/news_page.txt``
  (the bundled sample page), so paths used in the docs resolve as they do in a clone of
  the repository, and files the examples write land nowhere else.

Other checks keep the reference honest: the JSON contract page lists exactly the fields
the models (and ``cleanscrape schema``) have, the command-line page lists exactly the
options the parser has, and every public name has an API reference entry.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import cleanscrape

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SAMPLE = ROOT / "cleanscrape" / "samples" / "news_page.txt"
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in DOCS.rglob("*.md")) + ["README.md"]

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_TITLE = re.compile(r'title="(?P<title>[^"]+)"')
_SKIP = "<!-- skip -->"
_OUTPUT_MARK = "# output"
_OUTPUT_LANGS = ("text", "json", "console", "")


@dataclass
class Block:
    """One fenced block of a Markdown page."""

    lang: str
    info: str
    code: str
    line: int  # 1-based line of the opening fence
    skip: bool = False
    title: str | None = None
    expected: str | None = None  # the output block that follows, without its mark line
    is_output: bool = False
    follows_code_directly: bool = False


@dataclass
class Page:
    path: str
    blocks: list[Block] = field(default_factory=list)


def parse_page(path: str) -> Page:
    """Split a Markdown page into its fenced blocks (indented ones, in admonitions, too)."""
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    page = Page(path)
    i = 0
    last_nonblank = ""
    blank_since_block = True
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                last_nonblank = lines[i].strip()
                blank_since_block = False
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"]
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                break
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        i += 1  # past the closing fence
        lang = info.split()[0].lstrip(".").lower() if info else ""
        if lang.startswith("{"):
            lang = lang.strip("{}").lstrip(".")
        title = _TITLE.search(info)
        block = Block(lang=lang, info=info, code="\n".join(body) + "\n", line=start + 1,
                      skip=last_nonblank == _SKIP, title=title["title"] if title else None,
                      follows_code_directly=blank_since_block and bool(page.blocks))
        if (block.lang in _OUTPUT_LANGS and body and body[0].strip() == _OUTPUT_MARK):
            block.is_output = True
            prev = page.blocks[-1] if page.blocks else None
            if prev is None or not block.follows_code_directly or prev.is_output:
                raise AssertionError(f"{path}:{start + 1}: an output block must directly "
                                     "follow the code block whose output it shows")
            prev.expected = "\n".join(body[1:])
        page.blocks.append(block)
        last_nonblank = ""
        blank_since_block = True
    return page


def _normalise(text: str) -> list[str]:
    out = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def output_matches(expected: str, actual: str) -> bool:
    """Line-by-line equality, with two shortcuts.

    An expected line ``...`` matches any number of lines; an expected line ending in
    ``...`` matches any line that starts with what comes before it.
    """
    exp, act = _normalise(expected), _normalise(actual)

    def same(expected_line: str, actual_line: str) -> bool:
        if expected_line.endswith("...") and len(expected_line) > 3:
            return actual_line.startswith(expected_line[:-3].rstrip())
        return expected_line == actual_line

    def match(i: int, j: int) -> bool:
        while i < len(exp):
            if exp[i] == "...":
                return any(match(i + 1, k) for k in range(j, len(act) + 1))
            if j >= len(act) or not same(exp[i], act[j]):
                return False
            i += 1
            j += 1
        return j == len(act)

    return match(0, 0)


def _diff(expected: str, actual: str) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(_normalise(expected), _normalise(actual),
                                          "documented", "actual", lineterm=""))


# -- page-level fixtures ---------------------------------------------------------------------
_README_HTML = """<!doctype html>
<html><head><title>Harbour city votes to rebuild its old sea wall</title></head>
<body><article>
<h1>Harbour city votes to rebuild its old sea wall</h1>
<p>By Elena Marsh</p>
<p>Voters in Port Alder approved a plan on Tuesday to rebuild the sea wall that has guarded
the old harbour since 1911, ending a debate that split the city for most of a year.</p>
<p>Share this article</p>
</article></body></html>
"""
_README_RULES = """
[[rules]]
id = "mysite.promo"
match = "full"
patterns = ["get the app"]
"""


def _readme_fixture(ns: dict[str, Any], cwd: Path) -> None:
    # The README shows the API in a few lines and leaves its inputs to the reader.
    ns["page"] = SAMPLE.read_text(encoding="utf-8")
    ns["html"] = _README_HTML
    (cwd / "my_site_rules.toml").write_text(_README_RULES, encoding="utf-8")


PAGE_FIXTURES: dict[str, Callable[[dict[str, Any], Path], None]] = {
    "README.md": _readme_fixture,
}


@contextlib.contextmanager
def _in_directory(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _cli() -> list[str]:
    # The installed console script; never ``python -m`` from the page's directory, where
    # the ``cleanscrape/samples`` folder would shadow the package.
    script = Path(sys.executable).with_name("cleanscrape")
    if script.exists():
        return [str(script)]
    found = shutil.which("cleanscrape")
    if found:
        return [found]
    return [sys.executable, "-P", "-m", "cleanscrape"]  # pragma: no cover


def _bash_commands(code: str) -> list[list[str]] | None:
    """The block's ``cleanscrape`` commands, or ``None`` when it holds anything else."""
    commands = []
    for raw in code.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        argv = shlex.split(line, comments=True)
        if not argv or argv[0] != "cleanscrape":
            return None
        commands.append(argv)
    return commands or None


def _run_python(block: Block, ns: dict[str, Any], path: str) -> None:
    buffer = io.StringIO()
    code = compile(block.code, f"{path}:{block.line}", "exec")
    with contextlib.redirect_stdout(buffer):
        exec(code, ns)  # noqa: S102 - running the documentation is the point
    if block.expected is not None and not output_matches(block.expected, buffer.getvalue()):
        pytest.fail(f"{path}:{block.line}: the printed output differs from the page:\n"
                    f"{_diff(block.expected, buffer.getvalue())}", pytrace=False)


def _run_bash(block: Block, cwd: Path, path: str) -> None:
    commands = _bash_commands(block.code)
    if commands is None or block.expected is None:
        return
    out = []
    env = {**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    for argv in commands:
        proc = subprocess.run(_cli() + argv[1:], cwd=cwd, check=False, capture_output=True, text=True,
                              timeout=120, env=env)
        assert proc.returncode == 0, f"{path}:{block.line}: {shlex.join(argv)} failed:\n" \
                                     f"{proc.stderr}"
        out.append(proc.stdout)
    actual = "".join(out)
    if not output_matches(block.expected, actual):
        pytest.fail(f"{path}:{block.line}: the command output differs from the page:\n"
                    f"{_diff(block.expected, actual)}", pytrace=False)


#: Optional packages a page may import, and the modules of cleanscrape that need them.
_EXTRAS = {"scrapy": "scrapy", "dask": "dask", "datatrove": "datatrove", "warcio": "warcio",
           "hypothesis": "hypothesis", "cleanscrape.integrations.scrapy": "scrapy",
           "cleanscrape.integrations.dask": "dask",
           "cleanscrape.integrations.datatrove": "datatrove",
           "cleanscrape.integrations.warc": "warcio", "cleanscrape.testing": "hypothesis"}
_IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


def _skip_without_extras(page: Page) -> None:
    """Skip a page whose examples need an extra that is not installed."""
    for block in page.blocks:
        if block.skip or block.lang not in ("python", "py"):
            continue
        for module in _IMPORT.findall(block.code):
            for prefix, extra in _EXTRAS.items():
                if module == prefix or module.startswith(prefix + "."):
                    pytest.importorskip(extra)


@pytest.mark.parametrize("path", PAGES)
def test_page_examples_run(path: str, tmp_path: Path) -> None:
    page = parse_page(path)
    _skip_without_extras(page)
    (tmp_path / "cleanscrape" / "samples").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "cleanscrape" / "samples" / "news_page.txt")
    for block in page.blocks:
        if block.title and not block.skip and block.lang not in ("python", "py", "bash", "sh"):
            target = tmp_path / block.title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")
    ns: dict[str, Any] = {"__name__": "__main__"}
    fixture = PAGE_FIXTURES.get(path)
    if fixture is not None:
        fixture(ns, tmp_path)
    with _in_directory(tmp_path):
        for block in page.blocks:
            if block.skip or block.is_output:
                continue
            if block.lang in ("python", "py"):
                _run_python(block, ns, path)
            elif block.lang in ("bash", "sh", "console", "shell"):
                _run_bash(block, tmp_path, path)


# -- the checker checks ------------------------------------------------------------------------
def test_output_matching_rules() -> None:
    assert output_matches("a\nb\n", "a\nb")
    assert output_matches("a\n...\nd", "a\nb\nc\nd")
    assert output_matches("a\n...\nb", "a\nb")
    assert output_matches("...", "")
    assert not output_matches("a\nb", "a\nc")
    assert not output_matches("a", "a\nb")
    assert not output_matches("a\n...\nd", "a\nb\nc")
    assert output_matches('{"a": 1, ...', '{"a": 1, "b": 2}')
    assert not output_matches('{"a": 2, ...', '{"a": 1, "b": 2}')


def test_parser_links_outputs_and_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    md = tmp_path / "page.md"
    md.write_text("Text.\n\n```python\nprint(1)\n```\n\n```text\n# output\n1\n```\n\n"
                  "<!-- skip -->\n```python\nraise SystemExit\n```\n\n"
                  '```toml title="x.toml"\na = 1\n```\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    page = parse_page("page.md")
    assert [b.lang for b in page.blocks] == ["python", "text", "python", "toml"]
    assert page.blocks[0].expected == "1" and page.blocks[1].is_output
    assert page.blocks[2].skip and not page.blocks[0].skip
    assert page.blocks[3].title == "x.toml"


def test_every_page_has_examples_that_run() -> None:
    """Skipped blocks stay rare: most of every how-to runs."""
    total = skipped = 0
    for path in PAGES:
        for block in parse_page(path).blocks:
            if block.lang in ("python", "py"):
                total += 1
                skipped += block.skip
    assert total >= 40
    assert skipped <= total // 8, f"{skipped} of {total} python blocks are skipped"


# -- contract, schema, command line and reference stay in step with the code --------------
def _contract_tables() -> dict[str, list[str]]:
    """``{"article": [...], "teasers[]": [...], "removed[]": [...]}`` from docs/contract.md."""
    text = (DOCS / "contract.md").read_text(encoding="utf-8")
    tables: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = re.match(r"^#{2,4}\s+`(?P<name>[a-z\[\]]+)`\s*$", line)
            current = heading["name"] if heading else None
            continue
        row = re.match(r"^\|\s*`(?P<field>[a-z_]+)`\s*\|", line)
        if row and current:
            tables.setdefault(current, []).append(row["field"])
    return tables


def _schema() -> dict[str, Any]:
    proc = subprocess.run(_cli() + ["schema"], check=False, capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_schema_top_level_properties_match_the_contract() -> None:
    schema = _schema()
    assert set(schema["properties"]) == {"article", "teasers", "removed"}
    defs = schema.get("$defs", {})
    tables = _contract_tables()
    assert list(tables) == ["article", "teasers[]", "removed[]"], tables
    assert list(defs["Article"]["properties"]) == tables["article"]
    assert list(defs["Teaser"]["properties"]) == tables["teasers[]"]
    assert list(defs["Removed"]["properties"]) == tables["removed[]"]


def test_contract_fields_are_what_results_serialise() -> None:
    from cleanscrape import clean

    obj = json.loads(clean(SAMPLE.read_text(encoding="utf-8"),
                           reference_time="2021-06-15T12:00:00+00:00").to_json())
    tables = _contract_tables()
    assert list(obj) == ["article", "teasers", "removed"]
    assert list(obj["article"]) == tables["article"]
    assert obj["teasers"] and list(obj["teasers"][0]) == tables["teasers[]"]
    assert obj["removed"] and list(obj["removed"][0]) == tables["removed[]"]


def _documented_options(section: str) -> set[str]:
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    part = text.split(f"## `cleanscrape {section}`", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`(--[a-z-]+)", part, flags=re.MULTILINE))


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_cli_reference_lists_every_option(command: str) -> None:
    from cleanscrape.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    options = {opt for action in sub.choices[command]._actions  # type: ignore[attr-defined]
               for opt in action.option_strings if opt.startswith("--") and opt != "--help"}
    assert _documented_options(command) == options


def test_cli_reference_lists_every_command() -> None:
    from cleanscrape.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## `cleanscrape ([a-z]+)", text, flags=re.MULTILINE))
    assert documented == set(sub.choices)


def _directives() -> set[str]:
    found = set()
    for md in (DOCS / "reference").glob("*.md"):
        found |= set(re.findall(r"^:::\s+(\S+)", md.read_text(encoding="utf-8"), re.MULTILINE))
    return found


def _documented(module: str, name: str, directives: set[str]) -> bool:
    import importlib

    if f"{module}.{name}" in directives:
        return True
    mod = importlib.import_module(module)
    return module in directives and name in getattr(mod, "__all__", ())


def test_every_public_name_has_a_reference_entry() -> None:
    import importlib

    directives = _directives()
    missing = []
    for name in cleanscrape.__all__:
        if name in ("steps", "__version__"):
            continue
        where = "cleanscrape." + cleanscrape._WHERE[name]  # type: ignore[attr-defined]
        obj = getattr(cleanscrape, name)
        home = getattr(obj, "__module__", where)
        if not (_documented(where, name, directives) or _documented(home, name, directives)):
            missing.append(name)
    steps = importlib.import_module("cleanscrape.steps")
    for name in steps.__all__:
        home = getattr(steps, name).__module__
        if not _documented(home, name, directives):
            missing.append(f"steps.{name}")
    for module in ("cleanscrape.testing", "cleanscrape.integrations.scrapy",
                   "cleanscrape.integrations.dask", "cleanscrape.integrations.datatrove",
                   "cleanscrape.integrations.warc", "cleanscrape.errors"):
        if module not in directives:
            missing.append(module)
    assert not missing, f"no API reference entry for {missing}"


def test_nav_lists_every_page() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s+(\S+\.md)\s*$", nav, flags=re.MULTILINE))
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert listed == on_disk

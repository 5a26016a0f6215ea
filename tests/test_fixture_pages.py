"""End-to-end checks of ``cleanscrape.clean`` against the hand-written pages in fixtures/pages.

Each page ``<name>.txt`` or ``<name>.html`` has a ``<name>.expected.json`` holding the options
to clean it with and the output a careful editor wants (see fixtures/pages/README.md):

- ``test_article_fields`` / ``test_teasers`` / ``test_removed`` run ``clean`` on the page and
  compare field by field (the body exactly);
- the ``wellformed`` tests check the fixtures themselves: the expected JSON follows the
  output contract, and every expected string really comes from its page. They need no
  library code: ``python -m pytest tests/test_fixture_pages.py -k wellformed -q``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
EXPECTED = sorted(PAGES.glob("*.expected.json"))
IDS = [p.name[: -len(".expected.json")] for p in EXPECTED]

ARTICLE_KEYS = ["title", "subtitle", "authors", "source", "published", "updated", "body", "language"]
#: Fields a fixture may add after ARTICLE_KEYS (HTML metadata); checked when present.
OPTIONAL_ARTICLE_KEYS = ["url", "image", "tags"]
TEASER_KEYS = ["title", "summary", "source", "published", "truncated", "url"]
OPTION_KEYS = ["url", "reference_time", "language", "input_format"]
#: Rule-id families (the part of a rule id before the first dot) a fixture may name.
FAMILIES = {"social", "share", "newsletter", "consent", "ads", "nav", "author_bio", "comments",
            "caption", "footer", "related", "promo"}
#: Languages the fixture pages are written in.
LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "pl", "pt", "ru", "ja", "ko", "zh")
#: The date form the fixtures use: a day, or a day with hours and minutes, and a zone
#: offset only when the page names a zone (see README.md).
FIXTURE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$")

_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»\"″"} | {c: "'" for c in "‘’‚‛'′"})


def _norm(text: str | None) -> str:
    """Runs of white space folded to one space, ends stripped."""
    return " ".join((text or "").split())


def _fold(text: str | None) -> str:
    """Whitespace-normalised, with every quote mark folded to a straight one."""
    return _norm(text).translate(_QUOTES)


def _page_path(expected_path: Path) -> Path:
    stem = expected_path.name[: -len(".expected.json")]
    found = [p for p in (PAGES / f"{stem}.txt", PAGES / f"{stem}.html") if p.exists()]
    assert len(found) == 1, f"{stem}: expected exactly one of {stem}.txt / {stem}.html, found {found}"
    return found[0]


def _load(expected_path: Path) -> dict[str, Any]:
    with expected_path.open(encoding="utf-8") as f:
        return json.load(f)


def _page_text(expected_path: Path) -> str:
    return _page_path(expected_path).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- end to end


@functools.cache
def _cleaned(expected_name: str) -> dict[str, Any]:
    """The library's output for one page, as the contract's JSON dict (cached per page)."""
    from cleanscrape import clean

    expected_path = PAGES / expected_name
    options = _load(expected_path)["options"]
    reference_time = options["reference_time"]
    result = clean(
        _page_text(expected_path),
        url=options["url"],
        reference_time=dt.datetime.fromisoformat(reference_time) if reference_time else None,
        language=options["language"],
        input_format=options["input_format"],
    )
    return result.model_dump(mode="json")


def _body_diff(got: str, want: str) -> str:
    lines = difflib.unified_diff(want.split("\n\n"), got.split("\n\n"), "expected", "got",
                                 lineterm="", n=1)
    return "\n".join(line[:200] for line in lines)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=IDS)
def test_article_fields(expected_path: Path) -> None:
    want = _load(expected_path)["article"]
    got = _cleaned(expected_path.name)
    assert set(got) >= {"article", "teasers", "removed"}, f"output keys: {sorted(got)}"
    article = got["article"]
    errors = []
    for key in ARTICLE_KEYS + [k for k in OPTIONAL_ARTICLE_KEYS if k in want]:
        if key not in article:
            errors.append(f"article.{key}: missing from the output")
        elif key == "body":
            if article["body"] != want["body"]:
                errors.append("article.body differs (paragraphs, - expected / + got):\n"
                              + _body_diff(article["body"] or "", want["body"]))
        elif article[key] != want[key]:
            errors.append(f"article.{key}: got {article[key]!r}, want {want[key]!r}")
    assert not errors, f"{expected_path.name}:\n" + "\n".join(errors)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=IDS)
def test_teasers(expected_path: Path) -> None:
    want = _load(expected_path)["teasers"]
    got = _cleaned(expected_path.name)["teasers"]
    errors = []
    if len(got) != len(want):
        errors.append(f"teaser count: got {len(got)} {[t.get('title') for t in got]!r}, "
                      f"want {len(want)} {[t['title'] for t in want]!r}")
    for i, (g, w) in enumerate(zip(got, want, strict=False)):
        for key in TEASER_KEYS:
            if g.get(key, "<missing>") != w[key]:
                errors.append(f"teasers[{i}].{key}: got {g.get(key, '<missing>')!r}, want {w[key]!r}")
    assert not errors, f"{expected_path.name}:\n" + "\n".join(errors)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=IDS)
def test_removed(expected_path: Path) -> None:
    want = _load(expected_path)["removed"]
    got = _cleaned(expected_path.name)
    removed = [(_norm(r["text"]), r["rule"]) for r in got["removed"]]
    body = _norm(got["article"]["body"])
    errors = []
    for rule in (r for _, r in removed):
        if not (isinstance(rule, str) and rule):
            errors.append(f"removed item with an empty rule: {rule!r}")
    for item in want:
        text, family = _norm(item["text"]), item["rule"]
        rules = [rule for got_text, rule in removed if got_text == text or text in got_text]
        if not rules:
            errors.append(f"not in removed: {text[:80]!r} (want rule family {family!r})")
        elif family != "*" and not any(r.split(".")[0] == family for r in rules):
            errors.append(f"removed {text[:60]!r} by rule {rules!r}, want rule family {family!r}")
        if text in body:
            errors.append(f"noise left in the body: {text[:80]!r}")
    assert not errors, f"{expected_path.name}:\n" + "\n".join(errors)


# --------------------------------------------------------------------------- the fixtures


def _is_iso_date(value: str) -> bool:
    if not FIXTURE_DATE.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _ends_complete(summary: str) -> bool:
    """The summary ends a sentence (closing quotes and brackets after the stop allowed)."""
    return summary.rstrip("”’\"'»“)]").endswith((".", "!", "?"))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=IDS)
def test_expected_json_wellformed(expected_path: Path) -> None:
    data = _load(expected_path)
    name = expected_path.name
    assert list(data) == ["options", "article", "teasers", "removed"], f"{name}: top-level keys {list(data)}"

    options = data["options"]
    assert list(options) == OPTION_KEYS, f"{name}: options keys {list(options)}"
    assert options["input_format"] in ("auto", "text", "html"), f"{name}: input_format"
    reference = dt.datetime.fromisoformat(options["reference_time"])
    assert reference.tzinfo is not None, f"{name}: reference_time needs a zone"
    assert options["url"] is None or re.match(r"^https?://", options["url"]), f"{name}: options.url"

    article = data["article"]
    keys = list(article)
    assert keys[:len(ARTICLE_KEYS)] == ARTICLE_KEYS and all(
        k in OPTIONAL_ARTICLE_KEYS for k in keys[len(ARTICLE_KEYS):]), f"{name}: article keys {keys}"
    for key in ("title", "subtitle", "source", "language"):
        value = article[key]
        assert value is None or (isinstance(value, str) and value == value.strip() and value), \
            f"{name}: article.{key} must be a stripped non-empty string or null: {value!r}"
    assert isinstance(article["authors"], list) and all(
        isinstance(a, str) and a == a.strip() and a for a in article["authors"]), f"{name}: authors"
    assert article["source"] is None or not re.match(r"(?i)(by|von|por|par) ", article["source"]), \
        f"{name}: source keeps its 'By': {article['source']!r}"
    for key in ("published", "updated"):
        value = article[key]
        assert value is None or _is_iso_date(value), f"{name}: article.{key} is not ISO: {value!r}"
        if value:
            assert value[:10] <= reference.date().isoformat(), f"{name}: article.{key} after the crawl"
    body = article["body"]
    assert isinstance(body, str), f"{name}: body must be a string"
    if body:
        for i, para in enumerate(body.split("\n\n")):
            assert para and para == para.strip() and "\n" not in para, \
                f"{name}: body paragraph {i} is empty, padded or holds a line break: {para[:60]!r}"
    else:
        assert article["title"] is None, f"{name}: a page with an empty body is a listing: title null"
    assert article["language"] in LANGUAGES, f"{name}: language {article['language']!r}"

    assert isinstance(data["teasers"], list), f"{name}: teasers"
    for i, teaser in enumerate(data["teasers"]):
        where = f"{name}: teasers[{i}]"
        assert list(teaser) == TEASER_KEYS, f"{where} keys {list(teaser)}"
        assert isinstance(teaser["title"], str) and teaser["title"].strip() == teaser["title"] != "", \
            f"{where}.title must be a non-empty stripped string"
        summary = teaser["summary"]
        assert summary is None or (isinstance(summary, str) and summary == summary.strip() and summary), \
            f"{where}.summary"
        assert isinstance(teaser["truncated"], bool), f"{where}.truncated must be a bool"
        if summary is None:
            assert teaser["truncated"] is False, f"{where}: no summary, nothing truncated"
        else:
            assert not summary.endswith(("…", "...")), f"{where}: trailing ellipsis must be dropped"
            if not _ends_complete(summary):
                assert teaser["truncated"], f"{where}: summary ends mid-sentence, must be truncated"
        assert teaser["source"] is None or not re.match(r"(?i)(by|von|por|par) ", teaser["source"]), \
            f"{where}.source keeps its 'By'"
        assert teaser["published"] is None or _is_iso_date(teaser["published"]), f"{where}.published"
        url = teaser["url"]
        if url is not None:
            assert re.match(r"^https?://", url), f"{where}.url must be absolute: {url!r}"

    assert isinstance(data["removed"], list), f"{name}: removed"
    for i, item in enumerate(data["removed"]):
        assert list(item) == ["text", "rule"], f"{name}: removed[{i}] keys {list(item)}"
        assert isinstance(item["text"], str) and item["text"].strip(), f"{name}: removed[{i}].text"
        assert item["rule"] == "*" or item["rule"] in FAMILIES, \
            f"{name}: removed[{i}].rule {item['rule']!r} is not '*' or a known family"


_BLOCK_TAGS = ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
               "table", "section", "article", "aside", "header", "footer", "nav", "main", "figure",
               "figcaption", "blockquote", "button", "form", "br", "time"]


def _visible_text(html: str) -> str:
    """The text a reader of an HTML page can meet: no scripts, styles or head metadata."""
    from bs4 import BeautifulSoup

    # A browser that runs scripts reads a <noscript> as raw text to its end tag (an
    # unclosed <div> inside it closes nothing); soft hyphens are invisible.
    html = re.sub(r"(?is)<noscript\b.*?</noscript\s*>", " ", html).replace("&shy;", "")
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "head", "template", "noscript", "rt", "rp"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):  # block boundaries part words; inline tags do not
        tag.insert_before("\n")
        tag.insert_after("\n")
    return _norm(soup.get_text().replace("\xad", ""))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=IDS)
def test_wellformed_page_consistency(expected_path: Path) -> None:
    """Every expected string comes from the page, and no noise is also expected in the body."""
    data = _load(expected_path)
    page_path = _page_path(expected_path)
    raw = page_path.read_text(encoding="utf-8")
    is_html = page_path.suffix == ".html"
    assert is_html == bool(re.match(r"^\s*<", raw)), f"{page_path.name}: extension and content disagree"
    if is_html:
        haystack = _fold(_visible_text(raw))
    else:
        haystack = "\n".join(_fold(line) for line in raw.splitlines() if line.strip())
    article, body = data["article"], data["article"]["body"]
    errors = []

    def present(text: str) -> bool:
        parts = text.split(" | ") if is_html else [text]  # a table row: each cell
        return all(_fold(part) in haystack for part in parts)

    for para in body.split("\n\n") if body else []:
        if not present(para):
            errors.append(f"body paragraph not on the page: {para[:70]!r}")
    for key in ("title", "subtitle"):
        if article[key] and not present(article[key]):
            errors.append(f"article.{key} not on the page: {article[key]!r}")
    for teaser in data["teasers"]:
        for key in ("title", "summary"):
            if teaser[key] and not present(teaser[key]):
                errors.append(f"teaser {key} not on the page: {teaser[key][:70]!r}")
    norm_body = _norm(body)
    for item in data["removed"]:
        if not present(item["text"]):
            errors.append(f"removed text not on the page: {item['text'][:70]!r}")
        if _norm(item["text"]) in norm_body:
            errors.append(f"removed text also inside the expected body: {item['text'][:70]!r}")
    assert not errors, f"{expected_path.name}:\n" + "\n".join(errors)


#: A line CONVENTIONS.md lets the library consume without listing it: a byline label
#: (possibly with no name after it) or a short date line.
_BYLINE = re.compile(r"^(by|written by|reporting by|interview by|von|por|par|di|door|autor|автор|entrevista de)\b", re.IGNORECASE)
#: A byline that names its author first and the reporter's title after: "김민지 기자".
_BYLINE_AFTER = re.compile(r"\s(기자|특파원|記者|记者)$")
_DATE_WORDS = re.compile(r"\d|\b(ago|hace|vor|il y a|yesterday|gestern|ayer|hier|ieri|gisteren|"
                         r"wczoraj|ontem|вчера|fa|geleden|temu|há|назад)\b|[前전]", re.IGNORECASE)


@pytest.mark.parametrize("expected_path", [p for p in EXPECTED if _page_path(p).suffix == ".txt"],
                         ids=[i for i, p in zip(IDS, EXPECTED, strict=True) if _page_path(p).suffix == ".txt"])
def test_wellformed_text_page_nothing_lost(expected_path: Path) -> None:
    """Every line of a text page lands somewhere in the expected output, or is consumed."""
    data = _load(expected_path)
    article = data["article"]
    strings = [article["title"], article["subtitle"], article["body"]]
    strings += [t[k] for t in data["teasers"] for k in ("title", "summary")]
    strings += [r["text"] for r in data["removed"]]
    found = "\n".join(_fold(s) for s in strings if s)
    names = [article["source"], *article["authors"], *(t["source"] for t in data["teasers"])]
    names = [_fold(n) for n in names if n]
    lost = []
    for line in _page_text(expected_path).splitlines():
        text = _fold(line)
        if not text:
            continue
        core = text.removesuffix("…").removesuffix("...").rstrip()
        if core in found or text in names:
            continue
        if _BYLINE.match(text) and (any(n in text for n in names) or len(text.split()) <= 2):
            continue  # a byline: its names are in authors / source
        if _BYLINE_AFTER.search(text) and any(n in text for n in names):
            continue  # a byline: its names are in authors / source
        if _DATE_WORDS.search(text) and len(text.split()) <= 12:
            continue  # a date line: consumed into published / updated
        lost.append(line.strip())
    assert not lost, f"{expected_path.name}: lines accounted for nowhere:\n" + "\n".join(lost)


def test_wellformed_fixture_set_coverage() -> None:
    """The set keeps the spread it was written for."""
    pages = [(_page_path(p).suffix, _load(p)) for p in EXPECTED]
    orphans = [p.name for p in PAGES.iterdir() if p.suffix in (".txt", ".html")
               and not (PAGES / f"{p.stem}.expected.json").exists()]
    assert not orphans, f"pages without an expected JSON: {orphans}"
    text = [d for s, d in pages if s == ".txt"]
    html = [d for s, d in pages if s == ".html"]
    assert len(text) >= 14 and len(html) >= 8, (len(text), len(html))
    assert len({d["article"]["language"] for d in text}) >= 3
    assert sum(d["article"]["language"] != "en" for d in html) >= 2
    families = {r["rule"] for _, d in pages for r in d["removed"]}
    assert FAMILIES - {"promo"} <= families, f"families never expected: {FAMILIES - families}"
    assert any(d["article"]["title"] is None and d["article"]["body"] == "" for d in html)
    assert any(not d["removed"] for d in text), "a page with no noise at all"

"""Batches: parallel cleaning, the batch command line, resume, error logs, nothing lost."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanscrape import Pipeline, clean
from cleanscrape.batch import PageFailure, to_json_line
from cleanscrape.sources.decode import decode_page
from cleanscrape.testing import make_site

sys.path.insert(0, str(Path(__file__).parent))
from _legacy_pages import LEGACY_PAGES, page_html  # noqa: E402

REF = "2021-06-15T12:00:00+00:00"


def run(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleanscrape", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd)


def site_pages(n_sites: int = 3, pages: int = 5) -> list[tuple[str, str]]:
    """(url, text) of generated pages of several sites."""
    out = []
    for seed in range(n_sites):
        site = make_site(seed, pages, ("en", "de", "fr")[seed % 3])
        out += [(url, page.text) for url, page in site.pages]
    return out


def write_tree(root: Path, pages: list[tuple[str, str]]) -> None:
    for n, (_url, text) in enumerate(pages):
        sub = root / f"part{n % 3}" / ("deep" if n % 2 else "")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{n:03d}.txt").write_text(text, encoding="utf-8")
    (root / ".hidden.txt").write_text("not a page of the batch", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")


# -- clean_many ---------------------------------------------------------------------------
def test_clean_many_two_workers_equal_one_and_lean_results() -> None:
    pages = [(text, {"url": url}) for url, text in site_pages(3, 6)]
    pipeline = Pipeline.default()
    one = list(pipeline.clean_many(pages, reference_time=REF))
    two = list(pipeline.clean_many(pages, workers=2, chunksize=2, reference_time=REF))
    assert [r.model_dump() for r in one] == [r.model_dump() for r in two]
    assert all(r.document is None for r in one + two)
    kept = list(pipeline.clean_many(pages[:3], workers=2, keep_document=True, reference_time=REF))
    assert all(r.document is not None and r.explain() for r in kept)


def test_clean_many_failures_raise_or_come_back_in_place() -> None:
    pages = ["Storm\n\nThe storm reached the coast on Monday night.", b"\x89PNG\r\n\x1a\n\x00",
             "Flood\n\nThe river rose over its banks on Tuesday morning."]
    from cleanscrape.errors import DecodeError

    with pytest.raises(DecodeError, match="PNG"):
        list(Pipeline.default().clean_many(pages, workers=2, reference_time=REF))
    out = list(Pipeline.default().clean_many(pages, workers=2, errors="return", reference_time=REF))
    assert isinstance(out[1], PageFailure) and out[1].kind == "DecodeError" and out[1].where == "1"
    assert not isinstance(out[0], PageFailure) and not isinstance(out[2], PageFailure)
    with pytest.raises(ValueError, match="errors must be"):
        list(Pipeline.default().clean_many(pages, errors="ignore"))


def test_clean_many_streams_without_reading_everything_first() -> None:
    read = []

    def pages():
        for n in range(10_000):
            read.append(n)
            yield f"Title {n}\n\nThe council met on Monday and voted to repair the bridge."

    it = Pipeline.default().clean_many(pages(), workers=2, chunksize=2, reference_time=REF)
    next(it)
    time.sleep(0.5)
    assert len(read) < 200  # a bounded window, not the whole stream
    it.close()


# -- nothing lost, nothing garbled --------------------------------------------------------
@pytest.mark.parametrize("codec,language,text", LEGACY_PAGES,
                         ids=[f"{c}-{lang}" for c, lang, _ in LEGACY_PAGES])
def test_legacy_encodings_are_detected(codec: str, language: str, text: str) -> None:
    page = page_html(text)
    assert decode_page(page.encode(codec)).text == page


def test_latin1_page_is_read_as_western(tmp_path: Path) -> None:
    page = "<p>Zürich, São Paulo, naïve, £5, «bon»</p>"
    assert decode_page(page.encode("latin-1")).text == page
    f = tmp_path / "page.html"
    f.write_bytes(("<html><body><article><h1>Zürich and São Paulo</h1><p>A naïve plan for "
                   "the two cities costs £5 a head, «they say».</p></article></body></html>"
                   ).encode("latin-1"))
    p = run("clean", str(f), "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["article"]["title"] == "Zürich and São Paulo"
    polish = "<p>Łódź i Gdańsk, święta</p>"
    assert decode_page(polish.encode("cp1250")).text == polish


def test_invalid_utf8_bytes_are_recorded() -> None:
    data = ("<meta charset=utf-8><p>" + "The council met on Monday. " * 40).encode() + b"\xff" \
        + b"And voted.</p>"
    result = clean(data, reference_time=REF)
    changes = [c for c in result.document.changes if c.rule == "encoding.invalid_bytes"]
    assert len(changes) == 1 and changes[0].before == "\\xff" and changes[0].block == -1
    assert result.document.source[changes[0].offset] == "\ufffd"


@pytest.mark.parametrize("page", [
    "Storm hits coast\n\nBy Jane Roe\n\nThe storm \ud83d reached the coast on Monday night "
    "and thousands of homes lost power, the utility said on Tuesday.\n\nIt was \ud83d\ude00 cold.",
    "<html><body><article><h1>Storm \udc00 hits coast</h1><p>The storm \ud83d reached the coast "
    "on Monday night and thousands of homes lost power, the utility said on Tuesday.</p>"
    "<p>It was \ud83d\ude00 cold.</p></article></body></html>",
])
def test_lone_surrogates_are_repaired_and_recorded(page: str) -> None:
    result = clean(page, reference_time=REF)
    rules = [c.rule for c in result.document.changes if c.block == -1]
    assert "encoding.lone_surrogate" in rules and "encoding.surrogate_pair" in rules
    assert "reached the coast" in result.to_json()
    result.to_json().encode("utf-8")  # encodable: no surrogate left
    assert "😀" in result.document.source and "\ufffd" in result.document.source


def test_jsonl_with_a_lone_surrogate_between_good_records(tmp_path: Path) -> None:
    f = tmp_path / "pages.jsonl"
    good = "Bridge closes\n\nThe council voted on Tuesday to close the old bridge to cars."
    lines = [json.dumps({"text": good, "url": "https://a.example/1"}),
             json.dumps({"text": good.replace("Tuesday", "Tues\ud83d day"),
                         "url": "https://a.example/2"}),
             json.dumps({"text": good.replace("Bridge", "Tunnel"), "url": "https://a.example/3"})]
    assert "\\ud83d" in lines[1]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = run("clean", str(f), "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    out = [json.loads(x) for x in p.stdout.splitlines()]
    assert [o["path"] for o in out] == [f"{f}:1", f"{f}:2", f"{f}:3"]
    assert "Traceback" not in p.stderr


def test_jsonl_output_escapes_line_separators(tmp_path: Path) -> None:
    f = tmp_path / "pages.jsonl"
    text = ("Bridge closes\n\nThe council voted on Tuesday\u2028to close the old bridge to "
            "cars.\u2029It will reopen in spring after repairs to the deck and rails.")
    f.write_text(json.dumps({"text": text}) + "\n" + json.dumps({"text": text}) + "\n",
                 encoding="utf-8")
    p = run("clean", str(f), "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    assert "\u2028" not in p.stdout and "\u2029" not in p.stdout
    assert len(p.stdout.splitlines()) == 2
    assert to_json_line({"a": "x\u2028y"}) == '{"a": "x\\u2028y"}'


def _warc(path: Path, n: int, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for i in range(n):
            body = (f"<html><body><article><h1>Story {i}</h1><p>"
                    + "The council met again on Monday to discuss the bridge. " * 12
                    + "</p></article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://x.example/{i}", "response", payload=io.BytesIO(body),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2021-06-15T12:00:00Z"}))


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_gives_the_good_records_and_one_error(tmp_path: Path, gz: bool) -> None:
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(f, 3, gz=gz)
    data = f.read_bytes()
    f.write_bytes(data[:-300])
    p = run("clean", str(f), "--reference-time", REF, "--errors", str(tmp_path / "err.jsonl"))
    assert p.returncode == 1
    titles = [json.loads(x)["article"]["title"] for x in p.stdout.splitlines()]
    assert titles == ["Story 0", "Story 1"]
    errors = [json.loads(x) for x in (tmp_path / "err.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and errors[0]["error"] == "ReadError"
    assert "truncated" in errors[0]["message"] and "Traceback" not in p.stderr


# -- the batch command line ---------------------------------------------------------------
def test_directories_globs_output_file_and_errors(tmp_path: Path) -> None:
    pages = site_pages(2, 4)
    write_tree(tmp_path / "in", pages)
    (tmp_path / "in" / "part0" / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out.jsonl"
    err = tmp_path / "errors.jsonl"
    p = run("clean", str(tmp_path / "in"), "-o", str(out), "--errors", str(err),
            "--reference-time", REF, "--workers", "2")
    assert p.returncode == 1
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    expected = sorted(str(x) for x in (tmp_path / "in").rglob("*.txt") if not x.name.startswith("."))
    assert [r["path"] for r in rows] == expected and len(rows) == len(pages)
    failures = [json.loads(x) for x in err.read_text().splitlines()]
    assert [f["path"] for f in failures] == [str(tmp_path / "in" / "part0" / "broken.html")]
    assert failures[0]["error"] == "DecodeError" and "PNG" in failures[0]["message"]
    summary = p.stderr.strip().splitlines()[-1]
    assert f"{len(pages) + 1} pages, 1 failed" in summary and "pages/s" in summary
    g = run("clean", str(tmp_path / "in" / "**" / "page00*.txt"), "--reference-time", REF)
    assert [json.loads(x)["path"] for x in g.stdout.splitlines()] == \
        sorted(x for x in expected if os.path.basename(x).startswith("page00"))
    none = run("clean", str(tmp_path / "nothing*.html"))
    assert none.returncode == 1 and "no file matches" in none.stderr


def test_output_folder_mirrors_the_tree(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", site_pages(1, 4))
    out = tmp_path / "out"
    p = run("clean", str(tmp_path / "in"), "-o", str(out) + "/", "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    made = sorted(x.relative_to(out).as_posix() for x in out.rglob("*.json"))
    given = sorted(x.relative_to(tmp_path / "in").as_posix() + ".json"
                   for x in (tmp_path / "in").rglob("page*.txt"))
    assert made == given
    one = json.loads((out / made[0]).read_text(encoding="utf-8"))
    assert set(one) == {"article", "teasers", "removed"}


def test_kill_and_resume_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    pages = []
    for seed in range(40):
        site = make_site(seed, 8, "en")
        pages += [{"text": page.text, "url": url} for url, page in site.pages]
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in pages), encoding="utf-8")
    whole = tmp_path / "whole.jsonl"
    p = run("clean", str(src), "-o", str(whole), "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    part = tmp_path / "part.jsonl"
    args = [sys.executable, "-m", "cleanscrape", "clean", str(src), "-o", str(part),
            "--reference-time", REF, "--workers", "2"]
    proc = subprocess.Popen(args, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if part.exists() and part.read_bytes().count(b"\n") >= 40:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = part.read_bytes()
    assert 40 <= done.count(b"\n") < len(pages)
    with open(part, "ab") as fh:  # a line torn by the kill
        fh.write(b'{"path": "torn')
    r = run("clean", str(src), "-o", str(part), "--resume", "--reference-time", REF,
            "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert part.read_bytes() == whole.read_bytes()
    assert run("clean", str(src), "--resume").returncode == 2


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    f = tmp_path / "pages.jsonl"
    f.write_text("".join(json.dumps({"text": t, "url": u}) + "\n" for u, t in site_pages(1, 3)),
                 encoding="utf-8")
    quiet = run("clean", str(f), "--reference-time", REF)
    assert quiet.stderr == ""
    shown = run("clean", str(f), "--reference-time", REF, "--progress")
    assert "3/3" in shown.stderr and "page/s" in shown.stderr
    assert "3 pages, 0 failed" in shown.stderr.splitlines()[-1]


# -- site boilerplate learned across pages ------------------------------------------------
def _records(sites: list) -> list[dict[str, str]]:
    return [{"text": page.text, "url": url} for site in sites for url, page in site.pages]


def test_learned_site_rules_remove_boilerplate_no_pack_knows(tmp_path: Path) -> None:
    sites = [make_site(seed, 6, lang) for seed, lang in zip(range(4), ("en", "de", "fr", "es"), strict=True)]
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(sites)), encoding="utf-8")
    before = run("clean", str(src), "--reference-time", REF)
    rules = tmp_path / "site.toml"
    learned = run("learn", str(src), "-o", str(rules))
    assert learned.returncode == 0, learned.stderr
    assert 'id = "site.repeated"' in rules.read_text(encoding="utf-8")
    after = run("clean", str(src), "--rules", str(rules), "--reference-time", REF)
    truth = [page.truth for site in sites for _url, page in site.pages]
    lines = [line for site in sites for line in site.boilerplate]

    def score(stdout: str) -> tuple[int, int]:
        bodies = [json.loads(x)["article"]["body"] for x in stdout.splitlines()]
        exact = sum(b == t.body for b, t in zip(bodies, truth, strict=True))
        leaked = sum(line in b for b in bodies for line in lines)
        return exact, leaked

    exact_before, leaked_before = score(before.stdout)
    exact_after, leaked_after = score(after.stdout)
    assert leaked_before > 0  # no rule pack knows these sites' lines
    assert leaked_after == 0 and exact_after == len(truth) > exact_before
    removed = [r for x in after.stdout.splitlines() for r in json.loads(x)["removed"]]
    assert any(r["rule"] == "site.repeated" for r in removed)


def test_learn_sites_does_not_depend_on_input_order(tmp_path: Path) -> None:
    records = _records([make_site(seed, 5, "en") for seed in range(3)])
    for r, n in zip(records, range(len(records)), strict=True):
        r["id"] = str(n)
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    outs = []
    for name, recs in (("a.jsonl", records), ("b.jsonl", shuffled)):
        f = tmp_path / name
        f.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        p = run("clean", str(f), "--learn-sites", "--reference-time", REF, "--workers", "2")
        assert p.returncode == 0, p.stderr
        by_url = {}
        for line, rec in zip(p.stdout.splitlines(), recs, strict=True):
            obj = json.loads(line)
            obj.pop("path")
            by_url[rec["url"]] = obj
        outs.append(by_url)
    assert outs[0] == outs[1]
    assert any(r["rule"] == "site.repeated" for o in outs[0].values() for r in o["removed"])


def test_learn_keeps_bylines_and_needs_repetition() -> None:
    from cleanscrape.sitelearn import learn

    site = make_site(3, 6, "en")
    pages = [(page.text, {"url": url, "reference_time": REF}) for url, page in site.pages]
    # Every page by the same author: the byline repeats, and is still no boilerplate.
    same = [(text.replace(text.split("\n\n")[3], "By Jane Roe"), opts) for text, opts in pages]
    learned = learn(same, Pipeline.default())
    assert "By Jane Roe" not in learned[site.host]
    assert learn(pages[:2], Pipeline.default()) == {}  # two pages repeat nothing yet
    with pytest.raises(ValueError, match="min_pages"):
        learn(pages, Pipeline.default(), min_pages=1)


def test_host_scoped_rules_touch_only_their_host(tmp_path: Path) -> None:
    rules = tmp_path / "site.toml"
    rules.write_text('[[rules]]\nid = "site.repeated"\nhosts = ["a.example"]\n'
                     'patterns = ["Quill Otter tidings"]\n', encoding="utf-8")
    page = ("Bridge closes\n\nQuill Otter tidings\n\nThe council voted on Tuesday to close "
            "the old bridge to cars from next spring.\n")
    pipeline = Pipeline.default().with_rules(str(rules))
    on = pipeline.clean(page, url="https://www.news.a.example/1", reference_time=REF)
    off = pipeline.clean(page, url="https://b.example/1", reference_time=REF)
    assert ("Quill Otter tidings", "site.repeated") in [(r.text, r.rule) for r in on.removed]
    assert "site.repeated" not in [r.rule for r in off.removed]


def test_explain_shows_repairs_made_while_reading(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(b"<html><head><meta charset='utf-8'></head><body><article><h1>Storm</h1><p>"
                  + b"The storm reached the coast on Monday night. " * 10 + b"\xff</p>"
                  + b"</article></body></html>")
    p = run("explain", str(f), "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    first = p.stdout.splitlines()[0]
    assert first.split()[:3] == ["input", "edit", "encoding.invalid_bytes"]
    assert "'\\\\xff' -> '\ufffd'" in first


def test_learn_sites_refuses_standard_input() -> None:
    p = run("clean", "-", "--learn-sites")
    assert p.returncode == 2 and "standard input" in p.stderr


def test_a_failing_custom_step_is_that_page_s_error() -> None:
    from cleanscrape.steps import Step

    class Picky(Step):
        name = "Picky"

        def apply(self, doc):  # type: ignore[no-untyped-def]
            if any("forbidden" in b.text for b in doc.blocks):
                raise RuntimeError("no forbidden pages")
            return doc

    pipeline = Pipeline.default().append(Picky())
    pages = ["Storm\n\nThe storm reached the coast.", "Forbidden\n\nA forbidden page here.",
             "Flood\n\nThe river rose on Tuesday."]
    out = list(pipeline.clean_many(pages, errors="return", reference_time=REF))
    assert isinstance(out[1], PageFailure) and out[1].kind == "InternalError"
    assert "RuntimeError: no forbidden pages" in out[1].message
    with pytest.raises(RuntimeError, match="no forbidden pages"):
        list(pipeline.clean_many(pages, reference_time=REF))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_learning_does_not_depend_on_page_order(seed: int) -> None:
    from cleanscrape.sitelearn import learn, rules_toml

    items = [(page.text, {"url": url}) for s in (make_site(seed, 5), make_site(seed + 10, 4))
             for url, page in s.pages]
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    a, b = learn(items, Pipeline.default()), learn(shuffled, Pipeline.default())
    assert a and rules_toml(a) == rules_toml(b)


def test_resume_refuses_a_file_that_is_no_output(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\nkeep them\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("Storm\n\nThe storm reached the coast on Monday night.\n", encoding="utf-8")
    p = run("clean", str(page), "-o", str(notes), "--resume")
    assert p.returncode == 2 and "notes.txt:1" in p.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\nkeep them\n"


def _picky_pipeline() -> Pipeline:
    from cleanscrape.steps import Step

    class Picky(Step):
        name = "Picky"

        def apply(self, doc):  # type: ignore[no-untyped-def]
            if any("forbidden" in b.text for b in doc.blocks):
                raise KeyError("boom")
            return doc

    return Pipeline.default().append(Picky())


def test_every_integration_turns_any_failure_into_that_page_s_error() -> None:
    pytest.importorskip("scrapy")
    pytest.importorskip("datatrove")
    from datatrove.data import Document
    from scrapy.exceptions import DropItem

    from cleanscrape.integrations.dask import clean_record
    from cleanscrape.integrations.datatrove import CleanscrapeExtractor
    from cleanscrape.integrations.scrapy import CleanscrapePipeline

    pipeline = _picky_pipeline()
    good = "Storm\n\nThe storm reached the coast on Monday night and many lost power."
    bad = "Forbidden\n\nA forbidden page, which the custom step refuses to clean."
    out = clean_record({"text": bad, "url": "https://x.example/1"}, pipeline=pipeline)
    assert out["error_kind"] == "InternalError" and "KeyError" in out["error"]
    assert "error" not in clean_record({"text": good}, pipeline=pipeline)
    scrapy_pipeline = CleanscrapePipeline(pipeline)
    with pytest.raises(DropItem, match="KeyError"):
        scrapy_pipeline.process_item({"text": bad, "url": "https://x.example/1"})
    assert "cleanscrape" in scrapy_pipeline.process_item({"text": good})
    step = CleanscrapeExtractor(pipeline, keep_empty=True)
    docs = [Document(text=t, id=str(n), metadata={}) for n, t in enumerate([good, bad, good])]
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["0", "2"]
    assert step.stats["clean_error"].total == 1 and step.stats["internal_error"].total == 1


def test_any_string_with_surrogates_cleans_and_serialises() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    chars = st.one_of(st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                    blacklist_categories=()),
                      st.sampled_from(["\ud83d", "\ude00", "\udc00", "\udbff", "<", "&"]))

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.text(chars, max_size=40), min_size=1, max_size=6))
    def check(parts: list[str]) -> None:
        page = "\n\n".join(parts)
        seen.append(any("\ud800" <= ch <= "\udfff" for ch in page))
        for fmt in ("text", "html"):
            data = page if fmt == "text" else f"<html><body><p>{page}</p></body></html>"
            result = clean(data, input_format=fmt, reference_time=REF)
            result.to_json().encode("utf-8")
            to_json_line(result.model_dump(mode="json")).encode("utf-8")

    seen: list[bool] = []
    check()
    assert sum(seen) >= 10  # the strategy really gives surrogates

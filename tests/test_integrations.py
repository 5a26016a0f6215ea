"""The Dask, datatrove and WARC integrations, run for real (each skips without its extra)."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from _samples import FERRY_PAGE

REF = "2021-06-15T12:00:00+00:00"

TEXT_PAGE = FERRY_PAGE


def html_page(title: str, author: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Port Alder Ledger</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{body}
<div class="share"><p>Share this article</p></div>
</article>
<footer><p>© 2021 Port Alder Ledger. All rights reserved.</p></footer>
</body></html>
"""


HTML_A = html_page("Lighthouse keepers return to Gull Point", "Maria Lindqvist", [
    ("For the first time in forty years, the lamp at Gull Point will be tended by people "
     "rather than a timer, after the harbour trust hired two keepers for the summer season."),
    ("The trust says the keepers will run tours of the tower, record the weather every three "
     "hours and look after the restored fog bell, which has not rung since 1979."),
])
HTML_B = html_page("Market hall roof to be replaced", "Dev Sharma", [
    ("The roof of the market hall on Quay Street will be replaced over the winter, the city "
     "said on Thursday, after inspectors found rot in several of its oak beams."),
    ("Stallholders will move to a temporary hall on the car park next door from November, "
     "and the market will keep its usual opening hours throughout the work."),
])
LISTING = """<!doctype html><html><head><title>Port Alder Ledger</title></head><body>
<ul><li><a href="/a">Lighthouse keepers return</a></li><li><a href="/b">Market hall</a></li></ul>
</body></html>"""


# -- Dask ------------------------------------------------------------------------------------
@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_clean_bag(scheduler: str) -> None:
    db = pytest.importorskip("dask.bag")
    from cleanscrape.integrations.dask import clean_bag

    records = [
        {"html": HTML_A, "url": "https://ledger.example/a"},
        {"text": TEXT_PAGE, "url": "https://ledger.example/n", "reference_time": REF},
        HTML_B,
        {"html": 42},  # not a page: an error record, not a crashed job
    ]
    bag = db.from_sequence(records, npartitions=2)
    results = clean_bag(bag, reference_time=REF)
    kwargs = {"num_workers": 2} if scheduler == "processes" else {}
    out = results.compute(scheduler=scheduler, **kwargs)
    assert [r.get("url") for r in out] == ["https://ledger.example/a",
                                           "https://ledger.example/n", None, None]
    assert out[0]["article"]["title"] == "Lighthouse keepers return to Gull Point"
    assert out[0]["article"]["authors"] == ["Maria Lindqvist"]
    assert any(r["text"] == "Share this article" for r in out[0]["removed"])
    assert out[1]["article"]["updated"] == "2021-06-13"
    assert out[2]["article"]["title"] == "Market hall roof to be replaced"
    assert "error" in out[3] and "article" not in out[3]
    json.dumps(out)  # plain data all the way


# -- datatrove -------------------------------------------------------------------------------
def _documents() -> list:
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    meta = {"date": REF}
    return [
        Document(text=HTML_A, id="a", metadata={"url": "https://ledger.example/a", **meta}),
        Document(text=LISTING, id="home", metadata={"url": "https://ledger.example/", **meta}),
        Document(text=TEXT_PAGE, id="n", metadata={"url": "https://ledger.example/n", **meta}),
    ]


def test_datatrove_extractor_directly() -> None:
    docs = _documents()
    from cleanscrape.integrations.datatrove import CleanscrapeExtractor

    step = CleanscrapeExtractor()
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["a", "n"]  # the listing page has no article: dropped
    a, n = out
    assert a.text.startswith("For the first time in forty years")
    assert "Share this article" not in a.text
    meta = a.metadata["cleanscrape"]
    assert "body" not in meta["article"]
    assert meta["article"]["title"] == "Lighthouse keepers return to Gull Point"
    assert any(r["text"] == "Share this article" for r in meta["removed"])
    assert a.metadata["url"] == "https://ledger.example/a"
    assert n.metadata["cleanscrape"]["article"]["updated"] == "2021-06-13"  # from metadata date
    assert step.stats["dropped"].total == 1 and step.stats["forwarded"].total == 2

    kept = list(CleanscrapeExtractor(keep_empty=True).run(iter(_documents())))
    assert [d.id for d in kept] == ["a", "home", "n"] and kept[1].text == ""


def test_datatrove_extractor_in_a_local_executor(tmp_path: Path) -> None:
    docs = _documents()
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter

    from cleanscrape.integrations.datatrove import CleanscrapeExtractor

    LocalPipelineExecutor(
        pipeline=[docs, CleanscrapeExtractor(), JsonlWriter(str(tmp_path / "out"))],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    files = sorted((tmp_path / "out").glob("*.jsonl*"))
    assert files
    rows = []
    for f in files:
        opener = gzip.open if f.suffix == ".gz" else open
        with opener(f, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    assert [r["id"] for r in rows] == ["a", "n"]
    assert rows[0]["text"].startswith("For the first time in forty years")
    assert rows[0]["metadata"]["cleanscrape"]["article"]["authors"] == ["Maria Lindqvist"]


# -- WARC --------------------------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def write_warc(path: Path) -> None:
    """Two HTML responses and an image response, as a crawler would store them."""
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        pages = [
            ("https://ledger.example/2021/05/20/lighthouse", "text/html; charset=utf-8",
             HTML_A.encode("utf-8"), "2021-06-15T12:00:00Z"),
            ("https://ledger.example/logo.png", "image/png", PNG, "2021-06-15T12:00:01Z"),
            ("https://ledger.example/market", "text/html; charset=utf-8",
             HTML_B.encode("utf-8"), "2021-06-15T12:00:02Z"),
        ]
        for url, ctype, payload, date in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype),
                                                  ("Content-Length", str(len(payload)))],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)


def test_iter_warc_pages_skips_non_pages(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    from cleanscrape.integrations.warc import iter_warc_pages

    pages = list(iter_warc_pages(str(warc)))
    assert [p.url for p in pages] == ["https://ledger.example/2021/05/20/lighthouse",
                                      "https://ledger.example/market"]
    assert pages[0].fetched == "2021-06-15T12:00:00Z"
    assert pages[0].content_type == "text/html; charset=utf-8"
    assert pages[0].body == HTML_A.encode("utf-8")
    assert all(p.record_id.startswith("urn:uuid:") for p in pages)


def test_cli_cleans_a_warc_file(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    proc = subprocess.run([sys.executable, "-m", "cleanscrape", "clean", str(warc)],
                          check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 2
    assert all(r["path"].startswith(f"{warc}#urn:uuid:") for r in rows)
    first, second = rows
    assert first["article"]["title"] == "Lighthouse keepers return to Gull Point"
    assert first["article"]["published"] == "2021-05-20"  # from the address
    assert any(r["text"] == "Share this article" for r in first["removed"])
    assert second["article"]["title"] == "Market hall roof to be replaced"
    assert second["article"]["authors"] == ["Dev Sharma"]

"""The Scrapy item pipeline: a real crawl of a local server, and the class on its own."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from _samples import FERRY_PAGE

scrapy = pytest.importorskip("scrapy")

from scrapy.exceptions import DropItem, NotConfigured  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from cleanscrape import Pipeline  # noqa: E402
from cleanscrape.integrations.scrapy import CleanscrapePipeline  # noqa: E402

REF = "2021-06-15T12:00:00+00:00"

STORY_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Lighthouse keepers return to Gull Point | Port Alder Ledger</title>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>
<article>
<h1>Lighthouse keepers return to Gull Point</h1>
<p class="byline">By Maria Lindqvist</p>
<p><time datetime="2021-05-20">May 20, 2021</time></p>
<p>For the first time in forty years, the lamp at Gull Point will be tended by people
rather than a timer, after the harbour trust hired two keepers for the summer season.</p>
<p>The trust says the keepers will run tours of the tower, record the weather every three
hours and look after the restored fog bell, which has not rung since 1979.</p>
<p>”We wanted the light to have a voice again,“ said Anna Berg, who chairs the trust.
Visitors will be able to climb the tower on weekends from June.</p>
<div class="share-bar"><p>Share this article</p></div>
<p>Ledger Plus: unlock every story</p>
</article>
<footer><p>© 2021 Port Alder Ledger. All rights reserved.</p></footer>
</body>
</html>
"""

NOTES_TXT = FERRY_PAGE

INDEX_HTML = """<!doctype html>
<html><head><title>Port Alder Ledger</title></head>
<body><h1>Port Alder Ledger</h1>
<ul>
<li><a href="story.html">Lighthouse keepers return to Gull Point</a></li>
<li><a href="notes.txt">Night ferry timetable changes from Monday</a></li>
</ul></body></html>
"""

RULES = """
[[rules]]
id = "ledger.upsell"
match = "start"
patterns = ["ledger plus:"]
max_words = 10
"""

SPIDER = '''
import sys
from scrapy import Spider
from scrapy.crawler import CrawlerProcess

BASE, OUT, RULES = sys.argv[1], sys.argv[2], sys.argv[3]


class LedgerSpider(Spider):
    name = "ledger"
    start_urls = [BASE + "/index.html"]

    def parse(self, response):
        # The front page is an item too: it has no article, so DROP_EMPTY drops it.
        yield {"url": response.url, "html": response.text,
               "fetched": "2021-06-15T12:00:00+00:00"}
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, self.parse_page)

    def parse_page(self, response):
        item = {"url": response.url, "fetched": "2021-06-15T12:00:00+00:00"}
        if response.url.endswith(".txt"):
            item["response_body"] = response.body      # bytes: decoded by cleanscrape
        else:
            item["html"] = response.text
        yield item


process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleanscrape.integrations.scrapy.CleanscrapePipeline": 300},
    "CLEANSCRAPE_REFERENCE_TIME_FIELD": "fetched",
    "CLEANSCRAPE_RULES": [RULES],
    "CLEANSCRAPE_DROP_EMPTY": True,
    "CLEANSCRAPE_KEEP_INPUT": False,      # the feed gets the article, not the page
    "FEEDS": {OUT: {"format": "json", "encoding": "utf8"}},
    "ROBOTSTXT_OBEY": False,
    "HTTPPROXY_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 10,
    "CLOSESPIDER_TIMEOUT": 40,
    "LOG_LEVEL": "INFO",
})
process.crawl(LedgerSpider)
process.start()
'''


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 (random free port) serving the fixture pages."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    (root / "story.html").write_text(STORY_HTML, encoding="utf-8")
    (root / "notes.txt").write_text(NOTES_TXT, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(root)))
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_real_crawl_cleans_items(site: str, tmp_path: Path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER, encoding="utf-8")
    rules = tmp_path / "ledger_rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    out = tmp_path / "items.json"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run([sys.executable, str(script), site, str(out), str(rules)],
                          check=False, capture_output=True, text=True, timeout=90, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    items = json.loads(out.read_text(encoding="utf-8"))
    by_url = {item["url"].rsplit("/", 1)[1]: item for item in items}
    assert set(by_url) == {"story.html", "notes.txt"}, proc.stderr[-4000:]
    assert "Dropped" in proc.stderr and "no article body" in proc.stderr  # the front page

    assert all(set(item) == {"url", "fetched", "cleanscrape"} for item in items)
    story = by_url["story.html"]["cleanscrape"]
    assert story["article"]["title"] == "Lighthouse keepers return to Gull Point"
    assert story["article"]["authors"] == ["Maria Lindqvist"]
    assert story["article"]["published"] == "2021-05-20"
    body = story["article"]["body"]
    assert body.startswith("For the first time in forty years")
    assert "“We wanted the light to have a voice again,” said Anna Berg" in body
    assert "Share this article" not in body and "Ledger Plus" not in body
    removed = {r["text"]: r["rule"] for r in story["removed"]}
    assert "Share this article" in removed
    assert removed["Ledger Plus: unlock every story"] == "ledger.upsell"

    notes = by_url["notes.txt"]["cleanscrape"]
    assert notes["article"]["title"] == "Night ferry timetable changes from Monday"
    assert notes["article"]["authors"] == ["Tom Okafor"]
    assert notes["article"]["updated"] == "2021-06-13"  # two days before the crawl time
    assert notes["article"]["body"].startswith("The night ferry between Port Alder")
    assert [r["text"] for r in notes["removed"]] == ["Follow us on Instagram",
                                                     "Share this article"]
    assert "cleanscrape/cleaned': 2" in proc.stderr
    assert "cleanscrape/dropped_empty': 1" in proc.stderr


# -- the class on its own -------------------------------------------------------------------
def _pipeline(**settings: Any) -> CleanscrapePipeline:
    crawler = get_crawler(settings_dict=settings)
    return CleanscrapePipeline.from_crawler(crawler)


def _item(**extra: Any) -> dict[str, Any]:
    return {"url": "https://ledger.example/news/notes", "text": NOTES_TXT, **extra}


def test_disabled_is_not_configured() -> None:
    with pytest.raises(NotConfigured):
        _pipeline(CLEANSCRAPE_ENABLED=False)
    with pytest.raises(NotConfigured):
        _pipeline(CLEANSCRAPE_ENABLED="False")  # as -s CLEANSCRAPE_ENABLED=False gives it


def test_both_process_item_signatures() -> None:
    pipeline = _pipeline()
    spider = scrapy.Spider(name="s")
    new = pipeline.process_item(_item(fetched=REF))
    old = pipeline.process_item(_item(fetched=REF), spider)
    assert new["cleanscrape"]["article"]["title"] == "Night ferry timetable changes from Monday"
    assert old["cleanscrape"] == new["cleanscrape"]


def test_defaults_take_the_first_input_field_present() -> None:
    pipeline = _pipeline()
    item = {"url": "https://ledger.example/a", "response_body": b"", "html": STORY_HTML,
            "text": NOTES_TXT}
    out = pipeline.process_item(item)
    assert out is item
    assert out["cleanscrape"]["article"]["title"] == "Lighthouse keepers return to Gull Point"
    assert set(out["cleanscrape"]) == {"article", "teasers", "removed"}


def test_items_without_a_page_pass_through() -> None:
    pipeline = _pipeline()
    item = {"url": "https://ledger.example/a", "price": 3}
    assert pipeline.process_item(item) == {"url": "https://ledger.example/a", "price": 3}


def test_input_url_and_reference_time_fields() -> None:
    pipeline = _pipeline(CLEANSCRAPE_INPUT_FIELD="page", CLEANSCRAPE_URL_FIELD="link",
                         CLEANSCRAPE_REFERENCE_TIME_FIELD="crawled_at")
    item = pipeline.process_item({"page": NOTES_TXT, "crawled_at": "2020-01-10T08:00:00Z",
                                  "link": "https://ledger.example/n"})
    assert item["cleanscrape"]["article"]["updated"] == "2020-01-08"
    # a list of fields is tried in order
    pipeline = _pipeline(CLEANSCRAPE_INPUT_FIELD=["body_html", "page"])
    assert pipeline.process_item({"page": NOTES_TXT})["cleanscrape"]["article"]["title"]


def test_merge_mode_writes_article_fields_into_the_item() -> None:
    pipeline = _pipeline(CLEANSCRAPE_OUTPUT_FIELD=None)
    item = pipeline.process_item(_item(fetched=REF))
    assert item["title"] == "Night ferry timetable changes from Monday"
    assert item["authors"] == ["Tom Okafor"]
    assert item["body"].startswith("The night ferry")
    assert item["removed"][0] == {"text": "Follow us on Instagram", "rule": "social.follow"}
    assert item["teasers"] == [] and "cleanscrape" not in item
    assert item["text"] == NOTES_TXT


def test_keep_input_false_deletes_the_page() -> None:
    pipeline = _pipeline(CLEANSCRAPE_KEEP_INPUT=False)
    item = pipeline.process_item({"url": "https://ledger.example/a", "response_body": b"",
                                  "html": STORY_HTML})
    assert set(item) == {"url", "response_body", "cleanscrape"}


def test_scrapy_item_dataclass_and_attrs_items() -> None:
    class PageItem(scrapy.Item):
        url = scrapy.Field()
        html = scrapy.Field()
        cleanscrape = scrapy.Field()

    class ArticleItem(scrapy.Item):
        url = scrapy.Field()
        text = scrapy.Field()
        title = scrapy.Field()
        body = scrapy.Field()

    @dataclasses.dataclass
    class PageRecord:
        url: str
        text: str
        cleanscrape: dict[str, Any] | None = None

    out = _pipeline().process_item(PageItem(url="https://ledger.example/a", html=STORY_HTML))
    assert out["cleanscrape"]["article"]["authors"] == ["Maria Lindqvist"]
    merged = _pipeline(CLEANSCRAPE_OUTPUT_FIELD="").process_item(
        ArticleItem(url="https://ledger.example/n", text=NOTES_TXT))
    # only the fields the item declares are set
    assert merged["title"] == "Night ferry timetable changes from Monday"
    assert set(merged.keys()) == {"url", "text", "title", "body"}
    record = _pipeline().process_item(PageRecord("https://ledger.example/n", NOTES_TXT))
    assert record.cleanscrape is not None
    assert record.cleanscrape["article"]["authors"] == ["Tom Okafor"]

    attr = pytest.importorskip("attr")

    @attr.s(auto_attribs=True)
    class AttrsRecord:
        url: str
        text: str
        cleanscrape: Any = None

    rec = _pipeline().process_item(AttrsRecord("https://ledger.example/n", NOTES_TXT))
    assert rec.cleanscrape["article"]["title"] == "Night ferry timetable changes from Monday"


def test_undeclared_output_field_is_a_clear_error() -> None:
    class Bare(scrapy.Item):
        text = scrapy.Field()

    with pytest.raises(KeyError, match="declare it"):
        _pipeline().process_item(Bare(text=NOTES_TXT))


def test_rules_quote_style_and_drop_empty(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    pipeline = _pipeline(CLEANSCRAPE_RULES=[str(rules)], CLEANSCRAPE_QUOTE_STYLE="straight",
                         CLEANSCRAPE_DROP_EMPTY=True)
    out = pipeline.process_item({"url": "https://ledger.example/a", "html": STORY_HTML})
    art = out["cleanscrape"]["article"]
    assert '"We wanted the light to have a voice again," said Anna Berg' in art["body"]
    assert {"text": "Ledger Plus: unlock every story", "rule": "ledger.upsell"} in \
        out["cleanscrape"]["removed"]
    with pytest.raises(DropItem, match="no article body"):
        pipeline.process_item({"url": "https://ledger.example/", "html": INDEX_HTML})
    # comma-separated, as -s CLEANSCRAPE_RULES=a.toml,b.toml gives it
    assert _pipeline(CLEANSCRAPE_RULES=f"{rules},{rules}").pipeline["StripNoise"].rules == \
        (str(rules), str(rules))


def test_bad_settings_fail_at_start(tmp_path: Path) -> None:
    from cleanscrape import RuleFileError

    with pytest.raises(RuleFileError):
        _pipeline(CLEANSCRAPE_RULES=[str(tmp_path / "missing.toml")])
    with pytest.raises(ValueError):
        _pipeline(CLEANSCRAPE_QUOTE_STYLE="fancy")
    with pytest.raises(ValueError):
        _pipeline(CLEANSCRAPE_INPUT_FORMAT="pdf")
    with pytest.raises(TypeError, match="not a cleanscrape Pipeline"):
        _pipeline(CLEANSCRAPE_PIPELINE="os.sep")
    with pytest.raises(ValueError, match="BCP 47"):
        _pipeline(CLEANSCRAPE_LANGUAGE="English please")


def test_merge_mode_never_deletes_what_it_wrote() -> None:
    # A raw page in a field called "body", merged, input not kept: the cleaned body stays.
    pipeline = _pipeline(CLEANSCRAPE_INPUT_FIELD="body", CLEANSCRAPE_OUTPUT_FIELD="",
                         CLEANSCRAPE_KEEP_INPUT=False)
    item = pipeline.process_item({"url": "https://ledger.example/n", "body": NOTES_TXT})
    assert item["body"].startswith("The night ferry between Port Alder")
    assert item["title"] == "Night ferry timetable changes from Monday"


def test_pipeline_setting_takes_object_path_or_factory(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ledger_cleaning.py").write_text(textwrap.dedent("""
        from cleanscrape import Pipeline

        PIPELINE = Pipeline.default().without("RepairQuotes")

        def make_pipeline():
            return Pipeline.default().configure("RepairQuotes", style="preserve")
    """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "RepairQuotes" not in _pipeline(
        CLEANSCRAPE_PIPELINE="ledger_cleaning.PIPELINE").pipeline.names
    made = _pipeline(CLEANSCRAPE_PIPELINE="ledger_cleaning.make_pipeline").pipeline
    assert made["RepairQuotes"].style == "preserve"
    custom = Pipeline.default().without("SegmentTeasers")
    assert _pipeline(CLEANSCRAPE_PIPELINE=custom).pipeline == custom
    # CLEANSCRAPE_QUOTE_STYLE applies on top of a given pipeline
    styled = _pipeline(CLEANSCRAPE_PIPELINE="ledger_cleaning.make_pipeline",
                       CLEANSCRAPE_QUOTE_STYLE="straight").pipeline
    assert styled["RepairQuotes"].style == "straight"


def test_undecodable_bytes_drop_the_item_and_count() -> None:
    crawler = get_crawler(settings_dict={})
    crawler.stats.open_spider()
    pipeline = CleanscrapePipeline.from_crawler(crawler)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\xff\xfe\x00\x00" * 4
    with pytest.raises(DropItem, match="cannot clean https://ledger.example/img"):
        pipeline.process_item({"url": "https://ledger.example/img", "response_body": png})
    pipeline.process_item(_item())
    assert crawler.stats.get_value("cleanscrape/failed") == 1
    assert crawler.stats.get_value("cleanscrape/cleaned") == 1


def test_import_cleanscrape_does_not_import_scrapy() -> None:
    code = ("import sys, cleanscrape\n"
            "cleanscrape.clean('Title line\\n\\nBody text of the page.')\n"
            "import cleanscrape.integrations\n"
            "assert 'scrapy' not in sys.modules, 'scrapy was imported'\n")
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_docstring_example() -> None:
    import doctest

    import cleanscrape.integrations.scrapy as module

    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_the_how_to_crawl_script_runs_as_written(site: str, tmp_path: Path) -> None:
    """The complete example of docs/howto/scrapy.md, run against the local server."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "howto" / "scrapy.md").read_text(
        encoding="utf-8")
    blocks = re.findall(r"```python\n(# crawl_news\.py\n.*?)```", page, flags=re.DOTALL)
    assert len(blocks) == 1, "the how-to's crawl script was not found"
    (tmp_path / "crawl_news.py").write_text(blocks[0], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run([sys.executable, "crawl_news.py", f"{site}/index.html"],
                          check=False, capture_output=True, text=True, timeout=90,
                          cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    lines = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    items = {json.loads(line)["url"].rsplit("/", 1)[1]: json.loads(line) for line in lines}
    assert set(items) == {"story.html", "notes.txt"}, proc.stderr[-4000:]
    assert all(set(item) == {"url", "cleanscrape"} for item in items.values())
    story = items["story.html"]["cleanscrape"]
    assert story["article"]["title"] == "Lighthouse keepers return to Gull Point"
    assert any(r["text"] == "Share this article" for r in story["removed"])
    assert items["notes.txt"]["cleanscrape"]["article"]["authors"] == ["Tom Okafor"]


def test_article_fields_constant_matches_the_model() -> None:
    from cleanscrape.integrations.scrapy import ARTICLE_FIELDS
    from cleanscrape.models import Article

    assert tuple(Article.model_fields) == ARTICLE_FIELDS

"""A Scrapy item pipeline that cleans each scraped page (needs ``pip install cleanscrape[scrapy]``).

Enable it in your project's ``settings.py``:

```python
ITEM_PIPELINES = {
    "cleanscrape.integrations.scrapy.CleanscrapePipeline": 300,
}
```

and yield items that carry the page and its address:

```python
def parse(self, response):
    yield {"url": response.url, "html": response.text}
```

Each item then gains a ``"cleanscrape"`` field holding the JSON object of the output
contract (``article``, ``teasers``, ``removed``). Every setting is optional:

| Setting | Meaning | Default |
|---|---|---|
| ``CLEANSCRAPE_ENABLED`` | ``False`` disables the pipeline | ``True`` |
| ``CLEANSCRAPE_INPUT_FIELD`` | The field holding the page (``str`` or ``bytes``), or a list of fields tried in order: the first present and non-empty one is cleaned | ``["response_body", "html", "text"]`` |
| ``CLEANSCRAPE_INPUT_FORMAT`` | ``"auto"``, ``"html"`` or ``"text"`` | ``"auto"`` |
| ``CLEANSCRAPE_URL_FIELD`` | The field holding the page's address | ``"url"`` |
| ``CLEANSCRAPE_REFERENCE_TIME_FIELD`` | The field holding the crawl time (ISO 8601 string or ``datetime``) | ``None``: the moment the item is cleaned |
| ``CLEANSCRAPE_LANGUAGE`` | A BCP 47 tag for every page, e.g. ``"en-GB"`` | ``None``: detect per page |
| ``CLEANSCRAPE_OUTPUT_FIELD`` | The field that receives the result dict; ``None`` or ``""`` merges the article's fields, ``teasers`` and ``removed`` into the item itself | ``"cleanscrape"`` |
| ``CLEANSCRAPE_RULES`` | Your own noise rule files | ``[]`` |
| ``CLEANSCRAPE_QUOTE_STYLE`` | ``"curly"``, ``"straight"`` or ``"preserve"`` | the pipeline's own (``"curly"``) |
| ``CLEANSCRAPE_PIPELINE`` | A ``Pipeline``, or the dotted path of one or of a function returning one | ``Pipeline.default()`` |
| ``CLEANSCRAPE_DROP_EMPTY`` | Drop items whose page has no article body | ``False`` |
| ``CLEANSCRAPE_KEEP_INPUT`` | Keep the page in the item after cleaning; ``False`` deletes the input field (smaller feeds, and JSON feeds cannot hold ``bytes``) | ``True`` |

Items without any input field pass through untouched (a spider may yield other kinds of
items). A page that cannot be cleaned (bytes that cannot be decoded) is dropped with
``scrapy.exceptions.DropItem``, which Scrapy logs with the reason. The pipeline counts
what it did in the crawl stats: ``cleanscrape/cleaned``, ``cleanscrape/dropped_empty``,
``cleanscrape/failed`` and ``cleanscrape/skipped_no_input``.

This module imports Scrapy; ``import cleanscrape`` never does.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import load_object

from ..errors import CleanscrapeError
from ..pipeline import Pipeline, _check_language

__all__ = ["ARTICLE_FIELDS", "DEFAULT_INPUT_FIELDS", "CleanscrapePipeline"]

DEFAULT_INPUT_FIELDS: tuple[str, ...] = ("response_body", "html", "text")
"""Fields tried, in order, when ``CLEANSCRAPE_INPUT_FIELD`` is not set."""

ARTICLE_FIELDS: tuple[str, ...] = ("title", "subtitle", "authors", "source", "published",
                                   "updated", "body", "language", "url", "image", "tags")
"""The article fields written into the item when ``CLEANSCRAPE_OUTPUT_FIELD`` is ``None``."""

_QUOTE_STYLES = ("curly", "straight", "preserve")
_INPUT_FORMATS = ("auto", "html", "text")


class CleanscrapePipeline:
    """Scrapy item pipeline: clean the page an item carries into article, teasers and debris.

    Build it with :meth:`from_crawler` (Scrapy does this for you); the constructor is for
    tests and for use outside a crawl.

    Args:
        pipeline: The cleanscrape pipeline to run (default: :meth:`Pipeline.default`).
        input_fields: Item fields that may hold the page, tried in order.
        input_format: ``"auto"``, ``"html"`` or ``"text"``.
        url_field: Item field holding the page's address.
        reference_time_field: Item field holding the crawl time, or ``None`` for the time
            of cleaning.
        language: BCP 47 tag applied to every page, or ``None`` to detect it.
        output_field: Item field that receives the result dict, or ``None`` to merge the
            article's fields, ``teasers`` and ``removed`` into the item.
        drop_empty: Drop items whose page has no article body.
        keep_input: Keep the page in the item; ``False`` deletes the input field once
            the page is cleaned.
        stats: A Scrapy stats collector to count into, if any.

    Raises:
        ValueError: ``input_format`` is not one of the three formats, or ``language`` is
            not a BCP 47 tag.

    Examples:
        >>> from cleanscrape.integrations.scrapy import CleanscrapePipeline
        >>> item = CleanscrapePipeline().process_item(
        ...     {"url": "https://example.com/a", "text": "Storm hits coast\\n\\nBy Jane Roe\\n\\n"
        ...      "The storm reached the coast on Monday night and thousands of homes lost power."})
        >>> item["cleanscrape"]["article"]["authors"]
        ['Jane Roe']
    """

    def __init__(self, pipeline: Pipeline | None = None, *,
                 input_fields: tuple[str, ...] = DEFAULT_INPUT_FIELDS,
                 input_format: str = "auto", url_field: str | None = "url",
                 reference_time_field: str | None = None, language: str | None = None,
                 output_field: str | None = "cleanscrape", drop_empty: bool = False,
                 keep_input: bool = True, stats: Any = None) -> None:
        if input_format not in _INPUT_FORMATS:
            raise ValueError(f"CLEANSCRAPE_INPUT_FORMAT must be one of {_INPUT_FORMATS}, "
                             f"not {input_format!r}")
        self.pipeline = pipeline if pipeline is not None else Pipeline.default()
        self.input_fields = tuple(input_fields)
        self.input_format = input_format
        self.url_field = url_field or None
        self.reference_time_field = reference_time_field or None
        self.language = _check_language(language or None)
        self.output_field = output_field or None
        self.drop_empty = drop_empty
        self.keep_input = keep_input
        self.stats = stats

    # -- construction from settings ----------------------------------------------------------
    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanscrapePipeline:
        """Build the pipeline from the crawler's settings (see the module docstring).

        Raises:
            NotConfigured: ``CLEANSCRAPE_ENABLED`` is false.
            RuleFileError: a file in ``CLEANSCRAPE_RULES`` is missing or invalid.
            ValueError: a setting holds a value the pipeline cannot use.
            TypeError: ``CLEANSCRAPE_PIPELINE`` does not name a pipeline or a function
                returning one.
        """
        settings = crawler.settings
        if not settings.getbool("CLEANSCRAPE_ENABLED", True):
            raise NotConfigured("cleanscrape: CLEANSCRAPE_ENABLED is off")
        return cls(
            _pipeline_from_settings(settings),
            input_fields=_input_fields(settings.get("CLEANSCRAPE_INPUT_FIELD")),
            input_format=settings.get("CLEANSCRAPE_INPUT_FORMAT") or "auto",
            url_field=settings.get("CLEANSCRAPE_URL_FIELD", "url"),
            reference_time_field=settings.get("CLEANSCRAPE_REFERENCE_TIME_FIELD"),
            language=settings.get("CLEANSCRAPE_LANGUAGE"),
            output_field=_output_field(settings),
            drop_empty=settings.getbool("CLEANSCRAPE_DROP_EMPTY", False),
            keep_input=settings.getbool("CLEANSCRAPE_KEEP_INPUT", True),
            stats=getattr(crawler, "stats", None),
        )

    # -- the work ------------------------------------------------------------------------------
    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean the page ``item`` carries and store the result in the item.

        Args:
            item: A dict, :class:`scrapy.Item`, dataclass, attrs or any item
                ``itemadapter`` supports.
            spider: Accepted for Scrapy versions that still pass it; unused.

        Returns:
            The same item, with the result stored in it.

        Raises:
            DropItem: the page cannot be cleaned (undecodable bytes), or
                ``CLEANSCRAPE_DROP_EMPTY`` is on and the page has no article body.
            KeyError: the item's class declares no field named ``CLEANSCRAPE_OUTPUT_FIELD``.
        """
        adapter = ItemAdapter(item)
        page = None
        input_field = None
        for name in self.input_fields:
            value = adapter.get(name)
            if value is None or (isinstance(value, (str, bytes, bytearray)) and not value):
                continue
            page, input_field = value, name
            break
        if page is None:
            self._count("skipped_no_input")
            return item
        url = adapter.get(self.url_field) if self.url_field else None
        url = url if isinstance(url, str) and url else None
        reference_time = adapter.get(self.reference_time_field) if self.reference_time_field \
            else None
        try:
            result = self.pipeline.clean(page, url=url, reference_time=reference_time or None,
                                         language=self.language,
                                         input_format=self.input_format)
        except CleanscrapeError as exc:
            self._count("failed")
            raise DropItem(f"cleanscrape: cannot clean {url or 'item'}: {exc}") from exc
        out = result.model_dump(mode="json")
        if self.drop_empty and not out["article"]["body"]:
            self._count("dropped_empty")
            raise DropItem(f"cleanscrape: no article body in {url or 'item'}")
        written: set[str] = set()
        if self.output_field is not None:
            _set(adapter, item, self.output_field, out)
            written.add(self.output_field)
        else:
            declared = None if isinstance(item, dict) else set(adapter.field_names())
            values = {**out["article"], "teasers": out["teasers"], "removed": out["removed"]}
            for key, value in values.items():
                if key == "url" and adapter.get("url"):
                    continue  # the item's own address (the crawled one) is kept
                if declared is None or key in declared:
                    adapter[key] = value
                    written.add(key)
        if (not self.keep_input and input_field is not None and input_field not in written
                and input_field in adapter):
            del adapter[input_field]
        self._count("cleaned")
        return item

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"cleanscrape/{key}")


def _set(adapter: ItemAdapter, item: Any, field: str, value: Any) -> None:
    try:
        adapter[field] = value
    except KeyError:
        raise KeyError(
            f"cleanscrape: {type(item).__name__} has no field {field!r}; declare it "
            f"(e.g. {field} = scrapy.Field()) or set CLEANSCRAPE_OUTPUT_FIELD") from None


def _output_field(settings: Any) -> str | None:
    # Settings.get() treats None as "not set"; here an explicit None asks for merging.
    if "CLEANSCRAPE_OUTPUT_FIELD" not in settings:
        return "cleanscrape"
    value = settings["CLEANSCRAPE_OUTPUT_FIELD"]
    return str(value) if value else None


def _input_fields(value: Any) -> tuple[str, ...]:
    if value is None or value == "" or value == []:
        return DEFAULT_INPUT_FIELDS
    if isinstance(value, str):
        fields = [v.strip() for v in value.split(",")]
    else:
        fields = [str(v).strip() for v in value]
    fields = [f for f in fields if f]
    if not fields:
        raise ValueError("CLEANSCRAPE_INPUT_FIELD names no field")
    return tuple(fields)


def _pipeline_from_settings(settings: Any) -> Pipeline:
    spec = settings.get("CLEANSCRAPE_PIPELINE")
    if spec is None or spec == "":
        pipeline = Pipeline.default()
    elif isinstance(spec, Pipeline):
        pipeline = spec
    else:
        obj = load_object(spec)
        if not isinstance(obj, Pipeline) and callable(obj):
            obj = obj()
        if not isinstance(obj, Pipeline):
            raise TypeError(f"CLEANSCRAPE_PIPELINE {spec!r} gives a {type(obj).__name__}, "
                            "not a cleanscrape Pipeline or a function returning one")
        pipeline = obj
    style = settings.get("CLEANSCRAPE_QUOTE_STYLE")
    if style:
        if style not in _QUOTE_STYLES:
            raise ValueError(f"CLEANSCRAPE_QUOTE_STYLE must be one of {_QUOTE_STYLES}, "
                             f"not {style!r}")
        if "RepairQuotes" in pipeline.names:
            pipeline = pipeline.configure("RepairQuotes", style=style)
    rules = settings.getlist("CLEANSCRAPE_RULES")
    if rules:
        pipeline = pipeline.with_rules(*rules)
    return pipeline

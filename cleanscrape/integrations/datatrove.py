"""A datatrove pipeline step (needs ``pip install cleanscrape[datatrove]``).

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanscrape.integrations.datatrove import CleanscrapeExtractor

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/"),
        CleanscrapeExtractor(),            # doc.text becomes the article body
        JsonlWriter("out/"),
    ], tasks=8).run()

Each document's ``text`` (HTML or text) is replaced by the cleaned article body, and the
article's other fields, its teasers and the removed debris go to
``doc.metadata["cleanscrape"]``. The page URL comes from ``metadata["url"]`` and the
crawl time from ``metadata["date"]`` (what datatrove's WARC reader sets). Documents with
no article body are dropped, and counted in the step's stats; so are documents that fail to
clean, whatever the reason (``clean_error``; ``internal_error`` for a bug of cleanscrape,
also logged): one page never stops a task.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from datatrove.pipeline.base import PipelineStep

from ..errors import CleanscrapeError
from ..pipeline import Pipeline

__all__ = ["CleanscrapeExtractor"]

logger = logging.getLogger(__name__)


class CleanscrapeExtractor(PipelineStep):
    """Replace each document's text by its cleaned article body.

    Args:
        pipeline: The cleanscrape pipeline (default: :meth:`Pipeline.default`).
        keep_empty: Keep documents with no article body (their text becomes ``""``).
        input_format: ``"auto"``, ``"html"`` or ``"text"``.
    """

    name = "🧹 cleanscrape"
    type = "🛢 - EXTRAC"

    def __init__(self, pipeline: Pipeline | None = None, *, keep_empty: bool = False,
                 input_format: str = "auto") -> None:
        super().__init__()
        self.pipeline = pipeline or Pipeline.default()
        self.keep_empty = keep_empty
        self.input_format = input_format

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                try:
                    result = self.pipeline.clean(
                        doc.text, url=doc.metadata.get("url"),
                        reference_time=doc.metadata.get("date"),
                        input_format=self.input_format)
                except Exception as exc:  # noqa: BLE001 - a page's failure is that page's
                    self.stat_update("clean_error")
                    if isinstance(exc, CleanscrapeError):
                        continue
                    self.stat_update("internal_error")
                    logger.warning("cleanscrape: %s: %s: %s", doc.id, type(exc).__name__, exc)
                    continue
            out = result.model_dump(mode="json")
            body = out["article"].pop("body")
            doc.text = body
            doc.metadata["cleanscrape"] = out
            if not body and not self.keep_empty:
                self.stat_update("dropped")
                continue
            self.stat_update("forwarded")
            yield doc

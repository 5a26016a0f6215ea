"""Clean pages across a Dask cluster (needs ``pip install cleanscrape[dask]``).

::

    import dask.bag as db
    from cleanscrape.integrations.dask import clean_bag

    pages = db.read_text("pages/*.jsonl").map(json.loads)      # {"html": ..., "url": ...}
    results = clean_bag(pages, reference_time="2021-06-15T12:00:00Z")
    results.map(json.dumps).to_textfiles("out/*.jsonl")

Results are plain dicts of the JSON contract (with ``"url"`` when the record had one), so
they serialise anywhere; the pipeline travels to the workers by pickle.
"""

from __future__ import annotations

from typing import Any

from ..pipeline import Pipeline

__all__ = ["clean_bag", "clean_record"]


def clean_record(record: Any, *, pipeline: Pipeline | None = None, **options: Any) -> dict[str, Any]:
    """Clean one record: a page (str/bytes) or a dict with ``html``/``text`` and options.

    Returns the contract's JSON object as a dict; a page that fails to clean, for any
    reason, gives ``{"error": "...", "error_kind": "DecodeError"}`` (plus ``"url"``)
    instead of stopping the whole job.
    """
    from ..batch import _message, error_kind

    pipeline = pipeline or Pipeline.default()
    extra: dict[str, Any] = {}
    page = record
    if isinstance(record, dict):
        page = record.get("html", record.get("text", record.get("content")))
        extra = {k: record[k] for k in ("url", "reference_time", "language") if record.get(k)}
        if "html" in record:
            extra["input_format"] = "html"
        elif "text" in record:
            extra["input_format"] = "text"
    try:
        out: dict[str, Any] = pipeline.clean(page, **{**options, **extra}).model_dump(mode="json")
    except Exception as exc:  # noqa: BLE001 - one page's failure is that page's, never the job's
        out = {"error": _message(exc), "error_kind": error_kind(exc)}
    if "url" in extra:
        out["url"] = extra["url"]
    return out


def clean_bag(bag: Any, *, pipeline: Pipeline | None = None, **options: Any) -> Any:
    """Map :func:`clean_record` over a ``dask.bag.Bag``; returns a bag of result dicts."""
    pipeline = pipeline or Pipeline.default()
    return bag.map(clean_record, pipeline=pipeline, **options)

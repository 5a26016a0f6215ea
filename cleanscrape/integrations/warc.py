"""Read pages out of WARC files (needs ``pip install cleanscrape[warc]``).

Each HTTP response record with an HTML or text body becomes a :class:`WarcPage` carrying
its own URL and crawl time, the two things cleanscrape needs to resolve links and
relative dates::

    from cleanscrape import clean
    from cleanscrape.integrations.warc import iter_warc_pages

    for page in iter_warc_pages("crawl.warc.gz"):
        result = clean(page.body, url=page.url, reference_time=page.fetched)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, overload

__all__ = ["WarcPage", "iter_warc_pages"]

_TEXTUAL = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class WarcPage:
    """One page from a WARC response record.

    Attributes:
        record_id: The record's ``WARC-Record-ID`` (without angle brackets).
        url: ``WARC-Target-URI``.
        fetched: ``WARC-Date``, the crawl time (ISO 8601).
        content_type: The HTTP ``Content-Type`` header, if any.
        body: The HTTP payload (bytes; cleanscrape decodes it).
    """

    record_id: str
    url: str | None
    fetched: str | None
    content_type: str | None
    body: bytes


@overload
def iter_warc_pages(path: str, *, max_bytes: int = ...,
                    on_error: Literal["raise"] = ...) -> Iterator[WarcPage]: ...


@overload
def iter_warc_pages(path: str, *, max_bytes: int = ...,
                    on_error: Literal["report"]) -> Iterator[WarcPage | Exception]: ...


def iter_warc_pages(path: str, *, max_bytes: int = 50_000_000,
                    on_error: str = "raise") -> Iterator[WarcPage | Exception]:
    """Yield the HTML and text responses of a WARC file, in file order.

    Args:
        path: A ``.warc`` or ``.warc.gz`` file.
        max_bytes: Payloads larger than this are skipped (a guard against giant records).
        on_error: What a damaged archive (a truncated record, bad gzip, bad headers) does:
            ``"raise"`` raises the error; ``"report"`` yields it as the last item, after
            every good record before it. A truncated record is never yielded as a page.
    """
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        archive = ArchiveIterator(fh)
        records = iter(archive)
        while True:
            try:
                record = next(records)
                if record.rec_type is None:
                    raise ValueError(f"unreadable record at byte {archive.get_record_offset()} "
                                     "(a truncated or damaged archive)")
                if record.rec_type != "response":
                    continue
                ctype = None
                if record.http_headers is not None:
                    ctype = record.http_headers.get_header("Content-Type")
                if ctype and not ctype.split(";")[0].strip().lower().startswith(_TEXTUAL):
                    continue
                body = record.content_stream().read(max_bytes + 1)
                missing = getattr(record.raw_stream, "limit", 0)
                if len(body) <= max_bytes and isinstance(missing, int) and missing > 0:
                    raise ValueError(
                        f"record {record.rec_headers.get_header('WARC-Target-URI')} is "
                        f"truncated: {missing} bytes missing (a truncated archive)")
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - warcio, zlib and OS errors alike
                if on_error == "raise":
                    raise
                if not isinstance(exc, ValueError) or "archive" not in str(exc):
                    exc = ValueError(f"unreadable record after byte {archive.offset} (a truncated "
                                     f"or damaged archive: {type(exc).__name__}: {exc})")
                yield exc
                return
            if len(body) > max_bytes:
                continue
            rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            page = WarcPage(record_id=rid,
                            url=record.rec_headers.get_header("WARC-Target-URI"),
                            fetched=record.rec_headers.get_header("WARC-Date"),
                            content_type=ctype, body=body)
            yield page

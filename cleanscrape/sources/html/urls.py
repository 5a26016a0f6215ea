"""Addresses: absolute links, a page's host, and whether a name spells a domain."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

__all__ = ["absolute_url", "host_labels", "is_domain"]

_DOMAIN = re.compile(r"(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
#: Labels of a host that name no one ("www", "m", "news" in news.example.com are kept).
_GENERIC_LABELS = frozenset({"www", "m", "mobile", "amp", "web", "en", "de", "fr", "es", "it"})


def absolute_url(href: str, base: str | None) -> str:
    """``href`` made absolute against ``base`` (unchanged when there is no base).

    Example:
        >>> absolute_url("/img/a.jpg", "https://example.com/news/1")
        'https://example.com/img/a.jpg'
    """
    href = href.strip()
    if not base or not href:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def is_domain(text: str) -> bool:
    """Whether ``text`` is written as a domain name (``"example-news.de"``)."""
    return bool(_DOMAIN.fullmatch(text.strip()))


def host_labels(url: str | None) -> list[str]:
    """The distinctive labels of a URL's host, squashed: ``https://www.daily-ember.co.uk/x``
    gives ``["dailyember"]`` (the public suffix and generic labels left out)."""
    if not url:
        return []
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return []
    parts = host.split(".")
    if len(parts) < 2:
        return []
    # drop the public suffix: the last label, and a second-level one like co.uk / com.au
    parts = parts[:-1]
    if len(parts) > 1 and len(parts[-1]) <= 3 and parts[-1] in ("co", "com", "org", "net",
                                                                 "ac", "gov", "or", "ne"):
        parts = parts[:-1]
    from ...people import squash

    return [s for s in (squash(p) for p in parts if p not in _GENERIC_LABELS) if len(s) >= 3]

"""The HTML and text paths give the same article for the same page where markup adds nothing."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from cleanscrape import clean

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
REF = "2021-06-15T12:00:00+00:00"
# Text pages whose layout has a plain HTML twin: a headline, a dek, header lines, paragraphs.
NAMES = ["en_brayford_village_shop", "es_biblioteca_faro", "fr_port_plaisance",
         "de_rheinau_altstadt"]


def as_html(expected: dict) -> str:
    """The article of an expected output written as plain semantic HTML."""
    a = expected["article"]
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><article>"]
    if a["title"]:
        parts.append(f"<h1>{html.escape(a['title'])}</h1>")
    for para in a["body"].split("\n\n"):
        parts.append(f"<p>{html.escape(para)}</p>")
    parts.append("</article></body></html>")
    return "".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_same_article_from_text_and_html(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    lang = expected["article"]["language"]
    a = expected["article"]
    text = "\n\n".join(([a["title"]] if a["title"] else []) + a["body"].split("\n\n"))
    from_text = clean(text, reference_time=REF, language=lang, input_format="text").article
    from_html = clean(as_html(expected), reference_time=REF, language=lang).article
    assert from_html.title == from_text.title == a["title"]
    assert from_html.body == from_text.body == a["body"]

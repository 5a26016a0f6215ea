"""FindHeadline: the article's header: title, subtitle, byline, date lines, source.

The header sits right above the body. Walking up from the first paragraph of the densest
run of prose, the step takes date lines (labelled ones fill their field, an unlabelled one
is the publication date), byline lines, a dek (a sentence under the headline) and the
headline itself (a short line without a final full stop). A short organisation name
right above the headline is the masthead, the page's ``source``; a name line right above
an author box ("About the author …") is the author, or the source when it names an
organisation. Date or byline lines elsewhere that carry a label ("Updated …") also
belong to the article.
"""

from __future__ import annotations

import functools
from typing import Any

from ..document import Block, Document
from ..ruleset import load_data
from ._header import (
    TITLE_THRESHOLD,
    first_line,
    first_line_similarity,
    is_dek_under,
    publication_name,
    title_score,
    ui_kind,
)
from ._shape import ends_sentence, is_cjk_char, is_prose, word_count
from .base import Step
from .body import entry_stamps, entry_start, main_region
from .bylines import is_organisation, parse_meta_line

__all__ = ["FindHeadline"]

#: Small words inside a publication's name ("Cozinha da Serra", "Gazzetta di Valdora").
_NAME_LINKS = frozenset({"of", "the", "de", "da", "do", "das", "dos", "du", "des", "la", "le",
                         "di", "del", "della", "dalla", "delle", "dei", "der", "den", "dem",
                         "van", "von", "het", "y", "e", "et", "&", "und"})
#: How many lines above the body the headline is looked for.
_WINDOW = 14


@functools.cache
def _dek_classes() -> tuple[str, ...]:
    """Class-name parts that mark a dek / standfirst in HTML (``rules/html/markup.toml``)."""
    return tuple(load_data("html", "markup.toml")["dek"]["classes"])


def _is_paragraph(text: str) -> bool:
    """A paragraph of text, not a title: a sentence with a final full stop, or long."""
    t = text.rstrip()
    n = word_count(t)
    return n > 40 or (n >= 5 and t.endswith(".") and not t.endswith("..."))


def _is_meta(b: Block) -> bool:
    return b.label is None and ("date" in b.data or "byline" in b.data)


class FindHeadline(Step):
    """Label the header's blocks: ``title``, ``subtitle``, ``byline``, ``date``, ``source``."""

    name = "FindHeadline"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        if doc.input_format == "html":
            self._html(doc)
        else:
            self._text(doc)
        self._author_boxes(doc)
        self._labelled_dates(doc)
        self._first_line_masthead(doc)
        self._trailing_bylines(doc)
        self._publication_lines(doc)
        return doc

    @staticmethod
    def _publication_lines(doc: Document) -> None:
        """No masthead: the publication named by the page's copyright line ("© 2021 Harbour
        Times") or a follow prompt ("Follow The Daily Ember on Instagram"), which stays
        in ``removed``: only the name is taken."""
        if any(b.label == "source" for b in doc.blocks):
            return
        for kind in ("copyright", "follow"):
            for b in doc.blocks:
                if b.label != "noise" or "source" in b.data:
                    continue
                name = publication_name(b.text, kind)
                if name is not None:
                    b.data["source"] = name
                    return

    @staticmethod
    def _first_line_masthead(doc: Document) -> None:
        """A publication's name as the page's first line (above menus and headline)."""
        if any(b.label == "source" for b in doc.blocks):
            return
        titles = [i for i, b in enumerate(doc.blocks) if b.label == "title"]
        for i, b in enumerate(doc.blocks):
            if titles and i >= titles[0]:
                return
            if b.label == "noise":
                continue
            if b.label is None:
                t = b.text.strip()
                near_title = bool(titles) and sum(
                    1 for k in range(i + 1, titles[0]) if doc.blocks[k].label != "noise") <= 2
                name_like = (len(t) <= 30 and 1 <= word_count(t) <= 4 and not ends_sentence(t)
                             and t[:1].isupper() and all(
                                 w[:1].isupper() or w.lower() in _NAME_LINKS for w in t.split())
                             # a name in a script without case: a few characters, no spaces
                             or 2 <= len(t) <= 10 and all(is_cjk_char(c) for c in t))
                if (is_organisation(t) and word_count(t) <= 6 and not ends_sentence(t)
                        or name_like and near_title) \
                        and "byline" not in b.data and "date" not in b.data:
                    b.mark("source", "header.masthead", source=t)
            return

    @staticmethod
    def _trailing_bylines(doc: Document) -> None:
        """A byline standing alone at the end of the article ("Reporting by …")."""
        blocks = doc.blocks
        for i, b in enumerate(blocks):
            by = b.data.get("byline")
            if b.label is not None or not by or not (by["authors"] or by["source"]):
                continue
            prev = next((blocks[k] for k in range(i - 1, -1, -1) if blocks[k].label != "noise"), None)
            if prev is not None and prev.label is None and is_prose(prev.text):
                b.mark("byline", "article.trailing_byline")

    # -- text pages -----------------------------------------------------------------------
    def _text(self, doc: Document) -> None:
        blocks = doc.blocks
        # Header meta lines are walls for the body search: find the body with them set aside.
        # A live blog's entry stamps are its text's, not walls (CONVENTIONS: live blogs).
        stamps = set(entry_stamps(doc))
        live = len(stamps) >= 2
        metas = [i for i, b in enumerate(blocks) if _is_meta(b) and i not in stamps]
        saved = {i: blocks[i].label for i in metas}
        for i in metas:
            blocks[i].label = "date"
        region = main_region(doc)
        for i, lab in saved.items():
            blocks[i].label = lab
        if region is None:
            return
        first = region[0]
        if live:
            # The stamp (and heading) right above the first entry are the entry's.
            first = entry_start(doc, first)
        window = self._window(blocks, first)
        top = first_line(blocks)
        doc_title = top.text if top is not None and not _is_paragraph(top.text) else None
        # (a first line that is a paragraph is no document title)
        title_idx = self._best_title(blocks, window, doc_title)
        repeated = self._repeated_title(blocks, doc_title, region)
        if title_idx is None or repeated is not None and repeated not in window and (
                first_line_similarity(blocks[repeated].text, doc_title) >= 0.8
                > 0.5 > first_line_similarity(blocks[title_idx].text, doc_title)):
            # The page's own title names a headline elsewhere: the article is there.
            title_idx = repeated
            if title_idx is not None:
                first = self._body_start(doc, title_idx, first)
        if title_idx is not None and blocks[title_idx].label == "teaser":
            self._release_card(blocks, title_idx)
        if title_idx is None:
            # No headline: date and byline lines right above the body are still its header.
            k = first - 1
            while k >= 0 and (blocks[k].label == "noise" or _is_meta(blocks[k])):
                if _is_meta(blocks[k]):
                    self._mark_meta(blocks[k])
                k -= 1
            return
        blocks[title_idx].mark("title", "header.title")
        self._masthead(blocks, title_idx)
        dek_taken = False
        seen_meta = False
        for k in range(title_idx + 1, min(first + 3, len(blocks))):
            b = blocks[k]
            if b.label is not None:
                continue
            if "byline" not in b.data:
                self._read_meta(doc, b)
            if k >= first and (not _is_meta(b) or k in stamps):
                continue
            if _is_meta(b):
                self._mark_meta(b)
                seen_meta = True
                continue
            n = word_count(b.text)
            if not dek_taken and not seen_meta and 6 <= n <= 60 and ui_kind(b.text) is None \
                    and self._meta_below(blocks, k, first):
                # A dek stands between the headline and the byline or date lines.
                b.mark("subtitle", "header.subtitle")
                dek_taken = True
        if not any(blocks[k].label == "date" or blocks[k].label == "byline"
                   and "date" in blocks[k].data for k in range(title_idx, first)):
            self._date_above(doc, title_idx)

    @staticmethod
    def _window(blocks: list[Block], first: int) -> list[int]:
        """The header candidates above the body: free lines and teaser lines, nearest first.

        The walk up skips debris, stops at a block another step already placed in the
        header, after :data:`_WINDOW` candidates, or at a long run of prose (an earlier
        text, not a header).
        """
        out: list[int] = []
        k = first - 1
        while k >= 0 and len(out) < _WINDOW:
            b = blocks[k]
            if b.label == "noise":
                k -= 1
                continue
            if b.label not in (None, "teaser"):
                break
            if word_count(b.text) > 80:
                break
            out.append(k)
            k -= 1
        return out

    @staticmethod
    def _best_title(blocks: list[Block], window: list[int], first_line: str | None) -> int | None:
        best: tuple[float, int] | None = None
        rank = 0
        below: Block | None = None
        for pos, k in enumerate(window):
            b = blocks[k]
            if "byline" in b.data or ("date" in b.data and word_count(b.text) <= 8):
                below = b
                continue
            sim = first_line_similarity(b.text, first_line) if k > 0 else 0.0
            next_meta = below is not None and ("date" in below.data or "byline" in below.data)
            next_longer = below is not None and not next_meta and \
                word_count(below.text) > word_count(b.text)
            s = title_score(b.text, rank=rank, next_meta=next_meta, next_longer=next_longer,
                            similarity=sim)
            above = blocks[window[pos + 1]] if pos + 1 < len(window) else None
            if is_organisation(b.text) and word_count(b.text) <= 6 and sim < 0.5 \
                    and not next_meta:
                s -= 2.5  # a masthead: the publication's name, not a headline
            if above is not None and is_dek_under(b.text, above.text) and not _is_meta(above) \
                    and not (is_organisation(above.text) and word_count(above.text) <= 6):
                s -= 1.5  # a dek without a final stop under a shorter headline
            if b.label == "teaser" and sim < 0.5:
                s -= 2.0  # a rail's card is the headline only when the page says so
            if s >= TITLE_THRESHOLD and (best is None or s > best[0]):
                best = (s, k)
            below = b
            rank += 1
        return best[1] if best else None

    @staticmethod
    def _repeated_title(blocks: list[Block], first_line: str | None,
                        region: tuple[int, int]) -> int | None:
        """No headline above the body: a headline-shaped line that repeats the page's
        first line (the document title), at the top of the body or anywhere on the page."""
        if not first_line:
            return None
        best: tuple[float, int] | None = None
        lo = region[0]
        for k, b in enumerate(blocks):
            if k == 0 or b.label is not None or "byline" in b.data or _is_paragraph(b.text):
                continue
            sim = first_line_similarity(b.text, first_line)
            if sim < 0.6:
                continue
            if is_organisation(b.text) and word_count(b.text) <= 6:
                continue
            s = title_score(b.text, rank=0, next_meta=False, next_longer=False, similarity=sim)
            # Nearer the top of the body is likelier; the body's top lines come first.
            s -= 0.02 * abs(k - lo)
            if s >= TITLE_THRESHOLD + 2.0 and (best is None or s > best[0]):
                best = (s, k)
        return best[1] if best else None

    @staticmethod
    def _body_start(doc: Document, title_idx: int, first: int) -> int:
        """Where the prose under a headline found away from the densest run starts."""
        from .body import best_run

        run = best_run(doc, start=title_idx + 1)
        return run[1] if run is not None else first

    @staticmethod
    def _release_card(blocks: list[Block], idx: int) -> None:
        """The headline was taken for a teaser card: the card's lines are the header's."""
        card = blocks[idx].data.get("teaser")
        for b in blocks:
            if b.label == "teaser" and b.data.get("teaser") == card:
                b.label, b.rule = None, None
                b.data.pop("teaser", None)
                b.data.pop("field", None)

    @staticmethod
    def _meta_below(blocks: list[Block], k: int, first: int) -> bool:
        """A byline or date line follows block ``k`` before the body (debris between)."""
        for j in range(k + 1, min(first + 3, len(blocks))):
            b = blocks[j]
            if b.label == "noise":
                continue
            return _is_meta(b) or b.label in ("byline", "date")
        return False

    @staticmethod
    def _read_meta(doc: Document, b: Block) -> bool:
        """A header line of a date and a name without a byline word ("Jo Park, 3.11.2023")."""
        if "byline" in b.data or len(b.data.get("dates") or []) > 1:
            return False
        got = parse_meta_line(b.text, language=doc.language, reference_time=doc.reference_time,
                              order=doc.options.get("date_order"))
        if got is None:
            return False
        if "date" in b.data:
            # A date line already read: only a name beside the date adds anything.
            if not got["byline"]["authors"]:
                return False
        else:
            b.data["date"] = got["date"]
            b.data["dates"] = [got["date"]]
        b.data["byline"] = got["byline"]
        return True

    @staticmethod
    def _date_above(doc: Document, title_idx: int) -> None:
        """A date line standing just above the headline (over a kicker, under a menu)."""
        blocks = doc.blocks
        seen = 0
        for k in range(title_idx - 1, -1, -1):
            b = blocks[k]
            if b.label in ("body", "title", "subtitle", "byline", "date"):
                break
            if b.label in (None, "noise") and "date" not in b.data:
                FindHeadline._read_meta(doc, b)
            d = b.data.get("date")
            if d is not None and b.label in (None, "noise") and len(b.text) <= 80:
                b.label, b.rule = None, None
                if "byline" in b.data:
                    b.mark("byline", "header.byline")
                else:
                    b.mark("date", "header.date_above")
                return
            if b.label is None:
                seen += 1
            if seen >= 4 or title_idx - k > 8:
                return

    @staticmethod
    def _masthead(blocks: list[Block], title_idx: int) -> None:
        j = title_idx - 1
        while j >= 0 and blocks[j].label == "noise":
            j -= 1
        if j >= 0 and blocks[j].label is None:
            t = blocks[j].text
            if word_count(t) <= 6 and not ends_sentence(t) and is_organisation(t) \
                    and "byline" not in blocks[j].data:
                blocks[j].mark("source", "header.masthead", source=t)

    @staticmethod
    def _mark_meta(b: Block) -> None:
        if "byline" in b.data:
            b.mark("byline", "header.byline")
        else:
            b.mark("date", "header.date")

    # -- HTML pages -----------------------------------------------------------------------
    def _html(self, doc: Document) -> None:
        blocks = doc.blocks
        meta_title = " ".join(str(doc.metadata.get("title") or "").split()).lower()

        def same_as_title(b: Block) -> bool:
            return bool(meta_title) and " ".join(b.text.split()).lower() == meta_title

        free = [i for i, b in enumerate(blocks) if b.label is None]
        main = [i for i in free if blocks[i].hints.get("main")]
        title_idx = next((i for i in main if blocks[i].kind == "h1" or same_as_title(blocks[i])),
                         None)
        if title_idx is None:
            title_idx = next((i for i in free if blocks[i].kind == "h1" or same_as_title(blocks[i])),
                             None)
        if title_idx is None:
            title_idx = self._rescue_header(doc, same_as_title, main[0] if main else len(blocks))
        if title_idx is None:
            return
        blocks[title_idx].mark("title", "header.title")
        # Below the headline: a dek, byline and date lines, in any order, before the body.
        seen = 0
        for i in range(title_idx + 1, len(blocks)):
            b = blocks[i]
            if b.label is not None:
                # A dek that markup alone took for boilerplate ("teaser" classes).
                if not (seen == 0 and b.label == "noise" and (b.rule or "").startswith(
                        ("html.", "related.")) and is_prose(b.text)):
                    continue
            if seen >= 6:
                break
            seen += 1
            if _is_meta(b):
                self._mark_meta(b)
                continue
            if word_count(b.text) > 80:
                break
            nxt = next((blocks[k] for k in range(i + 1, len(blocks)) if blocks[k].label is None), None)
            classes = str(b.hints.get("classes", ""))
            dek_class = any(tok in classes for tok in _dek_classes())
            if b.kind.startswith("h") and not (dek_class and nxt is not None and _is_meta(nxt)):
                break  # a section heading (a heading named a dek, above the byline, is the dek)
            if b.hints.get("lead") and not (nxt is not None and _is_meta(nxt)):
                break  # a lead FindHtmlContent found, not above a byline: the body's start
            if not doc.labelled("subtitle") and (dek_class or (nxt is not None and _is_meta(nxt))):
                b.mark("subtitle", "header.subtitle")
                continue
            break

    @staticmethod
    def _rescue_header(doc: Document, same_as_title: Any, first_main: int) -> int | None:
        """A headline that markup alone took for boilerplate (no ``<h1>``, outside the
        main container): found by the page's own title, it and the lines between it and
        the main content become header candidates again."""
        from .bylines import parse_byline
        from .dates import FindDates

        blocks = doc.blocks
        idx = next((i for i in range(first_main) if blocks[i].label == "noise"
                    and (blocks[i].rule or "").startswith("html.") and same_as_title(blocks[i])),
                   None)
        if idx is None:
            return None
        for k in range(idx, first_main):
            b = blocks[k]
            if b.label == "noise" and (b.rule or "").startswith("html."):
                b.label, b.rule = None, None
                if k > idx:
                    parsed = parse_byline(b.text.split(" | ")[0], language=doc.language_base)
                    if parsed is not None:
                        b.data["byline"] = parsed
        # Read dates in the rescued lines only (the rest of the page was read already).
        FindDates().apply(Document(blocks=blocks[idx:first_main], language=doc.language,
                                   reference_time=doc.reference_time))
        for k in range(idx + 1, first_main):
            b = blocks[k]
            if b.label is None and "byline" not in b.data and "date" not in b.data:
                b.mark("noise", "html.boilerplate")
        return idx

    # -- both ------------------------------------------------------------------------------
    @staticmethod
    def _author_boxes(doc: Document) -> None:
        blocks = doc.blocks
        for i, b in enumerate(blocks):
            if b.label != "noise" or b.rule != "author_bio" or i == 0:
                continue
            prev = blocks[i - 1]
            if prev.label is not None or prev.group != b.group and doc.input_format == "text":
                continue
            t = prev.text.strip()
            if 0 < word_count(t) <= 6 and not ends_sentence(t) and t[:1].isupper():
                if is_organisation(t):
                    prev.mark("source", "author_box.organisation", source=t)
                else:
                    prev.mark("byline", "author_box.name",
                              byline={"authors": [t], "source": None, "rest": []})

    @staticmethod
    def _labelled_dates(doc: Document) -> None:
        for b in doc.blocks:
            d = b.data.get("date")
            if b.label is None and d is not None and d.get("field") and "byline" not in b.data:
                b.mark("date", "article.labelled_date")

"""Plain-text pages into a :class:`~cleanscrape.document.Document`.

A scraped text page is a column of lines. Each non-blank line becomes one block (its
``line`` number and character offsets kept); blank lines separate *groups*, so lines that
stood together on the page (a byline over a date, a bio under a name) share a ``group``.
"""

from __future__ import annotations

import re

from ..document import Block, Document

__all__ = ["text_to_document"]

# Characters that end a line: the same set str.splitlines() uses, so offsets agree.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROL = {c: None for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e"}
_CONTROL[0x7F] = None
_SPACES = re.compile(r"\s{2,}|\t")


def text_to_document(text: str, *, url: str | None = None) -> Document:
    """Split ``text`` into line blocks grouped by blank lines.

    Leading and trailing white space of a line is dropped from the block's text (the
    offsets still point at the whole line's content); control characters other than
    line breaks and tabs are dropped; a BOM at the start is ignored.

    Args:
        text: The page as scraped.
        url: The page's address, if known.

    Returns:
        A document with ``input_format="text"``.
    """
    blocks: list[Block] = []
    group = 0
    pending_gap = False
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        content = line.rstrip(_LINE_BREAKS)
        stripped = content.strip()
        if stripped.startswith("\ufeff"):
            stripped = stripped.lstrip("\ufeff").strip()
        clean = stripped.translate(_CONTROL)
        if not clean:
            pending_gap = True
        else:
            if pending_gap and blocks:
                group += 1
            pending_gap = False
            lead = len(content) - len(content.lstrip())
            start = offset + lead
            blocks.append(Block(text=_SPACES.sub(" ", clean),
                                start=start, end=start + len(content.strip()),
                                kind="line", line=number, group=group))
        offset += len(line)
    return Document(blocks=_unwrap_paragraphs(blocks), source=text, input_format="text", url=url)


_LIST_MARK = re.compile(r"^(?:[-*•·–]|\d{1,3}[.)])\s")
_ENDS = ".!?:;\"”’»)…"


def _unwrap_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join the lines of a hard-wrapped paragraph into one block.

    Two lines of a group are one paragraph broken by the scraper when the first fills at
    least 60 % of the group's widest line (of 40 or more characters), breaks off
    mid-sentence, and the second carries on: it starts in lower case, or the first ends
    with a comma or hyphen; or, in a group of lines broken at a column (the next line's
    first word would not have fitted on each), the first was broken there and the lines
    from the second on run, so broken, to one that ends a sentence. A headline over its dek, a teaser's title over its summary, a
    byline over a date and list items keep their own lines.
    """
    out: list[Block] = []
    groups: list[list[Block]] = []
    for b in blocks:
        if groups and groups[-1][0].group == b.group:
            groups[-1].append(b)
        else:
            groups.append([b])
    column = _column(groups)
    for group in groups:
        if len(group) < 2:
            out.extend(group)
            continue
        width = max(len(b.text) for b in group)
        # A line broken at the wrap column: the next line's first word would not have
        # fitted on it. A group of such lines is hard-wrapped text.
        full = [k + 1 < len(group) and len(group[k].text) >= 0.6 * width
                and len(group[k].text) + 1 + len(group[k + 1].text.split()[0]) > width
                for k in range(len(group))]
        wrapped = sum(full[:-1]) >= 0.75 * (len(group) - 1) and (
            len(group) >= 3 or column is not None and column - 15 <= width <= column)
        # (Two lines alone, a headline over its dek, say, are wrapped text only when
        # the page wraps its longer paragraphs at that column.)
        # For each line: does the chain of wrapped lines from it end with a sentence?
        closes = [False] * len(group)
        for k in range(len(group) - 1, -1, -1):
            closes[k] = _ends_text(group[k].text) or (
                full[k] and k + 1 < len(group) and closes[k + 1])
        run = [group[0]]
        for pos, nxt in enumerate(group[1:], start=1):
            prev = run[-1]
            # (Closing quotation marks and brackets say nothing on their own: “… tax,”
            # ends on a comma, mid-sentence.)
            last = _last_sign(prev.text)
            carries_on = (len(prev.text) >= 0.6 * width and last not in _ENDS
                          and (nxt.text[0].islower() or last in ",-–"))
            # A line filled to the wrap width, the next word too long to have fitted on it,
            # breaks off wherever the column ended: mid-sentence whatever the case of the
            # next word (German nouns, names), or between two sentences.
            at_width = wrapped and full[pos - 1] and closes[pos] and prev is group[pos - 1]
            if width >= 40 and not _LIST_MARK.match(nxt.text) and (carries_on or at_width):
                run.append(nxt)
                continue
            out.append(_joined(run))
            run = [nxt]
        out.append(_joined(run))
    return out


def _column(groups: list[list[Block]]) -> int | None:
    """The column a page is hard-wrapped at: the median width of its groups of three or
    more lines that are broken at their widest line's width, if it has such groups."""
    widths = []
    for g in groups:
        if len(g) < 3:
            continue
        w = max(len(b.text) for b in g)
        if w >= 40 and all(len(g[k].text) + 1 + len(g[k + 1].text.split()[0]) > w
                           for k in range(len(g) - 1)):
            widths.append(w)
    if not widths:
        return None
    widths.sort()
    return widths[len(widths) // 2]


#: Marks that close a quotation or an aside: the sign before them ends the line.
_CLOSERS = "\"'”’»)"


def _last_sign(text: str) -> str:
    """The line's last character before any closing quotation marks and brackets (the
    closing mark itself when the line is nothing else)."""
    t = text.rstrip().rstrip(_CLOSERS)
    return t[-1] if t else text.rstrip()[-1:]


def _ends_text(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in ".!?…"


def _joined(run: list[Block]) -> Block:
    if len(run) == 1:
        return run[0]
    first, last = run[0], run[-1]
    return Block(text=" ".join(b.text for b in run), start=first.start, end=last.end,
                 kind="line", line=first.line, group=first.group,
                 data={"lines": [first.line, last.line]})

"""Reading one paragraph: each mark's context, then pairing on one stack per kind."""

from __future__ import annotations

from array import array
from itertools import chain

from ._glyphs import (
    _AMBIG,
    _APOSTROPHE_LIKE,
    _CANDIDATE_RE,
    _CLOSE,
    _CLOSERS_AFTER,
    _CLOSES,
    _DOUBLE_LEVEL,
    _DOUBLE_RANK,
    _ELISIONS,
    _G,
    _INWORD,
    _KIND,
    _KIND_STRAIGHT,
    _MARK_RE,
    _ONE_UNPAIRED,
    _OPEN,
    _OPENERS_BEFORE,
    _OPENS,
    _Q,
    _S,
    _SINGLE_ANY,
    _SKIP,
    _SPACED,
    _TRANSPARENT,
    _UNPAIRED,
    _VIRTUAL,
)

# ---------------------------------------------------------------------------------------
# Reading one paragraph
# ---------------------------------------------------------------------------------------


class _Paragraph:
    """The marks of one paragraph, their context and their decided roles."""

    __slots__ = (
        "text", "pos", "glyph", "kind", "role", "partner", "elision_fix", "removed",
        "carry_q", "carry_g", "reopen", "cjk",
    )  # fmt: skip

    # Compact, untracked containers (arrays, bytes, strings): a page keeps one of these
    # per paragraph until its style is known, and lists would make the garbage
    # collector's work grow with the page. _read and _pair set the rest.
    text: str
    pos: array[int]  # offsets of the marks
    glyph: str  # the marks, one character each
    kind: bytearray  # the kind of each mark: _Q, _G, _S, _H, _C or _W
    role: bytearray  # the role of each mark: _SKIP, _OPENS or _CLOSES
    partner: array[int]  # the mark each is paired with, or _UNPAIRED or _VIRTUAL
    elision_fix: tuple[int, ...]  # opening glyphs to set as the apostrophe they are
    removed: frozenset[int]  # doubled marks
    carry_q: bool  # a double quotation is still open at the end
    carry_g: bool  # a guillemet quotation is still open at the end
    reopen: int  # a guillemet reopening a quotation carried from before, or -1
    cjk: bool  # a mark stands next to a CJK character

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = array("l")
        self.kind = bytearray()


def _classify(before: str, after: str) -> int:
    """The position of a mark between the characters ``before`` and ``after`` (the
    nearest that are not marks or no-break spaces; a space stands for either end)."""
    before_space = before.isspace()
    after_space = after.isspace()
    left_open = before_space or before in _OPENERS_BEFORE
    right_close = after_space or after in _CLOSERS_AFTER
    if left_open:
        if not right_close:
            return _OPEN
        return _SPACED if before_space and after_space else _AMBIG
    if right_close:
        return _CLOSE
    if before.isalnum() and after.isalnum() and before < "\u2e80" and after < "\u2e80":
        return _INWORD
    return _AMBIG


def _feet_before(text: str, i: int) -> bool:
    """True when ``text[:i]`` ends like ``5'11`` or ``6’ 2``: an inch mark follows."""
    j = i - 1
    while j >= 0 and i - j <= 3 and text[j].isdigit():
        j -= 1
    if not 1 <= i - 1 - j <= 2:
        return False
    if j >= 0 and text[j] == " ":
        j -= 1
    if j < 1 or text[j] not in "'’′":
        return False
    feet = j - 1
    while feet >= 0 and j - feet <= 3 and text[feet].isdigit():
        feet -= 1
    return 1 <= j - 1 - feet <= 2 and (feet < 0 or text[feet] not in ".,0123456789")


def _inches_after(text: str, k: int) -> bool:
    """True when ``text[k:]`` starts like ``11`` or `` 2`` (one or two digits): the mark
    before ``k``, after a digit, is a foot sign."""
    n = len(text)
    if k < n and text[k] == " ":
        k += 1
    j = k
    while j < n and j - k < 3 and text[j].isdigit():
        j += 1
    return 1 <= j - k <= 2 and (j >= n or not text[j].isdigit())


def _elision_after(text: str, k: int) -> str | None:
    """The elided word starting at ``text[k]`` (``"90s"``, ``"til"``, ``"n"``), or None."""
    n = len(text)
    if k + 1 < n and text[k].isdigit() and text[k + 1].isdigit():
        return "decade" if k + 2 >= n or not text[k + 2].isdigit() else None
    j = k
    while j < n and j - k < 7 and text[j].isalpha():
        j += 1
    if j == k or (j < n and text[j].isalpha()):
        return None
    word = text[k:j].lower()
    return word if word in _ELISIONS else None


def _read(text: str, carry_q: bool, carry_g: bool, straight: bool = False) -> _Paragraph | None:
    """Find, classify and pair the marks of one paragraph.

    Args:
        text: The paragraph.
        carry_q: A double quotation was left open by the previous paragraph.
        carry_g: A guillemet quotation was left open by the previous paragraph.
        straight: Read for ``style="straight"``: guillemets pair with the other double
            and single marks, since all of them will be set as ``"`` and ``'``.

    Returns:
        The paragraph's marks with their roles, or None when it has no candidate at all.
    """
    if straight:
        kinds, finder = _KIND_STRAIGHT, _MARK_RE  # apostrophes are set straight too
    else:
        kinds, finder = _KIND, _CANDIDATE_RE
    found = finder.finditer(text)
    first = next(found, None)
    if first is None:
        return None
    para = _Paragraph(text)
    pos, kind = para.pos, para.kind
    glyphs: list[str] = []
    befores: list[str] = []
    size = len(text)
    transparent = _TRANSPARENT
    # What stands before each mark, looking through marks and no-break spaces, and what
    # stands after: each scan stops at the neighbouring mark, whose answer is the same,
    # so a long run of marks is read in linear time. A space stands for either end.
    previous, previous_before = -1, " "
    for m in chain((first,), found):
        p = m.start()
        g = text[p]
        pos.append(p)
        glyphs.append(g)
        kind.append(kinds[g])
        j = p - 1
        while j > previous and text[j] in transparent:
            j -= 1
        before = previous_before if j == previous else text[j]
        befores.append(before)
        previous, previous_before = p, before
    para.glyph = "".join(glyphs)
    ctx = [0] * len(pos)
    following, following_after = size, " "
    cjk = False
    for i in range(len(pos) - 1, -1, -1):
        p = pos[i]
        k = p + 1
        while k < following and text[k] in transparent:
            k += 1
        after = following_after if k == following else text[k]
        following, following_after = p, after
        before = befores[i]
        ctx[i] = _classify(before, after)
        if before >= "\u2e80" or after >= "\u2e80":
            cjk = True
    para.cjk = cjk
    _pair(para, ctx, carry_q, carry_g)
    return para


def _pair(para: _Paragraph, ctx: list[int], carry_q: bool, carry_g: bool) -> None:
    """Give every mark its role, pairing openers and closers, and drop doubled marks.

    A double mark right after another of the same role (nothing but marks already
    dropped between them) is doubled: an opening one always (``““`` is never right; a
    quotation opening inside another is written ``“‘``), a closing one when nothing is
    left to close. Of the two, the curly one is kept. A dropped mark never touches the
    stacks, so the text without it is read exactly the same.
    """
    text, pos, glyph, kind = para.text, para.pos, para.glyph, para.kind
    count = len(pos)
    role = para.role = bytearray(count)  # all _SKIP
    partner = para.partner = _ONE_UNPAIRED * count
    removed: list[int] = []
    elision_fix: list[int] = []
    next_closing: list[bool] | None = None  # computed when first needed
    elision_skip = -1  # the closing ’ of ’n’
    run_mark = -1  # the last double mark kept in the current run of adjacent marks
    run_end = -2  # where that run ends

    stacks: list[list[int]] = [[], [], [], [], [], []]
    scopes: list[list[tuple[int, bool]]] = [[]]  # pending single openers per double scope

    # A quotation left open by the previous paragraph either reopens here with a mark of
    # its kind (the usual convention, or » in French) or simply goes on: then it is open.
    reopen = -1
    if carry_q or carry_g:
        starts_with_mark = not text[: pos[0]].strip()
        if carry_q and not (starts_with_mark and kind[0] == _Q and ctx[0] == _OPEN):
            stacks[_Q].append(_VIRTUAL)
            scopes.append([])
        if carry_g:
            if starts_with_mark and kind[0] == _G and ctx[0] != _CLOSE:
                reopen = 0  # « or, the French way, »: either reopens the quotation
            else:
                stacks[_G].append(_VIRTUAL)
                scopes.append([])
    para.reopen = reopen

    for i in range(count):
        c = _OPEN if i == reopen else ctx[i]
        k = kind[i]
        g = glyph[i]
        p = pos[i]
        if p != run_end + 1:
            run_mark = -1
        run_end = p
        if k == _S:
            run_mark = -1
            if c == _INWORD or i == elision_skip:
                continue
            if p > 0 and text[p - 1].isdigit() and (g == "′" or _inches_after(text, p + 1)):
                continue  # a foot or minute sign: 6' 2", 40°26′
            scope = scopes[-1]
            if c == _OPEN or (c == _AMBIG and not scope):
                word = _elision_after(text, p + 1)
                if word == "n":
                    # rock ’n’ roll: both marks are apostrophes
                    if i + 1 < count and pos[i + 1] == p + 2 and glyph[i + 1] in _SINGLE_ANY:
                        elision_skip = i + 1
                    if g == "‘":
                        elision_fix.append(i)
                    continue
                if word is not None and g in _APOSTROPHE_LIKE:
                    continue
                scope.append((i, word is not None and g == "‘"))
            elif scope:  # closing, ambiguous or spaced, with a single quotation pending
                j = scope.pop()[0]
                role[j] = _OPENS
                role[i] = _CLOSES
                partner[i], partner[j] = j, i
            continue

        stack = stacks[k]
        if k == _Q:
            if p > 0 and text[p - 1].isdigit():
                # After a digit: an inch or second sign, unless it closes a quotation
                # that nothing later closes (“Top 10”). Read the same whatever the glyph,
                # so a repaired mark is read as before.
                if next_closing is None:
                    next_closing = _next_closing(kind, ctx)
                if g == "″" or _feet_before(text, p) or not stack or next_closing[i]:
                    run_mark = -1
                    continue
            opening = c == _OPEN or (c != _CLOSE and not stack)
            if run_mark >= 0 and role[run_mark] == (_OPENS if opening else _CLOSES):
                if opening or not stack:
                    # Doubled: keep the better glyph of the two, in the first one's place.
                    if _DOUBLE_RANK.get(g, 2) < _DOUBLE_RANK.get(glyph[run_mark], 2):
                        _take_place(para, stack, run_mark, i)
                        removed.append(run_mark)
                        run_mark = i
                    else:
                        removed.append(i)
                    continue
            run_mark = i
        else:
            run_mark = -1
        if c == _OPEN or (c != _CLOSE and not stack):
            role[i] = _OPENS
            stack.append(i)
            if k in _DOUBLE_LEVEL:
                scopes.append([])
        else:
            role[i] = _CLOSES
            if stack:
                j = stack.pop()
                partner[i] = j
                if j >= 0:
                    partner[j] = i
                if k in _DOUBLE_LEVEL and len(scopes) > 1:
                    # Single openers still pending when their double quotation closes
                    # are apostrophes after all; an opening glyph there is mended.
                    for idx, elision in scopes.pop():
                        if elision:
                            elision_fix.append(idx)
    for scope in scopes:
        for idx, elision in scope:
            if elision:
                elision_fix.append(idx)
    para.carry_q = bool(stacks[_Q])
    para.carry_g = bool(stacks[_G])
    para.elision_fix = tuple(elision_fix) if elision_fix else ()
    para.removed = frozenset(removed) if removed else frozenset()


def _take_place(para: _Paragraph, stack: list[int], old: int, new: int) -> None:
    """Let mark ``new`` take over the role and partner of the doubled mark ``old``."""
    role, partner = para.role, para.partner
    role[new], role[old] = role[old], _SKIP
    j = partner[old]
    partner[new], partner[old] = j, _UNPAIRED
    if j >= 0:
        partner[j] = new
    if stack and stack[-1] == old:  # an opener still open
        stack[-1] = new


def _next_closing(kind: bytearray, ctx: list[int]) -> list[bool]:
    """For each mark, whether the next double mark after it is not in opening position
    (so, inside an open quotation, would close it)."""
    result = [False] * len(kind)
    upcoming = False
    for i in range(len(kind) - 1, -1, -1):
        result[i] = upcoming
        if kind[i] == _Q:
            upcoming = ctx[i] != _OPEN
    return result

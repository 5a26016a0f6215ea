"""Small measures of a block's shape shared by the structure steps."""

from __future__ import annotations

import re

__all__ = ["word_count", "ends_sentence", "ends_clause", "is_title_like", "is_prose",
           "is_cjk_char", "text_length"]

#: Marks that end a sentence.
_SENTENCE_END = ".!?。！？…"
#: Marks that end a clause a text goes on from ("as follows:", "first; second").
_CLAUSE_END = _SENTENCE_END + ":;："
#: Closing marks that may follow the final punctuation ("… he said.)", "«… fin.»");
#: German „…“ and Danish »…« close with “ and «.
_CLOSERS = "\"'”’»)]」』›“‘«‹"


def is_cjk_char(ch: str) -> bool:
    """True for Chinese, Japanese and Korean characters (written without spaces)."""
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF)


#: The same ranges as :func:`is_cjk_char`, for counting in one pass.
#: Kana, CJK ideographs and Hangul syllables, as a character-class body for expressions.
CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_CJK = re.compile(f"[{CJK_LETTERS}\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words in ``text``; for scripts without spaces, every two characters count as a word."""
    n = len(text.split())
    if n <= 3:
        cjk = len(_CJK.findall(text))
        if cjk:
            n += cjk // 2
    return n


#: How many letters of an alphabetic script one CJK character stands for: a word of
#: Chinese or Japanese is one or two characters, of English five or six letters.
CJK_CHAR_WEIGHT = 3


def text_length(text: str) -> int:
    """The length of ``text`` as the letters of an alphabetic script: a character of a
    script without spaces (Chinese, Japanese, Korean) counts :data:`CJK_CHAR_WEIGHT` times,
    so a paragraph weighs the same in any script.

    Example:
        >>> text_length("Rain."), text_length("雨です。")
        (5, 10)
    """
    return len(text) + (CJK_CHAR_WEIGHT - 1) * sum(1 for ch in text if is_cjk_char(ch))


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a sentence (final punctuation, maybe inside quotes).

    A closing bracket or quote counts only after a final mark: ``"(see above.)"`` ends a
    sentence, ``"Harbour (2021)"`` does not.

    Example:
        >>> ends_sentence("It rained.”"), ends_sentence("Harbour (2021)")
        (True, False)
    """
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _SENTENCE_END


def ends_clause(text: str) -> bool:
    """True when ``text`` ends a sentence or a clause the text goes on from (``:``, ``;``).

    Running text that introduces a list or a quotation ends so; a menu item never does.

    Example:
        >>> ends_clause("The council listed three reasons:"), ends_sentence("… reasons:")
        (True, False)
    """
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _CLAUSE_END


def is_title_like(text: str, *, max_words: int = 30) -> bool:
    """A headline's shape: short, starts with a letter or digit, no final full stop."""
    t = text.strip()
    if not t or len(t) > 300:
        return False
    n = word_count(t)
    if n == 0 or n > max_words:
        return False
    if t.endswith(".") and not t.endswith("..."):
        return False
    return t[0].isalnum() or t[0] in "\"'“‘«„¿¡("


_QUOTE_OPENERS = "\"“„«‘‚‹「『"


def is_prose(text: str) -> bool:
    """A sentence or more of running text; a line of dialogue ("“Ready?” he asked.") too."""
    n = word_count(text)
    if n >= 20 or (n >= 5 and ends_sentence(text)):
        return True
    t = text.strip()
    return n >= 2 and t[:1] in _QUOTE_OPENERS and ends_sentence(t) and t[-1] in ".!?…"

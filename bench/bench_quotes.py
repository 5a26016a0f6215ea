"""Throughput of quote repair, against ftfy.fix_text on the same text.

Builds news-like text of the requested sizes, deterministically from a seeded generator
and a small vocabulary: most paragraphs quote someone in curly quotes and use curly
apostrophes, some carry the damage quote repair exists for (reversed pairs, wrong-way
and doubled marks, straight marks mixed in), some have no quotation mark at all. Then it
times, on each text:

* ``repair_paragraphs`` over all paragraphs (the page read as one text),
* ``repair_quotes`` paragraph by paragraph,
* ``ftfy.fix_text`` on the whole text,

and prints MB/s (UTF-8 megabytes per second of CPU time, the best of ``--repeat`` runs),
the quote-repair/ftfy speed ratio (goal: at least 5)
and how time grows from the smallest size to the largest (goal: no worse than linear,
e.g. at most 11 from 1 MB to 10 MB)::

    python bench/bench_quotes.py                 # 1 MB and 10 MB
    python bench/bench_quotes.py --sizes 1,5,20 --repeat 3
    python bench/bench_quotes.py --no-ftfy       # quote repair only
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleanscrape.quotes import repair_paragraphs, repair_quotes  # noqa: E402

MB = 1_000_000

PEOPLE = [
    "the minister", "a senior official", "the mayor", "Ms Alvarez", "Mr Okafor", "the coach",
    "a spokeswoman for the ministry", "the company’s chief executive", "Dr Lindqvist",
    "the union’s leader", "one resident", "the prosecutor", "a local shop owner",
]  # fmt: skip
SUBJECTS = [
    "The council", "The government", "Investors", "The committee", "Rail workers", "Farmers",
    "The opposition", "Health officials", "The central bank", "Residents", "Negotiators",
    "The ministry", "Analysts", "The court", "Police", "Teachers",
]  # fmt: skip
VERBS = [
    "approved", "rejected", "delayed", "announced", "criticised", "reviewed", "welcomed",
    "questioned", "postponed", "extended", "cut", "defended", "proposed", "blocked",
]  # fmt: skip
OBJECTS = [
    "the budget for next year", "a new trade agreement", "plans for a second bridge",
    "the city’s housing strategy", "tax relief for small firms", "the ferry timetable",
    "an inquiry into the outage", "the pension reform", "the ’90s-era building code",
    "the proposal from the other parties", "emergency funding for hospitals",
    "the harbour expansion", "the teachers’ pay offer", "cuts to regional bus routes",
]  # fmt: skip
TAILS = [
    "on Tuesday", "after months of talks", "despite strong objections", "late on Friday",
    "in a narrow vote", "for the third time this year", "without debate", "by 12 votes to 9",
    "ahead of the election", "at a press conference", "in 2019", "at 5 pm",
]  # fmt: skip
QUOTES = [
    "We will not back down", "This is a good day for the region", "It’s simply not enough",
    "Nobody saw this coming", "We don’t have the money", "The numbers speak for themselves",
    "I’m proud of what we’ve achieved", "That’s not what was agreed", "We need more time",
    "They’ve ignored the people who live here", "It was never about politics",
    "We’re ready to talk", "There’s no plan B", "Families can’t wait another year",
]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def _quoted(rng: random.Random, who: str) -> str:
    quote = rng.choice(QUOTES)
    if rng.random() < 0.3:
        word = rng.choice(["cruel", "temporary", "final", "fair"])
        quote += f" and called it ‘{word}’"
    return f"“{quote},” {who} said."


def _break(rng: random.Random, paragraph: str) -> str:
    """Damage a paragraph's quotation marks the way scraped pages show it."""
    damage = rng.randrange(5)
    if damage == 0:  # reversed pair
        return paragraph.replace("“", "\0").replace("”", "“").replace("\0", "”")
    if damage == 1:  # wrong-way closing mark
        return paragraph.replace("”", "“")
    if damage == 2:  # doubled opening mark
        return paragraph.replace("“", "““", 1)
    if damage == 3:  # straight marks mixed in
        return paragraph.replace("“", '"', 1)
    return paragraph.replace("‘", "’").replace("”", '"')


def make_paragraphs(size: int, seed: int = 7) -> list[str]:
    """News-like paragraphs totalling at least ``size`` bytes of UTF-8."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        kind = rng.random()
        sentences = [_sentence(rng) for _ in range(rng.randint(1, 4))]
        if kind < 0.55:  # quotes someone, correctly
            sentences.insert(rng.randint(0, len(sentences)), _quoted(rng, rng.choice(PEOPLE)))
            paragraph = " ".join(sentences)
        elif kind < 0.70:  # quotes someone, with broken marks
            sentences.insert(0, _quoted(rng, rng.choice(PEOPLE)))
            paragraph = _break(rng, " ".join(sentences))
        elif kind < 0.80:  # apostrophes only
            paragraph = " ".join(sentences) + " It’s the council’s third attempt."
        else:  # no quotation mark at all
            paragraph = " ".join(s.replace("’", "") for s in sentences)
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return paragraphs


def _each(paragraphs: list[str]) -> None:
    for paragraph in paragraphs:
        repair_quotes(paragraph)


def _best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``repeat`` runs: steadier than wall time on a busy machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="1,10", help="comma-separated text sizes in MB (default: 1,10)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per timing; best is kept")
    parser.add_argument("--seed", type=int, default=7, help="seed of the text generator")
    parser.add_argument("--no-ftfy", action="store_true", help="skip the ftfy comparison")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]

    if not args.no_ftfy:
        import ftfy

    print(
        f"{'size':>8} {'paragraphs':>11} {'repair_paragraphs':>18} {'repair_quotes':>14}"
        f" {'ftfy.fix_text':>14} {'ratio':>7} {'edits':>8}"
    )
    times: dict[float, float] = {}
    for size in sizes:
        paragraphs = make_paragraphs(int(size * MB), args.seed)
        text = "\n\n".join(paragraphs)
        megabytes = len(text.encode("utf-8")) / MB
        edits = sum(len(e) for _, e in repair_paragraphs(paragraphs))
        t_page = _best_time(partial(repair_paragraphs, paragraphs), args.repeat)
        t_each = _best_time(partial(_each, paragraphs), args.repeat)
        times[size] = t_page
        line = (
            f"{megabytes:>6.2f}MB {len(paragraphs):>11,} {megabytes / t_page:>13.1f} MB/s"
            f" {megabytes / t_each:>9.1f} MB/s"
        )
        if args.no_ftfy:
            line += f" {'-':>14} {'-':>7}"
        else:
            t_ftfy = _best_time(partial(ftfy.fix_text, text), args.repeat)
            line += f" {megabytes / t_ftfy:>9.2f} MB/s {t_ftfy / t_page:>6.1f}x"
        print(line + f" {edits:>8,}", flush=True)
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(
            f"time {large:g} MB / {small:g} MB: {times[large] / times[small]:.2f}"
            f" (size ratio {large / small:g})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

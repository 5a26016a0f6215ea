"""py3langid's model read from disk: the same answers, without loading the model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TEXTS = [
    "Городские власти в среду объявили, что ремонт моста продлится дольше, чем ожидалось.",
    "Общинският съвет реши в сряда мостът да бъде ремонтиран до есента, каза кметът.",
    "Kommunen meddelte onsdag, at broen bliver repareret i løbet af efteråret, sagde borgmesteren.",
    "The council said on Wednesday that the bridge would be repaired by the autumn.",
    "Bashkia njoftoi të mërkurën se ura do të riparohet deri në vjeshtë, tha kryetari.",
    "ქალაქის მერიამ ოთხშაბათს გამოაცხადა, რომ ხიდის შეკეთება შემოდგომამდე გაგრძელდება.",
    "12345 67890",
]


def test_answers_are_py3langid_s_and_the_model_is_not_loaded(tmp_path: Path) -> None:
    code = (
        "import sys, json, py3langid\n"
        "from py3langid import langid\n"
        "from cleanscrape._langid import classify\n"
        f"texts = {TEXTS!r}\n"
        "mine = [classify(t) for t in texts]\n"
        "loaded = langid.IDENTIFIER is not None\n"
        "ref = [py3langid.classify(t)[0] for t in texts[:-1]]\n"
        "print(json.dumps([mine, ref, loaded]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"CLEANSCRAPE_CACHE": str(tmp_path / "cache"),
                                          "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    import json

    mine, ref, loaded = json.loads(out.stdout)
    assert mine[:-1] == ref and mine[0] == "ru"
    assert mine[-1] is None or isinstance(mine[-1], str)
    assert loaded is False
    assert list((tmp_path / "cache").glob("langid-*/ptc.npy"))


def test_unwritable_cache_falls_back_to_py3langid(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code = ("from cleanscrape._langid import classify; from py3langid import langid\n"
            f"print(classify({TEXTS[0]!r}), langid.IDENTIFIER is not None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"CLEANSCRAPE_CACHE": str(blocker / "cache"),
                                          "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.stdout.split() == ["ru", "True"]


@pytest.mark.parametrize("text", TEXTS[:3])
def test_in_process(text: str) -> None:
    import py3langid

    from cleanscrape._langid import classify

    assert classify(text) == py3langid.classify(text)[0]

"""The shared seed page against the output a careful editor wants (skips without it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanscrape import clean


def test_seed_page_matches_expected(shared_dir: Path) -> None:
    seed = shared_dir / "000_5c9f30e52664f472.txt"
    expected = json.loads((shared_dir / "expected" / "000_5c9f30e52664f472.json").read_text("utf-8"))
    got = clean(seed.read_text("utf-8")).model_dump(mode="json")
    ea, ga = expected["article"], got["article"]
    for field in ("title", "subtitle", "source", "published", "updated", "body", "language"):
        assert ga[field] == ea[field], field
    assert len(got["teasers"]) == len(expected["teasers"])
    for g, e in zip(got["teasers"], expected["teasers"], strict=True):
        for field in ("title", "source", "published", "truncated", "url"):
            assert g[field] == e[field], (e["title"], field)
        assert " ".join(g["summary"].split()) == " ".join(e["summary"].split())
    removed = [r["text"] for r in got["removed"]]
    for r in expected["removed"]:
        assert r["text"] in removed


def test_seed_check_script_passes(shared_dir: Path) -> None:
    script = shared_dir / "tools" / "check_seed.py"
    if not script.exists():
        pytest.skip("no check_seed.py")
    bindir = Path(sys.executable).parent
    env = {"PATH": f"{bindir}:/usr/bin:/bin"}
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                       timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr

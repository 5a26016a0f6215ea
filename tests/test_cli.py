"""The command line, run as users run it."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

REF = "2021-06-15T12:00:00+00:00"
PAGE = ("Old bridge to close\n\nBy Jane Roe\n\nUpdated: June 3, 2021\n\n"
        "The council voted on Tuesday to close the old bridge to cars from next spring, "
        "ending months of argument over its future.\n\nShare this article\n")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleanscrape", *args], capture_output=True,
                          text=True, input=None if stdin is None else stdin.decode(), timeout=120)


def test_one_file_json(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    p = run("clean", str(f), "--reference-time", REF)
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert obj["article"]["title"] == "Old bridge to close"
    assert obj["article"]["updated"] == "2021-06-03"
    assert "path" not in obj


def test_several_files_jsonl_in_order_and_failures_reported(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(PAGE, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(PAGE.replace("Old bridge", "New bridge"), encoding="utf-8")
    binary = tmp_path / "c.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\xff\xfe\x00\x00")
    missing = tmp_path / "missing.txt"
    p = run("clean", str(a), str(missing), str(binary), str(b), "--reference-time", REF)
    assert p.returncode == 1
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert [x["path"] for x in lines] == [str(a), str(b)]
    assert lines[1]["article"]["title"] == "New bridge to close"
    err = p.stderr.strip().splitlines()
    assert len(err) == 2 and "Traceback" not in p.stderr
    assert str(missing) in err[0] and "no such file" in err[0]
    assert str(binary) in err[1]


def test_jsonl_input_and_workers(tmp_path: Path) -> None:
    f = tmp_path / "pages.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        for i in range(5):
            fh.write(json.dumps({"text": PAGE.replace("Old", f"No. {i}"),
                                 "url": f"https://example.org/{i}"}) + "\n")
        fh.write("not json\n")
    p = run("clean", str(f), "--workers", "2", "--reference-time", REF, "--progress")
    assert p.returncode == 1
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert [x["article"]["title"] for x in lines] == [f"No. {i} bridge to close" for i in range(5)]
    assert lines[0]["path"].endswith("pages.jsonl.gz:1")
    assert ":6: not a JSON object" in p.stderr
    assert "5 pages" not in p.stdout


def test_schema_and_bad_options(tmp_path: Path) -> None:
    p = run("schema")
    assert p.returncode == 0
    schema = json.loads(p.stdout)
    assert set(schema["properties"]) >= {"article", "teasers", "removed"}
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    bad = run("clean", str(f), "--reference-time", "last week")
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr and "Traceback" not in bad.stderr


def test_sample_page_ships_with_the_package() -> None:
    p = run("sample")
    path = Path(p.stdout.strip())
    assert path.is_file()
    out = run("clean", str(path), "--reference-time", REF)
    obj = json.loads(out.stdout)
    assert obj["article"]["title"] and obj["article"]["body"] and obj["teasers"]


def test_explain(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    p = run("explain", str(f), "--reference-time", REF)
    assert p.returncode == 0
    assert "share.prompt" in p.stdout and "header.title" in p.stdout


def test_stdin() -> None:
    p = run("clean", "-", "--reference-time", REF, stdin=PAGE.encode())
    assert p.returncode == 0 and json.loads(p.stdout)["article"]["title"] == "Old bridge to close"

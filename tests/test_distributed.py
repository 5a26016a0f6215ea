"""Distributed runs for real: a Dask LocalCluster of worker processes, datatrove over
several tasks. Small but real: 2 worker processes, 200+ pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleanscrape import Pipeline
from cleanscrape.testing import make_site

REF = "2021-06-15T12:00:00+00:00"


def records(n_sites: int, pages: int) -> list[dict[str, str]]:
    out = []
    for seed in range(n_sites):
        site = make_site(seed, pages, ("en", "de", "fr", "es")[seed % 4])
        out += [{"text": page.text, "url": url, "reference_time": REF}
                for url, page in site.pages]
    return out


def test_dask_local_cluster_of_two_processes_equals_one_process() -> None:
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    from cleanscrape.integrations.dask import clean_bag, clean_record

    recs = records(26, 8)  # 208 pages
    recs.insert(100, {"html": "\ud83d" + recs[0]["text"], "url": "https://bad.example/1"})
    recs.insert(150, {"text": 12345, "url": "https://bad.example/2"})  # type: ignore[dict-item]
    pipeline = Pipeline.default()
    expected = [clean_record(r, pipeline=pipeline) for r in recs]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        bag = db.from_sequence(recs, npartitions=8)
        got = clean_bag(bag, pipeline=pipeline).compute()
        where = client.run(lambda: __import__("os").getpid())
    assert len(set(where.values())) == 2
    assert got == expected and len(got) >= 200
    assert got[150]["error_kind"] == "InputError" and got[150]["url"] == "https://bad.example/2"
    assert "error" not in got[100]  # the lone surrogate was mended, not fatal


def test_datatrove_local_executor_over_several_tasks(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleanscrape.integrations.datatrove import CleanscrapeExtractor

    src = tmp_path / "in"
    src.mkdir()
    recs = records(6, 5)
    for k in range(3):  # three files: one per task
        with gzip.open(src / f"part{k}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for n, r in enumerate(recs[k::3]):
                fh.write(json.dumps({"text": r["text"], "id": f"{k}-{n}",
                                     "metadata": {"url": r["url"], "date": REF}}) + "\n")
            fh.write(json.dumps({"text": "\ud83d\udc00 \ud83d", "id": f"{k}-bad",
                                 "metadata": {}}) + "\n")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), CleanscrapeExtractor(), JsonlWriter(str(tmp_path / "out"))],
        tasks=3, workers=2, logging_dir=str(tmp_path / "logs"),
    ).run()
    rows = []
    for f in sorted((tmp_path / "out").glob("*.jsonl*")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    assert len(rows) == len(recs)
    by_url = {r["metadata"]["url"]: r for r in rows}
    one = Pipeline.default()
    for r in recs:
        assert by_url[r["url"]]["text"] == one.clean(r["text"], url=r["url"],
                                                      reference_time=REF).article.body
    assert len(list((tmp_path / "logs" / "completions").iterdir())) == 3

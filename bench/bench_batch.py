#!/usr/bin/env python3
"""A crawl, not a page: parallel speed, memory over long streams, cold start, site learning.

::

    python bench/bench_batch.py                    # everything (takes a few minutes)
    python bench/bench_batch.py parallel --repeat 3
    python bench/bench_batch.py memory --sizes 1000 10000
    python bench/bench_batch.py coldstart --runs 15
    python bench/bench_batch.py sites

Every figure comes from the command line as users run it (``python -m cleanscrape``), in
fresh subprocesses:

``parallel``   ``cleanscrape clean -o out.jsonl --workers 1`` and ``--workers 2`` over the
               302 trafeval-dev pages (``html/*.html.gz``); wall time, speed-up, and
               whether the two output files are byte for byte identical. With ``--repeat``
               the fastest run of each counts (the machine is shared). The speed-up two
               processes of plain arithmetic get at the same moment is printed beside it:
               the most any program could show on the machine as it is then.
``memory``     peak resident memory (``ru_maxrss`` of the child) of ``cleanscrape clean``
               (one process) over JSON Lines streams of N pages cycled from the real pages
               of all three corpora, and of trafilatura (``extract`` with metadata, JSON
               output, one process) over the real pages once, against cleanscrape over the
               same real pages.
``coldstart``  median wall time of ``python -m cleanscrape clean PAGE`` against
               ``python -c "import trafilatura; trafilatura.extract(PAGE)"`` on the same
               page, alternating, each in a fresh process; cleanscrape's bytecode is
               compiled first (``compileall``), as ``pip install`` does.
``sites``      generated multi-page sites (``cleanscrape.testing.make_site``) whose
               boilerplate no rule pack knows: bodies right and boilerplate lines leaked,
               without and with ``--learn-sites``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
REF = "2024-01-01T00:00:00+00:00"
ENV = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def cleanscrape(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleanscrape", *args]


def peak_of(cmd: list[str], stdout: object = subprocess.DEVNULL) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of ``cmd`` run in a fresh monitor process."""
    probe = ("import resource, subprocess, sys, time, json\n"
             "t = time.perf_counter()\n"
             "rc = subprocess.run(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL).returncode\n"
             "w = time.perf_counter() - t\n"
             "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, rc)\n")
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(cmd)], capture_output=True,
                         text=True, env=ENV, check=True).stdout.split()
    if out[2] not in ("0", "1"):
        raise SystemExit(f"{cmd[:4]} failed with status {out[2]}")
    return float(out[0]), float(out[1])


def trafeval_pages(corpus: Path) -> list[str]:
    return sorted(str(p) for p in (corpus / "trafeval-dev" / "html").glob("*.html.gz"))


def real_pages(corpus: Path) -> list[dict[str, str]]:
    """Every real HTML page of the three corpora, decoded, with a URL."""
    from cleanscrape.errors import DecodeError
    from cleanscrape.sources.decode import decode_bytes

    out = []
    for part in ("trafeval-dev", "aeb-dev", "dates-dev"):
        for p in sorted((corpus / part / "html").glob("*")):
            raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
            try:
                html = decode_bytes(raw)
            except DecodeError:
                continue
            out.append({"html": html, "url": f"https://{part}.example/{p.name.split('.')[0]}"})
    return out


def _burn(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def machine_ceiling(n: int = 10_000_000) -> float:
    """The speed-up two processes of pure Python arithmetic get on this machine now: what
    the CPUs the operating system gives us allow, whatever the program."""
    import multiprocessing as mp

    t = time.perf_counter()
    _burn(n)
    _burn(n)
    one = time.perf_counter() - t
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # started
        t = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - t
    return one / two


def bench_parallel(corpus: Path, repeat: int) -> None:
    files = trafeval_pages(corpus)
    if not files:
        print(f"parallel: no pages under {corpus / 'trafeval-dev'}; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        best: dict[int, float] = {}
        cpu: dict[int, float] = {}
        for _ in range(repeat):
            for w in (1, 2):
                out = Path(tmp) / f"w{w}.jsonl"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run(cleanscrape("clean", *files, "--input-format", "html",
                                           "--reference-time", REF, "--workers", str(w),
                                           "-o", str(out), "--no-progress"),
                               env=ENV, check=True, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                if wall < best.get(w, 1e9):
                    best[w], cpu[w] = wall, used
        same = (Path(tmp) / "w1.jsonl").read_bytes() == (Path(tmp) / "w2.jsonl").read_bytes()
    print(f"parallel: {len(files)} trafeval-dev pages, best of {repeat}, {os.cpu_count()} CPUs")
    print("| workers | wall s | pages/s | speed-up | CPU s (all processes) |")
    print("|---|---|---|---|---|")
    for w in (1, 2):
        print(f"| {w} | {best[w]:.2f} | {len(files) / best[w]:.1f} | {best[1] / best[w]:.2f}x "
              f"| {cpu[w]:.2f} |")
    print(f"load average now {os.getloadavg()[0]:.1f} (other processes share the CPUs)")
    print(f"outputs identical: {same}")
    print(f"this machine's ceiling now (two processes of plain arithmetic): "
          f"{machine_ceiling():.2f}x")


def bench_memory(corpus: Path, sizes: list[int], trafilatura: bool) -> None:
    pages = real_pages(corpus)
    if not pages:
        print(f"memory: no pages under {corpus}; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "real.jsonl"
        real.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
        print(f"memory: peak resident MB, one process; real pages: {len(pages)}")
        print("| run | pages | wall s | peak MB |")
        print("|---|---|---|---|")
        wall, peak = peak_of(cleanscrape("clean", str(real), "--reference-time", REF,
                                         "--no-progress"))
        print(f"| cleanscrape, real pages | {len(pages)} | {wall:.1f} | {peak:.0f} |")
        if trafilatura:
            worker = Path(tmp) / "traf.py"
            worker.write_text(
                "import json, sys, trafilatura\n"
                "for line in open(sys.argv[1], encoding='utf-8'):\n"
                "    r = json.loads(line)\n"
                "    out = trafilatura.extract(r['html'], url=r['url'], output_format='json',\n"
                "                              with_metadata=True)\n"
                "    sys.stdout.write((out or 'null').replace('\\n', ' ') + '\\n')\n")
            wall, peak = peak_of([sys.executable, str(worker), str(real)])
            print(f"| trafilatura, real pages | {len(pages)} | {wall:.1f} | {peak:.0f} |")
        peaks = {}
        for n in sizes:
            stream = Path(tmp) / f"stream{n}.jsonl"
            with open(stream, "w", encoding="utf-8") as fh:
                for k in range(n):
                    rec = dict(pages[k % len(pages)])
                    rec["url"] += f"?copy={k // len(pages)}"
                    fh.write(json.dumps(rec) + "\n")
            wall, peak = peak_of(cleanscrape("clean", str(stream), "--reference-time", REF,
                                             "--no-progress"))
            peaks[n] = peak
            stream.unlink()
            print(f"| cleanscrape, stream | {n} | {wall:.1f} | {peak:.0f} |")
    if len(peaks) >= 2:
        lo, hi = min(peaks), max(peaks)
        print(f"peak at {hi} pages / at {lo} pages: {peaks[hi] / peaks[lo]:.2f}")


def bench_coldstart(corpus: Path, runs: int) -> None:
    files = trafeval_pages(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        source = files[0] if files else str(ROOT / "cleanscrape" / "samples" / "news_page.txt")
        data = Path(source).read_bytes()
        page.write_bytes(gzip.decompress(data) if source.endswith(".gz") else data)
        ours = cleanscrape("clean", str(page))
        theirs = [sys.executable, "-c",
                  "import sys, trafilatura; "
                  "trafilatura.extract(open(sys.argv[1], encoding='utf-8', errors='replace').read())",
                  str(page)]
        # Bytecode as an installed package has it (pip compiles it; PYTHONDONTWRITEBYTECODE
        # would otherwise make every run of a source checkout compile every module).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "cleanscrape")],
                       env=ENV, capture_output=True, check=True)
        subprocess.run(ours, env=ENV, capture_output=True, check=True)  # caches
        subprocess.run(theirs, env=ENV, capture_output=True, check=True)
        times: dict[str, list[float]] = {"cleanscrape": [], "trafilatura": []}
        for _ in range(runs):
            for name, cmd in (("cleanscrape", ours), ("trafilatura", theirs)):
                t = time.perf_counter()
                subprocess.run(cmd, env=ENV, capture_output=True, check=True)
                times[name].append(time.perf_counter() - t)
    a, b = (statistics.median(times[n]) for n in ("cleanscrape", "trafilatura"))
    print(f"coldstart: median of {runs} fresh processes, page {Path(source).name}")
    print("| command | median s |")
    print("|---|---|")
    print(f"| cleanscrape clean PAGE | {a:.3f} |")
    print(f"| python -c 'import trafilatura; extract(PAGE)' | {b:.3f} |")
    print(f"ratio: {a / b:.2f}")


def bench_sites(n_sites: int, pages: int) -> None:
    from cleanscrape.testing import make_site

    sites = [make_site(seed, pages, ("en", "de", "fr", "es")[seed % 4]) for seed in range(n_sites)]
    truth = [page.truth.body for s in sites for _u, page in s.pages]
    lines = [line for s in sites for line in s.boilerplate]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sites.jsonl"
        src.write_text("".join(json.dumps({"text": page.text, "url": url}) + "\n"
                               for s in sites for url, page in s.pages), encoding="utf-8")
        print(f"sites: {n_sites} generated sites x {pages} pages; their boilerplate is in no rule pack")
        print("| run | bodies exact | boilerplate lines left in bodies |")
        print("|---|---|---|")
        for name, extra in (("clean", []), ("clean --learn-sites", ["--learn-sites"])):
            out = subprocess.run(cleanscrape("clean", str(src), "--reference-time", REF, *extra),
                                 env=ENV, capture_output=True, text=True, check=True).stdout
            bodies = [json.loads(x)["article"]["body"] for x in out.splitlines()]
            exact = sum(b == t for b, t in zip(bodies, truth, strict=True))
            leaked = sum(line in b for b in bodies for line in lines)
            print(f"| {name} | {exact}/{len(truth)} | {leaked} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", nargs="*", default=["parallel", "memory", "coldstart", "sites"],
                    metavar="WHAT", help="parallel, memory, coldstart, sites (default: all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--no-trafilatura", action="store_true")
    ns = ap.parse_args()
    unknown = set(ns.what) - {"parallel", "memory", "coldstart", "sites"}
    if unknown:
        ap.error(f"unknown benchmark(s) {sorted(unknown)}")
    sys.path.insert(0, str(ROOT))
    print(f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f}")
    for what in ns.what:
        if what == "parallel":
            bench_parallel(ns.corpus, ns.repeat)
        elif what == "memory":
            bench_memory(ns.corpus, ns.sizes, not ns.no_trafilatura)
        elif what == "coldstart":
            bench_coldstart(ns.corpus, ns.runs)
        elif what == "sites":
            bench_sites(8, 6)
        print()


if __name__ == "__main__":
    main()

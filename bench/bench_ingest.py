"""Benchmark of the ingest extractor: articles per second on one core, and peak memory.

Run from the project root:

    .venv/bin/python bench/bench_ingest.py                 # the five seeds repeated to 1,000 documents
    .venv/bin/python bench/bench_ingest.py --documents 5000

Pure extraction (no database): the same functions the evaluation command runs. The gazetteer of legacy
provinces and districts is built once before timing (its one-off cost is printed apart). The baseline, measured
in the same run on the same texts, is `fold()` of each text: the cheapest pass over the text any matching needs;
the ratio says how many such passes one extraction costs. Results also go to bench/results/ingest.json.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS_DIR = ROOT / "bench" / "results"
SEEDS = ROOT / "danvan" / "ingest" / "tests" / "fixtures" / "seeds"
TARGET = 50.0  # articles per second, from the issue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="Timed rounds; the median is reported")
    args = parser.parse_args()

    # One core, as the issue asks (Linux); the process stays single-threaded anyway.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from danvan.core.text import fold
    from danvan.ingest.extract import _gazetteer, extract
    from danvan.ingest.readers import check_text

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = [seeds[i % len(seeds)] for i in range(args.documents)]

    started = time.perf_counter()
    _gazetteer()
    warmup_s = time.perf_counter() - started
    for text in seeds:
        extract(text)

    def run_extract():
        for text in texts:
            extract(check_text(text))

    def run_fold():
        for text in texts:
            fold(text)

    extract_times, fold_times = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        run_fold()
        fold_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        run_extract()
        extract_times.append(time.perf_counter() - t)
    extract_s, fold_s = statistics.median(extract_times), statistics.median(fold_times)

    tracemalloc.start()
    run_extract()
    _current, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    result = {
        "documents": args.documents,
        "rounds": args.rounds,
        "extract_seconds": round(extract_s, 4),
        "articles_per_second": round(args.documents / extract_s, 1),
        "ms_per_article": round(1000 * extract_s / args.documents, 3),
        "baseline_fold_seconds": round(fold_s, 4),
        "ratio_to_fold": round(extract_s / fold_s, 1),
        "gazetteer_build_seconds": round(warmup_s, 3),
        "peak_traced_mib_during_extraction": round(peak_traced / 2**20, 2),
        "max_rss_mib": round(max_rss_kb / 1024, 1),
        "target_articles_per_second": TARGET,
        "meets_target": args.documents / extract_s >= TARGET,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "ingest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"documents                  {args.documents} (the {len(seeds)} seeds repeated), median of {args.rounds} rounds"
    )
    print(
        f"extract (check_text+extract) {extract_s:.3f} s  → {result['articles_per_second']} articles/s "
        f"({result['ms_per_article']} ms each; target ≥ {TARGET:g}/s: {'met' if result['meets_target'] else 'NOT met'})"
    )
    print(f"baseline fold()            {fold_s:.4f} s  → extract costs {result['ratio_to_fold']}× fold")
    print(f"gazetteer build (once)     {warmup_s:.3f} s")
    print(f"peak traced memory         {result['peak_traced_mib_during_extraction']} MiB during extraction")
    print(f"max RSS                    {result['max_rss_mib']} MiB (whole process)")


if __name__ == "__main__":
    main()

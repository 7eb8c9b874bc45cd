"""Load the national benchmark data set ONCE into one PostgreSQL database, for the page benchmarks.

The petitions (2 million over 10 years, bench_petitions.load) and the quarterly reports (5.4 million figures,
bench_reports.load_report_data) on the same national tree, so that every page of every role can be timed on
one database:

    .venv/bin/python bench/load_national.py                      # DROPS and creates danvan_bench, ~10 min
    .venv/bin/python bench/load_national.py --rows 200000        # fewer petitions

Then `bench/bench_pages.py` times the pages on it (it only adds a few users and migrates new indexes).
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, recreate_pg_database, step  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_URL)
    parser.add_argument("--rows", type=int, default=2_000_000, help="petitions (default 2,000,000)")
    args = parser.parse_args()
    recreate_pg_database(args.postgres_url)
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import bench_petitions
    import bench_reports
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    started = time.perf_counter()
    step(f"petitions: {args.rows:,} (tree, officers, petitions, trigram index, VACUUM ANALYZE)")
    petitions = bench_petitions.load(args.rows, today)
    step(f"petitions loaded: {petitions}")
    reports = bench_reports.load_report_data(connection, "pg")
    summary = {
        "today": today.isoformat(),
        "petitions": petitions,
        "report_values": reports["values"],
        "report_submissions": reports["submissions"],
        "reports_generate_s": round(reports["generate_s"], 1),
        "total_s": round(time.perf_counter() - started, 1),
        "loaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        summary["database_mb"] = round(cur.fetchone()[0] / 2**20)
    out = ROOT / "bench" / "results" / "load_national.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    step(f"done: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

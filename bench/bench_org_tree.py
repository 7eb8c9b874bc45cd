"""Benchmarks for the organisation tree: loading it, and reading subtrees and paths through the closure table.

Run from the project root:

    .venv/bin/python bench/bench_org_tree.py                  # PostgreSQL and SQLite
    .venv/bin/python bench/bench_org_tree.py --sqlite         # SQLite only
    .venv/bin/python bench/bench_org_tree.py --postgres-url postgres://postgres@127.0.0.1:5432/danvan_bench
    .venv/bin/python bench/bench_org_tree.py --repeat 1000

For each engine the script starts a worker (this same file with --engine-worker) whose environment points
DATABASE_URL at a fresh database, because danvan's settings read the environment once, at import. The worker
migrates, loads the administrative units and builds the tree (timed), then times the tree reads and writes
bench/results/org_tree-<engine>.json. The parent prints one table for all engines at the end.

The PostgreSQL database named in the URL is DROPPED and created again: never point it at a database you use.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
# Databases the script must never drop, whatever URL it is given (the working database of the project).
PROTECTED_DATABASES = {"danvan", "postgres", "template0", "template1"}

# Targets from the issue.
TARGET_LOAD_TOTAL_S = 60.0  # admin_units_load() + org_tree_build() on an empty database
TARGET_SUBTREE_P95_MS = 5.0  # subtree of a province, ids materialised, on PostgreSQL


# --- Parent: one worker per engine, then the table -------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres-url",
        help=f"run on PostgreSQL at this URL (default {DEFAULT_PG_URL}); the database is dropped and created again",
    )
    parser.add_argument("--sqlite", action="store_true", help="run on SQLite (a new file in a temporary directory)")
    parser.add_argument("--repeat", type=int, default=300, help="timed iterations per query (default 300)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed iterations first (default 20)")
    parser.add_argument("--seed", type=int, default=20250701, help="random seed for the units picked")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite temporary directory")
    parser.add_argument("--engine-worker", choices=["pg", "sqlite"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.engine_worker:
        return worker(args)

    # No engine named: both. --postgres-url alone means PostgreSQL only, --sqlite alone SQLite only.
    both = not args.postgres_url and not args.sqlite
    engines = []
    if args.postgres_url or both:
        engines.append("pg")
    if args.sqlite or both:
        engines.append("sqlite")
    pg_url = args.postgres_url or DEFAULT_PG_URL
    if "pg" in engines:
        name = urlsplit(pg_url).path.lstrip("/")
        if not name or name in PROTECTED_DATABASES:
            print(
                f"Refusing to drop and recreate database {name!r}: name a benchmark database such as danvan_bench.",
                file=sys.stderr,
            )
            return 2

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    results, failed = [], []
    for engine in engines:
        # Each worker gets its own var dir: the settings' secret key file and media dir are not the project's.
        var_dir = Path(tempfile.mkdtemp(prefix=f"danvan_bench_{engine}_"))
        env = dict(os.environ)
        env["DANVAN_VAR_DIR"] = str(var_dir)
        env["DANVAN_ENV"] = "development"
        # DEBUG on makes Django keep every query in connection.queries: overhead we do not want to time.
        env["DEBUG"] = "false"
        env["DATABASE_URL"] = pg_url if engine == "pg" else f"sqlite:///{var_dir / 'bench.sqlite3'}"
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--engine-worker",
            engine,
            "--repeat",
            str(args.repeat),
            "--warmup",
            str(args.warmup),
            "--seed",
            str(args.seed),
        ]
        print(f"\n=== {engine}: {redact(env['DATABASE_URL'])} ===", flush=True)
        (RESULTS_DIR / f"org_tree-{engine}.json").unlink(missing_ok=True)  # no stale figures if it fails
        code = subprocess.call(cmd, env=env, cwd=ROOT)
        if code != 0:
            failed.append(engine)
        else:
            results.append(json.loads((RESULTS_DIR / f"org_tree-{engine}.json").read_text()))
        if engine == "sqlite" and args.keep:
            print(f"(kept {var_dir})")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)

    if results:
        print_table(results)
    if failed:
        print(f"\nFAILED: {', '.join(failed)} (see the output above)", file=sys.stderr)
        return 1
    return 0


def redact(url: str) -> str:
    """The URL without its password, for printing."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def print_table(results: list[dict]) -> None:
    print("\n" + "=" * 104)
    print("Organisation tree benchmarks")
    print("=" * 104)
    for r in results:
        load = r["load"]
        print(
            f"\n[{r['engine']}] {r['server']}   repeat={r['repeat']} warm-up={r['warmup']}   "
            f"load average {' '.join(map(str, r['machine']['load_average']))}"
        )
        print(
            f"  load: admin units {load['admin_units_load_s']:.1f} s + org tree "
            f"{load['org_tree_build_s']:.1f} s = {load['total_s']:.1f} s "
            f"(target < {TARGET_LOAD_TOTAL_S:.0f} s: {'PASS' if load['total_pass'] else 'FAIL'})"
        )
        c = r["counts"]
        print(
            f"  rows: {c['admin_units']:,} admin units, {c['org_units']:,} org units, "
            f"{c['closure_rows']:,} closure rows; database {r['database_size_mb']:.1f} MB"
        )
        sub = r["province_subtree_rows"]
        print(
            f"  units under a province party committee: min {sub['min']:,}, median {sub['median']:,}, "
            f"mean {sub['mean']:,.0f}, max {sub['max']:,}"
        )
        print(f"  {'query':<42}{'rows':>8}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×base':>11}{'p95 ×base':>11}  target")
        for q in r["queries"]:
            target = ""
            if q.get("target_p95_ms") is not None:
                target = f"p95 < {q['target_p95_ms']:g} ms: {'PASS' if q['pass'] else 'FAIL'}"
            ratio50 = "" if q["name"] == "baseline_pk" else f"{q['p50_ratio']:.1f}×"
            ratio95 = "" if q["name"] == "baseline_pk" else f"{q['p95_ratio']:.1f}×"
            print(
                f"  {q['label']:<42}{q['rows_mean']:>8.0f}{q['p50_ms']:>9.3f}{q['p95_ms']:>9.3f}"
                f"{ratio50:>11}{ratio95:>11}  {target}"
            )
        print(f"  → {RESULTS_DIR.relative_to(ROOT)}/org_tree-{r['engine']}.json")


# --- Worker: runs inside the engine's environment --------------------------------------------------------


def worker(args) -> int:
    engine = args.engine_worker
    url = os.environ["DATABASE_URL"]
    if engine == "pg":
        recreate_pg_database(url)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.organisations.models import AdminUnit, OrgUnit, OrgUnitClosure
    from danvan.organisations.selectors import orgunit_ancestors, orgunit_subtree
    from danvan.organisations.services import admin_units_load, org_tree_build

    assert connection.vendor == {"pg": "postgresql", "sqlite": "sqlite"}[engine], connection.vendor
    step("migrate")
    call_command("migrate", verbosity=0)

    # 1. Load: both services on an empty database, timed separately.
    step("admin_units_load()")
    t0 = time.perf_counter()
    admin_units_load()
    t1 = time.perf_counter()
    step(f"  {t1 - t0:.1f} s; org_tree_build()")
    org_tree_build()
    t2 = time.perf_counter()
    step(f"  {t2 - t1:.1f} s")
    load = {
        "admin_units_load_s": round(t1 - t0, 2),
        "org_tree_build_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
    }
    load["total_pass"] = load["total_s"] < TARGET_LOAD_TOTAL_S
    counts = {
        "admin_units": AdminUnit.objects.count(),
        "org_units": OrgUnit.objects.count(),
        "closure_rows": OrgUnitClosure.objects.count(),
    }
    step(f"counts: {counts}")

    # 2. Statistics. PostgreSQL: VACUUM ANALYZE, not ANALYZE alone. After a bulk load the visibility map is
    # still empty, so no index-only scan is possible until autovacuum has passed (which PostgreSQL 13+ does
    # by itself after many inserts); VACUUM brings the database to that steady state now. SQLite: ANALYZE.
    with connection.cursor() as cur:
        if engine == "pg":
            cur.execute("VACUUM ANALYZE")
        else:
            cur.execute("ANALYZE")
            cur.execute("PRAGMA optimize")
    size_mb = database_size_mb(connection, engine)
    step(f"database size: {size_mb:.1f} MB")

    # 3. The units to query, fetched once, outside the timings. Sorted by code, so that the same seed picks
    # the same units on both engines.
    rng = random.Random(args.seed)  # the units picked
    order_rng = random.Random(args.seed + 1)  # the order of the queries in a round (their number varies)
    provinces = list(
        OrgUnit.objects.filter(kind="party_committee", level="province", code__regex=r"^P\d+-TU$").order_by("code")
    )
    communes = list(OrgUnit.objects.filter(level="commune").only("id", "code", "depth").order_by("code"))
    all_ids = list(OrgUnit.objects.order_by("code").values_list("id", flat=True))
    assert provinces and communes, "the tree is empty"
    step(f"{len(provinces)} province party committees, {len(communes):,} commune units to pick from")

    # The queries, each a function of one random pick; each returns the number of rows it got.
    def baseline(pk):
        return len(list(OrgUnit.objects.filter(pk=pk).values_list("id", flat=True)))

    def subtree_ids(unit):
        return len(list(orgunit_subtree(unit).values_list("id", flat=True)))

    def subtree_count(unit):
        return orgunit_subtree(unit).count()

    def ancestors(unit):
        return len(orgunit_ancestors(unit))

    # Diagnostics, not targets: variants that show where the subtree query's time goes.
    def subtree_ids_unordered(unit):
        # Without OrgUnit.Meta.ordering (sort_order, name): what the ORDER BY costs.
        return len(list(orgunit_subtree(unit).order_by().values_list("id", flat=True)))

    def closure_ids(unit):
        # The closure table alone, no join to OrgUnit: what the (ancestor, descendant) index can give.
        return len(list(OrgUnitClosure.objects.filter(ancestor=unit).values_list("descendant_id", flat=True)))

    def set_page_cost(value):
        def run():
            with connection.cursor() as cur:
                cur.execute(f"SET random_page_cost = {value}")

        return run

    def reset_page_cost():
        with connection.cursor() as cur:
            cur.execute("RESET random_page_cost")

    queries = [
        Query("baseline_pk", "baseline: pk lookup", baseline, "id"),
        Query(
            "subtree_ids",
            "subtree of a province (ids)",
            subtree_ids,
            "province",
            target_p95_ms=TARGET_SUBTREE_P95_MS if engine == "pg" else None,
        ),
        Query("subtree_count", "subtree of a province (count)", subtree_count, "province"),
        Query("ancestors", "path commune unit → root", ancestors, "commune"),
        Query(
            "subtree_ids_unordered",
            "diag: subtree ids, no ORDER BY",
            subtree_ids_unordered,
            "province",
            diagnostic=True,
        ),
        Query("closure_ids", "diag: closure table only (ids)", closure_ids, "province", diagnostic=True),
    ]
    if engine == "pg":
        # The planner's choice between a hash join over all of OrgUnit and a nested loop on its primary key
        # depends on random_page_cost (default 4, meant for spinning disks; 1.1 is the usual SSD value).
        queries.append(
            Query(
                "subtree_ids_rpc11",
                "diag: subtree ids, random_page_cost=1.1",
                subtree_ids,
                "province",
                diagnostic=True,
                before=set_page_cost(1.1),
                after=reset_page_cost,
            )
        )
    pools = {"id": all_ids, "province": provinces, "commune": communes}

    # 4. Timings. Each round draws one random id, province and commune unit, and runs every query once, in a
    # shuffled order: the subtree variants see the same provinces, and a slow moment of the machine hits all
    # queries alike, so the ratios to the baseline stay fair.
    step(f"timing: {args.warmup} warm-up + {args.repeat} timed rounds")
    times = {q.name: [] for q in queries}
    rows = {q.name: [] for q in queries}
    for round_no in range(args.warmup + args.repeat):
        picks = {kind: rng.choice(pool) for kind, pool in pools.items()}
        order = list(queries)
        order_rng.shuffle(order)
        for q in order:
            arg = picks[q.pick]
            if q.before:
                q.before()
            start = time.perf_counter()
            n = q.fn(arg)
            elapsed = time.perf_counter() - start
            if q.after:
                q.after()
            if round_no >= args.warmup:
                times[q.name].append(elapsed * 1000)
                rows[q.name].append(n)

    base = summarise(times["baseline_pk"])
    results = []
    for q in queries:
        s = summarise(times[q.name])
        entry = {
            "name": q.name,
            "label": q.label,
            "diagnostic": q.diagnostic,
            "rows_mean": round(statistics.fmean(rows[q.name]), 1),
            **s,
            "p50_ratio": round(s["p50_ms"] / base["p50_ms"], 2),
            "p95_ratio": round(s["p95_ms"] / base["p95_ms"], 2),
            "target_p95_ms": q.target_p95_ms,
            "pass": None if q.target_p95_ms is None else s["p95_ms"] < q.target_p95_ms,
        }
        results.append(entry)

    # 5. The plans of the real calls, for the median-sized province and one of the deepest commune units:
    # they show which indexes the queries use. The SQL is captured as Django runs it, then explained.
    sizes = sorted((subtree_count(p), p.code, p) for p in provinces)
    sample_province = sizes[len(sizes) // 2][2]
    sample_commune = max(communes, key=lambda u: (u.depth, u.code))
    plans = {}
    for q in queries:
        if q.name == "baseline_pk":
            continue
        arg = sample_province if q.pick == "province" else sample_commune
        if q.before:
            q.before()
        plans[q.name] = explain(connection, engine, q.fn, arg)
        if q.after:
            q.after()
        print(f"\n--- EXPLAIN {q.name} ({arg.code}) ---\n{plans[q.name]}")
    print(flush=True)

    report = {
        "benchmark": "org_tree",
        "engine": engine,
        "server": server_version(connection, engine),
        "measured_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "git_commit": git_commit(),
        "repeat": args.repeat,
        "warmup": args.warmup,
        "seed": args.seed,
        "load": load,
        "counts": counts,
        "database_size_mb": round(size_mb, 1),
        "province_subtree_rows": {
            "min": sizes[0][0],
            "median": sizes[len(sizes) // 2][0],
            "mean": round(statistics.fmean(n for n, _c, _p in sizes), 1),
            "max": sizes[-1][0],
        },
        "queries": results,
        "explain": plans,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"org_tree-{engine}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


@dataclass
class Query:
    name: str
    label: str
    fn: Callable  # fn(pick) -> number of rows
    pick: str  # "id", "province" or "commune": what it is called with
    target_p95_ms: float | None = None
    diagnostic: bool = False  # a variant to explain the figures, not something the application runs
    before: Callable | None = None  # run outside the timer, before and after each call
    after: Callable | None = None


def explain(connection, engine: str, fn, arg) -> str:
    """Run fn(arg) once, capture its one SQL statement, and return that statement's plan.

    PostgreSQL: EXPLAIN (ANALYZE, BUFFERS), i.e. executed, with the server-side time.
    SQLite: EXPLAIN QUERY PLAN.
    """
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn(arg)
    assert len(captured.captured_queries) == 1, captured.captured_queries
    sql = captured.captured_queries[0]["sql"]
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if engine == "pg" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cur:
        cur.execute(prefix + sql)
        rows = cur.fetchall()
    if engine == "pg":
        lines = [row[0] for row in rows]
    else:
        lines = [str(row[-1]) for row in rows]  # rows are (id, parent, notused, detail)
    return sql + "\n" + "\n".join(lines)


def recreate_pg_database(url: str) -> None:
    """DROP and CREATE the database named in `url`, connected to the server's "postgres" database."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in PROTECTED_DATABASES:
        raise SystemExit(f"Refusing to drop database {name!r}.")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    step(f"drop + create database {name}")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_size_mb(connection, engine: str) -> float:
    with connection.cursor() as cur:
        if engine == "pg":
            cur.execute("SELECT pg_database_size(current_database())")
            return cur.fetchone()[0] / 2**20
        # Fold the write-ahead log back into the file first, so the file size is the whole database.
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(connection.settings_dict["NAME"]).stat().st_size / 2**20


def summarise(ms: list[float]) -> dict:
    # statistics.quantiles with n=100 gives the 1st..99th percentiles; "inclusive" interpolates in the data.
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "p50_ms": round(q[49], 3),
        "p95_ms": round(q[94], 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "min_ms": round(min(ms), 3),
        "max_ms": round(max(ms), 3),
        "n": len(ms),
    }


def server_version(connection, engine: str) -> str:
    with connection.cursor() as cur:
        if engine == "pg":
            cur.execute("SHOW server_version")
            return f"PostgreSQL {cur.fetchone()[0]}"
        cur.execute("SELECT sqlite_version()")
        return f"SQLite {cur.fetchone()[0]}"


def machine() -> dict:
    info = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other work on the machine skews the timings: the 1/5/15-minute load when the timings ended.
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(line for line in f if line.startswith("MemTotal:")).split()[1])
        info["memory_gib"] = round(kib / 2**20, 1)
    except (OSError, StopIteration, ValueError):
        pass
    try:
        import django

        info["django"] = django.get_version()
    except ImportError:
        pass
    return info


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


STARTED = time.perf_counter()


def step(message: str) -> None:
    # Seconds since the start rather than the clock time: django.setup() switches the process's time zone.
    print(f"[{time.perf_counter() - STARTED:6.1f} s] {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())

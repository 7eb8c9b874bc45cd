"""Grassroots democracy at national scale: the compliance pages as pages, on PostgreSQL.

Builds its own database (dropped and created; default `danvan_demo10_bench`): the national tree (34 provinces, 3,321
communes), a base for every commune, and --years (default 10) of disclosures made with SQL: each quarter's budget
(item 2), each year's plan (item 1) and a few items "when they arise"; about one posting in eight is late, one in ten
is taken down before 30 days and one in twelve quarters is missing, so the tables have communes behind. Then it
measures whole pages through Django's test Client (routing, every middleware, the view, the selectors, the template;
DEBUG off), each user logged in once, every case once per round in a shuffled order, p50 / p95 / max with query
counts, next to baselines timed in the same rounds:
  - the national compliance table (centre officer, /dan-chu/tong-hop/?unit=TW, a quarter; the page's 100 rows of the
    3,321 communes, sorted behind-first over all of them)
  - a province's table (Bắc Ninh officer), a commune's own compliance page, and the API's national roll-up (100 rows)
  - baselines: the minimal module page as the same users, and a plain indexed count of the quarter's disclosures.

    .venv/bin/python bench/bench_democracy.py                    # results to bench/results/democracy.json
    .venv/bin/python bench/bench_democracy.py --reuse --repeat 60 --label after
    .venv/bin/python bench/bench_democracy.py --db danvan_NAME_bench --reuse --profile 10   # own database, cProfile

Since decision 0047 a calendar quarter's table is stored; the bench rebuilds the stored tables after its SQL load
(timed), times the national roll-up computed live (the old path) next to the stored read in the same rounds, and the
national XLSX export's work both ways.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, git_commit, machine, recreate_pg_database, step  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_demo10_bench"
TARGET_MS = 150
PROVINCE = "P24-TU"
COMMUNE = "C7288-DU"


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def generate(cur, *, years: int, last_year: int) -> dict:
    """A base per commune and its disclosures, with SQL; returns the counts."""
    cur.execute("SELECT id FROM accounts_user WHERE username = 'bench.democracy'")
    author = cur.fetchone()[0]
    # A run stopped half-way leaves bases without disclosures: start again from none.
    cur.execute("DELETE FROM democracy_disclosure")
    cur.execute("DELETE FROM democracy_base")
    cur.execute(
        """
        INSERT INTO democracy_base (public_id, kind, name, name_folded, unit_id, admin_unit_id, province_id,
            created_by_id, created_at)
        SELECT gen_random_uuid(), 'commune', a.name, lower(a.name), u.id, u.admin_unit_id, u.parent_id, %(author)s,
               now()
        FROM organisations_orgunit u
        JOIN organisations_orgunit p ON p.id = u.parent_id AND p.level = 'province'
        JOIN organisations_adminunit a ON a.id = u.admin_unit_id
        WHERE u.level = 'commune'
        """,
        {"author": author},
    )
    bases = cur.rowcount
    cur.execute("SELECT number, id FROM democracy_disclosureitem WHERE base_kind = 'commune'")
    items = dict(cur.fetchall())
    # One row per (base, quarter): the quarter's budget; in the first quarter also the year's plan; an "event" item
    # every other quarter. `h` is a per-row hash that decides late / short / missing.
    cur.execute(
        """
        INSERT INTO democracy_disclosure (public_id, base_id, item_id, title, forms_used, loudspeaker_days,
            start_date, end_date, is_published, withdrawn_note, posted_by_id, created_at, updated_at, version)
        SELECT gen_random_uuid(), b.id, x.item_id, 'Công khai ' || x.item_id || ' quý ' || q, '["niem_yet"]'::jsonb,
               NULL, x.start_date, x.start_date + CASE WHEN h %% 10 = 0 THEN 12 ELSE 45 END, h %% 3 = 0, '',
               %(author)s, now(), now(), 1
        FROM democracy_base b,
             generate_series(0, %(quarters)s - 1) q,
             LATERAL (SELECT ((b.id * 7919 + q * 104729) %% 1000)::int AS h) hh,
             LATERAL (
                SELECT %(budget)s AS item_id,
                       (make_date(%(first)s + q / 4, (q %% 4) * 3 + 1, 1)
                        + CASE WHEN h %% 8 = 0 THEN 40 ELSE h %% 20 END)::date AS start_date
                WHERE h %% 12 <> 0
                UNION ALL
                SELECT %(plan)s, (make_date(%(first)s + q / 4, 1, 1) + h %% 25)::date WHERE q %% 4 = 0
                UNION ALL
                SELECT %(event)s, (make_date(%(first)s + q / 4, (q %% 4) * 3 + 1, 1) + h %% 60)::date
                WHERE q %% 2 = 1
             ) x
        WHERE b.kind = 'commune'
        """,
        {
            "author": author,
            "quarters": years * 4,
            "first": last_year - years + 1,
            "budget": items[2],
            "plan": items[1],
            "event": items[5],
        },
    )
    disclosures = cur.rowcount
    cur.execute("ANALYZE")
    return {"bases": bases, "disclosures": disclosures}


def ensure_users():
    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit

    def user(username, code, role):
        found, _ = User.objects.get_or_create(username=username, defaults={"full_name": username, "password": "!"})
        RoleAssignment.objects.get_or_create(user=found, unit=OrgUnit.objects.get(code=code), role=role)
        return found

    User.objects.get_or_create(username="bench.democracy", defaults={"full_name": "bench", "password": "!"})
    return {
        "centre officer": user("bench.dc.centre", "TW", "officer"),
        "province officer": user("bench.dc.p24", PROVINCE, "officer"),
        "commune officer": user("bench.dc.c7288", COMMUNE, "officer"),
    }


def export_times(repeat: int, nation, q_start, q_end) -> dict:
    """The national XLSX export's work (the job's rows and file, without the queue), from the stored quarter and
    computed live, `repeat` rounds each, alternating."""
    from danvan.core.exporting import xlsx_bytes
    from danvan.democracy.compliance_store import stored_rollup
    from danvan.democracy.exports_compliance import PROVINCE_HEADERS, ROW_HEADERS, base_rows, province_rows
    from danvan.democracy.selectors import compliance_rollup

    def build(rows):
        return xlsx_bytes(
            sheets=[("Theo tỉnh", PROVINCE_HEADERS, province_rows(rows)), ("Chi tiết", ROW_HEADERS, base_rows(rows))]
        )

    ways = {
        "XLSX export, nation, stored quarter": lambda: list(
            stored_rollup(area=nation, kind="commune", start=q_start, end=q_end)
        ),
        "XLSX export, nation, computed live": lambda: compliance_rollup(
            area=nation, kind="commune", start=q_start, end=q_end
        ),
    }
    out = {name: {"ms": []} for name in ways}
    for _ in range(repeat):
        for name, rows_of in ways.items():
            t0 = time.perf_counter()
            rows = rows_of()
            content = build(rows)
            out[name]["ms"].append((time.perf_counter() - t0) * 1000)
            out[name].update(rows=len(rows), kib=round(len(content) / 1024, 1))
    for e in out.values():
        e.update(p50_ms=round(statistics.median(e["ms"]), 1), max_ms=round(max(e["ms"]), 1))
        del e["ms"]
    return out


def profile_page(client, url: str, n: int) -> None:
    """cProfile `n` requests of one page; the 25 costliest functions by cumulative and by own time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_URL, help="dropped and created unless --reuse")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--label", default="")
    parser.add_argument("--reuse", action="store_true", help="keep the database, its tree and its data")
    parser.add_argument("--db", help="database name on the default server (instead of --postgres-url's)")
    parser.add_argument(
        "--skip-rebuild", action="store_true", help="with --reuse: the stored tables are already current"
    )
    parser.add_argument("--export-repeat", type=int, default=5, help="rounds of the national XLSX export")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also cProfile N requests of the national page"
    )
    args = parser.parse_args()
    if args.db:
        args.postgres_url = DEFAULT_URL.rsplit("/", 1)[0] + "/" + args.db
    if not args.reuse:
        recreate_pg_database(args.postgres_url)
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-bench-democracy-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from danvan.api.services import api_token_create
    from danvan.democracy.models import Base, Disclosure
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build

    step("migrate, load the tree")
    call_command("migrate", "--noinput", verbosity=0)
    if not OrgUnit.objects.exists():
        admin_units_load(actor=None)
        org_tree_build(actor=None)
    users = ensure_users()
    today = dt.date.today()
    # The last full quarter is the one measured; the years end with it.
    quarter = (today.month - 1) // 3  # this quarter's number - 1 = the last full one (0: last year's 4th)
    year, number = (today.year, quarter) if quarter else (today.year - 1, 4)
    period = f"quarter-{year}-{number}"
    results: dict = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "period": period}
    if not Disclosure.objects.exists():
        step(f"{args.years} years of disclosures for every commune")
        started = time.perf_counter()
        with connection.cursor() as cur:
            results["rows"] = generate(cur, years=args.years, last_year=year)
        results["generate_s"] = round(time.perf_counter() - started, 1)
        step(f"generated: {results['rows']} in {results['generate_s']} s")
    else:
        results["rows"] = {"bases": Base.objects.count(), "disclosures": Disclosure.objects.count()}
    # The stored per-quarter tables (decision 0047): the SQL load went around the services, so rebuild them all.
    if not args.skip_rebuild:
        step("rebuild the stored compliance tables (democracy_compliance_rebuild)")
        started = time.perf_counter()
        call_command("democracy_compliance_rebuild", verbosity=0, stdout=open(os.devnull, "w"))
        results["summary_rebuild_s"] = round(time.perf_counter() - started, 1)
        step(f"rebuilt in {results['summary_rebuild_s']} s")
    clients = {}
    for user in users.values():
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    _token, key = api_token_create(actor=users["centre officer"], user=users["centre officer"], name="bench")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    commune_base = Base.objects.get(unit__code=COMMUNE)
    q_start = dt.date(year, 3 * number - 2, 1)
    q_end = dt.date(year + (number == 4), (3 * number) % 12 + 1, 1) - dt.timedelta(days=1)

    def plain_count():
        return Disclosure.objects.filter(start_date__range=(q_start, q_end)).count()

    centre, province, commune = users["centre officer"], users["province officer"], users["commune officer"]
    pages = [
        ("centre officer: minimal page (baseline)", centre, "/phan-he/democracy/"),
        ("province officer: minimal page (baseline)", province, "/phan-he/democracy/"),
        ("centre officer: national compliance page", centre, f"/dan-chu/tong-hop/?unit=TW&period={period}"),
        (
            "centre officer: national compliance page 30",
            centre,
            f"/dan-chu/tong-hop/?unit=TW&period={period}&page=30",
        ),
        ("province officer: province compliance page", province, f"/dan-chu/tong-hop/?unit={PROVINCE}&period={period}"),
        (
            "commune officer: the commune's compliance page",
            commune,
            f"/dan-chu/co-so/{commune_base.public_id}/tuan-thu/?period={period}",
        ),
        (
            "centre token: API national roll-up (100 rows)",
            None,
            f"/api/v1/democracy/compliance?unit=TW&period={period}&limit=100",
        ),
    ]
    from danvan.democracy.compliance_store import stored_rollup
    from danvan.democracy.selectors import compliance_rollup

    nation = OrgUnit.objects.get(code="TW")

    def live_rollup():
        # The roll-up as the page computed it before decision 0047: every commune, counted and sorted in Python.
        return compliance_rollup(area=nation, kind="commune", start=q_start, end=q_end)[:100]

    def stored_page():
        table = stored_rollup(area=nation, kind="commune", start=q_start, end=q_end)
        return len(table), table.behind, table[0:100]

    calls = {
        "plain indexed count: the quarter's disclosures (baseline, no page)": plain_count,
        "selector: national roll-up computed live (the old path)": live_rollup,
        "selector: national roll-up read from the stored quarter": stored_page,
    }
    cases = pages + [(name, None, None) for name in calls]
    counter = {"queries": 0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    samples = {name: {"wall": [], "queries": set(), "bytes": 0} for name, *_ in cases}
    errors = []
    rng = random.Random(20261206)
    step(f"{len(cases)} cases × {args.repeat} rounds (+{args.warmup} warm-up)")
    with connection.execute_wrapper(wrapper):
        for round_no in range(args.warmup + args.repeat):
            order = list(cases)
            rng.shuffle(order)
            for name, user, url in order:
                counter["queries"] = 0
                t0 = time.perf_counter()
                if url is None:
                    calls[name]()
                    status, size = 200, 0
                else:
                    response = (clients[user.pk] if user else api).get(url)
                    status, size = response.status_code, len(response.content)
                wall = time.perf_counter() - t0
                if status != 200:
                    errors.append((name, url, status))
                if round_no < args.warmup:
                    continue
                s = samples[name]
                s["wall"].append(wall * 1000)
                s["queries"].add(counter["queries"])
                s["bytes"] = size
    results["export"] = export_times(args.export_repeat, nation, q_start, q_end)
    if args.profile:
        profile_page(clients[centre.pk], f"/dan-chu/tong-hop/?unit=TW&period={period}", args.profile)
    rows = []
    for name, _user, url in cases:
        s = samples[name]
        rows.append(
            {
                "case": name,
                "url": url,
                "p50_ms": round(statistics.median(s["wall"]), 1),
                "p95_ms": round(pct(s["wall"], 0.95), 1),
                "max_ms": round(max(s["wall"]), 1),
                "queries": sorted(s["queries"]),
                "kib": round(s["bytes"] / 1024, 1),
            }
        )
    results.update(
        {"label": args.label, "repeat": args.repeat, "commit": git_commit(), "machine": machine(), "pages": rows}
    )
    results["errors"] = errors[:20]
    out = ROOT / "bench" / "results" / (f"democracy-{args.label}.json" if args.label else "democracy.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results["rows"]), results.get("generate_s", ""))
    print(f"\n{'case':<58}{'p50':>8}{'p95':>8}{'max':>8}{'queries':>9}{'KiB':>7}")
    for r in rows:
        flag = "" if "baseline" in r["case"] or r["p95_ms"] < TARGET_MS else f"  > {TARGET_MS} ms"
        queries = "/".join(map(str, r["queries"]))
        print(f"{r['case']:<58}{r['p50_ms']:>8}{r['p95_ms']:>8}{r['max_ms']:>8}{queries:>9}{r['kib']:>7}{flag}")
    for name, e in results["export"].items():
        print(f"{name:<58}{e['p50_ms']:>8}{e['max_ms']:>16}  rows {e['rows']}, {e['kib']} KiB")
    if errors:
        print("\nERRORS (status ≠ 200):", errors[:20])
    print(f"\nload average at the end: {results['machine']['load_average']}; results: {out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

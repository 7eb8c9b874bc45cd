"""The people's situation at scale (issue 11): the map, a province's digest, "areas that did not report", the job.

Generates, with SQL on PostgreSQL, five years of monthly situation reports (--months, default 60) from every
commune Party committee (3,321) and every province committee (34) — about 200,000 reports, each with one to three
topics; one in twenty is left a draft, so some areas "did not report" — and --hotspots (default 100,000) hotspots
over the same years, spread over the communes, a third still active, one in thirty restricted, with one or two
topics each. Then measures p50/p95, interleaved (each round runs every case once, in a shuffled order, so a busy
moment of the shared machine hits all of them alike):
  (a) the national map for a month (hotspots and reporting coverage of 34 provinces)  — digests.map_data
  (b) one province's commune map for the same month
  (c) one province's monthly digest data (Bắc Ninh)                                     — digests.digest_data
  (d) "areas that did not report" this month: one province, and the nation              — digests.not_reported
  next to plain indexed counts in the same rounds: the month's hotspots, and one province's submitted reports of
  the month;
and, once each, the job that makes the monthly and the weekly digests of the centre and all 34 provinces (DOCX
included) — services.digests_generate_all.

    .venv/bin/python bench/bench_situation.py --postgres-url postgres://postgres@127.0.0.1:5432/dv_sitdigest_bench
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, database_size_mb, recreate_pg_database, step, summarise  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/dv_sitdigest_bench"
TARGET_MS = 100
JOB_TARGET_S = 30


def generate(cur, *, months: int, hotspots: int, first: dt.date) -> dict:
    """Reports and hotspots with SQL; returns their counts."""
    cur.execute("SELECT id FROM accounts_user WHERE username = 'bench.situation'")
    author = cur.fetchone()[0]
    # Each reporting unit and its province committee (the province-level ancestor), once.
    cur.execute(
        """
        CREATE TEMP TABLE reporter AS
        SELECT u.id AS unit_id, p.id AS province_id
        FROM organisations_orgunit u
        JOIN organisations_orgunitclosure c ON c.descendant_id = u.id
        JOIN organisations_orgunit p ON p.id = c.ancestor_id AND p.level = 'province'
        WHERE u.kind = 'party_committee' AND u.level IN ('commune', 'province')
        """
    )
    cur.execute(
        """
        INSERT INTO situation_situationreport (code, unit_id, province_id, kind, period_month, event_name, area_id,
            mood, trend, opinions, proposals, restricted, status, created_by_id, created_at, updated_at, submitted_at)
        SELECT 'TH-B-' || r.unit_id || '-' || m, r.unit_id, r.province_id, 'monthly',
               (%(first)s::date + make_interval(months => m))::date, '', NULL,
               (ARRAY['stable','concerned','worried','tense'])[1 + (r.unit_id + m) %% 4],
               (ARRAY['better','same','worse'])[1 + (r.unit_id * 7 + m) %% 3],
               'Nhân dân quan tâm đời sống, việc làm.', '', false,
               CASE WHEN (r.unit_id * 31 + m * 17) %% 20 = 0 THEN 'draft' ELSE 'submitted' END,
               %(author)s, now(), now(),
               CASE WHEN (r.unit_id * 31 + m * 17) %% 20 = 0 THEN NULL
                    ELSE (%(first)s::date + make_interval(months => m + 1, days => (r.unit_id %% 10)::int))::timestamptz
               END
        FROM reporter r, generate_series(0, %(months)s - 1) m
        """,
        {"first": first, "months": months, "author": author},
    )
    reports = cur.rowcount
    cur.execute(
        """
        WITH t AS (SELECT array_agg(id ORDER BY id) AS ids FROM situation_topic)
        INSERT INTO situation_situationreport_topics (situationreport_id, topic_id)
        SELECT DISTINCT r.id, t.ids[1 + (r.id * k * 7) % array_length(t.ids, 1)]
        FROM situation_situationreport r, t, generate_series(1, 1 + r.id % 3) k
        """
    )
    report_topics = cur.rowcount
    cur.execute(
        """
        WITH c AS (SELECT array_agg(unit_id ORDER BY unit_id) AS ids FROM reporter r
                   JOIN organisations_orgunit u ON u.id = r.unit_id WHERE u.level = 'commune'),
             s AS (SELECT array_agg(id ORDER BY rank) AS ids FROM situation_severitylevel)
        INSERT INTO situation_hotspot (code, unit_id, province_id, title, occurred_on, place_unit_id, place_text,
            people_involved, severity_id, description, handled_by, status, resolved_at, restricted, created_by_id,
            created_at, updated_at)
        SELECT 'DN-B-' || g, pick.unit_id, r.province_id, 'Vụ việc ' || g,
               (%(first)s::date + (g * 7919 %% (%(months)s * 30)))::date, pick.unit_id, 'Thôn ' || g %% 9,
               5 + g %% 200, s.ids[1 + g %% array_length(s.ids, 1)], 'Diễn biến vụ việc.', '',
               CASE WHEN g %% 3 = 0 THEN (ARRAY['new','acknowledged','handling'])[1 + g %% 9 / 3] ELSE 'resolved' END,
               CASE WHEN g %% 3 = 0 THEN NULL ELSE now() END, g %% 30 = 0, %(author)s, now(), now()
        FROM generate_series(1, %(hotspots)s) g, c, s,
             LATERAL (SELECT c.ids[1 + ((g::bigint * 104729) %% array_length(c.ids, 1))::int] AS unit_id) pick
        JOIN reporter r ON r.unit_id = pick.unit_id
        """,
        {"first": first, "months": months, "hotspots": hotspots, "author": author},
    )
    made = cur.rowcount
    cur.execute(
        """
        WITH t AS (SELECT array_agg(id ORDER BY id) AS ids FROM situation_topic)
        INSERT INTO situation_hotspot_topics (hotspot_id, topic_id)
        SELECT DISTINCT h.id, t.ids[1 + (h.id * k * 13) % array_length(t.ids, 1)]
        FROM situation_hotspot h, t, generate_series(1, 1 + h.id % 2) k
        """
    )
    hotspot_topics = cur.rowcount
    cur.execute("ANALYZE")
    return {"reports": reports, "report_topics": report_topics, "hotspots": made, "hotspot_topics": hotspot_topics}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_PG_URL, help="dropped and created")
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--hotspots", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database and its tree (loading it takes minutes); new data"
    )
    args = parser.parse_args()
    if not args.reuse:
        recreate_pg_database(args.postgres_url)
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import User
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build
    from danvan.situation import digests, services
    from danvan.situation.models import Hotspot, SituationReport

    step("migrate, load the tree")
    call_command("migrate", "--noinput", verbosity=0)
    if not (args.reuse and OrgUnit.objects.exists()):
        admin_units_load(actor=None)
        org_tree_build(actor=None)
    with connection.cursor() as cur:
        cur.execute(
            # CASCADE: the meeting digests and hotspot–case links added since (decisions 0035, 0046) go with them.
            "TRUNCATE situation_meetingdigest, situation_digest, situation_hotspotalert, situation_hotspot_cases,"
            " situation_hotspot_topics, situation_hotspot_petitions, "
            "situation_hotspot_dialogues, situation_hotspot_named_people, situation_hotspot, "
            "situation_situationreport_topics, situation_situationreport_named_people, situation_situationreport CASCADE"
        )
    User.objects.get_or_create(username="bench.situation")
    # The last month of the five years is the "month" measured; the years end last month.
    today = dt.date.today()
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    index = last.year * 12 + last.month - 1 - (args.months - 1)
    first = dt.date(index // 12, index % 12 + 1, 1)
    results: dict = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "month": last.isoformat()}
    step(f"{args.months} months of reports from every commune and province, {args.hotspots:,} hotspots")
    started = time.perf_counter()
    with connection.cursor() as cur:
        results["rows"] = generate(cur, months=args.months, hotspots=args.hotspots, first=first)
    results["generate_s"] = round(time.perf_counter() - started, 1)
    step(f"generated: {results['rows']} in {results['generate_s']} s")

    province = OrgUnit.objects.get(code="P24-TU")
    nation = digests.Area(unit=OrgUnit.objects.get(code="TW"), province=None)
    bac_ninh = digests.area_of(province)
    month_end = digests.period_bounds("monthly", last)[1]
    province_ids = bac_ninh.province_unit_ids
    cases = {
        "national map, a month": lambda: digests.map_data(area=nation, month=last),
        "province commune map, a month": lambda: digests.map_data(area=bac_ninh, month=last),
        "province digest data (monthly)": lambda: digests.digest_data(unit=province, kind="monthly", start=last),
        "not reported, one province": lambda: digests.not_reported(bac_ninh, last),
        "not reported, the nation": lambda: digests.not_reported(nation, last),
        "plain count: the month's hotspots": lambda: Hotspot.objects.filter(
            occurred_on__range=(last, month_end)
        ).count(),
        "plain count: a province's reports of the month": lambda: SituationReport.objects.filter(
            province_id__in=province_ids, period_month=last, status="submitted"
        ).count(),
    }
    for fn in cases.values():  # warm up: plans and caches, once each
        fn()
    step(f"{args.repeat} interleaved rounds")
    timings: dict[str, list[float]] = {name: [] for name in cases}
    order = list(cases)
    for _round in range(args.repeat):
        random.shuffle(order)
        for name in order:
            start = time.perf_counter()
            cases[name]()
            timings[name].append((time.perf_counter() - start) * 1000)
    results["p95"] = {name: summarise(ms) for name, ms in timings.items()}
    step("the digest job for the whole country")
    jobs = {}
    for kind, start_day in (("monthly", last), ("weekly", month_end - dt.timedelta(days=6))):
        started = time.perf_counter()
        made = services.digests_generate_all(kind=kind, start=start_day)
        jobs[kind] = {"digests": made, "seconds": round(time.perf_counter() - started, 2)}
    results["job"] = jobs
    from danvan.situation.models import Digest

    national = Digest.objects.get(unit__code="TW", kind="monthly")
    results["national_digest"] = {
        "new_hotspots": national.data["new_total"],
        "not_reported": len(national.data["not_reported"]),
        "docx_kb": round(len(bytes(national.document)) / 1024, 1),
    }
    results["database_mb"] = round(database_size_mb(connection, "pg"), 1)
    out = ROOT / "bench" / "results" / f"situation-{today.isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(json.dumps(results, indent=1, ensure_ascii=False))
    for name, s in results["p95"].items():
        flag = "" if name.startswith("plain") or s["p95_ms"] < TARGET_MS else f"  > {TARGET_MS} ms"
        print(f"{name:<50} p50 {s['p50_ms']:8.1f} ms   p95 {s['p95_ms']:8.1f} ms{flag}")
    for kind, j in jobs.items():
        flag = "" if j["seconds"] < JOB_TARGET_S else f"  > {JOB_TARGET_S} s"
        print(f"digest job ({kind}): {j['digests']} digests in {j['seconds']} s{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

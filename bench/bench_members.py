"""Members counted once at scale (issue 12): statistics from the maintained counts against a plain count.

Generates N people (default 1,000,000; the issue's national figure is 30,000,000) spread over all 3,321 communes,
1.5 memberships each on average (half the people in two organisations: 45 M / 30 M), in one branch per commune
and organisation, with SQL on PostgreSQL. Builds MemberTally with the verifying recount (`tally_verify`), then
measures p50/p95 of:
  (a) the counted-once statistics of one commune, one province and the nation  — selectors.member_statistics
  (b) next to each, a plain indexed `count(DISTINCT person)` over the memberships of the same area
  (c) the duplicate check for one new person (CCCD lookup, and name + date of birth + commune lookup)
  (d) an import of one branch's list of --rows rows (check + write, one transaction): rows per second, peak memory
and the database size.

    .venv/bin/python bench/bench_members.py --people 1000000

`--population` measures instead the population-of-age import (issue 12, decision 0041) of one province's file and
of the nation's (3,321 communes, one row each with men and women), check and write, next to a baseline measured in
the same rounds: reading and checking the same file without writing (`population_import_check`). Time and query
count; no members are generated.

    .venv/bin/python bench/bench_members.py --population --rounds 5 [--reuse]
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, database_size_mb, recreate_pg_database, step, summarise  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_members"


def timed(fn, repeat: int) -> dict:
    ms = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - start) * 1000)
    return summarise(ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_PG_URL, help="dropped and created")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=5000, help="rows of the imported list")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--population", action="store_true", help="measure the population import only")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the population import")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database: its tree (loading takes minutes) and, for members, the people and counts generated",
    )
    args = parser.parse_args()
    if args.population:
        return bench_population(url=args.postgres_url, rounds=args.rounds, reuse=args.reuse)
    if not args.reuse:
        recreate_pg_database(args.postgres_url)
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.members.models import Person

    today = dt.date.today()
    out = ROOT / "bench" / "results" / f"members-{args.people}-{today.isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    results: dict = {"people": args.people, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}

    def keep() -> None:
        # Written after every step: a long run that stops still leaves what it measured.
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False))

    step("migrate, load the tree")
    call_command("migrate", "--noinput", verbosity=0)
    reused = args.reuse and Person.objects.exists()
    if reused:
        step("--reuse: the people, memberships and counts already there are kept")
        results.update(json.loads(out.read_text()) if out.exists() else {})
        # Its own file: a generating run may still be writing the first one (its recount and verification).
        out = out.with_name(f"{out.stem}-reads.json")
    else:
        generate(args, results, keep)
    bench_reads(args, results, keep, today)
    step(f"import of a {args.rows:,}-row list")
    results["import"] = bench_import(rows=args.rows)
    results["database_mb"] = round(database_size_mb(connection, "pg"), 1)
    keep()
    print(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


def generate(args, results: dict, keep) -> None:
    from django.db import connection

    from danvan.members.tally import tally_verify
    from danvan.organisations.services import admin_units_load, org_tree_build

    admin_units_load(actor=None)
    org_tree_build(actor=None)
    with connection.cursor() as cur:
        step("branches: one per commune and organisation")
        cur.execute(
            """
            INSERT INTO members_branch (code, organisation_id, owner_id, place_id, commune_id, name, name_folded, created_at)
            SELECT 'CH-' || u.id || '-' || o.code, o.id, u.id, NULL, u.admin_unit_id, 'Chi hội ' || u.name,
                   lower(u.code), now()
            FROM organisations_orgunit u JOIN members_organisation o ON o.unit_kind = u.kind
            WHERE u.level = 'commune' AND u.admin_unit_id IS NOT NULL
            """
        )
        results["branches"] = cur.rowcount
        step(f"{args.people:,} people")
        started = time.perf_counter()
        cur.execute(
            """
            WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM organisations_adminunit
                       WHERE generation = 'current' AND level = 'commune')
            INSERT INTO members_person (public_id, full_name, name_folded, cccd, birth_date, sex, ethnicity, religion,
                                        occupation, commune_id, village_name, created_at, version)
            SELECT gen_random_uuid(), 'Người ' || g, 'nguoi ' || g, '', date '1940-01-01' + (g::bigint * 7919 %% 25000)::int,
                   CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END, 'Kinh', '', '', c.ids[1 + g %% array_length(c.ids, 1)],
                   '', now(), 1
            FROM generate_series(1, %s) g, c
            """,
            [args.people],
        )
        step("memberships: everyone in one organisation, half of them in a second")
        cur.execute(
            """
            WITH o AS (SELECT array_agg(id ORDER BY sort_order) AS ids, count(*) AS n FROM members_organisation
                       WHERE id IN (SELECT organisation_id FROM members_branch))
            INSERT INTO members_membership (person_id, organisation_id, branch_id, joined_on, left_on, role, created_at)
            SELECT p.id, b.organisation_id, b.id, NULL, NULL, '', now()
            FROM members_person p, o, LATERAL (VALUES (o.ids[1 + p.id % o.n]), (CASE WHEN p.id % 2 = 0
                 THEN o.ids[1 + (p.id + 1) % o.n] END)) AS pick(org)
            JOIN members_branch b ON b.organisation_id = pick.org
            WHERE pick.org IS NOT NULL AND b.commune_id = p.commune_id
            """
        )
        results["memberships"] = cur.rowcount
        results["generate_s"] = round(time.perf_counter() - started, 1)
        cur.execute("ANALYZE")
    results["database_mb_generated"] = round(database_size_mb(connection, "pg"), 1)
    keep()
    step("build the maintained counts by a full recount")
    started = time.perf_counter()
    outcome = tally_verify(repair=True)
    results["recount_s"] = round(time.perf_counter() - started, 1)
    results["tally_rows"] = outcome["rows"]
    started = time.perf_counter()
    assert tally_verify()["differences"] == []
    results["verify_s"] = round(time.perf_counter() - started, 1)
    keep()


def bench_reads(args, results: dict, keep, today: dt.date) -> None:
    from django.db import connection

    from danvan.members.models import Person
    from danvan.members.selectors import member_statistics
    from danvan.organisations.models import AdminUnit

    commune = AdminUnit.objects.get(code="C7288")
    province = AdminUnit.objects.get(code="P24")
    province_communes = list(AdminUnit.objects.filter(parent=province, level="commune").values_list("id", flat=True))

    def plain(where: str, params) -> None:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT count(DISTINCT m.person_id) FROM members_membership m JOIN members_person p "
                f"ON p.id = m.person_id WHERE m.left_on IS NULL {where}",
                params,
            )
            cur.fetchone()

    step("statistics p95")
    results["statistics"] = {
        "commune": timed(lambda: member_statistics(scope="C7288", today=today), args.repeat),
        "commune_plain_count": timed(lambda: plain("AND p.commune_id = %s", [commune.pk]), args.repeat),
        "province": timed(lambda: member_statistics(scope="P24", today=today), args.repeat),
        "province_plain_count": timed(
            lambda: plain("AND p.commune_id = ANY(%s)", [province_communes]), max(5, args.repeat // 5)
        ),
        "nation": timed(lambda: member_statistics(scope="VN", today=today), args.repeat),
        "nation_plain_count": timed(lambda: plain("", []), 3),
    }
    keep()
    step("duplicate check for one new person")
    # One person from the middle of the table (order_by("?") would sort every row).
    someone = Person.objects.filter(pk__gte=Person.objects.order_by("-pk").values_list("pk", flat=True)[0] // 2).first()
    results["duplicate_check"] = {
        "by_cccd": timed(lambda: list(Person.objects.filter(cccd="024180001234")), args.repeat),
        "by_name_birth_commune": timed(
            lambda: list(
                Person.objects.filter(
                    name_folded=someone.name_folded, birth_date=someone.birth_date, commune=someone.commune_id
                )
            ),
            args.repeat,
        ),
    }
    keep()


def bench_import(*, rows: int) -> dict:
    from danvan.accounts.models import RoleAssignment, User
    from danvan.members.imports import members_import, read_member_table
    from danvan.members.models import Branch
    from danvan.organisations.models import OrgUnit

    officer, _ = User.objects.get_or_create(username="bench.hnd")
    RoleAssignment.objects.get_or_create(user=officer, unit=OrgUnit.objects.get(code="C7288-HND"), role="officer")
    branch = Branch.objects.get(owner__code="C7288-HND")
    lines = ["Họ tên,Ngày sinh,Giới tính,CCCD,Dân tộc,Tôn giáo,Nghề nghiệp,Địa chỉ thôn,Ngày vào"]
    # New names on every run, so that a run on a reused database writes its list too instead of finding it there.
    run = "".join(chr(ord("A") + int(d)) for d in str(time.time_ns())[-6:])
    for i in range(rows):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=i % 15000)
        lines.append(
            f"Hội viên Mới {run} {i},{born:%d/%m/%Y},{'Nam' if i % 2 else 'Nữ'},,Kinh,,Làm ruộng,Thôn {i % 9},"
        )
    content = "\n".join(lines).encode()
    tracemalloc.start()
    started = time.perf_counter()
    table = read_member_table(filename="ds.csv", content=content)
    summary = members_import(actor=officer, branch=branch, rows=table, decisions={})
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    started = time.perf_counter()
    again = members_import(actor=officer, branch=branch, rows=table, decisions={})
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "peak_python_mb": round(peak / 2**20, 1),
        "summary": summary,
        "reimport_seconds": round(time.perf_counter() - started, 2),
        "reimport_summary": again,
    }


def bench_population(*, url: str, rounds: int, reuse: bool) -> int:
    """The population import of one province and of the nation, against checking the same file without writing."""
    import random

    if not reuse:
        recreate_pg_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import RoleAssignment, User
    from danvan.members.models import CommunePopulation
    from danvan.members.population import (
        population_communes_for_user,
        population_import,
        population_import_check,
        read_population_table,
    )
    from danvan.organisations.models import AdminUnit, OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build

    step("migrate, load the tree")
    call_command("migrate", "--noinput", verbosity=0)
    if not (reuse and OrgUnit.objects.exists()):
        admin_units_load(actor=None)
        org_tree_build(actor=None)
    # Kept between runs (--reuse): their audit events protect them.
    centre, _ = User.objects.get_or_create(username="bench.pop.tw")
    RoleAssignment.objects.get_or_create(user=centre, unit=OrgUnit.objects.get(code="TW"), role="officer")
    # The province with the most communes.
    biggest = (
        AdminUnit.objects.filter(generation="current", level="commune")
        .values("parent__code")
        .annotate(n=django.db.models.Count("id"))
        .order_by("-n")
        .first()["parent__code"]
    )
    provincial, _ = User.objects.get_or_create(username="bench.pop.province")
    RoleAssignment.objects.get_or_create(
        user=provincial, unit=OrgUnit.objects.get(code=f"{biggest}-TU"), role="officer"
    )
    year = dt.date.today().year - 1
    CommunePopulation.objects.filter(year=year).delete()

    def csv_file(user, shift: int) -> bytes:
        # The template's layout (Tỉnh, Xã, Nam, Nữ, Tổng), every commune in the officer's scope, names as written.
        lines = ["Tỉnh,Xã,Nam,Nữ,Tổng"]
        for i, c in enumerate(population_communes_for_user(user=user)):
            male, female = 3000 + (i * 37 + shift) % 9000, 3100 + (i * 53 + shift) % 9000
            lines.append(f"{c.parent.name},{c.name},{male},{female},{male + female}")
        return "\n".join(lines).encode()

    class Counter:
        def __init__(self):
            self.n = 0

        def __call__(self, execute, sql, params, many, context):
            self.n += 1
            return execute(sql, params, many, context)

    def measure(fn) -> tuple[float, int]:
        counter = Counter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            fn()
            return (time.perf_counter() - started) * 1000, counter.n

    cases = {}
    for label, user in (("province", provincial), ("nation", centre)):
        rows = len(list(population_communes_for_user(user=user)))
        cases[label] = {"user": user, "rows": rows}
    results: dict = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "province": biggest, "cases": {}}
    times: dict[str, list] = {}
    queries: dict[str, int] = {}
    rng = random.Random(20261206)
    for round_no in range(rounds):
        step(f"round {round_no + 1}/{rounds}")
        order = [(label, kind) for label in cases for kind in ("check only", "import")]
        rng.shuffle(order)
        for label, kind in order:
            user = cases[label]["user"]
            # Every round changes every figure: an import writes (and audits) each commune.
            content = csv_file(user, shift=round_no * 11 + (1 if label == "nation" else 0))
            if kind == "check only":

                def run(user=user, content=content):
                    table = read_population_table(filename="dan-so.csv", content=content)
                    population_import_check(actor=user, year=year, rows=table)
            else:

                def run(user=user, content=content):
                    table = read_population_table(filename="dan-so.csv", content=content)
                    population_import(actor=user, year=year, rows=table, filename="dan-so.csv")

            ms, n = measure(run)
            times.setdefault(f"{label}: {kind}", []).append(ms)
            queries[f"{label}: {kind}"] = n
        # The same file again: nothing changes, nothing is written.
        content = csv_file(centre, shift=99)
        measure(
            lambda content=content: population_import(
                actor=centre, year=year, rows=read_population_table(filename="dan-so.csv", content=content)
            )
        )
        ms, n = measure(
            lambda content=content: population_import(
                actor=centre, year=year, rows=read_population_table(filename="dan-so.csv", content=content)
            )
        )
        times.setdefault("nation: the same file again (nothing written)", []).append(ms)
        queries["nation: the same file again (nothing written)"] = n
    for key, ms in times.items():
        label = key.split(":")[0]
        results["cases"][key] = {
            "rows": cases[label]["rows"],
            "median_s": round(sorted(ms)[len(ms) // 2] / 1000, 2),
            "min_s": round(min(ms) / 1000, 2),
            "max_s": round(max(ms) / 1000, 2),
            "queries": queries[key],
        }
    out = ROOT / "bench" / "results" / f"members-population-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

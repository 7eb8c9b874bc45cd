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

`--pages` times, on a database generated before (nothing is generated), the member pages over HTTP (Django's test
Client) as a commune and a province officer of Hội Nông dân — the list of branches (/hoi-vien/) and a branch's page
of 100 members — with query counts, next to the module page and a plain indexed count in the same rounds.

    .venv/bin/python bench/bench_members.py --pages --rounds 30 --postgres-url …

Generating bulk-loads: the secondary indexes and the constraints of members_person and members_membership are
dropped, the rows inserted in chunks of --chunk people (one INSERT … SELECT for the people, one for their
memberships), then the indexes rebuilt and the foreign keys validated (maintenance_work_mem 1 GB, two parallel
workers), in this script's session only. `--generate-only` stops there; a later `--reuse` run builds the counts
(the full recount) when there are none yet, then measures.
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
    parser.add_argument("--chunk", type=int, default=2_000_000, help="people generated per statement")
    parser.add_argument("--generate-only", action="store_true", help="stop once the people are generated")
    parser.add_argument("--no-verify", action="store_true", help="skip the second recount that verifies the counts")
    parser.add_argument("--population", action="store_true", help="measure the population import only")
    parser.add_argument(
        "--pages",
        action="store_true",
        help="on a generated database (kept as is): time the member pages over HTTP as a commune and a province officer",
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the population import")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database: its tree (loading takes minutes) and, for members, the people and counts generated",
    )
    args = parser.parse_args()
    if args.population:
        return bench_population(url=args.postgres_url, rounds=args.rounds, reuse=args.reuse)
    if args.pages:
        return bench_pages(url=args.postgres_url, rounds=args.rounds)
    if not args.reuse:
        recreate_pg_database(args.postgres_url)
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.members.models import MemberTally, Person

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
        if args.generate_only:
            return 0
    if not MemberTally.objects.exists():  # also a --reuse of a database whose generating run stopped before them
        build_counts(args, results, keep)
    bench_reads(args, results, keep, today)
    step(f"import of a {args.rows:,}-row list")
    results["import"] = bench_import(rows=args.rows)
    results["database_mb"] = round(database_size_mb(connection, "pg"), 1)
    keep()
    print(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


def generate(args, results: dict, keep) -> None:
    """The people and their memberships, bulk-loaded: the two tables' secondary indexes and constraints are dropped
    first and rebuilt (and the foreign keys validated) once the rows are in, in chunks of people so that the rates
    show while it runs. In this script only: the application never loads this way."""
    from django.db import connection

    from danvan.members.models import Branch
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build

    if not OrgUnit.objects.exists():  # kept by --reuse: loading the tree takes minutes
        admin_units_load(actor=None)
        org_tree_build(actor=None)
    tables = ("members_person", "members_membership")
    timings: dict = {}
    results["generate"] = timings
    with connection.cursor() as cur:
        step("branches: one per commune and organisation")
        Branch.objects.all().delete()
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
        # What to rebuild: every constraint but the primary keys (unique, foreign key, check), and every index that
        # backs no constraint, as PostgreSQL itself writes them.
        cur.execute(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f', 'c')
            ORDER BY CASE contype WHEN 'c' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, conname
            """,
            [list(tables)],
        )
        constraints = cur.fetchall()
        cur.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [list(tables)],
        )
        indexes = cur.fetchall()
        step(f"dropping {len(constraints)} constraints and {len(indexes)} indexes of {', '.join(tables)}")
        for table, name, _ in constraints:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {name}")
        # Lookups: communes in id order (person g lives in commune g mod n), organisations with branches in their
        # order, and the branch of each (commune, organisation).
        cur.execute(
            """
            CREATE TEMP TABLE bench_commune AS
            SELECT (row_number() OVER (ORDER BY id) - 1)::int AS ci, id FROM organisations_adminunit
            WHERE generation = 'current' AND level = 'commune'
            """
        )
        cur.execute(
            """
            CREATE TEMP TABLE bench_org AS
            SELECT (row_number() OVER (ORDER BY sort_order, id) - 1)::int AS oi, id FROM members_organisation
            WHERE id IN (SELECT organisation_id FROM members_branch)
            """
        )
        cur.execute(
            """
            CREATE TEMP TABLE bench_branch AS
            SELECT c.ci, o.oi, min(b.id) AS branch_id, o.id AS organisation_id
            FROM members_branch b JOIN bench_commune c ON c.id = b.commune_id JOIN bench_org o ON o.id = b.organisation_id
            GROUP BY c.ci, o.oi, o.id
            """
        )
        cur.execute("ALTER TABLE bench_branch ADD PRIMARY KEY (ci, oi)")
        for temp in ("bench_commune", "bench_org", "bench_branch"):
            cur.execute(f"ANALYZE {temp}")
        cur.execute("SELECT count(*) FROM bench_commune")
        communes = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM bench_org")
        orgs = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM members_person")
        base = cur.fetchone()[0]
        results["memberships"] = 0
        chunk = max(1, min(args.chunk, args.people))
        started = time.perf_counter()
        people_s = memberships_s = 0.0
        for first in range(1, args.people + 1, chunk):
            last = min(args.people, first + chunk - 1)
            t0 = time.perf_counter()
            cur.execute(
                """
                INSERT INTO members_person (id, public_id, full_name, name_folded, cccd, birth_date, sex, ethnicity,
                                            religion, occupation, commune_id, village_name, created_at, version)
                SELECT %(base)s + g, gen_random_uuid(), 'Người ' || g, 'nguoi ' || g, '',
                       date '1940-01-01' + (g::bigint * 7919 %% 25000)::int,
                       CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END, 'Kinh', '', '', c.id, '', now(), 1
                FROM generate_series(%(first)s, %(last)s) g JOIN bench_commune c ON c.ci = g %% %(communes)s
                """,
                {"base": base, "first": first, "last": last, "communes": communes},
            )
            t1 = time.perf_counter()
            # Everyone in one organisation, every second person in a second one, in their commune's branch.
            cur.execute(
                """
                INSERT INTO members_membership (person_id, organisation_id, branch_id, joined_on, left_on, role,
                                                created_at, person_name_folded, person_birth_date)
                SELECT %(base)s + g, b.organisation_id, b.branch_id, NULL, NULL, '', now(), 'nguoi ' || g,
                       date '1940-01-01' + (g::bigint * 7919 %% 25000)::int
                FROM generate_series(%(first)s, %(last)s) g
                CROSS JOIN LATERAL (VALUES ((%(base)s + g) %% %(orgs)s),
                                           (CASE WHEN (%(base)s + g) %% 2 = 0 THEN (%(base)s + g + 1) %% %(orgs)s END))
                     AS pick(oi)
                JOIN bench_branch b ON b.ci = g %% %(communes)s AND b.oi = pick.oi
                """,
                {"base": base, "first": first, "last": last, "communes": communes, "orgs": orgs},
            )
            results["memberships"] += cur.rowcount
            t2 = time.perf_counter()
            people_s += t1 - t0
            memberships_s += t2 - t1
            step(
                f"  people {first:,}–{last:,}: {(last - first + 1) / (t1 - t0):,.0f} people/s, "
                f"{cur.rowcount / (t2 - t1):,.0f} memberships/s ({time.perf_counter() - started:,.0f} s so far)"
            )
            timings.update(people_done=last, people_s=round(people_s, 1), memberships_s=round(memberships_s, 1))
            keep()
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('members_person', 'id'), (SELECT max(id) FROM members_person))"
        )
        # Each branch's maintained count of current members (the writes keep it from here on).
        t0 = time.perf_counter()
        cur.execute(
            "UPDATE members_branch b SET member_count = c.n FROM (SELECT branch_id, count(*) AS n "
            "FROM members_membership WHERE left_on IS NULL GROUP BY branch_id) c WHERE c.branch_id = b.id"
        )
        timings["branch_counts_s"] = round(time.perf_counter() - t0, 1)
        step("rebuilding the indexes and constraints, validating the foreign keys")
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute("SET max_parallel_maintenance_workers = 2")
        cur.execute("SET work_mem = '256MB'")  # the foreign keys' validating joins
        rebuilt: dict = {}
        for name, definition in indexes:
            t0 = time.perf_counter()
            cur.execute(definition)
            rebuilt[name] = round(time.perf_counter() - t0, 1)
            step(f"  {name}: {rebuilt[name]} s")
        for table, name, definition in constraints:  # checks and unique first, the foreign keys last
            t0 = time.perf_counter()
            cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            rebuilt[name] = round(time.perf_counter() - t0, 1)
            step(f"  {name}: {rebuilt[name]} s")
        cur.execute("RESET maintenance_work_mem")
        cur.execute("RESET max_parallel_maintenance_workers")
        cur.execute("RESET work_mem")
        timings["rebuild_s"] = rebuilt
        t0 = time.perf_counter()
        cur.execute("ANALYZE")
        timings["analyze_s"] = round(time.perf_counter() - t0, 1)
        results["generate_s"] = round(time.perf_counter() - started, 1)
    results["database_mb_generated"] = round(database_size_mb(connection, "pg"), 1)
    keep()


def build_counts(args, results: dict, keep) -> None:
    """The maintained counts built by the verifying full recount (`tally_verify(repair=True)`), then verified."""
    from danvan.members.tally import tally_verify

    step("build the maintained counts by a full recount")
    started = time.perf_counter()
    outcome = tally_verify(repair=True)
    results["recount_s"] = round(time.perf_counter() - started, 1)
    results["tally_rows"] = outcome["rows"]
    keep()
    if args.no_verify:
        return
    step("verify the counts against a second full recount")
    started = time.perf_counter()
    results["verify_differences"] = len(tally_verify()["differences"])
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
    # One person from the middle of the table, by primary key (order_by("?"), or first() in the model's order by
    # name, would sort half the table: minutes at 30 M).
    middle = Person.objects.order_by("-pk").values_list("pk", flat=True)[0] // 2
    someone = Person.objects.filter(pk__gte=middle).order_by("pk").first()
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


def bench_pages(*, url: str, rounds: int) -> int:
    """The member list pages on the generated database, as a commune and a province officer of Hội Nông dân, through
    Django's test Client (routing, middleware, view, template; DEBUG off), each case once a round in a shuffled
    order, next to two baselines in the same rounds: the module page (/phan-he/members/, the site's floor for a
    logged-in page) and a plain indexed count of the branch's current members (no page)."""
    import random
    import statistics
    import tempfile

    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-bench-members-pages-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from danvan.accounts.models import RoleAssignment, User
    from danvan.members.models import Branch, Membership
    from danvan.organisations.models import OrgUnit

    def officer(username: str, unit: str) -> User:
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
        RoleAssignment.objects.get_or_create(user=user, unit=OrgUnit.objects.get(code=unit), role="officer")
        return user

    commune, province = officer("bench.pages.hnd.c7288", "C7288-HND"), officer("bench.pages.hnd.p24", "P24-HND")
    centre = officer("bench.pages.hnd.tw", "TW-HND")
    branch = Branch.objects.filter(owner__code="C7288-HND").order_by("pk").first()
    members = Membership.objects.filter(branch=branch, left_on__isnull=True).count()
    last_page = max(1, (members + 99) // 100)
    branch_url = f"/hoi-vien/chi-hoi/{branch.code}/"
    person = Membership.objects.filter(branch=branch, left_on__isnull=True).order_by("pk").first().person
    clients = {}
    for user in (commune, province, centre):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    cases = [
        ("module page /phan-he/members/ (baseline), commune officer", commune, "/phan-he/members/"),
        ("/hoi-vien/, commune officer", commune, "/hoi-vien/"),
        ("/hoi-vien/, province officer (page 1 of the province's branches)", province, "/hoi-vien/"),
        ("/hoi-vien/?page=2, province officer", province, "/hoi-vien/?page=2"),
        ("branch page 1, commune officer", commune, branch_url),
        (f"branch page {last_page} (last), commune officer", commune, f"{branch_url}?page={last_page}"),
        ("branch page 1, province officer", province, branch_url),
        ("/hoi-vien/, centre officer (page 1 of the country's branches)", centre, "/hoi-vien/"),
        ("/hoi-vien/?page=100, centre officer", centre, "/hoi-vien/?page=100"),
        ("branch page 1, centre officer", centre, branch_url),
        ("person page, commune officer", commune, f"/hoi-vien/nguoi/{person.public_id}/"),
        ("statistics of the commune, commune officer", commune, "/hoi-vien/thong-ke/?area=C7288"),
        ("statistics of the province, province officer", province, "/hoi-vien/thong-ke/?area=P24"),
        ("statistics of the nation, centre officer", centre, "/hoi-vien/thong-ke/?area=VN"),
        ("plain indexed count of the branch's current members (baseline, no page)", None, None),
    ]
    counter = {"queries": 0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    samples: dict = {name: {"ms": [], "queries": set(), "status": set()} for name, *_ in cases}
    rng = random.Random(20261207)
    step(f"{len(cases)} cases × {rounds} rounds (+2 warm-up); the branch has {members:,} current members")
    with connection.execute_wrapper(wrapper):
        for round_no in range(rounds + 2):
            order = list(cases)
            rng.shuffle(order)
            for name, user, page in order:
                counter["queries"] = 0
                started = time.perf_counter()
                if page is None:
                    Membership.objects.filter(branch=branch, left_on__isnull=True).count()
                    status = 200
                else:
                    status = clients[user.pk].get(page).status_code
                ms = (time.perf_counter() - started) * 1000
                if round_no < 2:
                    continue
                samples[name]["ms"].append(ms)
                samples[name]["queries"].add(counter["queries"])
                samples[name]["status"].add(status)
    results = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "people": connection.cursor().execute("SELECT count(*) FROM members_person").fetchone()[0],
        "branch": branch.code,
        "branch_members": members,
        "rounds": rounds,
        "cases": {},
    }
    for name, *_ in cases:
        ms = sorted(samples[name]["ms"])
        results["cases"][name] = {
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 1),
            "max_ms": round(ms[-1], 1),
            "queries": sorted(samples[name]["queries"]),
            "status": sorted(samples[name]["status"]),
        }
    label = os.environ.get("BENCH_LABEL", "")  # e.g. before / after: one file per run
    out = ROOT / "bench" / "results" / f"members-pages-{dt.date.today().isoformat()}{'-' + label if label else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(json.dumps(results, indent=1, ensure_ascii=False))
    return 0 if all(case["status"] == [200] for case in results["cases"].values()) else 1


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

"""Whole pages, every role, on the national data: p50 / p95 / max with query counts, next to baselines.

Run on the database that `bench/load_national.py` loaded (2 M petitions, 5.4 M report values):

    .venv/bin/python bench/bench_pages.py                         # 40 rounds, results to bench/results/pages.json
    .venv/bin/python bench/bench_pages.py --repeat 100 --label after
    .venv/bin/python bench/bench_pages.py --only commune          # the cases whose name contains "commune"

Each page goes through Django's test Client: URL routing, every middleware (session, authentication, CSRF,
CSP, locale, messages), the view, the selectors and the template — everything but the socket and the WSGI
server. DEBUG is off. Each user is logged in once (a database session, as in production), then each round
requests every case once, in a shuffled order, so a busy moment of the shared machine hits all of them alike.

Baselines, timed in the same rounds:
  - "minimal page": the module page (/phan-he/petitions/) as the same user: login check, session, menu, base layout,
    no data. What any page of the site costs at least.
  - "login page": the anonymous login form.
  - "indexed count": a plain ORM count of one commune's petitions (an index-only range), no page at all.

For each case: wall time p50 / p95 / max (ms), the number of SQL queries, the time inside the database driver
(`db ms`, p50: the database's work plus the round trips) and the web process's own CPU time (`cpu ms`, p50:
Python, Django, templates). The last two feed the capacity model in docs/performance.md.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, git_commit, machine, step  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
TARGETS_MS = {"commune": 100, "national": 150}
COMMUNE = "C7288-DU"  # a commune Party committee of Bắc Ninh (P24), ~510 petitions over ten years
PROVINCE = "P24-TU"


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def ensure_users():
    """The officers the loader made (commune and province), plus a province leader and a centre officer."""
    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit

    def user(username, code, role):
        found, _ = User.objects.get_or_create(username=username, defaults={"full_name": username, "password": "!"})
        RoleAssignment.objects.get_or_create(user=found, unit=OrgUnit.objects.get(code=code), role=role)
        return found

    return {
        "commune officer": user(f"cb.{COMMUNE.lower()}", COMMUNE, "officer"),
        "province officer": user(f"cb.{PROVINCE.lower()}", PROVINCE, "officer"),
        "province leader": user("bench.leader.p24", PROVINCE, "leader"),
        "centre officer": user("bench.centre", "TW", "officer"),
    }


def cases(users):
    """(name, user or None, url) for every page and baseline."""
    from danvan.petitions.models import Petition
    from danvan.reports.models import ReportForm
    from danvan.reports.services import form_indicators

    form = ReportForm.objects.get(code="bench-quy")
    # The commune's newest petition: what its officer opens from the list (the load test's commune people open
    # their five newest), and the province leader above it.
    petition = (
        Petition.objects.filter(unit__code=COMMUNE).order_by("-received_on", "-id").values_list("code", flat=True)[0]
    )
    indicator = form_indicators(form)[0]
    q = f"?form={form.pk}"
    out = []
    for role, user in users.items():
        out.append((f"{role}: minimal page (baseline)", user, "/phan-he/petitions/"))
    # The two pages every role opens most (issue 15's load mix): the home page and "Việc của tôi".
    for role, user in users.items():
        out.append((f"{role}: home page", user, "/"))
        out.append((f"{role}: my work (inbox)", user, "/viec-cua-toi/"))
    out += [
        ("anonymous: login page (baseline)", None, "/dang-nhap/"),
        ("commune officer: petition list", users["commune officer"], "/don-thu/"),
        ("commune officer: petition search", users["commune officer"], "/don-thu/?q=tranh+chap+dat+dai"),
        ("commune officer: open petitions", users["commune officer"], "/don-thu/?status=open"),
        ("commune officer: due list", users["commune officer"], "/don-thu/den-han/"),
        ("commune officer: my reports", users["commune officer"], "/bao-cao/"),
        ("commune officer: petition detail", users["commune officer"], f"/don-thu/{petition}/"),
        ("commune officer: documents inbox", users["commune officer"], "/van-ban/"),
        ("province officer: petition list", users["province officer"], "/don-thu/"),
        ("province officer: petition search", users["province officer"], "/don-thu/?q=tranh+chap+dat+dai"),
        ("province officer: petitions dashboard", users["province officer"], f"/don-thu/thong-ke/?unit={PROVINCE}"),
        ("province officer: roll-up", users["province officer"], f"/bao-cao/tong-hop/{q}&unit={PROVINCE}"),
        ("province officer: completeness", users["province officer"], f"/bao-cao/tien-do/{q}&unit={PROVINCE}"),
        (
            "province officer: pivot",
            users["province officer"],
            f"/bao-cao/so-sanh/{q}&unit={PROVINCE}&indicator={indicator.code}",
        ),
        ("province leader: petitions dashboard", users["province leader"], f"/don-thu/thong-ke/?unit={PROVINCE}"),
        ("province leader: roll-up", users["province leader"], f"/bao-cao/tong-hop/{q}&unit={PROVINCE}"),
        ("province leader: petition detail", users["province leader"], f"/don-thu/{petition}/"),
        ("centre officer: petition list", users["centre officer"], "/don-thu/"),
        ("centre officer: national petitions dashboard", users["centre officer"], "/don-thu/thong-ke/?unit=TW"),
        ("centre officer: national roll-up", users["centre officer"], f"/bao-cao/tong-hop/{q}&unit=TW"),
        ("centre officer: national completeness", users["centre officer"], f"/bao-cao/tien-do/{q}&unit=TW"),
        (
            "centre officer: national pivot",
            users["centre officer"],
            f"/bao-cao/so-sanh/{q}&unit=TW&indicator={indicator.code}",
        ),
    ]
    return out


def completeness_calls(rebuild=False):
    """The national completeness table without the page: what the page's selectors cost, next to their floor,
    a plain SELECT of the quarter's reports (issue 3's definition: within 3× of it)."""
    from django.db import connection
    from django.utils import timezone

    from danvan.organisations.models import OrgUnit
    from danvan.reports import selectors
    from danvan.reports.models import ReportForm
    from danvan.reports.periods import period_containing

    form = ReportForm.objects.get(code="bench-quy")
    period = period_containing(form.frequency, timezone.localdate(), form.cutoff_day)
    root = OrgUnit.objects.get(code="TW")

    def floor():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT unit_id, status FROM reports_submission WHERE form_id = %s AND period_id = %s",
                [form.pk, period.pk],
            )
            cur.fetchall()

    def full_table():
        selectors.completeness(unit=root, form=form, period=period)

    def page_reads():
        if hasattr(selectors, "completeness_table"):
            selectors.completeness_table(unit=root, form=form, period=period, page=1)
        elif hasattr(selectors, "completeness_counts"):
            selectors.completeness_counts(unit=root, form=form, period=period)
            selectors.completeness_page(unit=root, form=form, period=period, page=1)
        else:  # before: the page read the whole table and summarised it in Python
            selectors.completeness_summary(selectors.completeness(unit=root, form=form, period=period))

    province = OrgUnit.objects.get(code=PROVINCE)

    def province_reads():
        if hasattr(selectors, "completeness_table"):
            selectors.completeness_table(unit=province, form=form, period=period, page=1)
        else:
            selectors.completeness_counts(unit=province, form=form, period=period)
            selectors.completeness_page(unit=province, form=form, period=period, page=1)

    calls = {
        "national completeness: floor, the quarter's reports (no page)": floor,
        "national completeness: full table selector (no page)": full_table,
        "national completeness: the page's reads (no page)": page_reads,
        "province completeness: the page's reads (no page)": province_reads,
    }
    if hasattr(selectors, "stored_completeness"):  # decision 0043: the same reads as before it, for comparison
        calls["national completeness: the page's reads before 0043 (no page)"] = lambda: _live_reads(root, form, period)
        calls["province completeness: the page's reads before 0043 (no page)"] = lambda: _live_reads(
            province, form, period
        )
    if rebuild and hasattr(selectors, "stored_completeness"):
        # Writes (a list rebuilt every round leaves dead rows behind): not interleaved with the reads by default.
        calls["national completeness: rebuilding its stored list (no page)"] = lambda: _rebuild(root, form)
    return calls


def _live_reads(unit, form, period):
    """The page's reads as they were before the stored lists (commit 47a9e25): the expected units sorted and
    LEFT JOINed to their reports, counted in one grouped query and read one page at a time."""
    from django.db.models import BooleanField, Count, ExpressionWrapper, F, FilteredRelation, Q

    from danvan.organisations.models import OrgUnit, OrgUnitClosure

    expected = OrgUnit.objects.filter(kind__in=form.unit_kinds, is_active=True)
    if unit.parent_id is not None:
        expected = expected.filter(ancestor_links__ancestor=unit)
    expected = expected.annotate(
        report=FilteredRelation("submissions", condition=Q(submissions__form=form, submissions__period=period))
    )
    list(
        expected.annotate(
            sent=ExpressionWrapper(Q(report__submitted_at__isnull=False), output_field=BooleanField()),
            late=ExpressionWrapper(
                Q(report__submitted_at__date__gt=F("report__due_date")), output_field=BooleanField()
            ),
        )
        .values("report__status", "sent", "late")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = list(
        expected.order_by("depth", "sort_order", "name", "pk").values_list(
            "pk", "code", "name", "parent__name", "report__status", "report__submitted_at", "report__due_date"
        )[:500]
    )
    if unit.parent_id is None:
        dict(
            OrgUnitClosure.objects.filter(
                descendant_id__in=[r[0] for r in rows], ancestor__parent_id=unit.pk
            ).values_list("descendant_id", "ancestor__name")
        )


def _rebuild(unit, form):
    """What the first read after a change of the tree costs: the stored list built again from the tree."""
    from danvan.reports import completeness
    from danvan.reports.models import CompletenessList

    CompletenessList.objects.filter(key=completeness.list_key(unit, form)).update(tree_version=0)
    completeness.completeness_list_get(unit=unit, form=form)


def profile(repeat: int, pages) -> None:
    """Where the CPU of each page goes: cProfile over `repeat` requests, the top functions by own time, and the
    time spent under the database driver, the SQL compiler, queryset evaluation and the template engine.
    cProfile's own overhead multiplies the totals (~3×): compare the parts, not the milliseconds."""
    import cProfile
    import io
    import pstats

    for name, client, url in pages:
        if url is None:
            continue
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(repeat):
            client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=io.StringIO())
        total = stats.total_tt / repeat * 1000

        def under(fragment, stats=stats):
            return (
                max(
                    (
                        ct
                        for (file, _line, fn), (_cc, _nc, _tt, ct, _callers) in stats.stats.items()
                        if fragment(file, fn)
                    ),
                    default=0,
                )
                / repeat
                * 1000
            )

        parts = {
            "sql (execute)": under(lambda f, fn: f.endswith("django/db/backends/utils.py") and fn == "execute"),
            "sql (compile)": under(lambda f, fn: f.endswith("django/db/models/sql/compiler.py") and fn == "as_sql"),
            "querysets (compile, run, rows)": under(
                lambda f, fn: f.endswith("django/db/models/query.py") and fn == "__iter__"
            ),
            "templates": under(lambda f, fn: f.endswith("django/template/base.py") and fn == "render"),
            "middleware + view": under(
                lambda f, fn: f.endswith("django/core/handlers/base.py") and fn == "_get_response"
            ),
        }
        print(f"\n== {name}: {total:.1f} ms CPU per request ({repeat} requests); largest single-call subtotals:")
        print("   " + "; ".join(f"{k} {v:.1f}" for k, v in parts.items()))
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(12)
        print("\n".join(line for line in stream.getvalue().splitlines() if line.strip()[:1].isdigit()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--label", default="", help="a name for this run (the JSON file is pages-<label>.json)")
    parser.add_argument("--only", default="", help="only the cases whose name contains this text")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        help="after the rounds, profile this many more requests of each page case (cProfile, CPU) and print where "
        "the web process spends its time",
    )
    parser.add_argument(
        "--completeness-rebuild", action="store_true", help="also time rebuilding the stored completeness list"
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-bench-pages-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from danvan.petitions.models import Petition

    step("migrate (new indexes only) and users")
    call_command("migrate", verbosity=0)
    users = ensure_users()
    clients = {}
    for user in users.values():
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    anonymous = Client()
    commune_id = users["commune officer"].role_assignments.get().unit_id

    def indexed_count():
        return Petition.objects.filter(unit_id=commune_id).count()

    all_cases = [(name, user, url) for name, user, url in cases(users) if args.only in name]
    calls = {"plain indexed count (baseline, no page)": indexed_count, **completeness_calls(args.completeness_rebuild)}
    all_cases += [(name, None, None) for name in calls]
    counter = {"queries": 0, "db": 0.0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            counter["db"] += time.perf_counter() - t0

    samples = {name: {"wall": [], "db": [], "cpu": [], "queries": set(), "bytes": 0} for name, *_ in all_cases}
    errors = []
    rng = random.Random(20261204)
    step(f"{len(all_cases)} cases × {args.repeat} rounds (+{args.warmup} warm-up)")
    with connection.execute_wrapper(wrapper):
        for round_no in range(args.warmup + args.repeat):
            order = list(all_cases)
            rng.shuffle(order)
            for name, user, url in order:
                counter["queries"], counter["db"] = 0, 0.0
                c0, t0 = time.process_time(), time.perf_counter()
                if url is None:
                    calls[name]()
                    status, size = 200, 0
                else:
                    response = (clients[user.pk] if user else anonymous).get(url)
                    status, size = response.status_code, len(response.content)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                if status != 200:
                    errors.append((name, url, status))
                if round_no < args.warmup:
                    continue
                s = samples[name]
                s["wall"].append(wall * 1000)
                s["db"].append(counter["db"] * 1000)
                s["cpu"].append(cpu * 1000)
                s["queries"].add(counter["queries"])
                s["bytes"] = size
            if round_no == args.warmup - 1:
                step("warm-up done")
    rows = []
    for name, _user, url in all_cases:
        s = samples[name]
        rows.append(
            {
                "case": name,
                "url": url,
                "p50_ms": round(statistics.median(s["wall"]), 1),
                "p95_ms": round(pct(s["wall"], 0.95), 1),
                "max_ms": round(max(s["wall"]), 1),
                "queries": sorted(s["queries"]),
                "db_p50_ms": round(statistics.median(s["db"]), 1),
                "cpu_p50_ms": round(statistics.median(s["cpu"]), 1),
                "kib": round(s["bytes"] / 1024, 1),
            }
        )
    report = {
        "label": args.label,
        "repeat": args.repeat,
        "commit": git_commit(),
        "machine": machine(),
        "errors": errors[:20],
        "pages": rows,
    }
    out = ROOT / "bench" / "results" / (f"pages-{args.label}.json" if args.label else "pages.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'case':<52}{'p50':>8}{'p95':>8}{'max':>8}{'queries':>9}{'db p50':>8}{'cpu p50':>8}{'KiB':>7}")
    for r in rows:
        queries = "/".join(map(str, r["queries"]))
        print(
            f"{r['case']:<52}{r['p50_ms']:>8}{r['p95_ms']:>8}{r['max_ms']:>8}{queries:>9}"
            f"{r['db_p50_ms']:>8}{r['cpu_p50_ms']:>8}{r['kib']:>7}"
        )
    if errors:
        print("\nERRORS (status ≠ 200):", errors[:20])
    if args.profile:
        profile(args.profile, [(name, clients[user.pk] if user else anonymous, url) for name, user, url in all_cases])
    print(f"\nload average at the end: {report['machine']['load_average']}; results: {out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

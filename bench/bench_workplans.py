"""The "tasks assigned to us" list with 100,000 tasks in the database (issue 6), on PostgreSQL.

Tasks are assigned by every provincial Party committee to its communes' Party committees over two years.
Measures the first page (50 tasks, open first, by deadline) of `tasks_assigned_to` for a commune officer and
of `tasks_assigned_by` for a provincial officer, next to a plain indexed count of the same unit's tasks.

    .venv/bin/python bench/bench_workplans.py [--postgres-url URL] [--tasks 100000] [--repeat 200]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, git_commit, machine, recreate_pg_database, step, summarise  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_workplans"
RESULTS = ROOT / "bench" / "results" / "workplans-pg.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_PG_URL)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    recreate_pg_database(args.postgres_url)
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**os.environ, "DATABASE_URL": args.postgres_url, "DANVAN_VAR_DIR": var_dir, "DEBUG": "false"}
        subprocess.run(
            [sys.executable, __file__, "--worker", "--tasks", str(args.tasks), "--repeat", str(args.repeat)],
            env=env,
            cwd=ROOT,
            check=True,
        )
    result = json.loads(RESULTS.read_text())
    print(f"\n{result['tasks']:,} tasks, generated in {result['generate_s']} s")
    print(f"  {'query':<48}{'p50 ms':>9}{'p95 ms':>9}{'× count p95':>13}  target p95 < 100 ms")
    for q in result["queries"]:
        print(
            f"  {q['label']:<48}{q['p50_ms']:>9.2f}{q['p95_ms']:>9.2f}{q['ratio_p95']:>12.1f}×  "
            f"{'PASS' if q['p95_ms'] < 100 else 'FAIL'}"
        )
    return 0


def worker(args) -> int:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build
    from danvan.workplans.models import Task
    from danvan.workplans.selectors import tasks_assigned_by, tasks_assigned_to

    step("migrate and load the national tree")
    call_command("migrate", verbosity=0)
    admin_units_load(actor=None)
    org_tree_build(actor=None)
    creator = User.objects.create_user(username="bench", password="x" * 12)
    step(f"generate {args.tasks:,} tasks")
    started = time.perf_counter()
    with connection.cursor() as cur:
        # Round-robin over the communes' Party committees; each task comes from the commune's province.
        cur.execute(
            """
            WITH c AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM organisations_orgunit
                       WHERE level = 'commune' AND kind = 'party_committee')
            INSERT INTO workplans_task (public_id, title, expected_output, assigned_by_id, assignee_id, deadline,
                                        status, progress, last_note, created_by_id, created_at, updated_at)
            SELECT gen_random_uuid(), 'Nhiệm vụ thử ' || g, '', u.parent_id, u.id, DATE '2025-01-01' + (g %% 730),
                   (ARRAY['todo','in_progress','done','done'])[1 + g %% 4], (g %% 5) * 20, '', %s, now(), now()
            FROM generate_series(1, %s) AS g CROSS JOIN c
            JOIN organisations_orgunit u ON u.id = c.ids[1 + g %% c.n]
            """,
            [creator.pk, args.tasks],
        )
        cur.execute("VACUUM (ANALYZE) workplans_task")
    generate_s = round(time.perf_counter() - started, 1)
    communes = list(OrgUnit.objects.filter(level="commune", kind="party_committee").order_by("?")[:40])
    provinces = list(OrgUnit.objects.filter(level="province", kind="party_committee"))
    users = []
    for i, unit in enumerate(communes):
        user = User.objects.create_user(username=f"xa{i}", password="x" * 12)
        RoleAssignment.objects.create(user=user, unit=unit, role="officer")
        users.append(("to", user, unit))
    for i, unit in enumerate(provinces):
        user = User.objects.create_user(username=f"tinh{i}", password="x" * 12)
        RoleAssignment.objects.create(user=user, unit=unit, role="officer")
        users.append(("by", user, unit))
    rng = random.Random(7)
    times = {"to": [], "by": [], "count_to": [], "count_by": []}
    for _ in range(args.repeat + 10):
        kind, user, unit = rng.choice(users)
        t0 = time.perf_counter()
        qs = tasks_assigned_to(user=user) if kind == "to" else tasks_assigned_by(user=user)
        list(qs.order_by("status", "deadline", "id")[:50])
        t1 = time.perf_counter()
        (Task.objects.filter(assignee=unit) if kind == "to" else Task.objects.filter(assigned_by=unit)).count()
        t2 = time.perf_counter()
        times[kind].append((t1 - t0) * 1000)
        times[f"count_{kind}"].append((t2 - t1) * 1000)
    queries = []
    for key, label in (
        ("to", "tasks assigned to us (commune), first page"),
        ("by", "tasks we assigned (province), first page"),
    ):
        s, c = summarise(times[key][5:]), summarise(times[f"count_{key}"][5:])
        queries.append(
            {
                "key": key,
                "label": label,
                **s,
                "count_p95_ms": c["p95_ms"],
                "ratio_p95": round(s["p95_ms"] / c["p95_ms"], 1),
            }
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "tasks": Task.objects.count(),
                "generate_s": generate_s,
                "queries": queries,
                "machine": machine(),
                "commit": git_commit(),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

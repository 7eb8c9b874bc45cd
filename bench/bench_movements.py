"""Benchmark of emulation movements at national scale on PostgreSQL: the scoreboard, and the province scoreboard.

    .venv/bin/python bench/bench_movements.py                  # load everything, then time
    .venv/bin/python bench/bench_movements.py --initiatives 100000 --years 5   # a smaller load
    .venv/bin/python bench/bench_movements.py --skip-load      # time again on the loaded database

The database danvan_bench_movements is DROPPED and created again unless --skip-load.
Data: the real national tree; 500,000 "Dân vận khéo" models over 2017–2026 spread over the commune and provincial
Party committees (created during their year); every province launches 5 movements a year for 10 years (one in
five a "Dân vận khéo" movement that counts models), each with every commune Party committee of the province
registered; one central "Dân vận khéo" movement a year and one for the 2021–2025 phase, each with all 34
provincial and 3,321 commune Party committees registered. 3–5 targets and 4–12 reporting rounds per movement;
85 % of the rounds due are reported (a quarter of them late), 10 % of units commit their own value.
It times, p50/p95 over --repeat runs, `movement_scoreboard` — the province scoreboard (a central movement seen
for Bắc Ninh, P24) and a provincial movement's full scoreboard — each also as a ratio to a baseline measured in
the same run: a plain indexed count of the same registrations. Results go to bench/results/movements.json.
Target: p95 under 150 ms.
"""

import argparse
import datetime as dt
import io
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from bench_initiatives import ACTIONS, PLACES, STATUSES, TOPICS, timed  # noqa: E402 — shared data and timer

RESULTS = ROOT / "bench" / "results" / "movements.json"
DB_NAME = "danvan_bench_movements"
TARGET_MS = 150
LAST_YEAR = 2026
TARGET_NAMES = [
    ("Buổi tuyên truyền, vận động nhân dân", "buổi", 12),
    ("Lượt người tham gia ra quân", "người", 500),
    ("Mô hình “Dân vận khéo” đăng ký", "mô hình", 3),
    ("Hộ gia đình được thăm hỏi, hỗ trợ", "hộ", 80),
    ("Tỷ lệ khu dân cư văn hóa", "%", 90),
]
PROVINCE_NAMES = [
    ("peak", "Tháng Dân vận năm {y}", False),
    ("emulation", "Dân vận khéo trong xây dựng nông thôn mới năm {y}", True),
    ("emulation", "200 ngày đêm lao động – sản xuất – học tập năm {y}", False),
    ("campaign", "Cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm {y}", False),
    ("emulation", "Thi đua chào mừng Ngày Dân vận 15/10 năm {y}", False),
]


def recreate_database(url: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


class Copier:
    """Rows as COPY text over a connection of its own (several tables stream at once), sent in ~1 MB chunks.

    FK triggers are off for the load (session_replication_role = replica): the generator makes consistent ids.
    """

    def __init__(self, table: str, columns: str):
        import psycopg

        self.conn = psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1))
        self.conn.execute("SET session_replication_role = replica")
        self.cursor = self.conn.cursor()
        self.cm = self.cursor.copy(f"COPY {table} ({columns}) FROM STDIN")
        self.copy = self.cm.__enter__()
        self.buf = io.StringIO()
        self.rows = 0

    def row(self, *values) -> None:
        self.buf.write("\t".join("\\N" if v is None else str(v) for v in values))
        self.buf.write("\n")
        self.rows += 1
        if self.rows % 20000 == 0:
            self.flush()

    def flush(self) -> None:
        self.copy.write(self.buf.getvalue())
        self.buf = io.StringIO()

    def close(self) -> int:
        self.flush()
        self.cm.__exit__(None, None, None)
        self.conn.commit()
        self.conn.close()
        return self.rows


def _ts(day: dt.date, seconds: int) -> str:
    # Asia/Ho_Chi_Minh, as PostgreSQL timestamptz text.
    return f"{day.isoformat()} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}+07"


def load_initiatives(raw, rng, rows: int, years: list[int], communes, provinces, creator: int) -> None:
    from danvan.core.text import fold

    cols = (
        "id, code, unit_id, province_id, year, name, name_folded, search_text, field, new_rural, kind, person_name, "
        "goal, participants, people_mobilised, start_date, end_date, status, decision_note, decided_by_id, "
        "decided_at, recognition_level, replicated_from_id, lineage_root_id, created_by_id, created_at, updated_at"
    )
    # The names repeat: fold each combination once.
    combos = {}
    per_year: dict[int, int] = {}
    with raw.cursor() as cur:
        out = Copier("initiatives_initiative", cols)
        for i in range(1, rows + 1):
            year = years[rng.randrange(len(years))]
            seq = per_year[year] = per_year.get(year, 0) + 1
            if rng.random() < 0.85:
                unit_id, province_id = communes[rng.randrange(len(communes))]
            else:
                unit_id = province_id = provinces[rng.randrange(len(provinces))]
            field = rng.choice(list(TOPICS))
            key = (rng.choice(ACTIONS), rng.choice(TOPICS[field]), rng.choice(PLACES))
            if key not in combos:
                name = " ".join(key)
                goal = f"Vận động nhân dân {key[1]}"
                combos[key] = (name, fold(name), " " + fold(f"{name} {goal}"), goal)
            name, folded, search, goal = combos[key]
            status = rng.choice(STATUSES)
            created = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            stamp = _ts(created, rng.randrange(7 * 3600, 17 * 3600))
            level = rng.choice(["commune", "province"]) if status in ("recognised", "outstanding", "proposed") else ""
            out.row(
                i, f"MH-{year}-{seq:06d}", unit_id, province_id, year, name, folded, search, field,
                "t" if rng.random() < 0.2 else "f", "collective", "", goal, "", rng.randrange(20, 2000),
                created, None, status, "", None, None, level, None, None, creator, stamp, stamp,
            )  # fmt: skip
        out.close()
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('initiatives_initiative', 'id'), "
            "(SELECT max(id) FROM initiatives_initiative))"
        )
        for year, last in per_year.items():
            cur.execute("INSERT INTO core_codesequence (prefix, year, last) VALUES ('MH', %s, %s)", [year, last])


def load_movements(raw, rng, years: list[int], today: dt.date, creator: int) -> dict:
    from danvan.core.text import fold
    from danvan.organisations.models import OrgUnit

    province_tu = {
        u.code.split("-")[0]: u.pk for u in OrgUnit.objects.filter(code__regex=r"^P\d+-TU$").only("pk", "code")
    }
    province_tgdv = {
        u.code.split("-")[0]: u.pk for u in OrgUnit.objects.filter(code__regex=r"^P\d+-TGDV$").only("pk", "code")
    }
    communes_of: dict[int, list[int]] = {}
    for pk, parent_id in OrgUnit.objects.filter(code__regex=r"^C\d+-DU$").values_list("pk", "parent_id"):
        communes_of.setdefault(parent_id, []).append(pk)
    tw, tw_tgdv = OrgUnit.objects.get(code="TW").pk, OrgUnit.objects.get(code="TW-TGDV").pk
    all_party = list(province_tu.values()) + [pk for units in communes_of.values() for pk in units]

    # (launcher, scope, kind, name, start, end, counts, participants)
    plans = []
    for year in years:
        plans.append(
            (tw_tgdv, tw, "emulation", f"Phong trào thi đua “Dân vận khéo” năm {year}",
             dt.date(year, 1, 1), dt.date(year, 12, 31), True, all_party)
        )  # fmt: skip
    if 2021 in years and 2025 in years:
        plans.append(
            (tw_tgdv, tw, "emulation", "Phong trào thi đua “Dân vận khéo” giai đoạn 2021–2025",
             dt.date(2021, 1, 1), dt.date(2025, 12, 31), True, all_party)
        )  # fmt: skip
    for code, tu in sorted(province_tu.items()):
        for year in years:
            for kind, pattern, counts in PROVINCE_NAMES:
                start = dt.date(year, 1 + rng.randrange(9), 1)
                end = min(dt.date(year, 12, 31), start + dt.timedelta(days=30 * rng.randint(1, 4)))
                if kind == "emulation" and counts:
                    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
                plans.append(
                    (province_tgdv[code], tu, kind, pattern.format(y=year), start, end, counts, communes_of.get(tu, []))
                )
    counts = {"movements": len(plans), "targets": 0, "checkpoints": 0, "registrations": 0, "reports": 0, "results": 0}
    seq: dict[int, int] = {}
    with raw.cursor() as cur:
        mov = Copier(
            "movements_movement",
            "id, code, unit_id, scope_unit_id, kind, name, name_folded, description, start_date, end_date, status, "
            "counts_initiatives, plan_id, results_weight, completeness_weight, launched_at, closed_at, closing_note, "
            "created_by_id, created_at, updated_at",
        )
        tgt = Copier("movements_movementtarget", "id, movement_id, name, unit_label, target_value, weight, sort_order")
        chk = Copier("movements_movementcheckpoint", "id, movement_id, name, due_date")
        movement_rows = []
        target_id = checkpoint_id = 0
        for mid, (launcher, scope, kind, name, start, end, counts_models, participants) in enumerate(plans, 1):
            n = seq[start.year] = seq.get(start.year, 0) + 1
            status = "launched" if end >= today else "closed"
            launched = _ts(start, 8 * 3600)
            mov.row(
                mid, f"PT-{start.year}-{n:06d}", launcher, scope, kind, name, fold(name), "", start, end, status,
                "t" if counts_models else "f", None, 70, 30, launched, None if status == "launched" else _ts(end, 0),
                "", creator, launched, launched,
            )  # fmt: skip
            targets = []
            for sort, (tname, label, value) in enumerate(TARGET_NAMES[: rng.randint(3, 5)]):
                target_id += 1
                weight = 2 if sort == 0 else 1
                tgt.row(target_id, mid, tname, label, value, weight, sort)
                targets.append((target_id, value))
            rounds = rng.randint(4, 12)
            span = max(1, (end - start).days)
            checkpoints = []
            for r in range(rounds):
                checkpoint_id += 1
                due = start + dt.timedelta(days=span * (r + 1) // rounds)
                chk.row(checkpoint_id, mid, f"Đợt {r + 1}", due)
                checkpoints.append((checkpoint_id, due))
            movement_rows.append((mid, targets, checkpoints, participants, start))
        counts["targets"] = tgt.close()
        counts["checkpoints"] = chk.close()
        mov.close()

        reg = Copier(
            "movements_movementregistration",
            "id, movement_id, unit_id, commitment, committed_values, registered_by_id, registered_at, in_bulk",
        )
        rep = Copier(
            "movements_movementreport",
            "id, registration_id, checkpoint_id, submitted_at, corrected_at, is_late, note, reported_by_id",
        )
        res = Copier("movements_movementresult", "id, report_id, target_id, value")
        reg_id = report_id = result_id = 0
        for mid, targets, checkpoints, participants, start in movement_rows:
            due_rounds = [(cid, due) for cid, due in checkpoints if due <= today]
            registered = _ts(start, 9 * 3600)
            for unit_id in participants:
                reg_id += 1
                committed = "{}"
                if rng.random() < 0.10:
                    committed = json.dumps({str(targets[0][0]): f"{targets[0][1] * 1.5:.2f}"})
                reg.row(reg_id, mid, unit_id, "", committed, creator, registered, "t")
                # A unit's pace: how far towards the targets it gets by the end.
                pace = rng.uniform(0.3, 1.3)
                for r, (cid, due) in enumerate(due_rounds, 1):
                    if rng.random() > 0.85:
                        continue
                    report_id += 1
                    late = rng.random() < 0.25
                    day = due + dt.timedelta(days=rng.randint(1, 6) if late else -rng.randint(0, 5))
                    rep.row(report_id, reg_id, cid, _ts(day, rng.randrange(7 * 3600, 17 * 3600)), None,
                            "t" if late else "f", "", creator)  # fmt: skip
                    share = pace * r / len(checkpoints)
                    for tid, value in targets:
                        result_id += 1
                        res.row(result_id, report_id, tid, f"{value * share:.2f}")
        counts["registrations"] = reg.close()
        counts["reports"] = rep.close()
        counts["results"] = res.close()
        for table in ("movement", "movementtarget", "movementcheckpoint", "movementregistration", "movementreport",
                      "movementresult"):  # fmt: skip
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('movements_{table}', 'id'), "
                f"(SELECT max(id) FROM movements_{table}))"
            )
        for year, last in seq.items():
            cur.execute("INSERT INTO core_codesequence (prefix, year, last) VALUES ('PT', %s, %s)", [year, last])
    return counts


def load(initiatives: int, years: list[int], today: dt.date) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    admin_units_load(actor=None)
    org_tree_build(actor=None)
    timings["schema_and_tree_s"] = round(time.perf_counter() - started, 1)
    user = User.objects.create(username="bench.tinh", password="!")
    RoleAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="P24-TU"), role="officer")
    communes = list(OrgUnit.objects.filter(code__regex=r"^C\d+-DU$").values_list("pk", "parent_id"))
    provinces = list(OrgUnit.objects.filter(code__regex=r"^P\d+-TU$").values_list("pk", flat=True))
    rng = random.Random(20261015)
    with connection.cursor() as cursor:
        raw = cursor.connection
        started = time.perf_counter()
        load_initiatives(raw, rng, initiatives, years, communes, provinces, user.pk)
        timings["initiatives_copy_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        timings.update(load_movements(raw, rng, years, today, user.pk))
        timings["movements_copy_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        timings["analyze_s"] = round(time.perf_counter() - started, 1)
    timings["initiatives"] = initiatives
    return timings


def measure(repeat: int, today: dt.date) -> dict:
    from django.db.models import Count

    from danvan.movements.models import Movement, MovementRegistration
    from danvan.movements.selectors import movement_scoreboard
    from danvan.organisations.models import OrgUnit

    p24 = OrgUnit.objects.get(code="P24-TU")
    central = Movement.objects.filter(scope_unit__code="TW").select_related("unit", "scope_unit")
    phase = central.filter(start_date__year=2021, end_date__year=2025).first()
    yearly = central.filter(start_date__year=LAST_YEAR).first() or central.order_by("-start_date").first()
    provincial = Movement.objects.filter(scope_unit=p24).select_related("unit", "scope_unit")
    # The biggest of Bắc Ninh's movements this year (most rounds × targets), and its "Dân vận khéo" movement.
    biggest = (
        provincial.filter(start_date__year=yearly.start_date.year, counts_initiatives=False)
        .annotate(n=Count("checkpoints", distinct=True) * Count("targets", distinct=True))
        .order_by("-n")
        .first()
    )
    provincial_dvk = provincial.filter(start_date__year=yearly.start_date.year, counts_initiatives=True).first()

    def baseline(movement, root):
        def run():
            qs = MovementRegistration.objects.filter(movement=movement)
            if root is not None:
                qs = qs.filter(unit__ancestor_links__ancestor=root)
            return qs.count()

        return run

    cases = [
        ("province_scoreboard_central_phase", "province scoreboard: central 2021–2025 “Dân vận khéo”, P24", phase, p24),
        (
            "province_scoreboard_central_year",
            f"province scoreboard: central {yearly.start_date.year}, P24",
            yearly,
            p24,
        ),
        ("provincial_full_scoreboard", "full scoreboard: Bắc Ninh's biggest movement", biggest, None),
        ("provincial_dvk_full_scoreboard", "full scoreboard: Bắc Ninh “Dân vận khéo” (counts)", provincial_dvk, None),
        ("central_full_scoreboard", "full scoreboard: central, whole country (no target)", yearly, None),
    ]
    out = {}
    for key, label, movement, root in cases:
        if movement is None:
            continue
        board = movement_scoreboard(movement=movement, root=root, today=today)
        base = timed(baseline(movement, root), repeat)
        t = timed(lambda m=movement, r=root: movement_scoreboard(movement=m, root=r, today=today), repeat)
        out[key] = {
            "label": label,
            "movement": movement.code,
            "units": len(board.rows),
            "targets": len(board.targets),
            "rounds_due": board.due,
            **t,
            "baseline_count": base,
            "ratio_p95": round(t["p95_ms"] / (base["p95_ms"] or 0.01), 1),
            # The whole country's scoreboard has no target in the issue: timed for information.
            "meets_target": None if key == "central_full_scoreboard" else t["p95_ms"] < TARGET_MS,
        }
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--initiatives", type=int, default=500_000)
    parser.add_argument("--years", type=int, default=10, help="years of data, ending in 2026")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = base.rsplit("/", 1)[0] + "/" + DB_NAME
    if not args.skip_load:
        recreate_database(base)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.utils import timezone

    today = timezone.localdate()
    years = list(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1))
    result = {"today": today.isoformat(), "repeat": args.repeat, "target_p95_ms": TARGET_MS}
    started = time.perf_counter()
    if not args.skip_load:
        result["load"] = load(args.initiatives, years, today)
        result["load"]["total_s"] = round(time.perf_counter() - started, 1)
        print("load:", json.dumps(result["load"], ensure_ascii=False), flush=True)
    elif RESULTS.exists():
        result["load"] = json.loads(RESULTS.read_text()).get("load")
    result["timings"] = measure(args.repeat, today)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"\n  {'case':<58}{'units':>6}{'p50 ms':>9}{'p95 ms':>9}{'× count':>9}  target p95 < {TARGET_MS} ms")
    for t in result["timings"].values():
        verdict = {True: "PASS", False: "FAIL", None: "—"}[t["meets_target"]]
        print(
            f"  {t['label']:<58}{t['units']:>6}{t['p50_ms']:>9.1f}{t['p95_ms']:>9.1f}{t['ratio_p95']:>8.1f}×  {verdict}"
        )


if __name__ == "__main__":
    main()

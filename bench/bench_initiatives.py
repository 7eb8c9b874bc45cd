"""Benchmark of "Dân vận khéo" model initiatives at national scale on PostgreSQL (issue 5, "Speed").

    .venv/bin/python bench/bench_initiatives.py                 # load 500,000 models over 10 years, then time
    .venv/bin/python bench/bench_initiatives.py --rows 100000   # a smaller load
    .venv/bin/python bench/bench_initiatives.py --skip-load     # time again on the loaded database

The database danvan_bench_initiatives is DROPPED and created again unless --skip-load.
It times, p50/p95 over --repeat runs, the selectors the pages call:
  library searches (folded text plus filters) by a provincial officer, a central viewer and a commune officer
  (whose library is their own subtree plus every recognised model in the country), the replication lineage of
  the largest lineage and of random ones, and the report indicator initiative_counts for a province.
Results go to bench/results/initiatives.json. Target: p95 under 150 ms each.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "initiatives.json"
DB_NAME = "danvan_bench_initiatives"
TARGET_MS = 150

ACTIONS = ["Dân vận khéo trong", "Mô hình", "Vận động nhân dân", "Phong trào", "Tổ tự quản", "Câu lạc bộ"]
TOPICS = {
    "kinh_te": [
        "xây dựng đường giao thông nông thôn",
        "phát triển kinh tế hộ gia đình",
        "hiến đất mở đường",
        "liên kết sản xuất lúa hữu cơ",
        "giúp nhau thoát nghèo",
    ],
    "van_hoa_xa_hoi": [
        "xây dựng gia đình văn hóa",
        "bảo vệ môi trường khu dân cư",
        "phân loại rác tại nguồn",
        "thắp sáng đường quê",
        "khuyến học khuyến tài",
    ],
    "quoc_phong_an_ninh": [
        "tự quản về an ninh trật tự",
        "camera an ninh thôn xóm",
        "phòng chống ma túy",
        "hòa giải ở cơ sở",
    ],
    "xay_dung_htct": ["cải cách hành chính", "chính quyền thân thiện", "đối thoại với nhân dân", "chi bộ gắn với dân"],
}
PLACES = ["thôn Đông", "thôn Tây", "xóm Mới", "tổ dân phố số 3", "thôn Bãi", "bản Nà", "ấp Một"]
STATUSES = (
    ["rejected"] * 5
    + ["registered"] * 5
    + ["approved"] * 10
    + ["in_progress"] * 20
    + ["evaluated"] * 10
    + ["recognised"] * 35
    + ["outstanding"] * 10
    + ["proposed"] * 5
)
RECOGNISED = {"recognised", "outstanding", "proposed"}


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def timed(fn, repeat):
    fn()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(pct(samples, 0.95), 2)}


def recreate_database(url: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def load(rows: int) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import RoleAssignment, User
    from danvan.core.text import fold
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    admin_units_load(actor=None)
    org_tree_build(actor=None)
    timings["schema_and_tree_s"] = round(time.perf_counter() - started, 1)

    communes = list(OrgUnit.objects.filter(code__regex=r"^C\d+-DU$").values_list("pk", "parent_id"))
    provinces = list(OrgUnit.objects.filter(code__regex=r"^P\d+-TU$").values_list("pk", flat=True))
    for username, role, code in (
        ("bench.tinh", "officer", "P24-TU"),
        ("bench.tw", "viewer", "TW"),
        ("bench.xa", "officer", "C7288-DU"),
    ):
        user = User.objects.create(username=username, password="!")
        RoleAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code=code), role=role)
    creator = User.objects.get(username="bench.tinh").pk

    rng = random.Random(20261015)
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    cols = (
        "id, code, unit_id, province_id, year, name, name_folded, search_text, field, new_rural, kind, "
        "person_name, goal, participants, people_mobilised, start_date, end_date, status, decision_note, "
        "decided_by_id, decided_at, recognition_level, replicated_from_id, lineage_root_id, created_by_id, "
        "created_at, updated_at"
    )
    per_year: dict[int, int] = {}
    recognised_ids: list[int] = []
    root_of: dict[int, int] = {}
    has_update: list[int] = []
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS initiative_search_trgm")
        raw = cursor.connection
        years = sorted(rng.randrange(2017, 2027) for _ in range(rows))
        with raw.cursor() as cur:
            with cur.copy(f"COPY initiatives_initiative ({cols}) FROM STDIN") as copy:
                for i, year in enumerate(years, start=1):
                    seq = per_year[year] = per_year.get(year, 0) + 1
                    if rng.random() < 0.85:
                        unit_id, province_id = communes[rng.randrange(len(communes))]
                    else:
                        unit_id = province_id = provinces[rng.randrange(len(provinces))]
                    field = rng.choice(list(TOPICS))
                    name = f"{rng.choice(ACTIONS)} {rng.choice(TOPICS[field])} {rng.choice(PLACES)}"
                    goal = f"Vận động nhân dân {rng.choice(TOPICS[field])}"
                    status = rng.choice(STATUSES)
                    source = root = None
                    # One model in ten adopts an earlier recognised one (lineages grow by preferential choice).
                    if recognised_ids and rng.random() < 0.10:
                        source = recognised_ids[min(len(recognised_ids) - 1, int(rng.expovariate(0.002)))]
                        root = root_of.get(source, source)
                        root_of[i] = root
                    if status in RECOGNISED:
                        recognised_ids.insert(0, i) if len(recognised_ids) < 5000 else recognised_ids.__setitem__(
                            rng.randrange(5000), i
                        )
                    if source is not None or status in ("in_progress", "evaluated") or rng.random() < 0.2:
                        has_update.append(i)
                    start = dt.date(year, 1 + rng.randrange(6), 1)
                    copy.write_row(
                        (
                            i,
                            f"MH-{year}-{seq:06d}",
                            unit_id,
                            province_id,
                            year,
                            name,
                            fold(name),
                            " " + fold(f"{name} {goal}"),
                            field,
                            rng.random() < 0.2,
                            "collective",
                            "",
                            goal,
                            "",
                            rng.randrange(20, 2000),
                            start,
                            None,
                            status,
                            "",
                            None,
                            None,
                            rng.choice(["commune", "province"]) if status in RECOGNISED else "",
                            source,
                            root,
                            creator,
                            now,
                            now,
                        )
                    )
            with cur.copy(
                "COPY initiatives_initiativetarget (id, initiative_id, indicator, unit_label, "
                "target_value, sort_order) FROM STDIN"
            ) as copy:
                for i in range(1, rows + 1):
                    copy.write_row((2 * i - 1, i, "Số hộ tham gia", "hộ", 100, 0))
                    copy.write_row((2 * i, i, "Kinh phí huy động", "triệu đồng", 500, 1))
            with cur.copy(
                "COPY initiatives_initiativeupdate (id, initiative_id, reported_on, note, created_by_id, "
                "created_at) FROM STDIN"
            ) as copy:
                for n, i in enumerate(has_update, start=1):
                    copy.write_row((n, i, dt.date(years[i - 1], 6, 30), "Sơ kết 6 tháng", creator, now))
            with cur.copy("COPY initiatives_initiativeresult (id, update_id, target_id, value) FROM STDIN") as copy:
                for n, i in enumerate(has_update, start=1):
                    copy.write_row((2 * n - 1, n, 2 * i - 1, rng.randrange(0, 150)))
                    copy.write_row((2 * n, n, 2 * i, rng.randrange(0, 700)))
        for table in ("initiative", "initiativetarget", "initiativeupdate", "initiativeresult"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('initiatives_{table}', 'id'), "
                f"(SELECT max(id) FROM initiatives_{table}))"
            )
        for year, last in per_year.items():
            cursor.execute("INSERT INTO core_codesequence (prefix, year, last) VALUES ('MH', %s, %s)", [year, last])
        timings["copy_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        cursor.execute(
            "CREATE INDEX initiative_search_trgm ON initiatives_initiative USING gin (search_text gin_trgm_ops)"
        )
        cursor.execute("VACUUM ANALYZE")
        timings["index_and_analyze_s"] = round(time.perf_counter() - started, 1)
    timings["updates"] = len(has_update)
    return timings


def measure(repeat: int) -> dict:
    from django.db import connection

    from danvan.accounts.models import User
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.selectors import initiative_counts, initiative_lineage, initiative_list_for_user
    from danvan.organisations.models import OrgUnit

    province_user = User.objects.get(username="bench.tinh")
    central = User.objects.get(username="bench.tw")
    commune_user = User.objects.get(username="bench.xa")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lineage_root_id, count(*) FROM initiatives_initiative WHERE lineage_root_id IS NOT "
            "NULL GROUP BY 1 ORDER BY 2 DESC"
        )
        lineages = cursor.fetchall()
    biggest_id, biggest_size = lineages[0]
    biggest = Initiative.objects.get(pk=biggest_id)
    rng = random.Random(7)
    sample = [Initiative.objects.get(pk=pk) for pk, _ in rng.sample(lineages, min(50, len(lineages)))]
    p24 = OrgUnit.objects.get(code="P24-TU")

    def fresh(user):
        user.__dict__.pop("_danvan_roles_on", None)
        return user

    cases = {
        "search_province_text_year": lambda: initiative_list_for_user(
            user=fresh(province_user), query="giao thong nong thon", year=2025
        ),
        "search_province_filters": lambda: initiative_list_for_user(
            user=fresh(province_user), field="kinh_te", status="outstanding", year=2024
        ),
        "search_national_text_province_filter": lambda: initiative_list_for_user(
            user=fresh(central), query="phan loai rac", province="P79-TU"
        ),
        "search_national_text_only": lambda: initiative_list_for_user(user=fresh(central), query="camera an ninh"),
        # Worst case of the year-by-year reading: a word found nowhere, so every year is read.
        "search_national_no_match": lambda: initiative_list_for_user(user=fresh(central), query="khong co dau"),
        "search_commune_officer_text": lambda: initiative_list_for_user(
            user=fresh(commune_user), query="hien dat mo duong", year=2026
        ),
        "lineage_biggest": lambda: initiative_lineage(initiative=biggest),
        "lineage_random": lambda: initiative_lineage(initiative=rng.choice(sample)),
        "counts_province_year": lambda: initiative_counts(unit=p24, year=2025),
    }
    out = {name: timed(fn, repeat) for name, fn in cases.items()}
    out["_lineage"] = {"lineages": len(lineages), "biggest_size": biggest_size + 1}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
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
    result = {"rows": args.rows, "repeat": args.repeat, "target_p95_ms": TARGET_MS}
    if not args.skip_load:
        result["load"] = load(args.rows)
    else:
        from danvan.initiatives.models import Initiative

        result["rows"] = Initiative.objects.count()
        if RESULTS.exists():
            result["load"] = json.loads(RESULTS.read_text()).get("load")
    result["timings"] = measure(args.repeat)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""One province's member list imported by the background job (issue 12, "Scale and speed"; decision 0058).

Against a PostgreSQL database that already has the tree (migrate, load_admin_units, build_org_tree), this script:
  1. makes Bắc Ninh's (P24) Hội Nông dân officer and one branch per commune of the province (once);
  2. generates a province list of --rows rows (CSV, every column of the template, 90 % with a CCCD, spread over
     the branches, named by "Chi hội" and "Xã");
  3. keeps the file and starts the job exactly as the page does (members_upload_keep, members_import_start);
  4. runs the real worker (`manage.py db_worker --batch`) as a child process under /usr/bin/time -v (peak memory);
  5. meanwhile requests a few staff pages in this process (Django's test client, signed in as the officer), in
     rounds: before the job, during it, and after it; p50/p95 of each phase;
  6. prints rows per second of the whole job (read, check, write), its phases from the job's progress, and
     verifies the counts against a full recount (tally_verify).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_mem12e_bench .venv/bin/python bench/bench_import_job.py --rows 500000
"""

import argparse
import datetime as dt
import io
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Ngọc", "Xuân", "Đình"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Bích", "Mai"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan"]
GIVEN += ["Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng"]
GIVEN += ["Thủy", "Tiến", "Trang", "Trung", "Tuấn", "Tùng", "Uyên", "Vân", "Việt", "Xuân", "Yến", "Hoa", "Huệ"]
OCCUPATIONS = ["Làm ruộng", "Chăn nuôi", "Trồng cây ăn quả", "Nuôi trồng thủy sản", "Làm vườn"]
ETHNICITIES = ["Kinh"] * 9 + ["Tày", "Nùng", "Sán Dìu"]


def setup():
    from danvan.accounts.models import RoleAssignment, User
    from danvan.members.models import Branch, Organisation
    from danvan.members.services import branch_create
    from danvan.organisations.models import OrgUnit

    officer = User.objects.filter(username="bench.mem12e").first()
    if officer is None:
        officer = User.objects.create_user(username="bench.mem12e", password="Mat-khau-thu-2026", full_name="Bench")
        RoleAssignment.objects.create(user=officer, unit=OrgUnit.objects.get(code="P24-HND"), role="officer")
    hnd = Organisation.objects.get(code="HND")
    bodies = OrgUnit.objects.filter(kind="farmers_union", level="commune", admin_unit__parent__code="P24")
    for body in bodies.select_related("admin_unit"):
        name = f"Chi hội nông dân {body.admin_unit.name}"
        if not Branch.objects.filter(owner=body, name=name).exists():
            branch_create(actor=officer, organisation=hnd, owner=body, name=name)
    # Its own branches only: a database from bench_members.py has a generated branch in each commune too (named by
    # code, not by the folded name an import matches).
    branches = list(
        Branch.objects.filter(
            organisation=hnd, commune__parent__code="P24", name__startswith="Chi hội nông dân "
        ).select_related("commune")
    )
    return officer, OrgUnit.objects.get(code="P24-HND"), branches


def generate(rows: int, branches, seed: int = 12) -> bytes:
    rnd = random.Random(seed)
    out = io.StringIO()
    out.write("Họ tên,Ngày sinh,Giới tính,CCCD,Dân tộc,Tôn giáo,Nghề nghiệp,Địa chỉ thôn,Ngày vào,Chi hội,Xã\n")
    serial: dict[tuple[int, str], int] = {}
    seen = set()
    written = 0
    while written < rows:
        branch = branches[written % len(branches)]
        sex = "M" if rnd.random() < 0.6 else "F"
        name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE_M if sex == 'M' else MIDDLE_F)} {rnd.choice(GIVEN)}"
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 50))
        key = (name, born, branch.commune_id)
        if key in seen:
            continue
        seen.add(key)
        cccd = ""
        if rnd.random() < 0.9:
            n = serial[(born.year, sex)] = serial.get((born.year, sex), 0) + 1
            cccd = f"024{int(sex == 'F')}{born.year % 100:02d}{n + (seed % 90) * 10000:06d}"
        joined = dt.date(born.year + 20, born.month, min(born.day, 28))
        out.write(
            f"{name},{born:%d/%m/%Y},{'Nam' if sex == 'M' else 'Nữ'},{cccd},{rnd.choice(ETHNICITIES)},Không,"
            f"{rnd.choice(OCCUPATIONS)},Thôn {rnd.randrange(1, 15)},{joined:%d/%m/%Y},{branch.name},{branch.commune.name}\n"
        )
        written += 1
    return out.getvalue().encode()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--pace",
        type=float,
        default=0.0,
        help="seconds between page requests (one page at a time, in turn), e.g. 1: a person clicking; 0: rounds "
        "of all pages back to back",
    )
    parser.add_argument("--paced-before", type=int, default=40, help="with --pace: requests before and after the job")
    args = parser.parse_args()
    from danvan.core.models import JobRun
    from danvan.members.import_job import members_import_start, members_upload_keep
    from danvan.members.models import Membership, Person
    from danvan.members.tally import tally_verify

    officer, body, branches = setup()
    print(f"{len(branches)} branches in P24; people before: {Person.objects.count()}", flush=True)
    t = time.perf_counter()
    content = generate(args.rows, branches, seed=args.seed)
    print(f"generated {args.rows} rows, {len(content) / 2**20:.1f} MB in {time.perf_counter() - t:.1f} s", flush=True)

    client = Client()
    client.force_login(officer)
    pages = [
        "/hoi-vien/",
        "/hoi-vien/thong-ke/?area=P24",
        f"/hoi-vien/chi-hoi/{branches[0].code}/",
        "/",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url

    per_url: dict[tuple[str, str], list] = {}

    def round_of_pages(into: list):
        label = "before" if into is before else "during" if into is during else "after"
        for url in pages:
            start = time.perf_counter()
            client.get(url)
            into.append((time.perf_counter() - start) * 1000)
            per_url.setdefault((label, url), []).append(into[-1])

    before, during, after = [], [], []
    turn = [0]

    def one_page(into: list):
        # --pace: one page a time, in turn, then wait for the next tick (a page fetched every `pace` seconds).
        label = "before" if into is before else "during" if into is during else "after"
        url = pages[turn[0] % len(pages)]
        turn[0] += 1
        start = time.perf_counter()
        client.get(url)
        into.append((time.perf_counter() - start) * 1000)
        per_url.setdefault((label, url), []).append(into[-1])
        time.sleep(max(0.0, args.pace - (time.perf_counter() - start)))

    if args.pace:
        for _ in range(args.paced_before):
            one_page(before)
    else:
        for _ in range(10):
            round_of_pages(before)

    upload = members_upload_keep(actor=officer, filename="ds-tinh.csv", content=content)
    del content
    job = members_import_start(actor=officer, upload_id=upload.pk, decisions=None, owner=body)
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    cmd = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        str(ROOT / "manage.py"),
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
    ]
    started = time.perf_counter()
    worker = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.extend(worker.stderr), daemon=True)
    reader.start()
    phases = {}
    last = None
    while worker.poll() is None:
        if args.pace:
            one_page(during)
        else:
            round_of_pages(during)
        state = JobRun.objects.filter(pk=job.pk).values_list("status", "done", "total", "message").first()
        phase = (state[0], state[3][:40])
        if phase != last:
            phases[phase] = time.perf_counter() - started
            print(f"{time.perf_counter() - started:7.1f} s  {state}", flush=True)
            last = phase
        if not args.pace:
            time.sleep(0.5)
    elapsed = time.perf_counter() - started
    reader.join()
    if args.pace:
        for _ in range(args.paced_before):
            one_page(after)
    else:
        for _ in range(10):
            round_of_pages(after)
    job.refresh_from_db()
    peak = next((line for line in stderr if "Maximum resident set size" in line), "").strip()
    print(f"job: {job.status} {job.message[:300]}")
    print(f"worker wall {elapsed:.1f} s, {args.rows / elapsed:.0f} rows/s; {peak}")
    print(f"job run {job.started_at} → {job.finished_at}: {(job.finished_at - job.started_at).total_seconds():.1f} s")
    for label, values in (("before", before), ("during", during), ("after", after)):
        print(f"pages {label}: n={len(values)} p50={pct(values, 50):.0f} ms p95={pct(values, 95):.0f} ms")
    for (label, url), values in sorted(per_url.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"  {url:40} {label:7} n={len(values):4} p50={pct(values, 50):6.0f} ms p95={pct(values, 95):6.0f} ms")
    t = time.perf_counter()
    verify = tally_verify()
    print(
        f"tally_verify: {len(verify['differences'])} differences of {verify['rows']} counts, "
        f"{len(verify['branch_differences'])} branches' counts differ ({time.perf_counter() - t:.1f} s)",
        flush=True,
    )
    print(f"people {Person.objects.count()}, memberships {Membership.objects.count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The citizens' portal at national scale: a commune's public pages over ten years of every kind of record.

Builds its own database (dropped and created unless --reuse; default `danvan_demo10e_bench`): the national tree
(34 provinces, 3,321 communes), a base for every commune and --years (default 10) of what the portal's pages read,
made with SQL generate_series:
  - disclosures (bench_democracy.generate: each quarter's budget, each year's plan, items "when they arise");
  - consultations, four a year per commune, with comments (most approved, some pending or rejected), and one
    consultation of the measured commune, still open, with --comments (default 2,000) comments;
  - matters residents decided (household votes), six a year per commune, most published;
  - the commune's people's inspection board (TTND) with members, a community investment board per year, and
    their findings with recommendations and answers, four a year;
  - projects (one a year per commune, published progress) with their affected households;
  - leaders' dialogues (two a year) with published commitments, and the commune's reception duties;
  - recommendations citizens sent through the portal (petitions with a tracking code), five a year per commune,
    half with a published answer.
Then it times whole pages as an anonymous citizen through Django's test Client (routing, every middleware, the
view, the selectors, the template; DEBUG off): every case once per round in a shuffled order after warm-up rounds,
p50 / p95 / max with query counts and sizes, next to baselines timed in the same rounds (the portal home without a
search, the tracking form without a code, and a plain indexed count of the commune's disclosures):
  - the commune's portal page (/cong-dan/xa/<code>/; its disclosures are its "Dân biết" section, there is no
    separate public disclosure list), a consultation page with many comments, the tracking page by code, and the
    portal search for a commune typed without diacritics.

    .venv/bin/python bench/bench_portal.py                          # build and measure; bench/results/portal.json
    .venv/bin/python bench/bench_portal.py --reuse --repeat 60 --label after
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
from bench_democracy import generate as generate_disclosures  # noqa: E402
from bench_org_tree import ROOT, git_commit, machine, recreate_pg_database, step  # noqa: E402

DEFAULT_DB = "danvan_demo10e_bench"
SERVER = "postgres://postgres@127.0.0.1:5432/"
TARGET_MS = 50
COMMUNE = "C7288-DU"  # a commune of Bắc Ninh (P24), as in the other benches


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def generate_rest(cur, *, years: int, last_year: int, comments: int, big_base: int) -> dict:
    """Everything but disclosures, with SQL; returns the row counts."""
    cur.execute("SELECT id FROM accounts_user WHERE username = 'bench.democracy'")
    author = cur.fetchone()[0]
    p = {"author": author, "years": years, "first": last_year - years + 1, "big": big_base, "comments": comments}
    counts = {}

    def run(name, sql):
        t0 = time.perf_counter()
        cur.execute(sql, p)
        counts[name] = cur.rowcount
        step(f"  {name}: {cur.rowcount:,} rows in {time.perf_counter() - t0:.1f} s")

    run(
        "consultations",
        """
        INSERT INTO democracy_consultation (public_id, base_id, title, description, opens_on, closes_on,
            uptake_summary, is_published, withdrawn_note, created_by_id, created_at, updated_at, version)
        SELECT gen_random_uuid(), b.id, 'Dự thảo ' || q || ' của ' || b.name, 'Nội dung dự thảo lấy ý kiến nhân dân.',
               d, d + 30, CASE WHEN q %% 3 = 0 THEN 'Đã tiếp thu các ý kiến.' ELSE '' END,
               (b.id + q) %% 10 <> 0, CASE WHEN (b.id + q) %% 20 = 0 THEN 'Gỡ do nhập nhầm' ELSE '' END,
               %(author)s, now(), now(), 1
        FROM democracy_base b, generate_series(0, %(years)s * 4 - 1) q,
             LATERAL (SELECT make_date(%(first)s + q / 4, (q %% 4) * 3 + 1, 1) + (b.id %% 40)::int AS d) dd
        """,
    )
    run(
        "comments",
        """
        INSERT INTO democracy_comment (public_id, consultation_id, channel, author_name, contact, text, moderation,
            uptake, response, recorded_by_id, created_at)
        SELECT gen_random_uuid(), c.id, CASE WHEN n %% 3 = 0 THEN 'portal' ELSE 'meeting' END, 'Người dân ' || n, '',
               'Ý kiến số ' || n || ' về dự thảo: đề nghị làm rõ nguồn kinh phí và thời gian thực hiện.',
               CASE WHEN n %% 7 = 0 THEN 'pending' WHEN n %% 11 = 0 THEN 'rejected' ELSE 'approved' END,
               CASE WHEN n %% 2 = 0 THEN 'accepted' ELSE '' END, '', NULL, c.opens_on + (n %% 30)
        FROM democracy_consultation c, generate_series(1, (2 + c.id %% 15)::int) n
        """,
    )
    # The measured commune's draft plan, open today, that everyone commented on.
    run(
        "big consultation",
        """
        INSERT INTO democracy_consultation (public_id, base_id, title, description, opens_on, closes_on,
            uptake_summary, is_published, withdrawn_note, created_by_id, created_at, updated_at, version)
        VALUES ('00000000-0000-4000-8000-00000000d10e', %(big)s, 'Dự thảo kế hoạch phát triển kinh tế - xã hội',
                'Lấy ý kiến nhân dân về dự thảo kế hoạch.', current_date - 20, current_date + 10, '', true, '',
                %(author)s, now(), now(), 1)
        """,
    )
    run(
        "big consultation's comments",
        """
        INSERT INTO democracy_comment (public_id, consultation_id, channel, author_name, contact, text, moderation,
            uptake, response, recorded_by_id, created_at)
        SELECT gen_random_uuid(), c.id, CASE WHEN n %% 3 = 0 THEN 'portal' ELSE 'meeting' END, 'Người dân ' || n, '',
               'Ý kiến số ' || n || ': đề nghị bổ sung kế hoạch làm đường liên thôn, kênh mương nội đồng và '
               || 'công khai dự toán từng hạng mục để nhân dân giám sát.',
               CASE WHEN n %% 10 = 0 THEN 'pending' ELSE 'approved' END, '', '', NULL, now() - (n || ' minutes')::interval
        FROM democracy_consultation c, generate_series(1, %(comments)s) n
        WHERE c.public_id = '00000000-0000-4000-8000-00000000d10e'
        """,
    )
    run(
        "matters",
        """
        INSERT INTO democracy_matter (public_id, base_id, title, subject, description, village_id, method, voted_on,
            eligible_households, turnout, votes_for, votes_against, quorum_percent, threshold_percent, result,
            recognised_on, recognition_reference, is_published, withdrawn_note, created_by_id, created_at,
            updated_at, version)
        SELECT gen_random_uuid(), b.id, 'Đóng góp xây dựng đường thôn, đợt ' || n, 'infrastructure', '', NULL,
               'ballot', make_date(%(first)s + n / 6, 1, 1) + (n %% 6) * 60 + (b.id %% 50)::int, 400, 300,
               180 + (n %% 60), 120 - (n %% 60), 50, 50, 'approved', NULL, '', (b.id + n) %% 8 <> 0, '',
               %(author)s, now(), now(), 1
        FROM democracy_base b, generate_series(0, %(years)s * 6 - 1) n
        """,
    )
    run(
        "boards",
        """
        INSERT INTO democracy_board (public_id, base_id, kind, project, term_start, term_end, is_published,
            created_by_id, created_at)
        SELECT gen_random_uuid(), b.id, CASE WHEN y = 0 THEN 'ttnd' ELSE 'gsdtcd' END,
               CASE WHEN y = 0 THEN '' ELSE 'Công trình năm ' || (%(first)s + y - 1) END,
               make_date(%(first)s + greatest(y - 1, 0), 1, 1), NULL, true, %(author)s, now()
        FROM democracy_base b, generate_series(0, %(years)s) y
        """,
    )
    run(
        "board members",
        """
        INSERT INTO democracy_boardmember (board_id, full_name, position, village_id, start_date, end_date)
        SELECT bo.id, 'Thành viên ' || n, CASE WHEN n = 1 THEN 'Trưởng ban' ELSE 'Thành viên' END, NULL,
               bo.term_start, NULL
        FROM democracy_board bo, generate_series(1, 5) n
        """,
    )
    run(
        "findings",
        """
        INSERT INTO democracy_finding (public_id, board_id, subject, found_on, finding, recommendation, answer,
            answered_on, is_resolved, is_published, created_by_id, created_at)
        SELECT gen_random_uuid(), bo.id, 'Giám sát việc thực hiện quy chế, lần ' || q,
               make_date(%(first)s + q / 4, (q %% 4) * 3 + 1, 1) + (bo.id %% 60)::int,
               'Phát hiện một số khoản thu chưa công khai đúng thời hạn.', 'Đề nghị công khai bổ sung.',
               CASE WHEN q %% 3 <> 0 THEN 'Đã công khai bổ sung.' ELSE '' END,
               CASE WHEN q %% 3 <> 0 THEN make_date(%(first)s + q / 4, (q %% 4) * 3 + 1, 1) + 80 END,
               q %% 3 <> 0, q %% 5 <> 0, %(author)s, now()
        FROM democracy_board bo, generate_series(0, %(years)s * 4 - 1) q
        WHERE bo.kind = 'ttnd'
        """,
    )
    run(
        "projects",
        """
        INSERT INTO democracy_project (public_id, unit_id, kind, name, description, starts_on, ends_on, matter_id,
            progress, is_published, withdrawn_note, created_by_id, updated_by_id, created_at, updated_at, version)
        SELECT gen_random_uuid(), b.unit_id, 'rural_road', 'Đường giao thông nông thôn ' || b.id || '-' || y, '',
               make_date(%(first)s + y, 3, 1), make_date(%(first)s + y, 12, 31), NULL,
               'Đã hoàn thành ' || (y * 10 %% 100) || '%%', y %% 4 <> 3, '', %(author)s, NULL, now(), now(), 1
        FROM democracy_base b, generate_series(0, %(years)s - 1) y
        """,
    )
    run(
        "project communes",
        """
        INSERT INTO democracy_project_bases (project_id, base_id)
        SELECT pr.id, b.id FROM democracy_project pr JOIN democracy_base b ON b.unit_id = pr.unit_id
        """,
    )
    run(
        "households",
        """
        INSERT INTO democracy_household (public_id, project_id, base_id, village_id, head_name, agreement, reason,
            created_by_id, updated_by_id, created_at, updated_at, version)
        SELECT gen_random_uuid(), pb.project_id, pb.base_id, NULL, 'Hộ ông bà ' || n,
               CASE WHEN n %% 5 = 0 THEN 'pending' WHEN n %% 9 = 0 THEN 'refused' ELSE 'agreed' END, '',
               %(author)s, NULL, now(), now(), 1
        FROM democracy_project_bases pb, generate_series(1, 10) n
        """,
    )
    run(
        "dialogues",
        """
        INSERT INTO petitions_dialogue (unit_id, held_on, place, leaders, participants, participant_count,
            created_by_id)
        SELECT b.unit_id, make_date(%(first)s + h / 2, (h %% 2) * 6 + 3, (10 + b.id %% 15)::int), 'Hội trường xã',
               'Chủ tịch UBND xã', '', 80, %(author)s
        FROM democracy_base b, generate_series(0, %(years)s * 2 - 1) h
        """,
    )
    run(
        "commitments",
        """
        INSERT INTO petitions_commitment (dialogue_id, issue, owner_unit_id, due_on, status, outcome, done_on,
            is_published)
        SELECT d.id, 'Cam kết ' || n || ': sửa chữa kênh mương, đèn đường.', d.unit_id, d.held_on + 90,
               CASE WHEN n = 1 THEN 'done' ELSE 'open' END, '', CASE WHEN n = 1 THEN d.held_on + 60 END, n <> 3
        FROM petitions_dialogue d, generate_series(1, 3) n
        """,
    )
    run(
        "reception duties",
        """
        INSERT INTO petitions_receptionduty (unit_id, holder_name, user_id, position, is_active)
        SELECT b.unit_id, 'Lãnh đạo ' || n, NULL, CASE WHEN n = 1 THEN 'chu_tich_ubnd_xa' ELSE 'khac' END, true
        FROM democracy_base b, generate_series(1, 2) n
        """,
    )
    cur.execute("SELECT id FROM petitions_petitionfield ORDER BY id LIMIT 1")
    p["field"] = cur.fetchone()[0]
    run(
        "recommendations (petitions)",
        """
        INSERT INTO petitions_petition (code, unit_id, province_id, source, category, field_id, content,
            content_folded, received_on, petitioner_kind, group_size, is_anonymous, is_ineligible, is_over_level,
            is_complex, is_remote_area, respondent, status, current_step, due_on, deadline_basis, extensions,
            decision_number, result, repeat_checked, created_at, updated_at)
        SELECT 'BP-' || b.id || '-' || n, b.unit_id, b.province_id, 'cong_thong_tin', 'kien_nghi', %(field)s,
               'Đề nghị sửa đường thôn.', 'de nghi sua duong thon', make_date(%(first)s + n / 5, 1, 1) + (n %% 5) * 70,
               'person', 1, false, false, false, false, false, '',
               CASE WHEN n %% 2 = 0 THEN 'resolved' ELSE 'received' END, '', NULL, '', 0, '', '', false, now(), now()
        FROM democracy_base b, generate_series(0, %(years)s * 5 - 1) n
        """,
    )
    run(
        "tracking codes",
        """
        INSERT INTO portal_tracking (code, petition_id, answer, answer_published_at, answer_published_by_id,
            created_at)
        SELECT upper(substr(md5(pe.id::text), 1, 10)), pe.id,
               CASE WHEN pe.status = 'resolved' THEN 'UBND xã đã tiếp nhận và sửa chữa xong.' ELSE '' END,
               CASE WHEN pe.status = 'resolved' THEN now() END,
               CASE WHEN pe.status = 'resolved' THEN %(author)s END, now()
        FROM petitions_petition pe WHERE pe.code LIKE 'BP-%%'
        """,
    )
    cur.execute("ANALYZE")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB, help="dropped and created unless --reuse")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--comments", type=int, default=2000, help="comments on the measured consultation")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--label", default="")
    parser.add_argument("--reuse", action="store_true", help="keep the database and its data")
    args = parser.parse_args()
    url = SERVER + args.db
    if not args.reuse:
        recreate_pg_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-bench-portal-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from danvan.accounts.models import User
    from danvan.democracy.models import Base, Comment, Consultation, Disclosure
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build
    from danvan.portal.models import Tracking

    step("migrate, load the tree")
    call_command("migrate", "--noinput", verbosity=0)
    if not OrgUnit.objects.exists():
        admin_units_load(actor=None)
        org_tree_build(actor=None)
    User.objects.get_or_create(username="bench.democracy", defaults={"full_name": "bench", "password": "!"})
    year = dt.date.today().year
    results: dict = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    started = time.perf_counter()
    if not Disclosure.objects.exists():
        step(f"{args.years} years of disclosures for every commune")
        with connection.cursor() as cur:
            generate_disclosures(cur, years=args.years, last_year=year)
    if not Consultation.objects.exists():
        step(f"{args.years} years of every other kind of record for every commune")
        with transaction.atomic(), connection.cursor() as cur:
            big = Base.objects.get(unit__code=COMMUNE).pk
            results["generated"] = generate_rest(
                cur, years=args.years, last_year=year, comments=args.comments, big_base=big
            )
    results["generate_s"] = round(time.perf_counter() - started, 1)
    step(f"data ready in {results['generate_s']} s")
    results["rows"] = {
        "bases": Base.objects.count(),
        "disclosures": Disclosure.objects.count(),
        "consultations": Consultation.objects.count(),
        "comments": Comment.objects.count(),
        "trackings": Tracking.objects.count(),
    }
    base = Base.objects.select_related("admin_unit__parent").get(unit__code=COMMUNE)
    commune = base.admin_unit
    big = Consultation.objects.get(public_id="00000000-0000-4000-8000-00000000d10e")
    answered = (
        Tracking.objects.filter(petition__unit=base.unit).exclude(answer="").order_by("-petition__received_on").first()
    )
    from danvan.core.text import fold

    search = fold(commune.name.removeprefix("Xã ").removeprefix("Phường "))
    citizen = Client()

    def plain_count():
        return Disclosure.objects.filter(base=base).count()

    cases = [
        ("portal home, no search (baseline)", "/cong-dan/"),
        ("tracking form, no code (baseline)", "/cong-dan/tra-cuu/"),
        ("commune portal page", f"/cong-dan/xa/{commune.code}/"),
        (f"consultation with {args.comments:,} comments", f"/cong-dan/lay-y-kien/{big.public_id}/"),
        ("tracking page by code (answered)", f"/cong-dan/tra-cuu/?code={answered.code}"),
        (f"search without diacritics ({search!r})", f"/cong-dan/?q={search.replace(' ', '+')}"),
        ("plain indexed count: the commune's disclosures (baseline, no page)", None),
    ]
    counter = {"queries": 0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    samples = {name: {"wall": [], "queries": set(), "bytes": 0} for name, _ in cases}
    errors = []
    rng = random.Random(20261206)
    step(f"{len(cases)} cases × {args.repeat} rounds (+{args.warmup} warm-up)")
    with connection.execute_wrapper(wrapper):
        for round_no in range(args.warmup + args.repeat):
            order = list(cases)
            rng.shuffle(order)
            for name, url in order:
                counter["queries"] = 0
                t0 = time.perf_counter()
                if url is None:
                    plain_count()
                    status, size = 200, 0
                else:
                    response = citizen.get(url)
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
    rows = []
    for name, url in cases:
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
    out = ROOT / "bench" / "results" / (f"portal-{args.label}.json" if args.label else "portal.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results["rows"]), results.get("generate_s", ""))
    print(f"\n{'case':<66}{'p50':>8}{'p95':>8}{'max':>8}{'queries':>9}{'KiB':>7}")
    for r in rows:
        flag = "" if "baseline" in r["case"] or r["p95_ms"] < TARGET_MS else f"  > {TARGET_MS} ms"
        queries = "/".join(map(str, r["queries"]))
        print(f"{r['case']:<66}{r['p50_ms']:>8}{r['p95_ms']:>8}{r['max_ms']:>8}{queries:>9}{r['kib']:>7}{flag}")
    if errors:
        print("\nERRORS (status ≠ 200):", errors[:20])
    print(f"\nload average at the end: {results['machine']['load_average']}; results: {out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""The Ban's documents at national scale: a unit's inbox, a year's register and a full-text search, on PostgreSQL.

Builds its own database (dropped and created; default `danvan_docs16c_bench`): the national tree (34 provinces,
3,321 communes) and --documents (default 1,000,000) issued documents over --years (default 10), made with SQL
generate_series: one in five is a provincial Ban's document sent to every commune of its province (about 98 each),
the others are a commune's documents sent up to its provincial Ban, so there are about 20 million acknowledgement
rows. Each document has its register entry (numbers running per issuer, type and Party term), a title, a summary
and the folded search text of an issued file (about 400 characters). Recent documents are partly unacknowledged,
and about one in a hundred older ones was never acknowledged.

Then it measures whole pages through Django's test Client (routing, every middleware, the view, the selectors, the
template; DEBUG off), each user logged in once, every case once per round in a shuffled order, p50 / p95 / max with
query counts, next to baselines timed in the same rounds:
  - a commune's inbox (Việc của tôi, documents to acknowledge) and its documents page (received, 10 years)
  - the province Ban's documents page (its scope: the province's and its communes' documents)
  - the register of a year: the outgoing one of the province Ban, the incoming one of a commune, as the page
    (100 rows a page) and as XLSX; the request that starts the printed register, and that job's work
  - a full-text search without diacritics, as the province officer and as the centre (all 1 million documents)
  - baselines: the minimal module page as the same users, and a plain indexed count of the commune's unacknowledged
    documents.

    .venv/bin/python bench/bench_documents.py                    # results to bench/results/documents.json
    .venv/bin/python bench/bench_documents.py --reuse --repeat 60 --label after
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

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_docs16c_bench"
TARGET_MS = 100
PROVINCE = "P24-TU"
COMMUNE = "C7288-DU"

# Words of titles and summaries: (Vietnamese, as written). Folded for the search column at generation time.
TOPICS = [
    "tổ chức Tháng Dân vận",
    "triển khai Quy chế dân chủ ở cơ sở",
    "biểu dương mô hình Dân vận khéo",
    "sơ kết công tác dân vận chính quyền",
    "tổng kết phong trào thi đua",
    "hướng dẫn tiếp xúc cử tri",
    "thực hiện Kết luận số 54",
    "công tác dân tộc, tôn giáo",
    "phòng chống thiên tai, bão lũ",
    "xây dựng nông thôn mới",
    "giải quyết khiếu nại, tố cáo",
    "đối thoại với nhân dân",
    "kiểm tra, giám sát thực hiện",
    "kỷ niệm ngày truyền thống",
    "an sinh xã hội, giảm nghèo",
    "chuyển đổi số trong công tác dân vận",
    "bảo vệ môi trường",
    "cải cách hành chính",
    "vận động hiến đất làm đường",
    "tuyên truyền bầu cử",
]
KINDS = [
    ("KH", "Kế hoạch"),
    ("HD", "Hướng dẫn"),
    ("CV", "Công văn"),
    ("BC", "Báo cáo"),
    ("TB", "Thông báo"),
    ("TTr", "Tờ trình"),
    ("QĐ", "Quyết định"),
    ("NQ", "Nghị quyết"),
]
SENTENCES = [
    "Các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể tổ chức quán triệt sâu rộng đến cán bộ, đảng viên.",
    "Ban Dân vận các huyện ủy, đảng ủy xã phối hợp với các cơ quan liên quan triển khai thực hiện đúng thời gian.",
    "Kết quả thực hiện báo cáo về Ban Tuyên giáo và Dân vận Tỉnh ủy trước ngày 15 của tháng cuối quý.",
    "Chú trọng phát huy vai trò chủ thể của nhân dân, lắng nghe ý kiến, giải quyết kịp thời kiến nghị chính đáng.",
    "Đẩy mạnh phong trào thi đua Dân vận khéo, nhân rộng các mô hình, điển hình tiêu biểu ở cơ sở.",
    "Kinh phí thực hiện từ nguồn ngân sách được giao năm và nguồn xã hội hóa theo quy định.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc đề nghị phản ánh về Thường trực để xem xét.",
    "Tăng cường công tác kiểm tra, giám sát việc thực hiện quy chế dân chủ ở cơ sở và tiếp công dân.",
]


def _status_kib(field: str) -> int:
    """A field of /proc/self/status in KiB (VmRSS, VmHWM); 0 where there is none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak_rss() -> int:
    """Reset the process's peak RSS (VmHWM) to its current RSS; returns that RSS in KiB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _status_kib("VmRSS")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def generate(cur, *, documents: int, years: int, today: dt.date) -> dict:
    """Registers, issued documents, documents and recipients with SQL; returns the counts."""
    from danvan.core.text import fold

    cur.execute("SELECT id FROM accounts_user WHERE username = 'bench.documents'")
    author = cur.fetchone()[0]
    first = dt.date(today.year - years + 1, 1, 1)
    days = (today - first).days
    # Party terms before the ones the migrations seed (documents from 2017 on).
    cur.execute(
        "INSERT INTO reports_partyterm (label, starts_on, ends_on) VALUES ('2015-2020', '2015-10-01', '2020-09-30') "
        "ON CONFLICT (label) DO NOTHING"
    )
    # A run stopped half-way: start again from none.
    for table in (
        "documents_documentrecipient",
        "documents_documentversion",
        "documents_document",
        "reports_issueddocument",
        "reports_documentregister",
    ):
        cur.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
    # Issuers: each province's dân vận body, each commune's (its dân vận child, else the commune's committee).
    cur.execute(
        """
        CREATE TEMP TABLE prov AS
        SELECT row_number() OVER (ORDER BY p.id) - 1 AS i, p.id AS committee, b.id AS body, b.kind, b.level
        FROM organisations_orgunit p
        JOIN LATERAL (SELECT c.id, c.kind, c.level FROM organisations_orgunit c
                      WHERE c.parent_id = p.id AND c.has_danvan_function ORDER BY c.sort_order, c.id LIMIT 1) b ON true
        WHERE p.kind = 'party_committee' AND p.level = 'province'
        """
    )
    cur.execute(
        """
        CREATE TEMP TABLE comm AS
        SELECT row_number() OVER (ORDER BY c.id) - 1 AS i, c.id AS committee, c.parent_id AS province,
               coalesce(b.id, c.id) AS body, coalesce(b.kind, c.kind) AS kind, c.level
        FROM organisations_orgunit c
        LEFT JOIN LATERAL (SELECT d.id, d.kind FROM organisations_orgunit d
                           WHERE d.parent_id = c.id AND d.has_danvan_function ORDER BY d.sort_order, d.id LIMIT 1) b
               ON true
        WHERE c.kind = 'party_committee' AND c.level = 'commune'
        """
    )
    cur.execute("CREATE UNIQUE INDEX ON prov (i)")
    cur.execute("CREATE UNIQUE INDEX ON comm (i)")
    cur.execute("CREATE INDEX ON comm (province)")
    cur.execute("ANALYZE prov")
    cur.execute("ANALYZE comm")
    cur.execute("SELECT count(*) FROM prov")
    nprov = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM comm")
    ncomm = cur.fetchone()[0]
    cur.execute("SELECT code, id FROM documents_documenttype")
    type_ids = dict(cur.fetchall())
    kinds = [(code, name, type_ids[code]) for code, name in KINDS]
    step(f"issuers: {nprov} provincial bodies, {ncomm} communes")
    # One row per document: g, issuer, kind, date (ids rise with the date), its number in its register.
    cur.execute(
        """
        CREATE TEMP TABLE gen AS
        SELECT s.*, row_number() OVER (PARTITION BY issuer, kind, term ORDER BY g) AS number
        FROM (
          SELECT g, x.issuer, x.kind, x.issued_on, x.provincial, x.province_committee,
                 (SELECT t.id FROM reports_partyterm t WHERE t.starts_on <= x.issued_on
                    AND (t.ends_on IS NULL OR t.ends_on >= x.issued_on) ORDER BY t.starts_on DESC LIMIT 1) AS term
          FROM generate_series(1, %(n)s) g,
          LATERAL (
            SELECT CASE WHEN g %% 5 = 0 THEN p.body ELSE c.body END AS issuer,
                   (g * 7) %% %(nkinds)s AS kind,
                   (%(first)s::date + ((g - 1)::bigint * %(days)s / %(n)s)::int) AS issued_on,
                   g %% 5 = 0 AS provincial,
                   CASE WHEN g %% 5 = 0 THEN p.committee ELSE c.province END AS province_committee
            FROM (SELECT 1) one
            LEFT JOIN prov p ON p.i = (g / 5) %% %(nprov)s
            LEFT JOIN comm c ON c.i = (g * 31) %% %(ncomm)s
          ) x
        ) s
        """,
        {"n": documents, "nkinds": len(kinds), "first": first, "days": days, "nprov": nprov, "ncomm": ncomm},
    )
    cur.execute("CREATE INDEX ON gen (g)")
    cur.execute("ANALYZE gen")
    step("documents laid out")
    kind_codes = "ARRAY[" + ",".join(f"'{c}'" for c, _n, _i in kinds) + "]"
    kind_names = [n for _c, n, _i in kinds]
    kind_type_ids = [i for _c, _n, i in kinds]
    cur.execute(
        f"""
        INSERT INTO reports_documentregister (issuer_id, doc_type, term_id, symbol, last_number)
        SELECT gen.issuer, ({kind_codes})[gen.kind + 1], gen.term,
               CASE u.kind WHEN 'tgdv_board' THEN 'BTGDVTU' WHEN 'danvan_board' THEN 'BDVTU'
                           WHEN 'danvan_bloc' THEN 'KDV' ELSE 'DU' END,
               max(gen.number)
        FROM gen JOIN organisations_orgunit u ON u.id = gen.issuer
        GROUP BY gen.issuer, gen.kind, gen.term, u.kind
        """  # noqa: S608 - fixed codes
    )
    registers = cur.rowcount
    cur.execute(
        f"""
        CREATE TEMP TABLE reg AS
        SELECT r.id, r.issuer_id, array_position({kind_codes}, r.doc_type::text) - 1 AS kind, r.term_id, r.symbol
        FROM reports_documentregister r
        """  # noqa: S608 - fixed codes
    )
    cur.execute("CREATE INDEX ON reg (issuer_id, kind, term_id)")
    topics = TOPICS
    folded_topics = [fold(t) for t in topics]
    folded_sentences = [fold(s) for s in SENTENCES]
    params = {
        "author": author,
        "topics": topics,
        "ftopics": folded_topics,
        "names": kind_names,
        "fnames": [fold(n) for n in kind_names],
        "sentences": SENTENCES,
        "fsentences": folded_sentences,
        "type_ids": kind_type_ids,
        "nt": len(topics),
        "ns": len(SENTENCES),
    }
    # Issued documents and their drafts, one id each (gen.g), so that Document.issued_id = g.
    cur.execute("SET session_replication_role = replica")  # no FK triggers while bulk loading
    cur.execute(
        """
        INSERT INTO reports_issueddocument (id, public_id, register_id, number, reference, title, issued_on,
            issued_by_id, content, created_at, key, source_url, revoke_reason)
        SELECT gen.g, gen_random_uuid(), reg.id, gen.number,
               'Số ' || lpad(gen.number::text, 2, '0') || '-' || (ARRAY['KH','HD','CV','BC','TB','TTr','QĐ','NQ'])[gen.kind + 1]
                 || '/' || reg.symbol,
               (%(names)s::text[])[gen.kind + 1] || ' ' || (%(topics)s::text[])[(gen.g %% %(nt)s) + 1]
                 || ' năm ' || extract(year FROM gen.issued_on),
               gen.issued_on, %(author)s, '\\x00'::bytea, gen.issued_on::timestamptz, 'bench:' || gen.g, '', ''
        FROM gen JOIN reg ON reg.issuer_id = gen.issuer AND reg.kind = gen.kind AND reg.term_id = gen.term
        """,
        params,
    )
    step(f"issued documents: {cur.rowcount}")
    cur.execute(
        """
        INSERT INTO documents_document (id, public_id, issuer_id, doc_type_id, template, title, summary, status,
            drafter_id, signer_id, signer_title, capacity, recipients_spec, tasks, issued_id, search_text, source_key,
            source_url, created_at, updated_at, version)
        SELECT i.id, gen_random_uuid(), gen.issuer, (%(type_ids)s::int[])[gen.kind + 1], '', i.title,
               (%(sentences)s::text[])[(gen.g %% %(ns)s) + 1], 'issued', %(author)s, %(author)s, 'Trưởng ban', 'T/M',
               CASE WHEN gen.provincial THEN '{"communes_of": "x"}'::jsonb ELSE '{}'::jsonb END, '', i.id,
               lower(replace(i.reference, 'Số ', 'so ')) || ' ' || (%(fnames)s::text[])[gen.kind + 1] || ' '
                 || (%(ftopics)s::text[])[(gen.g %% %(nt)s) + 1] || ' nam ' || extract(year FROM gen.issued_on) || ' '
                 || (%(fsentences)s::text[])[(gen.g %% %(ns)s) + 1] || ' '
                 || (%(fsentences)s::text[])[((gen.g / 3) %% %(ns)s) + 1] || ' '
                 || (%(fsentences)s::text[])[((gen.g / 7) %% %(ns)s) + 1] || ' so ' || gen.g,
               '', '', gen.issued_on::timestamptz, gen.issued_on::timestamptz, 1
        FROM gen JOIN reports_issueddocument i ON i.id = gen.g
        """,
        params,
    )
    step(f"documents: {cur.rowcount}")
    for table in ("reports_issueddocument", "documents_document", "reports_documentregister"):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
    # Recipients: a provincial document goes to every commune committee of its province, a commune's goes up to
    # its provincial body. Acknowledged within days; the last 30 days partly waiting; 1 in 100 older never.
    # The two secondary indexes are dropped for the load and made again afterwards (much faster than 20 million
    # random index inserts).
    cur.execute("ALTER TABLE documents_documentrecipient DROP CONSTRAINT IF EXISTS documentrecipient_unique")
    cur.execute("DROP INDEX IF EXISTS docrecipient_unit_ack")
    cur.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents_documentrecipient' "
        "AND indexname <> 'documents_documentrecipient_pkey'"
    )
    fk_defs = cur.fetchall()
    for name, _definition in fk_defs:
        cur.execute(f'DROP INDEX IF EXISTS "{name}"')
    ack = """
        CASE WHEN (gen.g + UNIT) %% 100 = 0 THEN NULL
             WHEN gen.issued_on > %(today)s::date - 30 AND (gen.g + UNIT) %% 3 = 0 THEN NULL
             ELSE (gen.issued_on + ((gen.g + UNIT) %% 9)::int)::timestamptz END
    """
    cur.execute(
        f"""
        INSERT INTO documents_documentrecipient (document_id, unit_id, acknowledged_at, acknowledged_by_id, issued_on)
        SELECT gen.g, u.committee, a.at, CASE WHEN a.at IS NULL THEN NULL ELSE %(author)s END, gen.issued_on
        FROM gen JOIN comm u ON u.province = gen.province_committee,
             LATERAL (SELECT {ack.replace("UNIT", "u.committee")} AS at) a
        WHERE gen.provincial
        ORDER BY gen.g
        """,  # noqa: S608 - fixed text
        {"author": author, "today": today},
    )
    down = cur.rowcount
    step(f"recipients (down to communes): {down}")
    cur.execute(
        f"""
        INSERT INTO documents_documentrecipient (document_id, unit_id, acknowledged_at, acknowledged_by_id, issued_on)
        SELECT gen.g, p.body, a.at, CASE WHEN a.at IS NULL THEN NULL ELSE %(author)s END, gen.issued_on
        FROM gen JOIN prov p ON p.committee = gen.province_committee,
             LATERAL (SELECT {ack.replace("UNIT", "p.body")} AS at) a
        WHERE NOT gen.provincial
        """,  # noqa: S608 - fixed text
        {"author": author, "today": today},
    )
    up = cur.rowcount
    step(f"recipients (up to the provincial bodies): {up}")
    cur.execute("SET session_replication_role = DEFAULT")
    cur.execute(
        "ALTER TABLE documents_documentrecipient ADD CONSTRAINT documentrecipient_unique UNIQUE (document_id, unit_id)"
    )
    cur.execute("CREATE INDEX docrecipient_unit_ack ON documents_documentrecipient (unit_id, acknowledged_at)")
    for _name, definition in fk_defs:
        cur.execute(definition)
    step("recipient indexes made again")
    cur.execute("ANALYZE")
    return {"documents": documents, "registers": registers, "recipients": down + up}


def ensure_users(body_code: str):
    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit

    def user(username, code, role):
        found, _ = User.objects.get_or_create(username=username, defaults={"full_name": username, "password": "!"})
        RoleAssignment.objects.get_or_create(user=found, unit=OrgUnit.objects.get(code=code), role=role)
        return found

    User.objects.get_or_create(username="bench.documents", defaults={"full_name": "bench", "password": "!"})
    return {
        "centre officer": user("bench.doc.centre", "TW", "officer"),
        "province officer": user("bench.doc.p24", body_code, "officer"),
        "commune officer": user("bench.doc.c7288", COMMUNE, "officer"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_URL, help="dropped and created unless --reuse")
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--label", default="")
    parser.add_argument("--reuse", action="store_true", help="keep the database, its tree and its data")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--no-print", action="store_true", help="leave out the printed register's job (~1 min a run)")
    args = parser.parse_args()
    if not args.reuse:
        recreate_pg_database(args.postgres_url)
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-bench-documents-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from danvan.documents.heading import issuer_for
    from danvan.documents.models import Document, DocumentRecipient
    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import admin_units_load, org_tree_build

    step("migrate, load the tree")
    call_command("migrate", "--noinput", verbosity=0)
    if not OrgUnit.objects.exists():
        admin_units_load(actor=None)
        org_tree_build(actor=None)
    body = issuer_for(OrgUnit.objects.get(code=PROVINCE))
    users = ensure_users(body.code)
    today = dt.date.today()
    results: dict = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    if not DocumentRecipient.objects.exists():
        step(f"{args.documents} documents over {args.years} years, with their recipients")
        started = time.perf_counter()
        with connection.cursor() as cur:
            results["rows"] = generate(cur, documents=args.documents, years=args.years, today=today)
        results["generate_s"] = round(time.perf_counter() - started, 1)
        step(f"generated: {results['rows']} in {results['generate_s']} s")
    else:
        results["rows"] = {"documents": Document.objects.count(), "recipients": DocumentRecipient.objects.count()}
    if args.generate_only:
        return 0
    clients = {}
    for user in users.values():
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    commune = OrgUnit.objects.get(code=COMMUNE)
    year = today.year - 1

    def plain_count():
        return DocumentRecipient.objects.filter(unit=commune, acknowledged_at__isnull=True).count()

    centre, province, commune_officer = users["centre officer"], users["province officer"], users["commune officer"]
    pages = [
        ("commune officer: minimal page (baseline)", commune_officer, "/phan-he/documents/"),
        ("province officer: minimal page (baseline)", province, "/phan-he/documents/"),
        ("commune officer: inbox (Việc của tôi)", commune_officer, "/viec-cua-toi/"),
        ("commune officer: documents page (received)", commune_officer, "/van-ban/"),
        ("province officer: documents page", province, "/van-ban/"),
        (
            "province officer: outgoing register of a year (page 1 of the HTML register)",
            province,
            f"/van-ban/so/di/?unit={body.code}&nam={year}",
        ),
        (
            "commune officer: incoming register of a year (page 1 of the HTML register)",
            commune_officer,
            f"/van-ban/so/den/?unit={COMMUNE}&nam={year}",
        ),
        (
            "province officer: outgoing register of a year, last page",
            province,
            f"/van-ban/so/di/?unit={body.code}&nam={year}&trang=6",
        ),
        (
            "province officer: outgoing register of a year (XLSX)",
            province,
            f"/van-ban/so/di.xlsx?unit={body.code}&nam={year}",
        ),
        (
            "commune officer: incoming register of a year (XLSX)",
            commune_officer,
            f"/van-ban/so/den.xlsx?unit={COMMUNE}&nam={year}",
        ),
        # docs16f: the largest register of a year, the province Ban's incoming one (~2,350 rows: every commune of
        # the province sends up), as its page and streamed as XLSX.
        (
            "province officer: incoming register of a year (page 1; the largest register)",
            province,
            f"/van-ban/so/den/?unit={body.code}&nam={year}",
        ),
        (
            "province officer: incoming register of a year (XLSX; the largest register)",
            province,
            f"/van-ban/so/den.xlsx?unit={body.code}&nam={year}",
        ),
        ("province officer: search 'thang dan van'", province, "/van-ban/?q=thang+dan+van"),
        ("province officer: search 'Tháng Dân vận'", province, "/van-ban/?q=Th%C3%A1ng+D%C3%A2n+v%E1%BA%ADn"),
        (
            "province officer: search 'Quy chế dân chủ 2023'",
            province,
            "/van-ban/?q=Quy+ch%E1%BA%BF+d%C3%A2n+ch%E1%BB%A7+2023",
        ),
        ("province officer: search 'quy che dan chu 2023'", province, "/van-ban/?q=quy+che+dan+chu+2023"),
        (
            "province officer: search 'hiến đất làm đường'",
            province,
            "/van-ban/?q=hi%E1%BA%BFn+%C4%91%E1%BA%A5t+l%C3%A0m+%C4%91%C6%B0%E1%BB%9Dng",
        ),
        ("province officer: search a word no document has 'so 999999x'", province, "/van-ban/?q=so+999999x"),
        (
            "centre officer: search 'hiến đất làm đường' (1M)",
            centre,
            "/van-ban/?q=hi%E1%BA%BFn+%C4%91%E1%BA%A5t+l%C3%A0m+%C4%91%C6%B0%E1%BB%9Dng",
        ),
    ]
    pages.append(
        ("centre officer: search a rare word 'so 999999' (1M, trigram index)", centre, "/van-ban/?q=so+999999")
    )
    calls = {"plain indexed count: the commune's unacknowledged documents (baseline, no page)": plain_count}
    cases = pages + [(name, None, None) for name in calls]
    counter = {"queries": 0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    samples = {name: {"wall": [], "queries": set(), "bytes": 0, "rss_peak": [], "rss_growth": []} for name, *_ in cases}
    errors = []
    loads = []
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
                elif ".xlsx" in url:
                    # A streamed download (the XLSX of a year) is read to its end inside the timing, block by block
                    # (not joined), with the process's peak RSS reset first (Linux: clear_refs 5 resets VmHWM).
                    rss_before = _reset_peak_rss()
                    response = clients[user.pk].get(url)
                    status, size = response.status_code, sum(len(block) for block in response.streaming_content)
                    peak = _status_kib("VmHWM")
                else:
                    response = clients[user.pk].get(url)
                    status, size = response.status_code, len(response.getvalue())
                wall = time.perf_counter() - t0
                if status != 200:
                    errors.append((name, url, status))
                if round_no < args.warmup:
                    continue
                s = samples[name]
                s["wall"].append(wall * 1000)
                s["queries"].add(counter["queries"])
                s["bytes"] = size
                if url is not None and ".xlsx" in url and peak:
                    s["rss_peak"].append(peak)
                    s["rss_growth"].append(peak - rss_before)
            if round_no >= args.warmup:
                loads.append(os.getloadavg()[0])
    # The printed register (WeasyPrint, a few hundred rows over tens of A4 pages) takes seconds: a background job
    # (decision 0052). Timed: the request that starts it, then the job's work (3 runs each, after the rounds).
    from danvan.core.models import JobRun
    from danvan.core.services import job_run
    from danvan.documents.registers import register_print_build

    start_name = "province officer: start printing the outgoing register (POST; the job runs in a worker)"
    work_name = "the print job's work: outgoing register of a year to PDF (~600 rows; 3 runs after the rounds)"
    slow = [(start_name, province, "/van-ban/so/di/in/"), (work_name, None, None)]
    for name in (start_name, work_name):
        samples[name] = {"wall": [], "queries": set(), "bytes": 0}
    for _ in range(0 if args.no_print else 3):
        counter["queries"] = 0
        with connection.execute_wrapper(wrapper):
            t0 = time.perf_counter()
            response = clients[province.pk].post("/van-ban/so/di/in/", {"unit": body.code, "nam": year})
            wall = time.perf_counter() - t0
        if response.status_code != 302:
            errors.append((start_name, "/van-ban/so/di/in/", response.status_code))
        samples[start_name]["wall"].append(wall * 1000)
        samples[start_name]["queries"].add(counter["queries"])
        job = JobRun.objects.filter(owner=province).order_by("-id").first()
        counter["queries"] = 0
        with connection.execute_wrapper(wrapper):
            t0 = time.perf_counter()
            job_run(job_id=job.pk, work=register_print_build)
            wall = time.perf_counter() - t0
        job.refresh_from_db()
        if job.status != JobRun.Status.SUCCEEDED:
            errors.append((work_name, job.message, job.status))
        samples[work_name]["wall"].append(wall * 1000)
        samples[work_name]["queries"].add(counter["queries"])
        samples[work_name]["bytes"] = job.result_file.size if job.result_file_id else 0
    cases += [] if args.no_print else slow
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
                **(
                    {
                        "peak_rss_mib": round(max(s["rss_peak"]) / 1024, 1),
                        "rss_growth_mib_max": round(max(s["rss_growth"]) / 1024, 1),
                    }
                    if s.get("rss_peak")
                    else {}
                ),
            }
        )
    results.update(
        {"label": args.label, "repeat": args.repeat, "commit": git_commit(), "machine": machine(), "pages": rows}
    )
    results["errors"] = errors[:20]
    if loads:
        results["load_average_during_rounds"] = {
            "min": round(min(loads), 2),
            "median": round(statistics.median(loads), 2),
            "max": round(max(loads), 2),
        }
    out = ROOT / "bench" / "results" / (f"documents-{args.label}.json" if args.label else "documents.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results["rows"]), results.get("generate_s", ""))
    print(f"\n{'case':<72}{'p50':>8}{'p95':>8}{'max':>8}{'queries':>9}{'KiB':>7}")
    for r in rows:
        flag = "" if "baseline" in r["case"] or r["p95_ms"] < TARGET_MS else f"  > {TARGET_MS} ms"
        queries = "/".join(map(str, r["queries"]))
        print(f"{r['case']:<72}{r['p50_ms']:>8}{r['p95_ms']:>8}{r['max_ms']:>8}{queries:>9}{r['kib']:>7}{flag}")
    for r in rows:
        if "peak_rss_mib" in r:
            print(f"{r['case']}: peak RSS {r['peak_rss_mib']} MiB, grew at most {r['rss_growth_mib_max']} MiB")
    if loads:
        print("load average (1 min) during the rounds:", results["load_average_during_rounds"])
    if errors:
        print("\nERRORS (status ≠ 200):", errors[:20])
    print(f"\nload average at the end: {results['machine']['load_average']}; results: {out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

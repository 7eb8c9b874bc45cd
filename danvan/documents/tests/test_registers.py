"""The yearly registers (decision 0052): a page of the register read on indexes, the recipient rows keeping their
document's issue date (filled for old rows by documents 0008), and the printed register as a background job."""

import datetime as dt
import importlib
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from danvan.core.models import JobRun
from danvan.documents import registers, services
from danvan.documents.models import Document, DocumentRecipient
from danvan.documents.tests.factories import TODAY, people, plan, to_signer
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db


def _issued(drafter, head, signer, **kw):
    return services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer, tasks="", **kw), drafter, head), today=TODAY
    )


def _page(client, kind, query):
    return client.get(reverse("documents:register_page", args=[kind]) + query)


def _cells(row):
    """A page row is (header, cell) pairs: the cells."""
    return [cell for _header, cell in row]


def test_recipient_rows_keep_the_documents_issue_date():
    drafter, head, signer = people()
    document = _issued(drafter, head, signer)
    dates = set(DocumentRecipient.objects.filter(document=document).values_list("issued_on", flat=True))
    assert dates == {document.issued.issued_on} == {TODAY}


def test_the_outgoing_register_is_a_page_of_a_year_numbered_across_pages(client, monkeypatch):
    drafter, head, signer = people()
    _issued(drafter, head, signer)
    _issued(drafter, head, signer, title="Hướng dẫn tiếp xúc cử tri")
    monkeypatch.setattr(registers, "PAGE_SIZE", 1)
    client.force_login(signer)
    first = _page(client, "di", "?unit=P24-TGDV&nam=2026")
    assert first.status_code == 200
    assert first.context["total"] == 2 and first.context["pages"] == 2
    assert [(n, _cells(row)[0]) for n, row in first.context["numbered"]] == [(1, "Số 01-KH/BTGDVTU")]
    # The number of recipients, counted for the page's rows: the same as in the whole year's XLSX rows.
    whole = registers.register_rows(kind="di", unit=OrgUnit.objects.get(code="P24-TGDV"), year=2026)
    sent = DocumentRecipient.objects.filter(document__issued__reference="Số 01-KH/BTGDVTU").count()
    assert _cells(first.context["numbered"][0][1])[4] == whole[0][4] == sent > 1
    second = _page(client, "di", "?unit=P24-TGDV&nam=2026&trang=2")
    assert [(n, _cells(row)[0]) for n, row in second.context["numbered"]] == [(2, "Số 02-KH/BTGDVTU")]
    assert "Hướng dẫn tiếp xúc cử tri" in second.content.decode()
    # Another year has none; a page past the end shows the last; nonsense is not an error.
    assert _page(client, "di", "?unit=P24-TGDV&nam=2025").context["total"] == 0
    assert _page(client, "di", "?unit=P24-TGDV&nam=2026&trang=9").context["page"] == 2
    assert _page(client, "di", "?unit=P24-TGDV&nam=2026&trang=x").status_code == 200
    assert _page(client, "di", "?unit=P24-TGDV&nam=hai").status_code == 404
    assert _page(client, "di", "?unit=P24-TGDV&nam=99999999999999999999").status_code == 404
    assert _page(client, "xx", "?unit=P24-TGDV").status_code == 404


def test_the_incoming_register_lists_arrivals_then_documents_received_in_the_year(
    client, monkeypatch, commune_officer_a
):
    drafter, head, signer = people()
    commune = OrgUnit.objects.get(code="C7288-DU")
    services.incoming_register(
        actor=commune_officer_a,
        unit=commune,
        reference="Số 15/BNV-CQĐP",
        dated=dt.date(2026, 11, 20),
        arrived_on=dt.date(2026, 11, 25),
        issuing_body="Bộ Nội vụ",
        summary="Về việc tổ chức đối thoại với nhân dân",
    )
    _issued(drafter, head, signer)
    monkeypatch.setattr(registers, "PAGE_SIZE", 1)
    client.force_login(commune_officer_a)
    first = _page(client, "den", "?unit=C7288-DU&nam=2026")
    assert first.context["total"] == 2
    assert [_cells(row)[2] for _n, row in first.context["numbered"]] == ["Số 15/BNV-CQĐP"]
    second = _page(client, "den", "?unit=C7288-DU&nam=2026&trang=2")
    assert [(n, _cells(row)[0], _cells(row)[2]) for n, row in second.context["numbered"]] == [
        (2, "danvan", "Số 01-KH/BTGDVTU")
    ]
    # The year is the document's issue date kept on the recipient row: none in 2025.
    assert registers.register_page(kind="den", unit=commune, year=2025, page=1) == ([], 0)
    # The whole year (XLSX) has the same rows in the same order.
    whole = [r[2] for r in registers.register_rows(kind="den", unit=commune, year=2026)]
    assert whole == ["Số 15/BNV-CQĐP", "Số 01-KH/BTGDVTU"]
    # While the migration has not yet given old rows their date, the register still finds them (by the document).
    DocumentRecipient.objects.filter(unit=commune).update(issued_on=None)
    assert [r[2] for r in registers.register_rows(kind="den", unit=commune, year=2026)] == whole
    assert registers.register_page(kind="den", unit=commune, year=2025, page=1) == ([], 0)


def test_the_register_of_a_unit_outside_the_scope_is_not_found(client, officer_b):
    client.force_login(officer_b)
    assert _page(client, "di", "?unit=P24-TGDV&nam=2026").status_code == 404
    assert client.get(reverse("documents:register", args=["den"]) + "?unit=C7288-DU").status_code == 404


def _print(client, kind, data, capture):
    page = _page(client, kind, f"?unit={data['unit']}&nam={data['nam']}").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    with capture(execute=True):
        return client.post(
            reverse("documents:register_print", args=[kind]), {**data, "form_token": token.group(1)} if token else data
        )


def test_the_printed_register_is_made_by_a_background_job_and_downloaded_from_its_page(
    client, officer_b, django_capture_on_commit_callbacks
):
    drafter, head, signer = people()
    _issued(drafter, head, signer)
    client.force_login(signer)
    response = _print(client, "di", {"unit": "P24-TGDV", "nam": "2026"}, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job = JobRun.objects.get(owner=signer, kind="documents.register_print")
    assert response["Location"] == reverse("core:job", args=[job.public_id])
    assert job.status == JobRun.Status.SUCCEEDED, job.message
    assert job.total == 1 and job.done == 1 and "1 dòng" in job.message
    download = client.get(reverse("core:job_download", args=[job.public_id]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert "so-van-ban-di-P24-TGDV-2026.pdf" in download["Content-Disposition"]
    # The old address of the print leads to the register's page (no PDF is made in the request).
    old = client.get(reverse("documents:register_pdf", args=["den"]) + "?unit=P24-TGDV&nam=2026")
    assert old.status_code == 302 and old["Location"].startswith(reverse("documents:register_page", args=["den"]))
    # Someone without the unit in scope can neither start a print nor see the job.
    client.force_login(officer_b)
    assert _print(
        client, "di", {"unit": "P24-TGDV", "nam": "2026"}, django_capture_on_commit_callbacks
    ).status_code == (404)
    assert client.get(reverse("core:job", args=[job.public_id])).status_code == 404
    assert JobRun.objects.filter(kind="documents.register_print").count() == 1


def test_a_print_job_whose_owner_lost_the_unit_fails_with_a_message(django_capture_on_commit_callbacks):
    from danvan.accounts.models import RoleAssignment

    drafter, _head, _signer = people()
    with django_capture_on_commit_callbacks(execute=False):
        job = registers.register_print_start(
            actor=drafter, kind="di", unit=OrgUnit.objects.get(code="P24-TGDV"), year=2026
        )
    RoleAssignment.objects.filter(user=drafter).delete()
    from danvan.core.services import job_run

    assert job_run(job_id=job.pk, work=registers.register_print_build) is False
    job.refresh_from_db()
    assert job.status == JobRun.Status.FAILED and "không còn quyền" in job.message and job.result_file_id is None


@pytest.mark.parametrize("batch", [1, 500_000])
def test_the_migration_gives_old_recipient_rows_their_documents_date(monkeypatch, batch):
    migration = importlib.import_module("danvan.documents.migrations.0008_recipient_issued_on")
    drafter, head, signer = people()
    document = _issued(drafter, head, signer)
    rows = DocumentRecipient.objects.filter(document=document)
    assert rows.count() > 1
    rows.update(issued_on=None)  # as written before the column existed
    monkeypatch.setattr(migration, "BATCH", batch)
    migration.fill_issued_on(None, SimpleNamespace(connection=connection))
    assert set(rows.values_list("issued_on", flat=True)) == {TODAY}
    # Run again (a migration taken up after a stop): nothing changes.
    migration.fill_issued_on(None, SimpleNamespace(connection=connection))
    assert set(rows.values_list("issued_on", flat=True)) == {TODAY}


def _selected_columns(queries) -> str:
    return " ".join(q["sql"].split(" FROM ")[0] for q in queries)


def test_lists_and_registers_never_read_the_files_bytes_nor_the_whole_text(commune_officer_a, officer_a):
    from django.test.utils import CaptureQueriesContext

    from danvan.core.inbox import _documents, _present
    from danvan.documents import selectors

    drafter, head, signer = people()
    document = _issued(drafter, head, signer)
    document.pdf = b"%PDF-1.7 a real copy is hundreds of KiB"
    document.save(update_fields=["pdf"])
    p24, c7288 = OrgUnit.objects.get(code="P24-TGDV"), OrgUnit.objects.get(code="C7288-DU")
    with CaptureQueriesContext(connection) as queries:
        assert [d.pk for d in selectors.document_list_for_user(user=officer_a)] == [document.pk]
        assert [r.document.issued.reference for r in selectors.received_newest(user=commune_officer_a)] == [
            document.issued.reference
        ]
        sources = _present(commune_officer_a, timezone.localdate())
        assert len(_documents(sources["documents_waiting"], sources["documents_received"]).items) == 1
        assert registers.register_page(kind="di", unit=p24, year=2026, page=1)[1] == 1
        assert registers.register_page(kind="den", unit=c7288, year=2026, page=1)[1] == 1
    selected = _selected_columns(queries.captured_queries)
    assert '"title"' in selected  # the rows were read…
    # …without the files and the whole text (the units' own short search_text, joined for their names, is read)
    for column in ('"content"', '"pdf"', '"documents_document"."search_text"'):
        assert column not in selected, column


def test_the_xlsx_of_a_year_is_streamed_from_rows_read_in_chunks(client, monkeypatch, commune_officer_a):
    """The whole year as XLSX in constant memory: the rows are read from the database in chunks and written one
    at a time, and the file is sent from disk; the year's rows are never gathered in a list."""
    import io

    from openpyxl import load_workbook

    drafter, head, signer = people()
    for title in ("Kế hoạch thứ nhất", "Kế hoạch thứ hai", "Kế hoạch thứ ba"):
        _issued(drafter, head, signer, title=title)
    issuer, commune = OrgUnit.objects.get(code="P24-TGDV"), OrgUnit.objects.get(code="C7288-DU")
    expected = {
        "di": registers.register_rows(kind="di", unit=issuer, year=2026),
        "den": registers.register_rows(kind="den", unit=commune, year=2026),
    }
    monkeypatch.setattr(registers, "CHUNK", 2)

    def gathered(**kw):
        raise AssertionError("the download gathered the whole year in a list")

    monkeypatch.setattr(registers, "register_rows", gathered)
    for kind, user, unit in (("di", signer, issuer), ("den", commune_officer_a, commune)):
        client.force_login(user)
        response = client.get(reverse("documents:register", args=[kind]) + f"?unit={unit.code}&nam=2026")
        assert response.status_code == 200 and response.streaming
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
        # An empty cell reads back as None.
        assert [list(r) for r in rows[1:]] == [[None if v == "" else v for v in r] for r in expected[kind]]
        assert len(rows) == 4


def test_the_streamed_incoming_register_has_the_rows_of_its_pages(commune_officer_a):
    """The XLSX reads a year's received documents as values, the page as objects: the same rows, in the same order."""
    drafter, head, signer = people()
    for title in ("Kế hoạch thứ nhất", "Kế hoạch thứ hai", "Kế hoạch thứ ba"):
        _issued(drafter, head, signer, title=title)
    commune = OrgUnit.objects.get(code="C7288-DU")
    first = Document.objects.order_by("id").first()
    services.document_acknowledge(actor=commune_officer_a, document=first)
    paged = registers.register_page(kind="den", unit=commune, year=2026, page=1, size=2)[0]
    paged += registers.register_page(kind="den", unit=commune, year=2026, page=2, size=2)[0]
    streamed = list(registers.register_rows_iter(kind="den", unit=commune, year=2026))
    assert len(streamed) == 3 and streamed == paged
    assert [row[1] != "" for row in streamed].count(True) == 1


def test_the_whole_years_outgoing_rows_read_as_values_are_the_model_rows():
    """The XLSX and the printed register read the outgoing rows as values; the page reads model rows: the same
    cells, for a signed draft, a number taken without a draft (a briefing report: its signer is who took it) and a
    revoked entry."""
    from django.contrib.auth import get_user_model

    from danvan.documents.models import IssuedDocument
    from danvan.documents.numbering import document_issue

    drafter, head, signer = people()
    _issued(drafter, head, signer, title="Kế hoạch thứ nhất")
    _issued(drafter, head, signer, title="Kế hoạch thứ hai")
    issuer = OrgUnit.objects.get(code="P24-TGDV")
    nameless = get_user_model().objects.create(username="khong.ten")  # no full name: the username stands for it
    document_issue(
        actor=nameless,
        issuer=issuer,
        doc_type="BC",
        title="Báo cáo giao ban",
        build=lambda ref: ref.encode(),
        today=TODAY,
        key="values-test",
    )
    IssuedDocument.objects.filter(title="Kế hoạch thứ hai").update(revoked_at=timezone.now())
    by_models = [registers._outgoing_row(i) for i in registers._outgoing(issuer, TODAY.year)]
    by_values = list(registers.outgoing_register_rows(issuer=issuer, year=TODAY.year))
    assert by_values == by_models and len(by_values) == 3
    signers = {row[2]: row[3] for row in by_values}
    assert signers["Báo cáo giao ban"] == "khong.ten" and signers["Kế hoạch thứ nhất"] == signer.get_full_name()
    assert [row[5] for row in by_values].count("Đã thu hồi") == 1

import io

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.tests import crafted
from danvan.ingest.flags import FLAG_LABELS
from danvan.ingest.models import IngestDocument, IngestRecord
from danvan.ingest.services import ingest_document_create

from .fixtures import seed_text

pytestmark = pytest.mark.django_db


def upload(client, name, content, **extra):
    file = io.BytesIO(content)
    file.name = name
    return client.post("/doc-van-ban/", {"unit": extra.pop("unit", "P24-TU"), "file": file, **extra})


def test_an_officer_uploads_a_file_and_lands_on_its_record(client_for, officer_a):
    response = upload(client_for(officer_a), "000.txt", seed_text("000").encode())
    document = IngestDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/doc-van-ban/{document.public_id}/"


def test_pasted_text_works_too(client_for, officer_a):
    response = client_for(officer_a).post("/doc-van-ban/", {"unit": "P24-TU", "text": seed_text("004")})
    assert response.status_code == 302
    assert IngestRecord.objects.get().proposed["event_type"] == "trien_khai"


def test_bad_input_shows_the_message_and_creates_nothing(client_for, officer_a):
    response = upload(client_for(officer_a), "empty.txt", b"")
    assert response.status_code == 200
    assert "Tệp trống" in response.content.decode() or "empty" in response.content.decode()
    response = client_for(officer_a).post("/doc-van-ban/", {"unit": "P24-TU", "text": "Hello world, this is English."})
    assert response.status_code == 200
    assert "không phải tiếng Việt" in response.content.decode()
    assert not IngestDocument.objects.exists()


def test_a_unit_outside_the_officers_scope_is_not_offered(client_for, officer_b):
    response = upload(client_for(officer_b), "000.txt", seed_text("000").encode(), unit="P24-TU")
    assert response.status_code == 200
    assert not IngestDocument.objects.exists()


def test_the_list_shows_documents_in_scope_only(client_for, officer_a, officer_b, commune_officer_a, unit):
    mine = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("000"))
    theirs = ingest_document_create(actor=officer_b, unit=unit("P91-TU"), content=seed_text("001"))
    page = client_for(officer_a).get("/doc-van-ban/").content.decode()
    assert str(mine.document.public_id) in page and str(theirs.document.public_id) not in page
    # A commune officer does not see the province's documents.
    page = client_for(commune_officer_a).get("/doc-van-ban/").content.decode()
    assert str(mine.document.public_id) not in page


def test_the_detail_page_shows_the_proposal_and_its_flags(client_for, officer_a, unit):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("002"))
    response = client_for(officer_a).get(f"/doc-van-ban/{record.document.public_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    # The flag in words, never its key (issue 14, finding 7).
    assert "event_date_unresolved" not in page
    assert str(FLAG_LABELS["event_date_unresolved"]) in page
    assert "Trịnh Đình Sính" in page
    assert "border-warning" in page
    assert 'style="' not in page and "<script>" not in page


def test_another_provinces_document_is_404(client_for, officer_a, officer_b, unit):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("000"))
    assert client_for(officer_b).get(f"/doc-van-ban/{record.document.public_id}/").status_code == 404
    assert client_for(officer_b).post(f"/doc-van-ban/{record.document.public_id}/", {}).status_code == 404


def test_confirming_keeps_the_correction(client_for, officer_a, unit):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("002"))
    form = {
        "event_type": "so_ket",
        "event_date": "12/07/2016",
        "period": "2016-H1",
        "province": "Bắc Kạn",
        "level": "huyen",
        "organizer": "Thành ủy Bắc Kạn",
        "chair": "Trịnh Đình Sính | Bí thư Thành ủy",
        "attendees_orgs": "",
        "tasks": "Tổ chức thành công Hội thi “Dân vận khéo” cấp thành phố",
        "models": "",
        "figures": "200 | ngày đêm | 200 ngày đêm\n20 | năm",
    }
    response = client_for(officer_a).post(f"/doc-van-ban/{record.document.public_id}/", form)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "confirmed"
    assert record.corrected["event_date"] == "2016-07-12"
    assert record.corrected["chair"] == [{"name": "Trịnh Đình Sính", "title": "Bí thư Thành ủy"}]
    assert record.corrected["figures"][1] == {"text": "20 năm", "value": 20, "unit": "năm"}
    assert AuditEvent.objects.filter(action=Action.INGEST_RECORD_CONFIRMED).count() == 1


def test_a_bad_figure_line_is_shown_on_the_form(client_for, officer_a, unit):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("002"))
    response = client_for(officer_a).post(
        f"/doc-van-ban/{record.document.public_id}/", {"event_type": "so_ket", "figures": "nhiều | mô hình"}
    )
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.status == "proposed"


def test_the_list_page_query_count_does_not_grow_with_documents(
    client_for, officer_a, unit, django_assert_max_num_queries
):
    for n in range(3):
        ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text(f"00{n}"))
    client = client_for(officer_a)
    with django_assert_max_num_queries(12):
        client.get("/doc-van-ban/")


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get("/doc-van-ban/").status_code == 302


@pytest.mark.parametrize("value", ["NaN", "inf", "1e999"])
def test_a_figure_that_is_not_a_finite_number_is_shown_on_the_form(client_for, officer_a, unit, value):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("002"))
    response = client_for(officer_a).post(
        f"/doc-van-ban/{record.document.public_id}/", {"event_type": "so_ket", "figures": f"{value} | mô hình"}
    )
    assert response.status_code == 200
    assert "figures" in response.context["form"].errors
    record.refresh_from_db()
    assert record.status == "proposed"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (crafted.docx_billion_laughs(), "khai báo DOCTYPE/ENTITY"),
        (
            crafted.docx_unpacking_to(60 * crafted.MiB),
            "quá mức 40 MB; hãy chia nội dung thành nhiều tệp hoặc bỏ bớt ảnh",
        ),
    ],
)
def test_a_hostile_docx_is_refused_with_a_message_not_a_server_error(client_for, officer_a, content, fragment):
    response = upload(client_for(officer_a), "bao-cao.docx", content)
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert not IngestDocument.objects.exists()

"""Reception, duties, cases, dialogues, statistics and the 2a–2d forms through HTTP."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from danvan.organisations.models import OrgUnit
from danvan.petitions import services, views
from danvan.petitions.models import Case, Commitment, PetitionField, ReceptionSession

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(views, "_today", lambda: TODAY)


def formset(prefix, total=1, **rows):
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "50"}
    data.update({f"{prefix}-{k}": v for k, v in rows.items()})
    return data


def test_a_reception_session_with_a_petition_in_one_step(client_for, commune_officer_a):
    data = {
        "unit": "C7288-DU",
        "held_on": "02/03/2026",
        "leader_name": "Chủ tịch UBND xã",
        "kind": "periodic",
        "citizen_kind": "person",
        "citizen_count": "1",
        "field": str(PetitionField.objects.get(code="dat-dai").pk),
        "content": "Đề nghị giải quyết tranh chấp ranh giới đất",
        "create_petition": "on",
        "category": "khieu_nai",
        **formset("petitioners", **{"0-full_name": "Đinh Văn Phú", "0-cccd": "001203004567"}),
    }
    client = client_for(commune_officer_a)
    page = client.post("/don-thu/tiep-dan/", data)
    session = ReceptionSession.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/don-thu/{session.petition.code}/"
    assert session.petition.petitioners.get().full_name == "Đinh Văn Phú"
    assert "tranh chấp ranh giới" in client.get("/don-thu/tiep-dan/").content.decode()


def test_a_session_without_content_is_refused_by_field(client_for, commune_officer_a):
    page = client_for(commune_officer_a).post(
        "/don-thu/tiep-dan/", {"unit": "C7288-DU", "held_on": "02/03/2026", **formset("petitioners")}
    )
    assert page.status_code == 200 and {"content", "leader_name", "field"} <= set(page.context["form"].errors)
    assert not ReceptionSession.objects.exists()


def test_the_duty_page_shows_who_is_behind(client_for, commune_officer_a):
    client = client_for(commune_officer_a)
    page = client.post(
        "/don-thu/tiep-dan/lich/", {"unit": "C7288-DU", "holder_name": "Ông Bí thư", "position": "bi_thu_xa"}
    )
    assert page.status_code == 302
    page = client.get("/don-thu/tiep-dan/lich/")
    assert page.context["rows"][0].behind and "Ông Bí thư" in page.content.decode()


def test_a_case_page_gathers_petitions_members_and_timeline(client_for, officer_a):
    client = client_for(officer_a)
    page = client.post(
        "/don-thu/vu-viec/", {"unit": "P24-TU", "title": "Đất rừng thôn Đông", "opened_on": "01/03/2026"}
    )
    case = Case.objects.get()
    assert page["Location"] == f"/don-thu/vu-viec/{case.code}/"
    petition = receive(officer_a)
    client.post(page["Location"], {"form": "petition", "petition": petition.code})
    client.post(page["Location"], {"form": "member", "full_name": "Trần Văn Tổ", "role": "Tổ trưởng"})
    client.post(
        page["Location"],
        {"form": "event", "on": "10/03/2026", "kind": "review", "summary": "Giao ban", "status_after": "stalled"},
    )
    html = client.get(page["Location"]).content.decode()
    assert petition.code in html and "Trần Văn Tổ" in html and "Giao ban" in html
    case.refresh_from_db()
    assert case.status == "stalled"


DIALOGUE_WITH_ONE_ISSUE = {
    "unit": "P24-TU",
    "held_on": "02/03/2026",
    "place": "Nhà văn hóa",
    "leaders": "Bí thư Tỉnh ủy",
    "participant_count": "80",
    **formset("issues", total=2, **{"0-issue": "Sửa đường", "0-owner_unit": "C7288-DU", "0-due_on": "30/06/2026"}),
}


def test_a_dialogue_page_records_commitments_and_the_follow_up_list_shows_them(client_for, officer_a):
    client = client_for(officer_a)
    page = client.post("/don-thu/doi-thoai/", DIALOGUE_WITH_ONE_ISSUE)
    assert page.status_code == 302
    commitment = Commitment.objects.get()
    page = client.get("/don-thu/doi-thoai/cam-ket/")
    assert "Sửa đường" in page.content.decode()
    client.post("/don-thu/doi-thoai/cam-ket/", {"commitment": commitment.pk, "status": "done", "outcome": "Xong"})
    commitment.refresh_from_db()
    assert commitment.status == "done"


def test_a_commitments_row_form_starts_from_the_commitment_as_it_is(client_for, officer_a):
    """Saving an outcome from the list must not reset the status or unpublish it: the row's form shows them."""
    client = client_for(officer_a)
    assert client.post("/don-thu/doi-thoai/", DIALOGUE_WITH_ONE_ISSUE).status_code == 302
    commitment = Commitment.objects.get()
    services.commitment_update(
        actor=officer_a, commitment=commitment, status="open", outcome="Đã khảo sát <tuyến>", is_published=True
    )
    html = client.get("/don-thu/doi-thoai/cam-ket/").content.decode()
    assert 'value="open" selected' in html
    assert 'value="Đã khảo sát &lt;tuyến&gt;"' in html
    assert 'name="is_published" class="form-check-input" checked' in html


def test_two_officers_saving_one_commitment_do_not_overwrite_each_other(client_for, officer_a, admin_a):
    """The row form carries the version it was shown with: a save made in between is not overwritten silently."""
    client = client_for(officer_a)
    assert client.post("/don-thu/doi-thoai/", DIALOGUE_WITH_ONE_ISSUE).status_code == 302
    commitment = Commitment.objects.get()
    html = client.get("/don-thu/doi-thoai/cam-ket/").content.decode()
    assert 'name="expected_version" value="0"' in html
    # Someone else saves after the officer opened the list.
    services.commitment_update(actor=admin_a, commitment=commitment, status="open", outcome="Đã khảo sát tuyến")
    page = client.post(
        "/don-thu/doi-thoai/cam-ket/",
        {"commitment": commitment.pk, "status": "open", "outcome": "Chờ kinh phí", "expected_version": "0"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cam kết này vừa được Admin.A lưu" in html
    assert 'value="Chờ kinh phí"' in html  # what the officer typed stays on the page
    assert 'name="expected_version" value="1"' in html
    commitment.refresh_from_db()
    assert (commitment.outcome, commitment.version, commitment.updated_by) == ("Đã khảo sát tuyến", 1, admin_a)
    # Saving again, after reading the message, is the officer's choice.
    page = client.post(
        "/don-thu/doi-thoai/cam-ket/",
        {"commitment": commitment.pk, "status": "open", "outcome": "Chờ kinh phí", "expected_version": "1"},
    )
    assert page.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.outcome, commitment.version, commitment.updated_by) == ("Chờ kinh phí", 2, officer_a)


def test_a_commitment_closed_by_someone_else_stays_on_the_page_with_the_message(client_for, officer_a, admin_a):
    client = client_for(officer_a)
    assert client.post("/don-thu/doi-thoai/", DIALOGUE_WITH_ONE_ISSUE).status_code == 302
    commitment = Commitment.objects.get()
    services.commitment_update(actor=admin_a, commitment=commitment, status="done", outcome="Đã sửa xong")
    page = client.post(
        "/don-thu/doi-thoai/cam-ket/",
        {"commitment": commitment.pk, "status": "open", "outcome": "Đang làm", "expected_version": "0"},
    )
    html = page.content.decode()
    assert "Cam kết này vừa được Admin.A lưu" in html and 'value="Đang làm"' in html
    commitment.refresh_from_db()
    assert (commitment.status, commitment.outcome) == ("done", "Đã sửa xong")


def test_a_dialogue_issue_without_an_owner_shows_the_error_on_that_row(client_for, officer_a):
    data = {
        "unit": "P24-TU",
        "held_on": "02/03/2026",
        "place": "Nhà văn hóa",
        "leaders": "Bí thư",
        "participant_count": "3",
        **formset("issues", **{"0-issue": "Sửa đường", "0-due_on": "30/06/2026"}),
    }
    page = client_for(officer_a).post("/don-thu/doi-thoai/", data)
    assert page.status_code == 200 and "owner_unit" in page.context["formset"].forms[0].errors


def test_the_dashboard_counts_by_unit_and_field_for_the_period_and_year(client_for, officer_a, commune_officer_a):
    receive(officer_a, is_over_level=True)
    receive(commune_officer_a, unit_code="C7288-DU", received_on=dt.date(2026, 1, 5))
    services.petition_process(actor=officer_a, petition=receive(officer_a), on=TODAY)
    page = client_for(officer_a).get("/don-thu/thong-ke/?unit=P24-TU&start=01/03/2026&end=02/03/2026")
    data = page.context["data"]
    assert (data["period"]["received"], data["period"]["processed"], data["period"]["over_level"]) == (2, 1, 1)
    assert data["ytd"]["received"] == 3 and data["ytd"]["overdue"] == 1  # the January one is past its 10 days
    assert [r["received"] for r in data["by_field"]] == [2]
    assert client_for(officer_a).get("/don-thu/thong-ke/?unit=P91-TU").status_code == 404


@pytest.mark.parametrize("form", ["2a", "2b", "2c", "2d"])
def test_each_statistics_form_exports_as_xlsx(client_for, officer_a, commune_officer_a, form):
    receive(officer_a, category="khieu_nai")
    receive(commune_officer_a, unit_code="C7288-DU", category="to_cao")
    services.reception_session_record(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        held_on=TODAY,
        leader_name="Bí thư",
        content="Kiến nghị",
        field=PetitionField.objects.get(code="khac"),
        citizens=[{"full_name": "Lê A"}],
        today=TODAY,
    )
    response = client_for(officer_a).get(
        f"/don-thu/thong-ke/mau-{form}.xlsx?unit=P24-TU&start=01/03/2026&end=02/03/2026"
    )
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith(f"Mẫu {form}")
    total = rows[-1]
    assert total[0] == "Tổng cộng" and total[1] == (2 if form == "2b" else 1)


@pytest.mark.parametrize("bad", ["abc", "9" * 25, "-1", "1.5", ""])
def test_a_bad_commitment_id_is_404_not_an_error(client_for, officer_a, bad):
    page = client_for(officer_a).post("/don-thu/doi-thoai/cam-ket/", {"commitment": bad, "status": "done"})
    assert page.status_code == 404

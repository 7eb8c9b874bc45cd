import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.petitions.models import Petition, PetitionField

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


def intake_data(**changes):
    data = {
        "unit": "P24-TU",
        "source": "tiep_cong_dan",
        "category": "khieu_nai",
        "field": str(PetitionField.objects.get(code="dat-dai").pk),
        "received_on": dt.date.today().strftime("%d/%m/%Y"),
        "content": "Khiếu nại quyết định thu hồi đất của UBND xã",
        "respondent": "UBND xã",
        "petitioner_kind": "person",
        "group_size": "1",
        "petitioners-TOTAL_FORMS": "2",
        "petitioners-INITIAL_FORMS": "0",
        "petitioners-MIN_NUM_FORMS": "0",
        "petitioners-MAX_NUM_FORMS": "50",
        "petitioners-0-full_name": "Hoàng Văn Em",
        "petitioners-0-cccd": "001203004567",
        "petitioners-0-phone": "0987654321",
    }
    data.update(changes)
    return data


def test_the_intake_form_records_a_petition_with_its_petitioners(client_for, officer_a):
    client = client_for(officer_a)
    assert client.get("/don-thu/tiep-nhan/").status_code == 200
    page = client.post("/don-thu/tiep-nhan/", intake_data())
    petition = Petition.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/don-thu/{petition.code}/"
    assert petition.petitioners.get().full_name == "Hoàng Văn Em"
    detail = client.get(page["Location"])
    html = detail.content.decode()
    assert "Hoàng Văn Em" in html and petition.due_on.strftime("%d/%m/%Y") in html


def test_bad_input_is_shown_by_field_and_nothing_is_written(client_for, officer_a):
    client = client_for(officer_a)
    page = client.post("/don-thu/tiep-nhan/", intake_data(content="", **{"petitioners-0-cccd": "123"}))
    assert page.status_code == 200
    assert "content" in page.context["form"].errors
    assert "cccd" in page.context["formset"].forms[0].errors
    page = client.post("/don-thu/tiep-nhan/", intake_data(unit="P91-TU"))
    assert "unit" in page.context["form"].errors
    assert not Petition.objects.exists()


def test_intake_shows_likely_repeats_and_links_the_chosen_one(client_for, officer_a):
    earlier = receive(officer_a, people=[{"full_name": "Hoàng Văn Em", "cccd": "001203004567"}])
    client = client_for(officer_a)
    page = client.post("/don-thu/tiep-nhan/", intake_data())
    assert page.status_code == 200 and Petition.objects.count() == 1
    candidates = page.context["candidates"]
    assert candidates[0].petition == earlier and "cùng CCCD" in candidates[0].reasons
    page = client.post("/don-thu/tiep-nhan/", intake_data(repeat_decision=earlier.code))
    assert page.status_code == 302
    new = Petition.objects.exclude(pk=earlier.pk).get()
    assert new.repeat_of == earlier and new.repeat_checked


def test_intake_confirmed_as_new_is_saved_unlinked(client_for, officer_a):
    receive(officer_a, people=[{"full_name": "Hoàng Văn Em", "cccd": "001203004567"}])
    client_for(officer_a).post("/don-thu/tiep-nhan/", intake_data(repeat_decision="new"))
    new = Petition.objects.order_by("-id").first()
    assert new.repeat_of is None and new.repeat_checked


def test_similar_content_is_found_without_the_same_person(client_for, officer_a):
    earlier = receive(officer_a, people=[{"full_name": "Ai Đó Khác"}])
    page = client_for(officer_a).post(
        "/don-thu/tiep-nhan/",
        intake_data(
            content="Tranh chap dat dai voi ho lien ke tai thon Dong, de nghi xem xet lai quyet dinh thu hoi dat",
            **{"petitioners-0-cccd": "", "petitioners-0-phone": "", "petitioners-0-full_name": "Người Mới"},
        ),
    )
    assert [c.petition for c in page.context["candidates"]] == [earlier]
    assert "nội dung giống" in page.context["candidates"][0].reasons[0]


def test_lifecycle_actions_run_from_the_detail_page(client_for, officer_a):
    petition = receive(officer_a)
    client = client_for(officer_a)
    page = client.post(f"/don-thu/{petition.code}/process/", {"process-on": "05/03/2026"})
    assert page.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "processed"
    page = client.post(f"/don-thu/{petition.code}/close/", {"close-on": "06/03/2026", "close-outcome": "resolved"})
    assert page.status_code == 400
    assert "Kết quả giải quyết" in str(page.context["actions"][1]["form"].errors)
    petition.refresh_from_db()
    assert petition.status == "processed"


def test_transfer_from_the_detail_page_needs_a_letter_number(client_for, officer_a):
    petition = receive(officer_a)
    client = client_for(officer_a)
    page = client.post(
        f"/don-thu/{petition.code}/chuyen/", {"transfer-on": "04/03/2026", "transfer-to_unit": "C7288-DU"}
    )
    assert page.status_code == 400 and "letter_number" in page.context["transfer_form"].errors
    page = client.post(
        f"/don-thu/{petition.code}/chuyen/",
        {"transfer-on": "04/03/2026", "transfer-to_unit": "C7288-DU", "transfer-letter_number": "12/CV-BDV"},
    )
    assert page.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "transferred"


def test_the_due_list_shows_my_overdue_and_soon_due_petitions(client_for, officer_a, leader_a, monkeypatch):
    from danvan.petitions import views

    monkeypatch.setattr(views, "_today", lambda: TODAY)
    overdue = receive(officer_a, received_on=dt.date(2026, 1, 20))
    soon = receive(officer_a, received_on=dt.date(2026, 2, 20))  # due 02/03 = today
    receive(officer_a, received_on=TODAY)  # due 12/03: not listed
    page = client_for(officer_a).get("/don-thu/den-han/")
    due = page.context["due"]
    assert (due.overdue, due.due_soon) == ([overdue], [soon])
    assert "text-danger" in page.content.decode()
    # The leader handles none of them.
    assert client_for(leader_a).get("/don-thu/den-han/").context["due"].overdue == []


def test_out_of_scope_petitions_are_404(client_for, officer_a, officer_b):
    petition = receive(officer_a)
    assert client_for(officer_b).get(f"/don-thu/{petition.code}/").status_code == 404
    assert (
        client_for(officer_b).post(f"/don-thu/{petition.code}/process/", {"process-on": "05/03/2026"}).status_code
        == 404
    )


def test_the_denouncer_page_is_for_handlers_only_and_logged(client_for, officer_a, leader_a):
    petition = receive(officer_a, category="to_cao")
    colleague = make_user("officer.a2", "officer", "P24-TU")
    leader_b = make_user("leader.b", "leader", "P91-TU")
    for user in (leader_a, colleague, leader_b):
        client = client_for(user)
        assert client.get(f"/don-thu/{petition.code}/nguoi-to-cao/").status_code == 404
        if user is not leader_b:
            html = client.get(f"/don-thu/{petition.code}/").content.decode()
            assert "Nguyễn Văn An" not in html and "024123456789" not in html
            listing = client.get("/don-thu/").content.decode()
            assert petition.code in listing and "Nguyễn Văn An" not in listing
            export = client.get("/don-thu/xuat.xlsx")
            assert export.status_code == 200
    page = client_for(officer_a).get(f"/don-thu/{petition.code}/nguoi-to-cao/")
    assert page.status_code == 200 and "024123456789" in page.content.decode()
    assert AuditEvent.objects.filter(action=Action.PETITION_IDENTITY_VIEWED).count() == 1


def test_an_export_file_leaves_out_the_denouncer(client_for, officer_a, leader_a):
    from io import BytesIO

    from openpyxl import load_workbook

    receive(officer_a, category="to_cao")
    response = client_for(leader_a).get("/don-thu/xuat.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert "[bảo mật]" in values and not any("Nguyễn Văn An" in v for v in values)


def test_assigning_a_handler_outside_the_subtree_shows_a_field_error(client_for, leader_a, officer_a, officer_b):
    petition = receive(officer_a)
    page = client_for(leader_a).post(f"/don-thu/{petition.code}/phan-cong/", {"username": officer_b.username})
    assert page.status_code == 400
    assert "đơn vị trực thuộc" in page.context["assign_form"].errors["username"][0]


def test_the_list_searches_content_without_diacritics_in_a_fixed_number_of_queries(client_for, officer_a):
    receive(officer_a)
    receive(officer_a, content="Phản ánh về ô nhiễm môi trường")
    client = client_for(officer_a)
    page = client.get("/don-thu/?q=tranh+chap+dat+dai")
    assert len(page.context["petitions"]) == 1
    with CaptureQueriesContext(connection) as small:
        client.get("/don-thu/")
    for _ in range(5):
        receive(officer_a)
    with CaptureQueriesContext(connection) as large:
        client.get("/don-thu/")
    assert len(large) == len(small)

"""Recording what a commune disclosed (Điều 11–14): item, title, files, forms, dates, who; bad input refused."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.democracy.models import Disclosure
from danvan.democracy.tests.factories import commune_base, disclose, item, pdf

pytestmark = pytest.mark.django_db


def test_a_commune_officer_discloses_the_quarterly_budget_with_its_file(commune_officer_a):
    base = commune_base(commune_officer_a)
    d = disclose(commune_officer_a, base, 2, title="Dự toán ngân sách quý I/2026", uploads=[pdf()])
    assert d.files.get().file.name == "du-toan.pdf"
    assert d.posted_by == commune_officer_a
    assert base.name == "Xã Yên Thế" and base.province.code == "P24-TU"
    assert AuditEvent.objects.filter(action="democracy.disclosure_posted", target_id=str(d.public_id)).exists()


def test_a_disclosure_without_an_item_is_refused_naming_the_field(commune_officer_a):
    base = commune_base(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        from danvan.democracy import services

        services.disclosure_post(
            actor=commune_officer_a, base=base, item=None, title="x", start_date=dt.date(2026, 1, 1)
        )
    assert exc.value.field == "item"
    assert Disclosure.objects.count() == 0


def test_a_disclosure_ending_before_it_starts_is_refused(commune_officer_a):
    base = commune_base(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        disclose(commune_officer_a, base, 2, start=dt.date(2026, 3, 1), end=dt.date(2026, 2, 1))
    assert exc.value.field == "end_date" and "01/03/2026" in exc.value.message
    assert Disclosure.objects.count() == 0


def test_an_officer_of_another_province_cannot_disclose_for_the_commune(commune_officer_a, officer_b):
    base = commune_base(commune_officer_a)
    with pytest.raises(ApplicationError):
        disclose(officer_b, base, 2)


def test_the_form_refuses_bad_input_with_a_message_and_writes_nothing(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    client = client_for(commune_officer_a)
    response = client.post(
        f"/dan-chu/co-so/{base.public_id}/cong-khai/moi/",
        {"title": "Dự toán", "start_date": "10/03/2026", "end_date": "01/03/2026", "item": item(2).pk},
    )
    assert response.status_code == 200
    assert "Ngày kết thúc" in response.content.decode()
    response = client.post(f"/dan-chu/co-so/{base.public_id}/cong-khai/moi/", {"title": "Dự toán"})
    assert "Nội dung công khai" in response.content.decode()
    assert Disclosure.objects.count() == 0


def test_the_form_records_a_disclosure_with_files_and_publishes_it(client_for, leader_a):
    base = commune_base(leader_a)
    client = client_for(leader_a)
    response = client.post(
        f"/dan-chu/co-so/{base.public_id}/cong-khai/moi/",
        {
            "item": item(2).pk,
            "title": "Dự toán ngân sách năm 2026",
            "forms_used": ["niem_yet", "cong_thong_tin"],
            "start_date": "05/01/2026",
            "end_date": "10/02/2026",
            "files": [pdf("a.pdf"), pdf("b.pdf")],
            "publish": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    d = Disclosure.objects.get()
    assert d.is_published and d.forms_used == ["niem_yet", "cong_thong_tin"] and d.files.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Dự toán ngân sách năm 2026" in page and "05/01/2026" in page


def test_a_correction_is_audited_with_what_it_said_before_and_stale_edits_conflict(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    d = disclose(commune_officer_a, base, 2, title="Dự toán")
    client = client_for(commune_officer_a)
    data = {
        "item": item(2).pk,
        "title": "Dự toán ngân sách (đã sửa)",
        "forms_used": ["niem_yet"],
        "start_date": "10/01/2026",
        "end_date": "20/02/2026",
        "expected_version": "1",
    }
    assert client.post(f"/dan-chu/cong-khai/{d.public_id}/", data).status_code == 302
    event = AuditEvent.objects.get(action="democracy.disclosure_updated")
    assert event.before["title"] == "Dự toán" and event.after["title"] == "Dự toán ngân sách (đã sửa)"
    # The same form sent again from a stale page is refused, nothing overwritten.
    data["title"] = "Bản cũ"
    response = client.post(f"/dan-chu/cong-khai/{d.public_id}/", data)
    assert response.status_code == 200
    d.refresh_from_db()
    assert d.title == "Dự toán ngân sách (đã sửa)"


def test_withdrawing_from_the_portal_needs_a_public_reason(client_for, leader_a):
    base = commune_base(leader_a)
    d = disclose(leader_a, base, 2, publish=True)
    client = client_for(leader_a)
    client.post(f"/dan-chu/cong-khai/{d.public_id}/dang/", {"action": "withdraw", "note": ""})
    d.refresh_from_db()
    assert d.is_published
    client.post(f"/dan-chu/cong-khai/{d.public_id}/dang/", {"action": "withdraw", "note": "Đăng nhầm tệp"})
    d.refresh_from_db()
    assert not d.is_published and d.withdrawn_note == "Đăng nhầm tệp"
    assert AuditEvent.objects.filter(action="democracy.disclosure_withdrawn").exists()


def test_pages_are_404_outside_the_scope(client_for, commune_officer_a, officer_b):
    base = commune_base(commune_officer_a)
    d = disclose(commune_officer_a, base, 2, uploads=[pdf()])
    client = client_for(officer_b)
    assert client.get(f"/dan-chu/co-so/{base.public_id}/").status_code == 404
    assert client.get(f"/dan-chu/cong-khai/{d.public_id}/").status_code == 404
    assert client.get(f"/dan-chu/tep/{d.files.get().file.public_id}/").status_code == 404


def test_the_form_shows_one_checkbox_per_form_of_disclosure(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    page = client_for(commune_officer_a).get(f"/dan-chu/co-so/{base.public_id}/cong-khai/moi/").content.decode()
    assert page.count('name="forms_used"') == 9 and 'value="loa"' in page

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.committees.models import Committee, CommitteeMeeting, Composition, Position, Subject
from danvan.committees.tests.factories import qcdc

pytestmark = pytest.mark.django_db


def _token(client, url) -> str:
    page = client.get(url).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def _members(*rows) -> dict:
    data = {"members-TOTAL_FORMS": str(len(rows) + 1), "members-INITIAL_FORMS": "0"}
    for i, (slug, body, person, name) in enumerate(rows):
        data.update(
            {
                f"members-{i}-position": str(Position.objects.get(slug=slug).pk) if slug else "",
                f"members-{i}-body": body,
                f"members-{i}-person": person,
                f"members-{i}-name": name,
                f"members-{i}-title": "",
            }
        )
    last = len(rows)
    data.update({f"members-{last}-{k}": "" for k in ("position", "body", "person", "name", "title")})
    return data


def _new_data(**kw) -> dict:
    data = {
        "unit": "P24-TU",
        "kind": "steering",
        "subject": str(Subject.objects.get(slug="qcdc").pk),
        "name": "Ban Chỉ đạo QCDC tỉnh Bắc Ninh",
        "decision_number": "125-QĐ/TU",
        "decision_date": "02/03/2026",
        "signer": "T/M Ban Thường vụ, Bí thư",
        **_members(("truong-ban", "P24-TU", "leader.a", ""), ("thanh-vien", "P24-MTTQ", "", "Lê Văn Cường")),
    }
    data.update(kw)
    return data


def test_an_officer_sets_up_a_committee_with_a_scanned_decision(client, officer_a, leader_a):
    client.force_login(officer_a)
    url = reverse("committees:new")
    data = _new_data(form_token=_token(client, url))
    data["decision_file"] = SimpleUploadedFile("qd.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(url, data)
    committee = Committee.objects.get()
    assert response.status_code == 302 and response.url == reverse("committees:detail", args=[committee.code])
    page = client.get(response.url).content.decode()
    assert "Leader.A" in page and "Lê Văn Cường" in page and "125-QĐ/TU" in page
    download = client.get(reverse("committees:decision_file", args=[committee.code, 1]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_the_same_form_sent_twice_sets_up_one_committee(client, officer_a, leader_a):
    client.force_login(officer_a)
    url = reverse("committees:new")
    data = _new_data(form_token=_token(client, url))
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302 and second.status_code == 302 and second.url == first.url
    assert Committee.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"decision_date": "31/02/2026"}, "Ngày quyết định: không phải ngày hợp lệ"),
        ({"decision_number": ""}, "Số quyết định: bắt buộc"),
        ({"members-1-position": ""}, "Dòng 2: chọn chức danh"),
        ({"members-1-body": "KHONG-CO"}, "Dòng 2: chọn cơ quan trong danh sách"),
        ({"members-0-person": "", "members-0-name": ""}, "Dòng 1: chọn người có tài khoản"),
    ],
)
def test_bad_input_is_shown_on_the_page_and_nothing_is_written(client, officer_a, leader_a, change, expected):
    client.force_login(officer_a)
    url = reverse("committees:new")
    response = client.post(url, _new_data(**change))
    assert response.status_code == 200
    page = response.content.decode()
    assert expected.replace("'", "&#x27;") in page or expected in page
    assert not Committee.objects.exists()


def test_a_wrong_file_type_is_refused_on_the_file_field(client, officer_a, leader_a):
    client.force_login(officer_a)
    data = _new_data()
    data["decision_file"] = SimpleUploadedFile("qd.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(reverse("committees:new"), data)
    assert response.status_code == 200 and "không phải tệp PDF" in response.content.decode()
    assert not Committee.objects.exists()


def test_reorganising_over_http_keeps_the_history_page(client, officer_a):
    committee = qcdc(officer_a)
    client.force_login(officer_a)
    url = reverse("committees:reorganise", args=[committee.code])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn An" in page  # the current members are filled in
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {
        "form_token": token,
        "decision_number": "210-QĐ/TU",
        "decision_date": "01/09/2026",
        "signer": "T/M Ban Thường vụ, Bí thư",
        "expected_version": "1",
        **_members(("truong-ban", "P24-TU", "", "Phạm Văn Dũng")),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Composition.objects.filter(committee=committee).count() == 2
    detail = client.get(reverse("committees:detail", args=[committee.code])).content.decode()
    current = detail.split('id="current-members"')[1].split('id="timeline"')[0]
    assert "Phạm Văn Dũng" in current and "Nguyễn Văn An" not in current
    history = client.get(reverse("committees:composition", args=[committee.code, 1])).content.decode()
    assert "Nguyễn Văn An" in history and "01/09/2026" in history


def test_a_stale_correction_keeps_what_was_typed_and_says_who_saved(client, officer_a, leader_a):
    committee = qcdc(officer_a)
    client.force_login(officer_a)
    url = reverse("committees:edit", args=[committee.code])
    from danvan.committees.services import committee_update

    committee_update(actor=leader_a, committee=committee, name="Tên mới", subject=committee.subject)
    response = client.post(
        url,
        {"name": "Tên của tôi", "subject": committee.subject_id, "status": "active", "expected_version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Leader.A" in page and "Tên của tôi" in page
    committee.refresh_from_db()
    assert committee.name == "Tên mới"


def test_a_task_and_a_meeting_are_listed_on_the_committee(client, officer_a):
    from danvan.meetings.services import meeting_schedule
    from danvan.organisations.models import OrgUnit

    committee = qcdc(officer_a)
    start = timezone.make_aware(dt.datetime(2026, 4, 10, 8))
    meeting = meeting_schedule(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="chuyen_de",
        title="Họp Ban Chỉ đạo QCDC quý I",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
    )
    client.force_login(officer_a)
    task_url = reverse("committees:task_new", args=[committee.code])
    member = committee.compositions.get().members.get(name="Lê Văn Cường")
    response = client.post(
        task_url,
        {
            "form_token": _token(client, task_url),
            "member": member.pk,
            "title": "Kiểm tra thực hiện QCDC tại 5 xã",
            "deadline": "30/06/2026",
        },
    )
    assert response.status_code == 302
    detail_url = reverse("committees:detail", args=[committee.code])
    response = client.post(
        reverse("committees:meeting_link", args=[committee.code]),
        {"form_token": _token(client, detail_url), "meeting": meeting.pk},
    )
    assert response.status_code == 302 and CommitteeMeeting.objects.count() == 1
    page = client.get(detail_url).content.decode()
    assert "Kiểm tra thực hiện QCDC tại 5 xã" in page and "Họp Ban Chỉ đạo QCDC quý I" in page


def test_another_province_gets_404_and_a_viewer_below_cannot_manage(client, officer_a, officer_b, commune_officer_a):
    committee = qcdc(officer_a)
    client.force_login(officer_b)
    assert client.get(reverse("committees:detail", args=[committee.code])).status_code == 404
    assert client.get(reverse("committees:composition", args=[committee.code, 1])).status_code == 404
    client.force_login(commune_officer_a)
    assert client.get(reverse("committees:detail", args=[committee.code])).status_code == 404
    assert client.get(reverse("committees:reorganise", args=[committee.code])).status_code == 404


def test_the_list_page_does_not_grow_its_queries_with_rows(client, officer_a, django_assert_max_num_queries):
    for i in range(3):
        qcdc(officer_a, name=f"Ban {i}")
    client.force_login(officer_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("committees:index"))
    assert response.content.decode().count("/ban-chi-dao/BCD-") >= 3


def test_the_case_and_base_pages_show_the_committees_that_point_at_them(client, officer_a, commune_officer_a):
    from danvan.democracy.services import base_for_commune
    from danvan.organisations.models import OrgUnit
    from danvan.petitions.services import case_open

    case = case_open(
        actor=officer_a, unit=OrgUnit.objects.get(code="P24-TU"), title="Tranh chấp đất", opened_on=dt.date(2025, 1, 1)
    )
    group = qcdc(
        officer_a,
        kind="working_group",
        subject=Subject.objects.get(slug="vu-viec-phuc-tap"),
        name="Tổ công tác giải quyết vụ việc đất đai",
        case=case,
    )
    base = base_for_commune(actor=commune_officer_a, unit=OrgUnit.objects.get(code="C7288-DU"))
    committee = qcdc(officer_a, bases=[base])
    client.force_login(officer_a)
    case_page = client.get(reverse("petitions:case", args=[case.code])).content.decode()
    assert reverse("committees:detail", args=[group.code]) in case_page
    base_page = client.get(reverse("democracy:base", args=[base.public_id])).content.decode()
    assert reverse("committees:detail", args=[committee.code]) in base_page
    # Seen from the commune, the province's committee is out of scope: not listed.
    client.force_login(commune_officer_a)
    base_page = client.get(reverse("democracy:base", args=[base.public_id])).content.decode()
    assert reverse("committees:detail", args=[committee.code]) not in base_page

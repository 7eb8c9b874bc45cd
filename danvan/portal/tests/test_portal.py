"""The citizens' portal: find the commune without diacritics, read what it published, comment on an open draft
(moderated first), send a recommendation into the petitions intake and follow it by its tracking code."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.democracy import services as democracy
from danvan.democracy.models import Comment
from danvan.democracy.tests.factories import commune_base, disclose, pdf
from danvan.petitions.models import Petition
from danvan.portal import services
from danvan.portal.models import Tracking

pytestmark = pytest.mark.django_db


def _started(seconds_ago=30):
    return services.form_started_token(timezone.now() - dt.timedelta(seconds=seconds_ago))


def _open_consultation(actor):
    today = timezone.localdate()
    return democracy.consultation_open(
        actor=actor,
        base=commune_base(actor),
        title="Dự thảo kế hoạch phát triển kinh tế - xã hội năm 2027",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=40),
        uploads=[pdf("du-thao.pdf")],
    )


def _comment_data(**overrides):
    data = {
        "name": "Nguyễn Văn An",
        "contact": "0912 345 678",
        "text": "Đề nghị ưu tiên làm đường thôn Đồng.",
        "website": "",
        "started": _started(),
        TOKEN_FIELD: new_form_token(),
    }
    data.update(overrides)
    return data


def test_a_citizen_finds_the_commune_without_diacritics(client):
    page = client.get("/cong-dan/", {"q": "xa yen the"}).content.decode()
    assert "Xã Yên Thế" in page and "/cong-dan/xa/C7288/" in page


def test_an_old_name_leads_to_todays_commune(client):
    # Thị trấn Cầu Gồ (huyện Yên Thế, Bắc Giang) merged into today's communes on 1/7/2025.
    page = client.get("/cong-dan/", {"q": "cau go"}).content.decode()
    assert "trước đây" in page


def test_the_commune_page_shows_published_disclosures_with_files_and_nothing_else(client, leader_a):
    base = commune_base(leader_a)
    published = disclose(leader_a, base, 2, title="Dự toán ngân sách quý I/2026", uploads=[pdf()], publish=True)
    disclose(leader_a, base, 1, title="Kế hoạch nội bộ chưa đăng")
    page = client.get("/cong-dan/xa/C7288/")
    html = page.content.decode()
    assert page.status_code == 200 and len(page.content) < 100_000
    assert "Dự toán ngân sách quý I/2026" in html and "Kế hoạch nội bộ chưa đăng" not in html
    assert "<script" not in html
    stored = published.files.get().file
    download = client.get(f"/cong-dan/tep/{stored.public_id}/")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")


def test_an_unpublished_file_is_not_downloadable(client, leader_a):
    d = disclose(leader_a, commune_base(leader_a), 2, uploads=[pdf()])
    assert client.get(f"/cong-dan/tep/{d.files.get().file.public_id}/").status_code == 404


def test_a_withdrawn_disclosure_leaves_a_public_note(client, leader_a):
    d = disclose(leader_a, commune_base(leader_a), 2, title="Bản cũ", publish=True)
    democracy.disclosure_publish(actor=leader_a, disclosure=d, publish=False, note="Đăng nhầm tệp")
    html = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "Đăng nhầm tệp" in html and "Bản cũ" not in html


def test_a_citizen_comments_and_nothing_is_public_until_moderated(client, leader_a):
    consultation = _open_consultation(leader_a)
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    response = client.post(url, _comment_data())
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.channel == "portal" and comment.moderation == "pending" and comment.contact == "0912345678"
    assert "Đề nghị ưu tiên" not in client.get(url).content.decode()
    democracy.comment_moderate(actor=leader_a, comment=comment, approve=True)
    html = client.get(url).content.decode()
    assert "Đề nghị ưu tiên" in html
    # Neither the name nor the phone number is shown.
    assert "Nguyễn Văn An" not in html and "0912" not in html
    assert AuditEvent.objects.filter(action="democracy.comment_moderated").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Họ và tên"),
        ({"contact": ""}, "Số điện thoại hoặc thư điện tử"),
        ({"contact": "abc@"}, "Thư điện tử"),
        ({"text": ""}, "Nội dung góp ý"),
        ({"text": "<script>alert(1)</script>"}, "không nhận mã HTML"),
        ({"text": "x" * 2001}, "tối đa 2000"),
        ({"started": "forged"}, "tải lại trang"),
    ],
)
def test_bad_comments_get_a_clear_message_and_nothing_is_written(client, leader_a, overrides, message):
    consultation = _open_consultation(leader_a)
    response = client.post(f"/cong-dan/lay-y-kien/{consultation.public_id}/", _comment_data(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_script_filling_the_honeypot_or_sending_too_fast_is_turned_away(client, leader_a):
    consultation = _open_consultation(leader_a)
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    assert client.post(url, _comment_data(website="http://spam")).status_code == 200
    assert client.post(url, _comment_data(started=_started(0))).status_code == 200
    assert Comment.objects.count() == 0


def test_an_empty_form_sent_at_once_names_the_missing_field_not_the_script_check(client, leader_a):
    consultation = _open_consultation(leader_a)
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    html = client.post(url, _comment_data(name="", started=_started(0))).content.decode()
    assert "Họ và tên" in html and services.NEUTRAL not in html
    assert Comment.objects.count() == 0


def test_the_rate_limit_per_address_holds_in_the_database(client, leader_a):
    consultation = _open_consultation(leader_a)
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    for i in range(services.RATE_PER_ADDRESS):
        contact = f"091234567{i}"
        assert client.post(url, _comment_data(contact=contact)).status_code == 302
    response = client.post(url, _comment_data(contact="0987654321"))
    assert response.status_code == 200 and "một giờ" in response.content.decode()
    assert Comment.objects.count() == services.RATE_PER_ADDRESS


def test_a_recommendation_goes_into_the_petitions_intake_with_a_tracking_code(client, leader_a):
    response = client.post(
        "/cong-dan/xa/C7288/kien-nghi/",
        {
            "name": "Trần Thị Bình",
            "contact": "binh@example.vn",
            "field": "khac",
            "text": "Đèn đường thôn Đồng bị hỏng đã hai tháng.",
            "website": "",
            "started": _started(),
            TOKEN_FIELD: new_form_token(),
        },
    )
    assert response.status_code == 302
    tracking = Tracking.objects.get()
    petition = tracking.petition
    assert petition.source == Petition.Source.PORTAL and petition.category == Petition.Category.PROPOSAL
    assert petition.unit.code == "C7288-UBND" and petition.due_on is not None
    page = client.get(response["Location"]).content.decode()
    assert tracking.code in page
    assert "binh@example.vn" not in page and "Trần Thị Bình" not in page
    # The petition's page in the intake: its history has no actor for the citizen's step (no "None" printed).
    client.force_login(leader_a)
    staff_page = client.get(f"/don-thu/{petition.code}/").content.decode()
    assert staff_page.count(petition.code) >= 1 and "</span> None" not in staff_page and ">None<" not in staff_page
    client.logout()
    # Later an official publishes the answer; the citizen sees it by the code.
    services.tracking_answer_publish(actor=leader_a, tracking=tracking, answer="Đã thay bóng đèn ngày 10/12.")
    page = client.get("/cong-dan/tra-cuu/", {"code": tracking.code.lower()}).content.decode()
    assert "Đã thay bóng đèn" in page


def test_an_unknown_code_gets_one_neutral_message(client):
    for code in ("KN-AAAAA-BBBBB", "DT-2026-000001", "x" * 40, "<script>"):
        page = client.get("/cong-dan/tra-cuu/", {"code": code})
        assert page.status_code == 200
        assert "Không tìm thấy kiến nghị với mã này" in page.content.decode()


def test_a_closed_consultation_shows_the_summary_and_takes_no_comment(client, leader_a):
    base = commune_base(leader_a)
    today = timezone.localdate()
    consultation = democracy.consultation_open(
        actor=leader_a,
        base=base,
        title="Dự thảo đã đóng",
        opens_on=today - dt.timedelta(days=60),
        closes_on=today - dt.timedelta(days=1),
    )
    democracy.consultation_summarise(actor=leader_a, consultation=consultation, uptake_summary="Tiếp thu 3 ý kiến.")
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    html = client.get(url).content.decode()
    assert "Tiếp thu 3 ý kiến." in html and "Gửi ý kiến" not in html
    response = client.post(url, _comment_data())
    assert "không còn nhận góp ý" in response.content.decode()


def test_an_official_publishes_the_answer_from_the_staff_page(client, client_for, leader_a, officer_b):
    from danvan.organisations.models import OrgUnit
    from danvan.petitions.models import PetitionField

    tracking = services.portal_petition_submit(
        receiving_unit=OrgUnit.objects.get(code="C7288-UBND"),
        field=PetitionField.objects.get(code="khac"),
        name="Lê Văn Cường",
        contact="0912000111",
        text="Rác thải ở chợ chưa được thu gom.",
        address="10.0.0.9",
        started=_started(),
    )
    assert client_for(officer_b).get("/cong-dan/can-bo/kien-nghi/").content.decode().count(tracking.code) == 0
    staff = client_for(leader_a)
    assert tracking.code in staff.get("/cong-dan/can-bo/kien-nghi/").content.decode()
    response = staff.post(f"/cong-dan/can-bo/kien-nghi/{tracking.code}/", {"answer": "Đã thu gom ngày 12/12."})
    assert response.status_code == 302
    tracking.refresh_from_db()
    assert tracking.answer == "Đã thu gom ngày 12/12." and tracking.answer_published_by == leader_a
    assert AuditEvent.objects.filter(action="portal.answer_published").exists()


def test_a_published_vote_shows_its_result_and_a_withdrawn_one_leaves_a_note(client, leader_a):
    matter = democracy.matter_create(
        actor=leader_a,
        base=commune_base(leader_a),
        title="Bê tông hóa đường thôn Đồng",
        subject="infrastructure",
        method="ballot",
    )
    democracy.matter_vote_record(
        actor=leader_a,
        matter=matter,
        voted_on=timezone.localdate(),
        eligible_households=200,
        turnout=150,
        votes_for=120,
        votes_against=30,
    )
    democracy.matter_publish(actor=leader_a, matter=matter, publish=True)
    html = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "Bê tông hóa đường thôn Đồng" in html and "Được thông qua" in html and "120 hộ tán thành" in html
    with pytest.raises(ApplicationError):
        democracy.matter_publish(actor=leader_a, matter=matter, publish=False)
    democracy.matter_publish(actor=leader_a, matter=matter, publish=False, note="Sai số liệu, sẽ đăng lại")
    html = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "Bê tông hóa" not in html and "Sai số liệu, sẽ đăng lại" in html
    assert AuditEvent.objects.filter(action="democracy.matter_withdrawn").exists()


def test_a_withdrawn_consultation_is_gone_from_the_portal_with_a_note(client, leader_a):
    consultation = _open_consultation(leader_a)
    democracy.consultation_publish(actor=leader_a, consultation=consultation, publish=False, note="Dự thảo sẽ sửa")
    assert "Dự thảo sẽ sửa" in client.get("/cong-dan/xa/C7288/").content.decode()
    assert client.get(f"/cong-dan/lay-y-kien/{consultation.public_id}/").status_code == 404


def test_the_commune_page_reads_a_fixed_number_of_queries(client, leader_a, django_assert_max_num_queries):
    base = commune_base(leader_a)
    for i in range(12):
        disclose(leader_a, base, 2, title=f"Công khai {i}", uploads=[pdf(f"tep-{i}.pdf")], publish=True)
    with django_assert_max_num_queries(14):
        page = client.get("/cong-dan/xa/C7288/")
    # The newest ten, and a link to all of them.
    html = page.content.decode()
    assert page.status_code == 200 and html.count("Tải tệp") == 10 and "/cong-dan/xa/C7288/cong-khai/" in html
    assert len(page.content) < 100_000


def test_each_section_of_the_commune_page_lists_everything_a_page_at_a_time(
    client, leader_a, django_assert_max_num_queries
):
    base = commune_base(leader_a)
    for i in range(35):
        disclose(leader_a, base, 2, title=f"Công khai số {i:02d}", uploads=[pdf(f"tep-{i}.pdf")], publish=True)
    disclose(leader_a, base, 2, title="Bản nội bộ chưa đăng")
    with django_assert_max_num_queries(8):
        first = client.get("/cong-dan/xa/C7288/cong-khai/")
    html = first.content.decode()
    assert first.status_code == 200 and "36 mục" not in html and "35 mục" in html and "trang 1/2" in html
    assert html.count("Tải tệp") == 30 and "Bản nội bộ chưa đăng" not in html and "?trang=2" in html
    second = client.get("/cong-dan/xa/C7288/cong-khai/", {"trang": "2"}).content.decode()
    assert second.count("Tải tệp") == 5
    # A page number out of range or not a number shows the nearest page, never an error.
    assert client.get("/cong-dan/xa/C7288/cong-khai/", {"trang": "99"}).content.decode().count("Tải tệp") == 5
    assert client.get("/cong-dan/xa/C7288/cong-khai/", {"trang": "abc"}).content.decode().count("Tải tệp") == 30
    # Every section has its page, even empty; an unknown one is not found.
    for section in ("lay-y-kien", "bieu-quyet", "giam-sat", "du-an", "cam-ket"):
        assert client.get(f"/cong-dan/xa/C7288/{section}/").status_code == 200
    assert client.get("/cong-dan/xa/C7288/khong-co/").status_code == 404
    # The commune page links only sections with more than it shows.
    page = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "/cong-dan/xa/C7288/cong-khai/" in page and "/cong-dan/xa/C7288/bieu-quyet/" not in page


def test_the_commune_page_shows_who_receives_citizens_and_how_often(client):
    from danvan.organisations.models import OrgUnit
    from danvan.petitions.models import ReceptionDuty

    ReceptionDuty.objects.create(
        unit=OrgUnit.objects.get(code="C7288-UBND"), holder_name="Nguyễn Văn Hùng", position="chu_tich_ubnd_xa"
    )
    html = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "Nguyễn Văn Hùng" in html and "Chủ tịch UBND xã: 1 buổi mỗi tuần" in html


def test_an_old_commune_and_district_name_finds_todays_commune(client):
    page = client.get("/cong-dan/", {"q": "xa Yen The huyen Yen The"}).content.decode()
    assert "trước đây" in page and "/cong-dan/xa/C" in page


def test_the_commune_named_as_typed_comes_first(client):
    from danvan.portal.selectors import commune_search

    # The old district's other communes match too; the one whose own name was typed is first, on a phone's
    # first screen.
    found = commune_search(query="xa Yen The huyen Yen The")
    assert len(found) > 1 and found[0].name == "Xã Yên Thế"
    assert commune_search(query="yen the")[0].name == "Xã Yên Thế"


def _approved_comments(consultation, count, *, pending=0):
    # Rows as moderation leaves them; the services' own path is covered above.
    start = timezone.now() - dt.timedelta(days=1)
    Comment.objects.bulk_create(
        [
            Comment(consultation=consultation, channel="meeting", text=f"Ý kiến số {i:04d}.", moderation="approved")
            for i in range(count)
        ]
        + [Comment(consultation=consultation, channel="portal", text="Chờ duyệt.") for _ in range(pending)]
    )
    for i, comment in enumerate(Comment.objects.filter(consultation=consultation).order_by("id")):
        Comment.objects.filter(pk=comment.pk).update(created_at=start + dt.timedelta(minutes=i))


def test_a_consultation_with_many_comments_shows_them_a_page_at_a_time(client, leader_a):
    consultation = _open_consultation(leader_a)
    _approved_comments(consultation, 120, pending=5)
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    first = client.get(url).content.decode()
    # The count is of every published comment; the page holds the first 50, oldest first.
    assert "Ý kiến đã được công bố (120)" in first
    assert first.count("Ý kiến số ") == 50 and "Ý kiến số 0000." in first and "Ý kiến số 0050." not in first
    assert "Chờ duyệt." not in first and "?trang=2" in first
    last = client.get(url + "?trang=3").content.decode()
    assert last.count("Ý kiến số ") == 20 and "Ý kiến số 0119." in last and "?trang=2" in last
    assert "?trang=4" not in last
    # A page number typed wrong gives a page, never an error.
    for bad in ("abc", "-1", "999"):
        response = client.get(url + f"?trang={bad}")
        assert response.status_code == 200 and response.content.decode().count("Ý kiến số ") in (20, 50)


def test_the_consultation_page_reads_the_same_queries_however_many_comments(
    client, leader_a, django_assert_num_queries
):
    consultation = _open_consultation(leader_a)
    url = f"/cong-dan/lay-y-kien/{consultation.public_id}/"
    _approved_comments(consultation, 3)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _approved_comments(consultation, 200)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Ý kiến số ") == 50 and len(page.content) < 100_000


def _project_with_households(actor, name, *, agreed, pending, elsewhere=0):
    from danvan.organisations.models import OrgUnit

    here = OrgUnit.objects.get(code="C7288-DU")
    there = OrgUnit.objects.filter(level="commune", parent=here.parent).exclude(pk=here.pk).order_by("code").first()
    project = democracy.project_create(
        actor=actor,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="rural_road",
        name=name,
        starts_on=dt.date(2026, 1, 5),
        communes=[here, there],
    )
    for i in range(agreed + pending):
        household = democracy.household_add(actor=actor, project=project, base=commune_base(actor), head_name=f"Hộ {i}")
        if i < agreed:
            democracy.household_contact(
                actor=actor,
                household=household,
                contacted_on=timezone.localdate(),
                contacted_by="Tổ vận động",
                agreement="agreed",
            )
    other = commune_base(actor, code=there.code)
    for i in range(elsewhere):
        household = democracy.household_add(actor=actor, project=project, base=other, head_name=f"Hộ khác {i}")
        democracy.household_contact(
            actor=actor,
            household=household,
            contacted_on=timezone.localdate(),
            contacted_by="Tổ vận động",
            agreement="agreed",
        )
    democracy.project_publish(actor=actor, project=project, publish=True, progress=f"Tiến độ {name}")
    return project


def test_the_commune_page_counts_only_its_own_households_and_reads_a_fixed_number_of_queries(
    client, leader_a, django_assert_num_queries
):
    _project_with_households(leader_a, "Đường thôn Đồng", agreed=2, pending=1, elsewhere=4)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        html = client.get("/cong-dan/xa/C7288/").content.decode()
    # Households of the other commune the project touches are not counted on this commune's page.
    assert "Tiến độ Đường thôn Đồng" in html and "2/3 hộ bị ảnh hưởng trong xã đã đồng ý." in html
    assert len(one.captured_queries) <= 12
    _project_with_households(leader_a, "Kênh mương nội đồng", agreed=0, pending=2)
    _project_with_households(leader_a, "Nhà văn hóa thôn", agreed=1, pending=0)
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "0/2 hộ bị ảnh hưởng" in html and "1/1 hộ bị ảnh hưởng" in html

"""Correcting a petition's recorded details: what may change when, the deadline counted again, history, locking."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.petitions import services
from danvan.petitions.models import ConfidentialIdentity, Petition, PetitionField

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


def _values(petition, **changes):
    values = {
        "field": petition.field,
        "content": petition.content,
        "category": petition.category,
        "received_on": petition.received_on,
        "respondent": petition.respondent,
        "petitioner_kind": petition.petitioner_kind,
        "group_size": petition.group_size,
        "is_ineligible": petition.is_ineligible,
        "is_over_level": petition.is_over_level,
        "is_complex": petition.is_complex,
        "is_remote_area": petition.is_remote_area,
        "reason": "Nhập nhầm khi tiếp nhận",
    }
    values.update(changes)
    return values


def test_a_wrong_date_of_receipt_is_corrected_at_the_first_step_and_the_deadline_counted_again(officer_a):
    petition = receive(officer_a)
    first_due = petition.due_on
    corrected = services.petition_correct(
        actor=officer_a, petition=petition, today=TODAY, **_values(petition, received_on=TODAY - dt.timedelta(days=7))
    )
    assert corrected.received_on == TODAY - dt.timedelta(days=7)
    assert corrected.status == Petition.Status.RECEIVED
    assert corrected.due_on < first_due  # counted from the corrected day by the deadline engine
    event = corrected.events.last()
    assert event.is_correction and "ngày nhận đơn" in event.note and "Nhập nhầm" in event.note
    audit = AuditEvent.objects.get(action="petition.corrected")
    assert audit.before["received_on"] == TODAY.isoformat()
    assert audit.after["due_on"] == corrected.due_on.isoformat()


def test_after_the_first_step_the_timed_facts_stay_and_the_content_can_still_be_fixed(officer_a):
    petition = receive(officer_a)
    petition = services.petition_process(actor=officer_a, petition=petition, on=TODAY)
    with pytest.raises(ApplicationError) as refused:
        services.petition_correct(
            actor=officer_a, petition=petition, today=TODAY, **_values(petition, received_on=TODAY, is_complex=True)
        )
    assert refused.value.field == "is_complex" and "chỉ sửa được khi đơn còn ở bước" in refused.value.message
    petition.refresh_from_db()
    assert not petition.is_complex and petition.events.count() == 2
    corrected = services.petition_correct(
        actor=officer_a, petition=petition, today=TODAY, **_values(petition, content="Tranh chấp ranh giới đất")
    )
    assert corrected.content_folded == "tranh chap ranh gioi dat"
    assert corrected.status == Petition.Status.PROCESSED


def test_a_complaint_cannot_become_a_denunciation_by_correction(officer_a):
    petition = receive(officer_a)
    with pytest.raises(ApplicationError) as refused:
        services.petition_correct(
            actor=officer_a, petition=petition, today=TODAY, **_values(petition, category="to_cao")
        )
    assert refused.value.field == "category"
    assert Petition.objects.get().category == "khieu_nai"


def test_nothing_changed_and_a_missing_reason_write_nothing(officer_a):
    petition = receive(officer_a)
    with pytest.raises(ApplicationError) as unchanged:
        services.petition_correct(actor=officer_a, petition=petition, today=TODAY, **_values(petition))
    assert unchanged.value.code == "unchanged"
    with pytest.raises(ApplicationError) as no_reason:
        services.petition_correct(
            actor=officer_a, petition=petition, today=TODAY, **_values(petition, content="Khác", reason=" ")
        )
    assert no_reason.value.field == "reason"
    assert petition.events.count() == 1 and not AuditEvent.objects.filter(action="petition.corrected").exists()


def test_a_correction_made_in_between_is_not_overwritten(officer_a, admin_a):
    from danvan.core.locking import version_of

    petition = receive(officer_a)
    shown = version_of(petition)
    services.petition_correct(actor=admin_a, petition=petition, today=TODAY, **_values(petition, content="Bản A"))
    with pytest.raises(ApplicationError) as conflict:
        services.petition_correct(
            actor=officer_a,
            petition=petition,
            today=TODAY,
            expected_version=shown,
            **_values(petition, content="Bản B"),
        )
    assert conflict.value.code == "conflict"
    assert Petition.objects.get().content == "Bản A"


def test_the_page_shows_the_cccd_masked_and_keeps_it_when_left_masked(client_for, officer_a):
    petition = receive(officer_a)
    client = client_for(officer_a)
    html = client.get(f"/don-thu/{petition.code}/sua/").content.decode()
    assert "024123456789" not in html
    assert "••••••••6789" in html
    data = {
        "category": "khieu_nai",
        "field": petition.field_id,
        "received_on": TODAY.strftime("%d/%m/%Y"),
        "content": petition.content,
        "respondent": petition.respondent,
        "petitioner_kind": "person",
        "group_size": "1",
        "reason": "Sai chính tả họ tên",
        "expected_version": "",
        "petitioners-TOTAL_FORMS": "2",
        "petitioners-INITIAL_FORMS": "1",
        "petitioners-MAX_NUM_FORMS": "50",
        "petitioners-0-full_name": "Nguyễn Văn Ân",
        "petitioners-0-cccd": "••••••••6789",
        "petitioners-0-phone": "0912345678",
    }
    page = client.post(f"/don-thu/{petition.code}/sua/", data)
    assert page.status_code == 302
    person = petition.petitioners.get()
    assert (person.full_name, person.cccd, person.name_folded) == ("Nguyễn Văn Ân", "024123456789", "nguyen van an")
    detail = client.get(f"/don-thu/{petition.code}/").content.decode()
    assert "Sai chính tả họ tên" in detail
    # A bad date names the field and changes nothing.
    page = client.post(f"/don-thu/{petition.code}/sua/", {**data, "received_on": "31/02/2026", "reason": "x"})
    assert page.status_code == 200
    assert (
        'name="received_on" id="id_received_on"\n             class="form-control is-invalid"' in page.content.decode()
    )
    assert Petition.objects.get().received_on == TODAY


def test_a_denunciation_is_corrected_without_touching_the_denouncer(client_for, officer_a):
    petition = receive(officer_a, category="to_cao")
    client = client_for(officer_a)
    html = client.get(f"/don-thu/{petition.code}/sua/").content.decode()
    assert "Nguyễn Văn An" not in html and "petitioners-TOTAL_FORMS" not in html
    data = {
        "category": "to_cao",
        "field": PetitionField.objects.get(code="dat-dai").pk,
        "received_on": TODAY.strftime("%d/%m/%Y"),
        "content": "Tố cáo cán bộ địa chính",
        "respondent": "",
        "petitioner_kind": "person",
        "group_size": "1",
        "reason": "Tóm tắt lại nội dung",
    }
    assert client.post(f"/don-thu/{petition.code}/sua/", data).status_code == 302
    assert ConfidentialIdentity.objects.get(petition=petition).full_name == "Nguyễn Văn An"
    assert Petition.objects.get().content == "Tố cáo cán bộ địa chính"


def test_someone_outside_the_unit_cannot_open_the_page(client_for, officer_a, officer_b):
    petition = receive(officer_a)
    assert client_for(officer_b).get(f"/don-thu/{petition.code}/sua/").status_code == 404


def _session(officer):
    from danvan.organisations.models import OrgUnit

    return services.reception_session_record(
        actor=officer,
        unit=OrgUnit.objects.get(code="P24-TU"),
        held_on=TODAY,
        leader_name="Nguyễn Văn Bình",
        content="Hỏi về bồi thường giải phóng mặt bằng",
        field=PetitionField.objects.get(code="dat-dai"),
        citizens=[{"full_name": "Trần Thị Cúc"}],
        today=TODAY,
    )


def test_a_reception_session_is_corrected_with_its_history_on_the_page(client_for, officer_a, admin_a):
    session = _session(officer_a)
    client = client_for(officer_a)
    reception = client.get("/don-thu/tiep-dan/").content.decode()
    assert f'href="/don-thu/tiep-dan/{session.pk}/sua/"' in reception
    data = {
        "held_on": (TODAY - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        "leader_name": "Nguyễn Văn Bình",
        "kind": "periodic",
        "citizen_kind": "person",
        "citizen_count": "1",
        "field": session.field_id,
        "content": session.content,
        "result": "Đã giải thích chính sách",
        "reason": "Ghi nhầm ngày tiếp",
        "expected_version": "0",
    }
    assert client.post(f"/don-thu/tiep-dan/{session.pk}/sua/", data).status_code == 302
    session.refresh_from_db()
    assert (session.held_on, session.result, session.version) == (TODAY - dt.timedelta(days=1), data["result"], 1)
    page = client.get(f"/don-thu/tiep-dan/{session.pk}/sua/").content.decode()
    assert "Ghi nhầm ngày tiếp" in page and "Đã giải thích chính sách" in page  # the history shows the change
    # A second save from the page opened before the first is refused, with what was typed kept.
    stale = client.post(f"/don-thu/tiep-dan/{session.pk}/sua/", {**data, "result": "Bản khác"}).content.decode()
    assert "Buổi tiếp dân này vừa được" in stale and "Bản khác" in stale
    session.refresh_from_db()
    assert session.result == "Đã giải thích chính sách"
    # Someone outside the province does not reach the page.
    assert client_for(admin_a).get(f"/don-thu/tiep-dan/{session.pk}/sua/").status_code == 200
    from conftest import make_user

    stranger = make_user("officer.c", "officer", "P91-TU")
    assert client_for(stranger).get(f"/don-thu/tiep-dan/{session.pk}/sua/").status_code == 404


def test_a_dialogue_date_cannot_move_past_a_commitment_deadline(officer_a):
    from danvan.organisations.models import OrgUnit

    unit = OrgUnit.objects.get(code="P24-TU")
    dialogue = services.dialogue_record(
        actor=officer_a,
        unit=unit,
        held_on=TODAY,
        place="Nhà văn hóa thôn Đông",
        leaders="Bí thư Tỉnh ủy",
        issues=[{"issue": "Sửa đường", "owner_unit": unit, "due_on": TODAY + dt.timedelta(days=10)}],
    )
    with pytest.raises(ApplicationError) as refused:
        services.dialogue_correct(
            actor=officer_a,
            dialogue=dialogue,
            reason="Ghi nhầm ngày",
            held_on=TODAY + dt.timedelta(days=11),
            place=dialogue.place,
            leaders=dialogue.leaders,
        )
    assert refused.value.field == "held_on" and "hạn thực hiện sớm nhất" in refused.value.message
    corrected = services.dialogue_correct(
        actor=officer_a,
        dialogue=dialogue,
        reason="Sai tên địa điểm",
        held_on=TODAY,
        place="Nhà văn hóa thôn Tây",
        leaders=dialogue.leaders,
    )
    assert corrected.place == "Nhà văn hóa thôn Tây" and corrected.version == 1
    event = AuditEvent.objects.get(action="dialogue.corrected")
    assert (event.before, event.after, event.details) == (
        {"place": "Nhà văn hóa thôn Đông"},
        {"place": "Nhà văn hóa thôn Tây"},
        {"reason": "Sai tên địa điểm"},
    )


def test_the_correct_links_cost_one_query_whatever_the_number_of_units(client_for, officer_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.organisations.models import OrgUnit

    client = client_for(officer_a)
    communes = list(
        OrgUnit.objects.filter(ancestor_links__ancestor__code="P24-TU", code__endswith="-UBND").order_by("code")[:4]
    )
    assert len(communes) == 4

    def reception_queries(units):
        for commune in units:
            services.reception_session_record(
                actor=officer_a,
                unit=commune,
                held_on=TODAY,
                leader_name="Chủ tịch UBND xã",
                content="Hỏi về chính sách",
                field=PetitionField.objects.get(code="dat-dai"),
                citizens=[{"full_name": "Lê Văn Dũng"}],
                today=TODAY,
            )
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/don-thu/tiep-dan/").content.decode()
        return len(queries), html.count("/sua/")

    first = reception_queries(communes[:1])
    second = reception_queries(communes[1:])
    assert (first[1], second[1]) == (1, 4)
    assert first[0] == second[0]


def test_a_refused_petitioner_row_is_marked_where_it_is_on_the_page(client_for, officer_a):
    petition = receive(officer_a)
    data = {
        "category": "khieu_nai",
        "field": petition.field_id,
        "received_on": TODAY.strftime("%d/%m/%Y"),
        "content": petition.content,
        "respondent": petition.respondent,
        "petitioner_kind": "person",
        "group_size": "1",
        "reason": "Bổ sung người gửi",
        "petitioners-TOTAL_FORMS": "3",
        "petitioners-INITIAL_FORMS": "1",
        "petitioners-MAX_NUM_FORMS": "50",
        "petitioners-0-full_name": "Nguyễn Văn An",
        "petitioners-0-cccd": "••••••••6789",
        # The second row left blank, the third given a phone but no name: the refusal is on the third row.
        "petitioners-2-phone": "0987654321",
    }
    page = client_for(officer_a).post(f"/don-thu/{petition.code}/sua/", data)
    forms = page.context["formset"].forms
    assert "full_name" in forms[2].errors and not forms[0].errors and not forms[1].errors
    assert petition.petitioners.count() == 1

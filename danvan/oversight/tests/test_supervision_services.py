import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.oversight import services
from danvan.oversight.models import Programme, Recommendation, Supervision
from danvan.oversight.tests.conftest import recommendation, supervision, u

pytestmark = pytest.mark.django_db


def test_the_provincial_front_records_a_supervision_of_a_communes_ubnd(front_officer):
    sup = supervision(front_officer)
    assert sup.code.startswith("GS-2026-") and sup.province == u("P24-TU")
    assert AuditEvent.objects.filter(action=Action.SUPERVISION_RECORDED, target_id=sup.code).count() == 1


def test_a_body_outside_the_fronts_area_is_refused_on_the_supervised_field(front_officer):
    with pytest.raises(ApplicationError) as e:
        supervision(front_officer, supervised="C30463-UBND")
    assert e.value.field == "supervised_unit"
    assert not Supervision.objects.exists()


def test_only_the_front_or_an_organisation_supervises(officer_a):
    with pytest.raises(ApplicationError) as e:
        supervision(officer_a, unit="P24-TGDV")
    assert e.value.field == "unit"


def test_someone_without_a_role_on_the_front_cannot_record_for_it(front_b):
    with pytest.raises(ApplicationError) as e:
        supervision(front_b)
    assert e.value.field == "unit"


def test_through_the_boards_needs_a_board(front_officer):
    with pytest.raises(ApplicationError) as e:
        supervision(front_officer, method="boards")
    assert e.value.field == "board"


def test_an_end_before_the_start_is_refused(front_officer):
    with pytest.raises(ApplicationError) as e:
        supervision(front_officer, end_date=dt.date(2026, 9, 1))
    assert e.value.field == "end_date"
    assert not Supervision.objects.exists()


def test_one_programme_per_body_and_year(front_officer):
    services.programme_create(actor=front_officer, unit=u("P24-MTTQ"), year=2026, title="Chương trình 2026")
    with pytest.raises(ApplicationError) as e:
        services.programme_create(actor=front_officer, unit=u("P24-MTTQ"), year=2026, title="Lần hai")
    assert e.value.field == "year"
    assert Programme.objects.count() == 1


def test_a_programme_of_another_body_is_refused(front_officer, commune_front):
    programme = services.programme_create(actor=commune_front, unit=u("C7288-MTTQ"), year=2026, title="Xã 2026")
    with pytest.raises(ApplicationError) as e:
        supervision(front_officer, programme=programme)
    assert e.value.field == "programme"


def test_a_correction_keeps_before_and_after_and_refuses_a_stale_version(front_officer):
    sup = supervision(front_officer)
    shown = sup.updated_at.isoformat()
    args = dict(
        subject_kind="policy",
        subject="Chính sách hỗ trợ nhà ở (sửa)",
        method="documents",
        supervised_unit=u("C7288-UBND"),
        start_date=sup.start_date,
        findings="Đã bổ sung kết quả.",
    )
    services.supervision_update(actor=front_officer, supervision=sup, expected_version=shown, **args)
    event = AuditEvent.objects.get(action=Action.SUPERVISION_UPDATED)
    assert event.before["method"] == "delegation" and event.after["method"] == "documents"
    with pytest.raises(ApplicationError) as e:
        services.supervision_update(actor=front_officer, supervision=sup, expected_version=shown, **args)
    assert e.value.code == "conflict"


def test_a_recommendation_deadline_before_the_supervision_is_refused(front_officer):
    sup = supervision(front_officer)
    with pytest.raises(ApplicationError) as e:
        recommendation(front_officer, sup, deadline=dt.date(2026, 1, 1))
    assert e.value.field == "deadline"
    assert not Recommendation.objects.exists()


def test_an_answer_without_the_body_that_gave_it_is_refused(front_officer, commune_ubnd):
    rec = recommendation(front_officer, supervision(front_officer))
    with pytest.raises(ApplicationError) as e:
        services.recommendation_answer(
            actor=commune_ubnd,
            recommendation=rec,
            answer="Đã công khai.",
            answered_by=None,
            answered_on=dt.date(2026, 11, 1),
        )
    assert e.value.field == "answered_by"
    rec.refresh_from_db()
    assert rec.answered_on is None and rec.answer == ""


def test_the_commune_answers_and_the_answer_is_audited(front_officer, commune_ubnd):
    rec = recommendation(front_officer, supervision(front_officer))
    services.recommendation_answer(
        actor=commune_ubnd,
        recommendation=rec,
        answer="Đã niêm yết tại 12 thôn.",
        answered_by=u("C7288-UBND"),
        answered_on=dt.date(2026, 11, 1),
        implementation="done",
    )
    rec.refresh_from_db()
    assert rec.answered_by_unit == u("C7288-UBND") and rec.implementation == "done"
    event = AuditEvent.objects.get(action=Action.RECOMMENDATION_ANSWERED)
    assert event.before["answer"] == "" and event.after["answered_by"] == "C7288-UBND"


def test_a_body_of_another_province_cannot_answer(front_officer, front_b):
    rec = recommendation(front_officer, supervision(front_officer))
    with pytest.raises(ApplicationError):
        services.recommendation_answer(
            actor=front_b, recommendation=rec, answer="x", answered_by=u("C7288-UBND"), answered_on=dt.date(2026, 11, 1)
        )

import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.oversight import services
from danvan.oversight.models import Critique
from danvan.oversight.tests.conftest import u

pytestmark = pytest.mark.django_db


def _critique(actor, **kw):
    data = dict(
        actor=actor,
        unit=u("P24-MTTQ"),
        title="Dự thảo Nghị quyết về hỗ trợ sản xuất nông nghiệp",
        drafting_unit=u("P24-UBND"),
        received_on=dt.date(2026, 10, 1),
        conference_on=dt.date(2026, 10, 15),
    )
    data.update(kw)
    return services.critique_create(**data)


def test_the_front_records_a_critique_and_the_drafting_body_responds(front_officer):
    critique = _critique(front_officer)
    opinion = services.opinion_add(actor=front_officer, critique=critique, content="Bổ sung hợp tác xã.")
    services.opinion_update(
        actor=front_officer,
        opinion=opinion,
        content=opinion.content,
        response="accepted",
        response_note="Đã bổ sung Điều 2.",
        responded_on=dt.date(2026, 11, 1),
    )
    opinion.refresh_from_db()
    assert opinion.response == "accepted"
    event = AuditEvent.objects.get(action=Action.CRITIQUE_OPINION_UPDATED)
    assert event.before["response"] == "pending" and event.after["response"] == "accepted"


def test_an_opinion_not_accepted_needs_the_explanation(front_officer):
    opinion = services.opinion_add(actor=front_officer, critique=_critique(front_officer), content="Nâng mức.")
    with pytest.raises(ApplicationError) as e:
        services.opinion_update(
            actor=front_officer,
            opinion=opinion,
            content=opinion.content,
            response="explained",
            responded_on=dt.date(2026, 11, 1),
        )
    assert e.value.field == "response_note"
    opinion.refresh_from_db()
    assert opinion.response == "pending"


def test_a_conference_before_the_draft_arrived_is_refused(front_officer):
    with pytest.raises(ApplicationError) as e:
        _critique(front_officer, conference_on=dt.date(2026, 9, 1))
    assert e.value.field == "conference_on"
    assert not Critique.objects.exists()


def test_a_drafting_body_outside_the_area_is_refused(front_officer):
    with pytest.raises(ApplicationError) as e:
        _critique(front_officer, drafting_unit=u("P91-UBND"))
    assert e.value.field == "drafting_unit"

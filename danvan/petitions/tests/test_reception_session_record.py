import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions.models import ConfidentialIdentity, Petition, PetitionField
from danvan.petitions.selectors import reception_duty_check
from danvan.petitions.services import reception_duty_set, reception_session_record

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 3, 20)


def record(actor, **changes):
    data = dict(
        unit=OrgUnit.objects.get(code="C7288-DU"),
        held_on=D(2026, 3, 2),
        leader_name="Bí thư Đảng ủy xã",
        content="Đề nghị sửa đường liên thôn",
        field=PetitionField.objects.get(code="hanh-chinh"),
        citizens=[{"full_name": "Lê Thị Hoa", "phone": "0912345678"}],
        result="Tiếp nhận, giao UBND xã trả lời",
        today=TODAY,
    )
    data.update(changes)
    return reception_session_record(actor=actor, **data)


def test_a_session_is_recorded_and_audited(commune_officer_a):
    session = record(commune_officer_a)
    assert session.petition is None and session.citizens == "Lê Thị Hoa"
    assert AuditEvent.objects.filter(action=Action.RECEPTION_SESSION_RECORDED).count() == 1


def test_a_session_creates_a_petition_in_one_step(commune_officer_a):
    session = record(commune_officer_a, create_petition=True, category="khieu_nai")
    petition = session.petition
    assert petition.source == Petition.Source.RECEPTION and petition.received_on == D(2026, 3, 2)
    assert petition.petitioners.get().full_name == "Lê Thị Hoa"
    assert petition.handlers.get().user == commune_officer_a
    assert petition.due_on == D(2026, 3, 12)


def test_a_denunciation_made_at_reception_keeps_the_name_out_of_the_session(commune_officer_a):
    session = record(commune_officer_a, create_petition=True, category="to_cao")
    assert session.citizens == ""
    assert ConfidentialIdentity.objects.get(petition=session.petition).full_name == "Lê Thị Hoa"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": None}, "held_on"),
        ({"held_on": D(2026, 3, 21)}, "held_on"),
        ({"leader_name": ""}, "leader_name"),
        ({"content": ""}, "content"),
        ({"citizen_kind": "group", "citizen_count": 1}, "citizen_count"),
        ({"citizens": [{"full_name": "A B", "cccd": "12"}]}, "petitioners-0-cccd"),
    ],
)
def test_bad_input_names_the_field(commune_officer_a, changes, field):
    with pytest.raises(ApplicationError) as exc:
        record(commune_officer_a, **changes)
    assert exc.value.field == field


def test_the_duty_check_shows_who_is_behind(commune_officer_a):
    unit = OrgUnit.objects.get(code="C7288-DU")
    secretary = reception_duty_set(actor=commune_officer_a, unit=unit, holder_name="Ông Bí thư", position="bi_thu_xa")
    chair = reception_duty_set(
        actor=commune_officer_a, unit=unit, holder_name="Bà Chủ tịch", position="chu_tich_ubnd_xa"
    )
    record(commune_officer_a, duty=secretary, held_on=D(2026, 3, 5))
    record(commune_officer_a, duty=secretary, held_on=D(2026, 3, 12), is_delegated=True)  # does not count
    for day in (2, 10, 17):  # weeks of 2, 9 and 16 March
        record(commune_officer_a, duty=chair, held_on=D(2026, 3, day))
    rows = {r.duty.holder_name: r for r in reception_duty_check(user=commune_officer_a, month=TODAY, today=TODAY)}
    assert (rows["Ông Bí thư"].held, rows["Ông Bí thư"].required, rows["Ông Bí thư"].behind) == (1, 2, True)
    assert (rows["Bà Chủ tịch"].held, rows["Bà Chủ tịch"].required, rows["Bà Chủ tịch"].behind) == (3, 3, False)


def test_the_district_rule_ended_with_the_district_level(commune_officer_a):
    from danvan.petitions.models import ReceptionDutyRule

    assert ReceptionDutyRule.objects.get(position="chu_tich_ubnd_huyen").effective_to == D(2025, 6, 30)

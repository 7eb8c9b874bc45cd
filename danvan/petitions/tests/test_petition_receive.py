import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.petitions.models import ConfidentialIdentity, Petition, Petitioner
from danvan.petitions.services import clean_cccd, clean_phone

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


def test_a_petition_gets_a_yearly_public_code_and_its_processing_deadline(officer_a):
    first = receive(officer_a)
    second = receive(officer_a)
    assert first.code == "DT-2026-000001" and second.code == "DT-2026-000002"
    assert first.status == Petition.Status.RECEIVED
    # Xử lý đơn: 10 days from 02/03/2026.
    assert first.current_step == "xu_ly" and first.due_on == dt.date(2026, 3, 12)
    assert "10 ngày" in first.deadline_basis
    assert first.content_folded.startswith("tranh chap dat dai")
    assert AuditEvent.objects.filter(action=Action.PETITION_RECEIVED, target_id=first.code).count() == 1


def test_the_sequence_restarts_each_year(officer_a):
    receive(officer_a)
    old = receive(officer_a, received_on=dt.date(2025, 12, 30))
    assert old.code == "DT-2025-000001"


def test_a_denunciation_starts_on_seven_working_days_and_hides_its_denouncer(officer_a):
    petition = receive(officer_a, category="to_cao")
    assert petition.current_step == "xu_ly_ban_dau" and petition.due_on == dt.date(2026, 3, 11)
    assert not Petitioner.objects.filter(petition=petition).exists()
    assert ConfidentialIdentity.objects.get(petition=petition).cccd == "024123456789"
    event = AuditEvent.objects.get(action=Action.PETITION_RECEIVED)
    assert "Nguyễn" not in str(event.after) and "024123456789" not in str(event.after)


def test_a_group_petition_needs_representatives(officer_a):
    with pytest.raises(ApplicationError) as exc:
        receive(officer_a, petitioner_kind="group", group_size=12)
    assert exc.value.field == "petitioners"
    petition = receive(
        officer_a,
        petitioner_kind="group",
        group_size=12,
        people=[{"full_name": "Trần Thị Bình", "is_representative": True}, {"full_name": "Lê Văn Cường"}],
    )
    assert petition.petitioners.filter(is_representative=True).count() == 1 and petition.group_size == 12


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"content": "  "}, "content"),
        ({"received_on": None}, "received_on"),
        ({"received_on": TODAY + dt.timedelta(days=1)}, "received_on"),
        ({"field": None}, "field"),
        ({"category": "abc"}, "category"),
        ({"source": "fax"}, "source"),
        ({"people": []}, "petitioners"),
        ({"people": [{"full_name": "A B", "cccd": "12345"}]}, "petitioners-0-cccd"),
        ({"people": [{"full_name": "A B", "phone": "12345"}]}, "petitioners-0-phone"),
        ({"people": [{"phone": "0912345678"}]}, "petitioners-0-full_name"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(officer_a, changes, field):
    with pytest.raises(ApplicationError) as exc:
        receive(officer_a, **changes)
    assert exc.value.field == field
    assert not Petition.objects.exists()


def test_an_anonymous_petition_needs_no_petitioner(officer_a):
    assert receive(officer_a, people=[], is_anonymous=True).is_anonymous


def test_someone_outside_the_unit_cannot_receive_for_it(officer_b):
    with pytest.raises(ApplicationError) as exc:
        receive(officer_b)
    assert exc.value.code == "forbidden"


def test_cccd_and_phone_are_normalised_and_validated():
    assert clean_cccd(" 001203004567 ") == "001203004567"
    assert clean_phone("+84 912.345.678") == "0912345678"
    assert clean_phone("(024) 3825 1234") == "02438251234"
    for bad in ["0912", "abcdefghij", "1912345678"]:
        with pytest.raises(ApplicationError):
            clean_phone(bad)
    with pytest.raises(ApplicationError):
        clean_cccd("0012030045678")


def test_the_code_comes_from_one_atomic_increment_of_the_year_counter(officer_a):
    # UPDATE … SET last = last + 1 takes the row lock: a concurrent intake waits, then reads its own number.
    from danvan.core.models import CodeSequence

    CodeSequence.objects.create(prefix="DT", year=2026, last=122)
    assert receive(officer_a).code == "DT-2026-000123"
    assert CodeSequence.objects.get(prefix="DT", year=2026).last == 123

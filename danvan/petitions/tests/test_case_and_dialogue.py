import datetime as dt

import pytest

from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions import services
from danvan.petitions.models import Case, Dialogue
from danvan.petitions.selectors import cases_for_user, commitments_open_for_user

from .factories import receive

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_case_gathers_petitions_a_working_group_and_a_timeline(officer_a, officer_b):
    unit = OrgUnit.objects.get(code="P24-TU")
    case = services.case_open(
        actor=officer_a, unit=unit, title="Tranh chấp đất rừng thôn Đông", opened_on=D(2026, 3, 1)
    )
    assert case.code == "VV-2026-000001"
    first, second = receive(officer_a), receive(officer_a)
    services.case_add_petition(actor=officer_a, case=case, petition=first)
    services.case_add_petition(actor=officer_a, case=case, petition=second)
    services.case_add_member(actor=officer_a, case=case, full_name="Trần Văn Tổ", role="Tổ trưởng")
    services.case_add_event(actor=officer_a, case=case, on=D(2026, 3, 10), kind="dialogue", summary="Đối thoại lần 1")
    services.case_add_event(
        actor=officer_a, case=case, on=D(2026, 3, 15), kind="review", summary="Giao ban tháng 3", status_after="stalled"
    )
    case.refresh_from_db()
    assert case.petitions.count() == 2 and all(p.is_complex for p in case.petitions.all())
    assert case.members.get().role == "Tổ trưởng"
    assert (case.status, case.last_reviewed_on) == (Case.Status.STALLED, D(2026, 3, 15))
    assert [e.kind for e in case.events.all()] == ["dialogue", "review"]
    assert cases_for_user(user=officer_a) == [case] and cases_for_user(user=officer_b) == []
    with pytest.raises(ApplicationError) as exc:
        services.case_add_event(actor=officer_a, case=case, on=D(2026, 3, 16), kind="review", summary="x")
    assert exc.value.field == "status_after"
    with pytest.raises(ApplicationError):
        services.case_add_member(actor=officer_b, case=case, full_name="X", role="Y")


def test_a_dialogue_turns_each_issue_into_a_commitment(officer_a, commune_officer_a):
    commune = OrgUnit.objects.get(code="C7288-DU")
    dialogue = services.dialogue_record(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        held_on=D(2026, 3, 5),
        place="Nhà văn hóa thôn Đông",
        leaders="Bí thư Tỉnh ủy",
        participant_count=120,
        issues=[
            {"issue": "Sửa đường liên thôn", "owner_unit": commune, "due_on": D(2026, 6, 30)},
            {"issue": "", "owner_unit": None, "due_on": None},
            {"issue": "Cấp nước sạch", "owner_unit": commune, "due_on": D(2026, 9, 30)},
        ],
    )
    assert dialogue.commitments.count() == 2
    assert [c.issue for c in commitments_open_for_user(user=commune_officer_a)] == [
        "Sửa đường liên thôn",
        "Cấp nước sạch",
    ]
    first = dialogue.commitments.first()
    with pytest.raises(ApplicationError) as exc:
        services.commitment_update(actor=commune_officer_a, commitment=first, status="done")
    assert exc.value.field == "outcome"
    services.commitment_update(
        actor=commune_officer_a, commitment=first, status="done", outcome="Đã làm xong", is_published=True
    )
    assert len(commitments_open_for_user(user=commune_officer_a)) == 1


def test_a_commitment_needs_an_owner_and_a_deadline_after_the_dialogue(officer_a):
    unit = OrgUnit.objects.get(code="P24-TU")
    base = dict(actor=officer_a, unit=unit, held_on=D(2026, 3, 5), place="Hội trường", leaders="Chủ tịch")
    with pytest.raises(ApplicationError) as exc:
        services.dialogue_record(**base, issues=[{"issue": "A", "owner_unit": None, "due_on": D(2026, 4, 1)}])
    assert exc.value.field == "issues-0-owner_unit"
    with pytest.raises(ApplicationError) as exc:
        services.dialogue_record(**base, issues=[{"issue": "A", "owner_unit": unit, "due_on": D(2026, 3, 1)}])
    assert exc.value.field == "issues-0-due_on"


def test_a_commitment_cannot_be_given_to_a_unit_outside_the_dialogues_unit(officer_a):
    unit = OrgUnit.objects.get(code="P24-TU")
    elsewhere = OrgUnit.objects.get(code="P91-TU")
    with pytest.raises(ApplicationError) as exc:
        services.dialogue_record(
            actor=officer_a,
            unit=unit,
            held_on=D(2026, 3, 5),
            place="Hội trường",
            leaders="Chủ tịch",
            issues=[{"issue": "A", "owner_unit": elsewhere, "due_on": D(2026, 4, 1)}],
        )
    assert exc.value.field == "issues-0-owner_unit" and "Đơn vị thực hiện" in exc.value.message
    assert not Dialogue.objects.exists()


def test_case_numbers_continue_after_the_old_four_digit_codes(officer_a):
    """The data migration seeds the shared counter from existing cases, so no new code collides with them."""
    import importlib

    from django.apps import apps

    unit = OrgUnit.objects.get(code="P24-TU")
    for number in (9, 10):  # as text "0010" sorted after "0009" only by luck of the zero padding
        Case.objects.create(code=f"VV-2026-{number:04d}", unit=unit, title="Cũ", opened_on=D(2026, 1, 5))
    importlib.import_module("danvan.petitions.migrations.0011_case_code_sequence").seed_counters(apps, None)
    case = services.case_open(actor=officer_a, unit=unit, title="Mới", opened_on=D(2026, 3, 1))
    assert case.code == "VV-2026-000011"
    assert services.case_open(actor=officer_a, unit=unit, title="Năm sau", opened_on=D(2027, 1, 2)).code == (
        "VV-2027-000001"
    )

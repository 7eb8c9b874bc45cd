import datetime

import pytest

from danvan.core.errors import ApplicationError
from danvan.initiatives import services
from danvan.initiatives.models import Status
from danvan.initiatives.selectors import initiative_detail
from danvan.initiatives.tests.factories import approved, register


def test_the_first_update_starts_the_model_and_records_results_per_target(commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    road, homes = initiative.targets.all()
    services.initiative_update_add(
        actor=commune_officer_a,
        initiative=initiative,
        reported_on=datetime.date(2026, 6, 30),
        note="Quý II",
        results={road.pk: "2,5", homes.pk: "60"},
    )
    services.initiative_update_add(
        actor=commune_officer_a,
        initiative=initiative,
        reported_on=datetime.date(2026, 9, 30),
        results={str(road.pk): "4"},
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_PROGRESS
    progress = initiative_detail(initiative=initiative)["progress"]
    assert [(p.latest, p.percent) for p in progress] == [(4, 80), (60, 50)]


def test_updates_need_an_approved_model_rights_and_sane_values(commune_officer_a, leader_a, officer_b):
    pending = register(commune_officer_a, name="Chưa duyệt")
    with pytest.raises(ApplicationError) as err:
        services.initiative_update_add(
            actor=commune_officer_a, initiative=pending, reported_on=datetime.date(2026, 6, 30), note="x"
        )
    assert err.value.code == "bad_state"
    initiative = approved(commune_officer_a, leader_a)
    road = initiative.targets.first()
    with pytest.raises(ApplicationError) as err:
        services.initiative_update_add(
            actor=officer_b, initiative=initiative, reported_on=datetime.date(2026, 6, 30), note="x"
        )
    assert err.value.code == "forbidden"
    with pytest.raises(ApplicationError) as err:
        services.initiative_update_add(
            actor=commune_officer_a,
            initiative=initiative,
            reported_on=datetime.date(2026, 6, 30),
            results={road.pk: "-3"},
        )
    assert err.value.field == f"target_{road.pk}"
    with pytest.raises(ApplicationError) as err:
        services.initiative_update_add(
            actor=commune_officer_a, initiative=initiative, reported_on=datetime.date(2026, 6, 30)
        )
    assert err.value.field == "note"
    assert not initiative.updates.exists()

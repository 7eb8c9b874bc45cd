import pytest

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.initiatives import services
from danvan.initiatives.models import Status
from danvan.initiatives.tests.factories import DAY, approved, full_scores, recognised


def test_recognising_without_a_completed_evaluation_is_refused(commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    with pytest.raises(ApplicationError) as err:
        services.initiative_recognise(
            actor=leader_a, initiative=initiative, level="province", status="recognised", decided_on=DAY
        )
    assert err.value.code == "not_evaluated"
    initiative.refresh_from_db()
    assert initiative.status == Status.APPROVED


def test_an_evaluated_model_is_recognised_with_a_level_and_status(commune_officer_a, leader_a):
    initiative = recognised(commune_officer_a, leader_a)
    assert initiative.status == Status.OUTSTANDING
    assert initiative.recognition_level == "province"
    assert initiative.recognitions.count() == 1


def test_province_level_recognition_needs_a_province_role(db, leader_a):
    # A leader of a commune-level body above the unit may recognise at commune level, not at province level.
    commune_leader = make_user("leader.xa", "leader", "C7288-DU")
    reporter = make_user("rep", "reporter", "C7288-KDV")
    initiative = approved(reporter, commune_leader, unit_code="C7288-KDV")
    services.evaluation_submit(
        actor=commune_leader,
        initiative=initiative,
        scores=full_scores(services.evaluation_scheme_for(initiative)),
        evaluated_on=DAY,
    )
    with pytest.raises(ApplicationError) as err:
        services.initiative_recognise(
            actor=commune_leader, initiative=initiative, level="province", status="recognised", decided_on=DAY
        )
    assert err.value.field == "level"
    services.initiative_recognise(
        actor=commune_leader, initiative=initiative, level="commune", status="recognised", decided_on=DAY
    )
    services.initiative_recognise(
        actor=leader_a, initiative=initiative, level="province", status="proposed", decided_on=DAY
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.recognition_level) == ("proposed", "province")


def test_bad_level_or_status_is_refused(commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    with pytest.raises(ApplicationError) as err:
        services.initiative_recognise(
            actor=leader_a, initiative=initiative, level="huyen", status="recognised", decided_on=DAY
        )
    assert err.value.field == "level"
    with pytest.raises(ApplicationError) as err:
        services.initiative_recognise(
            actor=leader_a, initiative=initiative, level="commune", status="approved", decided_on=DAY
        )
    assert err.value.field == "status"


def test_commendations_record_form_body_and_decision_for_recognised_models_only(commune_officer_a, leader_a):
    pending = approved(commune_officer_a, leader_a, name="Chưa công nhận")
    with pytest.raises(ApplicationError):
        services.commendation_add(
            actor=leader_a,
            initiative=pending,
            form="bang_khen",
            deciding_body="UBND tỉnh",
            decision_number="12/QĐ-UBND",
            decided_on=DAY,
        )
    initiative = recognised(commune_officer_a, leader_a)
    with pytest.raises(ApplicationError) as err:
        services.commendation_add(
            actor=leader_a,
            initiative=initiative,
            form="huan_chuong",
            deciding_body="UBND tỉnh",
            decision_number="12",
            decided_on=DAY,
        )
    assert err.value.field == "form"
    c = services.commendation_add(
        actor=leader_a,
        initiative=initiative,
        form="bang_khen",
        deciding_body="Chủ tịch UBND tỉnh Bắc Ninh",
        decision_number="12/QĐ-UBND",
        decided_on=DAY,
    )
    assert str(c) == "Bằng khen 12/QĐ-UBND"

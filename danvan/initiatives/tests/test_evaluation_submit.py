from decimal import Decimal

import pytest

from conftest import make_user
from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.initiatives import services
from danvan.initiatives.models import EvaluationScheme, Status
from danvan.initiatives.tests.factories import DAY, approved, full_scores
from danvan.organisations.models import OrgUnit


def test_the_starter_scheme_is_the_100_point_example(db):
    scheme = services.starter_scheme()
    assert [(c.name, c.max_score) for c in scheme.criteria.all()] == [
        (name, Decimal(m)) for name, m in services.STARTER_CRITERIA
    ]
    assert sum(c.max_score for c in scheme.criteria.all()) == 100


def test_a_council_member_scores_every_criterion_and_the_model_is_evaluated(commune_officer_a, leader_a, officer_a):
    initiative = approved(commune_officer_a, leader_a)
    scheme = services.evaluation_scheme_for(initiative)
    assert scheme.is_starter
    scores = full_scores(scheme)
    scores[scheme.criteria.first().pk] = "15,5"
    evaluation = services.evaluation_submit(actor=officer_a, initiative=initiative, scores=scores, evaluated_on=DAY)
    assert evaluation.total == Decimal("95.5")
    assert evaluation.scores.count() == 5
    initiative.refresh_from_db()
    assert initiative.status == Status.EVALUATED
    assert AuditEvent.objects.filter(action="initiative.evaluated").count() == 1


def test_a_score_outside_the_range_is_refused_naming_the_criterion(commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    scheme = services.evaluation_scheme_for(initiative)
    reform = scheme.criteria.get(name="Cải cách hành chính")
    for bad in ("26", "-1"):
        scores = full_scores(scheme)
        scores[reform.pk] = bad
        with pytest.raises(ApplicationError) as err:
            services.evaluation_submit(actor=leader_a, initiative=initiative, scores=scores, evaluated_on=DAY)
        assert "Cải cách hành chính" in err.value.message and "0 đến 25" in err.value.message
        assert err.value.field == f"criterion_{reform.pk}"
    scores.pop(reform.pk)
    with pytest.raises(ApplicationError):
        services.evaluation_submit(actor=leader_a, initiative=initiative, scores=scores, evaluated_on=DAY)
    assert not initiative.evaluations.exists()


def test_only_the_council_above_may_score(commune_officer_a, leader_a, officer_b):
    initiative = approved(commune_officer_a, leader_a)
    scores = full_scores(services.evaluation_scheme_for(initiative))
    for actor in (commune_officer_a, officer_b, make_user("viewer.a", "viewer", "P24-TU")):
        with pytest.raises(ApplicationError) as err:
            services.evaluation_submit(actor=actor, initiative=initiative, scores=scores, evaluated_on=DAY)
        assert err.value.code == "forbidden"


def test_a_province_configures_its_own_weighted_criteria_for_a_year(commune_officer_a, leader_a, officer_b):
    unit = OrgUnit.objects.get(code="P24-TU")
    scheme = services.evaluation_scheme_create(
        actor=leader_a, unit=unit, year=2026, criteria=[("Hiệu quả", 50, 1), ("Nhân rộng", 25, 2)]
    )
    with pytest.raises(ApplicationError):
        services.evaluation_scheme_create(actor=leader_a, unit=unit, year=2026)
    with pytest.raises(ApplicationError):
        services.evaluation_scheme_create(actor=officer_b, unit=unit, year=2027)
    with pytest.raises(ApplicationError) as err:
        services.evaluation_scheme_create(actor=leader_a, unit=OrgUnit.objects.get(code="C7288-DU"), year=2026)
    assert err.value.field == "unit"
    initiative = approved(commune_officer_a, leader_a)
    assert services.evaluation_scheme_for(initiative) == scheme
    evaluation = services.evaluation_submit(
        actor=leader_a, initiative=initiative, scores=full_scores(scheme, 20), evaluated_on=DAY
    )
    assert evaluation.total == Decimal("60")  # 20×1 + 20×2
    # Another year falls back to the starter scheme.
    assert EvaluationScheme.objects.filter(unit=unit).count() == 1

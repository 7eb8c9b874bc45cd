import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.initiatives import services
from danvan.initiatives.models import Status
from danvan.initiatives.selectors import initiative_counts, initiative_lineage, lineage_flat
from danvan.initiatives.tests.factories import DAY, approved, recognised
from danvan.organisations.models import OrgUnit


def _adopt(actor, source, unit_code, approver, result=None):
    copy = services.initiative_replicate(
        actor=actor,
        source=source,
        unit=OrgUnit.objects.get(code=unit_code),
        year=2027,
        start_date=datetime.date(2027, 1, 5),
    )
    services.initiative_approve(actor=approver, initiative=copy)
    if result is not None:
        target = copy.targets.first()
        services.initiative_update_add(
            actor=actor, initiative=copy, reported_on=datetime.date(2027, 6, 30), results={target.pk: result}
        )
    copy.refresh_from_db()
    return copy


def test_another_unit_adopts_a_recognised_model_and_the_lineage_is_one_tree(commune_officer_a, leader_a, sysadmin):
    source = recognised(commune_officer_a, leader_a)
    officer_b = make_user("officer.b2", "officer", "P91-TU")
    commune_b = OrgUnit.objects.filter(code__endswith="-DU", parent__code="P91-TU").order_by("code").first()
    child = _adopt(officer_b, source, commune_b.code, sysadmin, result="3")
    assert child.replicated_from == source and child.lineage_root == source
    assert [t.indicator for t in child.targets.all()] == ["Đường bê tông", "Hộ hiến đất"]
    assert child.status == Status.IN_PROGRESS and child.province.code == "P91-TU"
    # The adopted copy becomes recognised and spreads again: a grandchild in the same lineage.
    services.evaluation_submit(
        actor=sysadmin,
        initiative=child,
        evaluated_on=DAY,
        scores={c.pk: c.max_score for c in services.starter_scheme().criteria.all()},
    )
    services.initiative_recognise(
        actor=sysadmin, initiative=child, level="province", status="recognised", decided_on=DAY
    )
    child.refresh_from_db()
    grandchild = _adopt(commune_officer_a, child, "C7288-KDV", leader_a, result="1,5")
    assert grandchild.lineage_root_id == source.pk

    with CaptureQueriesContext(connection) as ctx:
        tree = initiative_lineage(initiative=grandchild)
        rows = lineage_flat(tree)
    assert len(ctx.captured_queries) == 2
    assert [(depth, node.initiative.unit.code) for depth, node in rows] == [
        (0, "C7288-DU"),
        (1, commune_b.code),
        (2, "C7288-KDV"),
    ]
    assert [str(r.value) for r in rows[2][1].results] == ["1.50"]
    assert rows[2][1].latest_update_on == datetime.date(2027, 6, 30)

    counts = initiative_counts(unit=OrgUnit.objects.get(code="P24-TU"), year=2027)
    assert counts == {"registered": 1, "recognised": 0, "replicated": 1}
    assert initiative_counts(unit=OrgUnit.objects.get(code="P24-TU"), year=2026)["recognised"] == 1


def test_only_recognised_models_may_be_adopted_by_a_different_unit_in_the_actors_scope(
    commune_officer_a, leader_a, officer_b
):
    pending = approved(commune_officer_a, leader_a, name="Đang làm")
    with pytest.raises(ApplicationError) as err:
        services.initiative_replicate(
            actor=officer_b, source=pending, unit=OrgUnit.objects.get(code="P91-TU"), year=2027, start_date=DAY
        )
    assert err.value.code == "bad_state"
    source = recognised(commune_officer_a, leader_a)
    with pytest.raises(ApplicationError) as err:
        services.initiative_replicate(
            actor=officer_b, source=source, unit=OrgUnit.objects.get(code="C7288-KDV"), year=2027, start_date=DAY
        )
    assert err.value.code == "forbidden"
    with pytest.raises(ApplicationError) as err:
        services.initiative_replicate(
            actor=commune_officer_a, source=source, unit=source.unit, year=2027, start_date=DAY
        )
    assert err.value.field == "unit"

import datetime as dt

import pytest

from danvan.assessments import services
from danvan.assessments.models import BodyGroup
from danvan.organisations.models import OrgUnit

TODAY = dt.date(2026, 12, 10)
CRITERIA = [
    ["Lãnh đạo, chỉ đạo công tác dân vận", "40", "", ""],
    ["Đối thoại với nhân dân", "30", "", "petitions.dialogues"],
    ["Chế độ thông tin, báo cáo", "30", "", "reports.on_time"],
]


@pytest.fixture
def ban(db):
    return OrgUnit.objects.get(code="P24-TGDV")


@pytest.fixture
def make_scheme(ban):
    """make_scheme(actor, group=..., bodies=[codes]) → an open scheme of 2026 (100 points, 90/75/50)."""

    def make(actor, *, group=BodyGroup.PARTY, bodies=(), criteria=CRITERIA, uses_weights=False, year=2026):
        scheme = services.scheme_create(
            actor=actor,
            unit=ban,
            year=year,
            group=group,
            title=f"Đánh giá công tác dân vận năm {year}",
            uses_weights=uses_weights,
            excellent_min="90",
            good_min="75",
            passed_min="50",
            self_due=dt.date(year, 12, 15),
        )
        scheme = services.criteria_set(actor=actor, scheme=scheme, rows=criteria)
        if bodies:
            scheme = services.scheme_open(
                actor=actor, scheme=scheme, bodies=list(OrgUnit.objects.filter(code__in=bodies))
            )
        return scheme

    return make


def fill(assessment, values):
    """{criterion order: (score, note)} → {criterion id: (score, note)} for the services."""
    criteria = {c.order: c.pk for c in assessment.scheme.criteria.all()}
    return {criteria[order]: value for order, value in values.items()}

import datetime as dt

import pytest
from django.utils import timezone

from danvan.faiths import services
from danvan.faiths.tests.factories import holiday, pagoda
from danvan.organisations.models import OrgUnitClosure
from danvan.reports.sources import SOURCES

pytestmark = pytest.mark.django_db


def test_the_periodic_reports_count_visits_made_and_commendations(commune_officer_a, unit):
    temple = pagoda(commune_officer_a)
    day = holiday("phat-dan")
    visit = services.visit_plan(
        actor=commune_officer_a, unit=unit("C7288-KDV"), visit_on=day.date, holiday_date=day, establishment=temple,
        delegation="Đoàn xã",
    )  # fmt: skip
    services.visit_plan(
        actor=commune_officer_a, unit=unit("C7288-KDV"), visit_on=day.date, establishment=temple, delegation="Đoàn 2"
    )
    services.visit_update(
        actor=commune_officer_a, visit=visit, visit_on=day.date, delegation="Đoàn xã", status="done",
        establishment=temple,
    )  # fmt: skip
    services.commendation_record(
        actor=commune_officer_a, unit=unit("C7288-DU"), year=2026, establishment=temple, form="Giấy khen", reason="x"
    )
    area = OrgUnitClosure.objects.filter(ancestor=unit("P24-TU")).values("descendant_id")
    today = timezone.localdate()
    assert SOURCES["faiths.visits_done"].compute(area=area, start=dt.date(2026, 5, 1), end=dt.date(2026, 6, 30)) == 1
    span = {"start": today - dt.timedelta(days=1), "end": today + dt.timedelta(days=1)}
    assert SOURCES["faiths.commendations"].compute(area=area, **span) == 1
    other = OrgUnitClosure.objects.filter(ancestor=unit("P91-TU")).values("descendant_id")
    assert SOURCES["faiths.commendations"].compute(area=other, **span) == 0

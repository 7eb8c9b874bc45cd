import datetime as dt

import pytest
from django.utils import timezone

from danvan.organisations.models import OrgUnitClosure
from danvan.reports.sources import SOURCES
from danvan.situation import services
from danvan.situation.tests.factories import hotspot, report

pytestmark = pytest.mark.django_db


def test_the_periodic_reports_count_reports_sent_and_hotspots_raised_and_resolved(commune_officer_a, unit):
    report(commune_officer_a, submit=True)
    h = hotspot(commune_officer_a)
    services.hotspot_update(actor=commune_officer_a, hotspot=h, status="resolved", handled_by="UBND xã")
    area = OrgUnitClosure.objects.filter(ancestor=unit("P24-TU")).values("descendant_id")
    today = timezone.localdate()
    span = {"area": area, "start": today - dt.timedelta(days=1), "end": today + dt.timedelta(days=1)}
    assert SOURCES["situation.reports_sent"].compute(**span) == 1
    assert SOURCES["situation.hotspots_raised"].compute(**span) == 1
    assert SOURCES["situation.hotspots_resolved"].compute(**span) == 1
    other = OrgUnitClosure.objects.filter(ancestor=unit("P91-TU")).values("descendant_id")
    assert SOURCES["situation.hotspots_raised"].compute(**{**span, "area": other}) == 0

import datetime as dt

import pytest
from django.utils import timezone

from danvan.organisations.models import OrgUnitClosure
from danvan.oversight import services
from danvan.oversight.demo import demo_oversight_load
from danvan.oversight.models import Recommendation
from danvan.oversight.tests.conftest import recommendation, supervision, u
from danvan.reports.sources import SOURCES

pytestmark = pytest.mark.django_db


def test_the_periodic_reports_count_supervisions_and_recommendations(front_officer):
    today = timezone.localdate()
    sup = supervision(front_officer, start_date=today, end_date=None)
    rec = recommendation(front_officer, sup, deadline=today + dt.timedelta(days=30))
    recommendation(front_officer, sup, deadline=today + dt.timedelta(days=30))
    services.recommendation_answer(
        actor=front_officer, recommendation=rec, answer="Đã làm", answered_by=u("C7288-UBND"), answered_on=today
    )
    area = OrgUnitClosure.objects.filter(ancestor=u("P24-TU")).values("descendant_id")
    span = {"area": area, "start": today - dt.timedelta(days=1), "end": today + dt.timedelta(days=1)}
    assert SOURCES["oversight.supervisions"].compute(**span) == 1
    assert SOURCES["oversight.recommendations"].compute(**span) == 2
    assert SOURCES["oversight.recommendations_answered"].compute(**span) == 1
    assert SOURCES["oversight.critiques"].compute(**span) == 0
    other = OrgUnitClosure.objects.filter(ancestor=u("P91-TU")).values("descendant_id")
    assert SOURCES["oversight.supervisions"].compute(**{**span, "area": other}) == 0


def test_the_demo_loads_once_with_an_answered_and_an_overdue_recommendation(db):
    from danvan.accounts.demo import demo_data_load

    demo_data_load()
    assert demo_oversight_load()
    assert demo_oversight_load() == []
    open_ones = Recommendation.objects.filter(answered_on=None, deadline__lt=timezone.localdate())
    assert open_ones.count() == 1
    assert Recommendation.objects.exclude(answered_on=None).count() == 1

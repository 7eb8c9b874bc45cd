"""A commune "reported" a month when its Party committee, or a unit below it, sent the month's report: the map, the
digests and "did not report" count it once either way, and a draft or another month does not count (decision 0054:
the condition moved into SQL)."""

import datetime as dt

import pytest

from danvan.organisations.models import OrgUnit
from danvan.situation import digests, services
from danvan.situation.tests.factories import report

pytestmark = pytest.mark.django_db
NOV = dt.date(2026, 11, 1)


def _areas():
    return digests.Area(unit=None, province=None), digests.area_of(OrgUnit.objects.get(code="P24-TU"))


def _state():
    nation, province = _areas()
    yen_the = OrgUnit.objects.get(code="C7288-DU")
    national_cell = digests.map_data(area=nation, month=NOV)["cells"]["P24"]
    return {
        "reported": yen_the.pk in digests.reported_commune_ids(province, NOV),
        "national": yen_the.pk in digests.reported_commune_ids(nation, NOV),
        "missing": "C7288-DU" in [c["code"] for c in digests.not_reported(province, NOV)],
        "missing_nation": "C7288-DU" in [c["code"] for c in digests.not_reported(nation, NOV)],
        "map_commune": digests.map_data(area=province, month=NOV)["cells"]["C7288-DU"]["reported"],
        "map_province": national_cell["reported"],
    }


def test_a_report_from_a_unit_below_the_commune_committee_counts_for_the_commune(commune_officer_a, reporter_a):
    before = _state()
    assert before == {
        "reported": False,
        "national": False,
        "missing": True,
        "missing_nation": True,
        "map_commune": False,
        "map_province": 0,
    }
    # A draft, and a report of another month, from the commune's Farmers' Union: not reported.
    report(reporter_a, "C7288-HND", period_month=NOV)
    report(reporter_a, "C7288-HND", period_month=dt.date(2026, 10, 1), submit=True)
    assert _state() == before
    # Sent for November: the commune reported, counted once.
    draft = OrgUnit.objects.get(code="C7288-HND").situation_reports.get(period_month=NOV)
    services.situation_report_submit(actor=reporter_a, report=draft)
    after = _state()
    assert after == {
        "reported": True,
        "national": True,
        "missing": False,
        "missing_nation": False,
        "map_commune": True,
        "map_province": 1,
    }
    # The committee's own report as well: still one commune reported.
    report(commune_officer_a, period_month=NOV, submit=True)
    assert _state() == after

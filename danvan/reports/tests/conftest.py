import datetime as dt

import pytest

from danvan.organisations.models import OrgUnit
from danvan.reports.models import ReportForm
from danvan.reports.periods import period_get_or_create
from danvan.reports.services import report_save_draft, report_submit


@pytest.fixture
def quarterly(db):
    return ReportForm.objects.get(code="dan-van-quy")


@pytest.fixture
def q1(db):
    return period_get_or_create("quarter", 2026, 1)


@pytest.fixture
def q2(db):
    return period_get_or_create("quarter", 2026, 2)


@pytest.fixture
def report(quarterly, q1):
    """Save (and optionally submit) a unit's quarterly report: report("C7288-KDV", actor, {...}, submit=True)."""

    def make(code, actor, values, *, period=None, submit=True, narratives=None):
        submission = report_save_draft(
            actor=actor,
            form=quarterly,
            period=period or q1,
            unit=OrgUnit.objects.get(code=code),
            values=values,
            narratives=narratives or {},
            expected_version=0,
        )
        return report_submit(actor=actor, submission=submission) if submit else submission

    return make


@pytest.fixture
def today():
    return dt.date(2026, 4, 20)

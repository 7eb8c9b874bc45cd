"""What a commune disclosed in a period: required items disclosed, late, missing, days posted, too short; and
the province's roll-up of which communes are behind."""

import datetime as dt

import pytest

from danvan.democracy.selectors import compliance_for_base, province_rollup
from danvan.democracy.tests.factories import commune_base, disclose
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_a_quarter_shows_the_budget_disclosed_and_flags_a_short_posting(commune_officer_a):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 10), end=dt.date(2026, 1, 20))
    rows = {r.item.number: r for r in compliance_for_base(base=base, start=Q1[0], end=Q1[1], today=dt.date(2026, 4, 1))}
    budget = rows[2]
    assert budget.required and budget.state == "ok"
    assert budget.disclosures[0].days == 11 and budget.short
    # Items disclosed "when they arise" are never counted missing.
    assert rows[5].state == "none"


def test_a_budget_posted_after_its_deadline_is_late_and_a_missing_one_is_missing(commune_officer_a):
    base = commune_base(commune_officer_a)
    rows = compliance_for_base(base=base, start=Q1[0], end=Q1[1], today=dt.date(2026, 4, 1))
    assert next(r for r in rows if r.item.number == 2).state == "missing"
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 5))
    rows = compliance_for_base(base=base, start=Q1[0], end=Q1[1], today=dt.date(2026, 4, 1))
    budget = next(r for r in rows if r.item.number == 2)
    assert budget.state == "late" and not budget.short


def test_the_province_sees_which_communes_are_behind(commune_officer_a, officer_a, django_assert_max_num_queries):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    province = OrgUnit.objects.get(code="P24-TU")
    with django_assert_max_num_queries(8):
        rows = province_rollup(province=province, start=Q1[0], end=Q1[1])
    yen_the = next(r for r in rows if r.unit.code == "C7288-DU")
    assert not yen_the.behind and yen_the.disclosed == 1
    others = [r for r in rows if r.unit.code != "C7288-DU"]
    assert len(others) > 50 and all(r.behind and r.missing == 1 for r in others)
    assert rows[-1].unit.code == "C7288-DU"  # the ones behind come first


def test_the_compliance_and_rollup_pages_open(client_for, commune_officer_a, officer_a):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 1, 8))
    page = client_for(commune_officer_a).get(f"/dan-chu/co-so/{base.public_id}/tuan-thu/", {"period": "quarter-2026-1"})
    assert page.status_code == 200 and "Quý I/2026" in page.content.decode()
    page = client_for(officer_a).get("/dan-chu/tong-hop/", {"unit": "P24-TU", "period": "quarter-2026-1"})
    assert page.status_code == 200 and "Xã Yên Thế" in page.content.decode()

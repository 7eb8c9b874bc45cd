"""The stored per-quarter compliance table equals the live roll-up, for the country and a province, through every
kind of change: disclosures posted, late, short and moved between quarters, bases registered, a catalogue
correction, a unit renamed (in the tree, or by the national data alone), a commune moved to another province, and rows
written outside the services (rebuilt by the command)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from danvan.democracy import services
from danvan.democracy.compliance_store import quarter_window, stored_rollup, summary_build
from danvan.democracy.models import ComplianceQuarter, Disclosure, DisclosureItem
from danvan.democracy.selectors import compliance_rollup, rollup_key
from danvan.democracy.tests.factories import commune_base, disclose, item
from danvan.organisations import services as organisations_services
from danvan.organisations.models import AdminUnit, OrgUnit
from danvan.organisations.services import admin_units_load

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
Q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


def _row(r) -> tuple:
    return (
        r.unit.pk,
        r.unit.code,
        r.unit.name,
        r.base.public_id if r.base else None,
        r.name,
        r.province_name,
        r.required,
        r.disclosed,
        r.late,
        r.short,
        r.missing,
        r.behind,
    )


def assert_same(area_code: str, kind: str = "commune", windows=(Q1, Q2)) -> None:
    """The stored table and the live roll-up hold the same rows, and the stored one is in the roll-up's order."""
    area = OrgUnit.objects.get(code=area_code)
    for start, end in windows:
        live = compliance_rollup(area=area, kind=kind, start=start, end=end)
        stored = stored_rollup(area=area, kind=kind, start=start, end=end)
        rows = list(stored)
        assert sorted(map(_row, rows)) == sorted(map(_row, live)), (area_code, kind, start)
        keys = [rollup_key(r) for r in rows]
        assert keys == sorted(keys)
        assert len(stored) == len(live) and stored.behind == sum(1 for r in live if r.behind)
        # A page is the same as the live list's slice, tie for tie in the key.
        assert [rollup_key(r) for r in stored[100:200]] == [rollup_key(r) for r in live[100:200]]


def test_the_stored_table_follows_every_change_and_equals_the_live_roll_up(commune_officer_a, officer_a):
    for window in (Q1, Q2):
        summary_build(kind="commune", start=window[0], end=window[1])
    assert ComplianceQuarter.objects.count() == 2
    assert_same("TW")

    # Posted on time, late and too short; a base registered by a second commune.
    yen_the = commune_base(commune_officer_a)
    disclose(commune_officer_a, yen_the, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    moved = disclose(commune_officer_a, yen_the, 1, start=dt.date(2026, 3, 28), end=dt.date(2026, 4, 2))
    other_unit = OrgUnit.objects.filter(code__startswith="C", code__endswith="-DU", parent__code="P24-TU").exclude(
        code="C7288-DU"
    )[0]
    other = commune_base(officer_a, code=other_unit.code)
    disclose(officer_a, other, 2, start=dt.date(2026, 2, 25), end=dt.date(2026, 4, 10))
    assert_same("TW")
    assert_same("P24-TU")

    # A disclosure moved from the first quarter to the second: both quarters recounted.
    services.disclosure_update(
        actor=commune_officer_a,
        disclosure=moved,
        item=item(2),
        title=moved.title,
        start_date=dt.date(2026, 4, 3),
        end_date=dt.date(2026, 4, 6),
        forms_used=["niem_yet"],
        expected_version=moved.version,
    )
    assert_same("TW")

    # A catalogue correction and a renamed commune: the next read rebuilds the quarter.
    deadline = DisclosureItem.objects.get(base_kind="commune", number=2)
    DisclosureItem.objects.filter(pk=deadline.pk).update(due_days=30)
    assert_same("TW")
    OrgUnit.objects.filter(pk=other_unit.pk).update(name="Đảng ủy xã Ánh Dương")
    assert_same("P24-TU")

    # Agencies: a base registered after the quarter was stored appears in it.
    province = OrgUnit.objects.get(code="P24-TU")
    services.base_register(actor=officer_a, kind="agency", name="Trường THPT Yên Thế", unit=province)
    assert_same("TW", kind="agency")
    school = services.base_register(actor=officer_a, kind="agency", name="Bệnh viện đa khoa", unit=province)
    services.disclosure_post(
        actor=officer_a,
        base=school,
        item=DisclosureItem.objects.filter(base_kind="agency").order_by("number")[0],
        title="Kế hoạch năm",
        forms_used=["niem_yet"],
        start_date=dt.date(2026, 1, 10),
        end_date=dt.date(2026, 2, 20),
    )
    assert_same("P24-TU", kind="agency")


def test_rows_written_outside_the_services_are_caught_up_by_the_command(commune_officer_a):
    base = commune_base(commune_officer_a)
    summary_build(kind="commune", start=Q1[0], end=Q1[1])
    Disclosure.objects.create(
        base=base,
        item=item(2),
        title="Nạp bằng SQL",
        forms_used=["niem_yet"],
        start_date=dt.date(2026, 1, 8),
        end_date=dt.date(2026, 1, 15),
        posted_by=commune_officer_a,
    )
    area = OrgUnit.objects.get(code="C7288-DU").parent
    stale = next(r for r in stored_rollup(area=area, kind="commune", start=Q1[0], end=Q1[1]) if r.base)
    assert stale.disclosed == 0  # the load went around the services
    out = io.StringIO()
    call_command("democracy_compliance_rebuild", "--kind", "commune", stdout=out)
    assert "quarters rebuilt" in out.getvalue()
    assert_same("P24-TU", windows=(Q1,))


def test_only_calendar_quarters_are_stored_and_the_page_reads_them(client_for, sysadmin, django_assert_max_num_queries):
    assert quarter_window(*Q1) and quarter_window(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert not quarter_window(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert not quarter_window(dt.date(2026, 2, 1), dt.date(2026, 4, 30))
    client = client_for(sysadmin)
    first = client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1"})  # builds it
    assert ComplianceQuarter.objects.filter(kind="commune", start=Q1[0]).exists()
    with django_assert_max_num_queries(20):
        again = client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1", "page": "30"})
    assert again.context["page"].number == 30 and len(again.context["page"].object_list) == 100
    assert first.context["total"] == again.context["total"] > 3000
    # A year is computed live, as before.
    year = client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "year-2026-1"})
    assert year.status_code == 200 and ComplianceQuarter.objects.count() == 1


def _stored_row(area_code: str, unit_code: str, kind: str = "commune", window=Q1):
    area = OrgUnit.objects.get(code=area_code)
    return next(
        r for r in stored_rollup(area=area, kind=kind, start=window[0], end=window[1]) if r.unit.code == unit_code
    )


def test_a_commune_renamed_by_the_national_data_alone_is_shown_under_its_new_name(commune_officer_a):
    yen_the = AdminUnit.objects.get(code="C7288")
    # The national data named the commune otherwise when its base and the quarter were stored.
    AdminUnit.objects.filter(pk=yen_the.pk).update(name="Xã Yên Thế Cũ")
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    summary_build(kind="commune", start=Q1[0], end=Q1[1])
    assert _stored_row("P24-TU", "C7288-DU").name == "Xã Yên Thế Cũ"

    # The data updated: only the administrative unit changes (no org unit, nothing in the tree's triggers).
    result = admin_units_load(actor=None)

    assert result.extra["renamed"] == 1
    row = _stored_row("P24-TU", "C7288-DU")
    assert row.name == "Xã Yên Thế" and row.disclosed == 1
    assert_same("P24-TU", windows=(Q1,))
    base.refresh_from_db()
    assert (base.name, base.name_folded) == ("Xã Yên Thế", "xa yen the")


def test_a_commune_moved_to_another_province_is_listed_there_with_its_agencies(commune_officer_a, sysadmin):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    commune = OrgUnit.objects.get(code="C7288-DU")
    school = services.base_register(actor=commune_officer_a, kind="agency", name="Trường THCS Bố Hạ", unit=commune)
    for kind in ("commune", "agency"):
        summary_build(kind=kind, start=Q1[0], end=Q1[1])
    bac_ninh, an_giang = (AdminUnit.objects.get(code=code).name for code in ("P24", "P91"))
    assert _stored_row("TW", "C7288-DU").province_name == bac_ninh

    organisations_services.orgunit_move(actor=sysadmin, unit=commune, new_parent=OrgUnit.objects.get(code="P91-TU"))

    row = _stored_row("P91-TU", "C7288-DU")
    assert (row.province_name, row.disclosed) == (an_giang, 1)
    assert_same("TW")
    assert_same("P91-TU")
    # The agency under the commune follows it: its copy of the province too (the province roll-up's filter).
    school.refresh_from_db()
    assert school.province.code == "P91-TU"
    assert _stored_row("P91-TU", "C7288-DU", kind="agency").province_name == an_giang
    assert_same("P91-TU", kind="agency")

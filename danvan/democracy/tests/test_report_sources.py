"""The QCDC figures of the periodic reports fill themselves from the records."""

import datetime as dt

import pytest

from danvan.democracy import services
from danvan.democracy.tests.factories import commune_base, disclose
from danvan.organisations.models import OrgUnit
from danvan.reports.sources import SOURCES, area_unit_ids

pytestmark = pytest.mark.django_db


def test_a_communes_report_counts_its_disclosures_and_votes(commune_officer_a):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 10))
    disclose(commune_officer_a, base, 1, start=dt.date(2026, 2, 10))
    disclose(commune_officer_a, base, 1, start=dt.date(2026, 5, 10), end=None)
    matter = services.matter_create(
        actor=commune_officer_a, base=base, title="Đường thôn", subject="infrastructure", method="meeting"
    )
    services.matter_vote_record(
        actor=commune_officer_a,
        matter=matter,
        voted_on=dt.date(2026, 3, 1),
        eligible_households=100,
        turnout=80,
        votes_for=70,
        votes_against=10,
        today=dt.date(2026, 4, 1),
    )
    # The commune's khối dân vận reports for the whole commune.
    area = area_unit_ids(OrgUnit.objects.get(code="C7288-KDV"))
    q1 = {"area": area, "start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)}
    assert SOURCES["democracy.disclosures"].compute(**q1) == 2
    assert SOURCES["democracy.infrastructure_meetings"].compute(**q1) == 1
    assert SOURCES["democracy.convention_meetings"].compute(**q1) == 0
    # The province's own report does not count the communes' records (they report for themselves).
    province_area = area_unit_ids(OrgUnit.objects.get(code="P24-TGDV"))
    assert SOURCES["democracy.disclosures"].compute(area=province_area, start=q1["start"], end=q1["end"]) == 0


def test_the_starter_qcdc_form_is_linked_to_the_records_and_counts_board_members(commune_officer_a):
    from danvan.reports.models import Indicator

    linked = dict(Indicator.objects.filter(code__startswith="qcdc_").values_list("code", "source"))
    assert linked["qcdc_van_ban_cong_khai"] == "democracy.disclosures"
    assert linked["qcdc_ban_ttnd_thanh_vien"] == "democracy.ttnd_members"
    # Poor-household meetings have no record here: still typed by the reporter.
    assert linked["qcdc_hop_ho_ngheo"] == ""
    assert all(source in SOURCES for source in linked.values() if source)
    base = commune_base(commune_officer_a)
    board = services.board_create(actor=commune_officer_a, base=base, kind="ttnd", term_start=dt.date(2025, 1, 1))
    for name in ("Lê Thị Hoa", "Trần Văn Bình", "Nguyễn Văn Cường"):
        services.board_member_add(actor=commune_officer_a, board=board, full_name=name)
    services.board_member_end(actor=commune_officer_a, member=board.members.first(), end_date=dt.date(2026, 2, 1))
    area = area_unit_ids(OrgUnit.objects.get(code="C7288-KDV"))
    q1 = {"area": area, "start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)}
    assert SOURCES["democracy.ttnd_members"].compute(**q1) == 2
    assert SOURCES["democracy.gsdtcd_members"].compute(**q1) == 0

"""The report “Kết quả tiếp công dân, xử lý đơn thư” fills itself from the petitions module: petitions received,
resolved, still open and sent over the level, reception turns and the head's reception days, per area and period,
whatever unit of the commune recorded them."""

import datetime as dt

import pytest

from danvan.organisations.models import OrgUnit
from danvan.petitions.models import Petition, PetitionField, ReceptionSession
from danvan.petitions.tests.factories import receive
from danvan.reports.models import Indicator, ReportForm
from danvan.reports.periods import period_get_or_create
from danvan.reports.services import report_save_draft

pytestmark = pytest.mark.django_db

CODES = ["tcd_luot", "tcd_nguoi_dung_dau", "don_tiep_nhan", "don_giai_quyet", "don_ton", "don_vuot_cap"]


def _session(unit_code, held_on, *, head=False, delegated=False):
    return ReceptionSession.objects.create(
        unit=OrgUnit.objects.get(code=unit_code),
        held_on=held_on,
        leader_name="Bí thư Đảng ủy",
        content="Kiến nghị về đường giao thông thôn",
        field=PetitionField.objects.get(code="dat-dai"),
        duty_id=_duty(unit_code).pk if head else None,
        is_delegated=delegated,
    )


def _duty(unit_code):
    from danvan.petitions.models import ReceptionDuty

    unit = OrgUnit.objects.get(code=unit_code)
    return ReceptionDuty.objects.get_or_create(
        unit=unit, defaults={"holder_name": "Nguyễn Văn Bình", "position": "bi_thu"}
    )[0]


def test_the_six_indicators_have_their_sources():
    assert dict(Indicator.objects.filter(code__in=CODES).values_list("code", "source")) == {
        "tcd_luot": "reception.turns",
        "tcd_nguoi_dung_dau": "reception.head_days",
        "don_tiep_nhan": "petitions.received",
        "don_giai_quyet": "petitions.resolved",
        "don_ton": "petitions.open",
        "don_vuot_cap": "petitions.over_level",
    }


def test_a_communes_report_counts_what_every_unit_of_the_commune_recorded(commune_officer_a, officer_a):
    q1 = period_get_or_create("quarter", 2026, 1)  # 15/12/2025 → 14/3/2026
    in_q1 = dt.date(2026, 2, 10)
    at_party = receive(commune_officer_a, unit_code="C7288-DU", today=in_q1)
    receive(commune_officer_a, unit_code="C7288-MTTQ", today=in_q1, is_over_level=True)
    resolved = receive(commune_officer_a, unit_code="C7288-KDV", today=dt.date(2026, 1, 5))
    Petition.objects.filter(pk=resolved.pk).update(status=Petition.Status.RESOLVED, closed_on=dt.date(2026, 3, 1))
    # Another commune's and the province's petitions are not this commune's.
    receive(officer_a, unit_code="P24-TU", today=in_q1)
    # Received after the period: neither received nor open in Q1.
    receive(commune_officer_a, unit_code="C7288-DU", today=dt.date(2026, 3, 20))
    _session("C7288-DU", in_q1)
    _session("C7288-DU", in_q1, head=True)
    _session("C7288-DU", in_q1, head=True)  # the same head, the same day: one reception day
    _session("C7288-DU", dt.date(2026, 2, 11), head=True, delegated=True)
    form = ReportForm.objects.get(code="tiep-cong-dan-don-thu")
    submission = report_save_draft(
        actor=commune_officer_a,
        form=form,
        period=q1,
        unit=OrgUnit.objects.get(code="C7288-KDV"),
        values={"don_tiep_nhan": "99"},  # typed: ignored, the system's count wins
        narratives={},
        expected_version=0,
    )
    values = {c: int(v) for c, v in submission.values.values_list("indicator__code", "value")}
    assert values == {
        "tcd_luot": 4,
        "tcd_nguoi_dung_dau": 1,
        "don_tiep_nhan": 3,
        "don_giai_quyet": 1,
        "don_ton": 2,
        "don_vuot_cap": 1,
    }
    assert at_party.unit.code == "C7288-DU"

"""The dialogue indicators of the quarterly report (“Tiếp xúc, đối thoại với Nhân dân”) fill themselves from the
dialogues recorded in the petitions module: dialogues held, issues raised, issues resolved by the period's end and
their share, per area and period."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.organisations.models import OrgUnit
from danvan.petitions import services as petitions
from danvan.petitions.models import Commitment
from danvan.reports.models import Indicator, ReportForm
from danvan.reports.periods import period_get_or_create
from danvan.reports.services import report_save_draft

pytestmark = pytest.mark.django_db

CODES = ["doi_thoai_cuoc", "doi_thoai_kien_nghi", "doi_thoai_kien_nghi_gq", "doi_thoai_ty_le_gq"]


def _dialogue(actor, unit_code, held_on, issues):
    unit = OrgUnit.objects.get(code=unit_code)
    return petitions.dialogue_record(
        actor=actor,
        unit=unit,
        held_on=held_on,
        place="Nhà văn hóa thôn Đông",
        leaders="Bí thư Đảng ủy xã",
        issues=[{"issue": text, "owner_unit": unit, "due_on": held_on + dt.timedelta(days=90)} for text in issues],
    )


def test_the_dialogue_indicators_have_their_sources():
    assert dict(Indicator.objects.filter(code__in=CODES).values_list("code", "source")) == {
        "doi_thoai_cuoc": "dialogues.held",
        "doi_thoai_kien_nghi": "dialogues.issues",
        "doi_thoai_kien_nghi_gq": "dialogues.issues_resolved",
        "doi_thoai_ty_le_gq": "dialogues.issues_resolved_share",
    }
    assert Indicator.objects.get(code="nam_tinh_hinh_bao_cao").source == "situation.reports_sent"


def test_a_communes_quarterly_report_counts_its_dialogues(commune_officer_a, officer_a):
    q1 = period_get_or_create("quarter", 2026, 1)  # 15/12/2025 → 14/3/2026
    first = _dialogue(commune_officer_a, "C7288-DU", dt.date(2026, 1, 20), ["Sửa đường liên thôn", "Nước sạch"])
    _dialogue(commune_officer_a, "C7288-MTTQ", dt.date(2026, 2, 3), ["Chiếu sáng", "Rác thải", "Nhà văn hóa"])
    # The province's dialogue and one after the period are not the commune's Q1 figures.
    _dialogue(officer_a, "P24-TU", dt.date(2026, 2, 3), ["Cầu Đông"])
    _dialogue(commune_officer_a, "C7288-DU", dt.date(2026, 3, 20), ["Chợ"])
    done, later = first.commitments.order_by("id")
    petitions.commitment_update(actor=commune_officer_a, commitment=done, status="done", outcome="Đã sửa xong")
    Commitment.objects.filter(pk=done.pk).update(done_on=dt.date(2026, 3, 1))
    # Resolved after the period's end: not resolved in Q1's figures.
    petitions.commitment_update(actor=commune_officer_a, commitment=later, status="done", outcome="Đã lắp đặt")
    Commitment.objects.filter(pk=later.pk).update(done_on=dt.date(2026, 4, 2))

    submission = report_save_draft(
        actor=commune_officer_a,
        form=ReportForm.objects.get(code="dan-van-quy"),
        period=q1,
        unit=OrgUnit.objects.get(code="C7288-KDV"),
        values={"doi_thoai_cuoc": "9"},  # typed: ignored, the system's count wins
        narratives={},
        expected_version=0,
    )
    values = dict(submission.values.filter(indicator__code__in=CODES).values_list("indicator__code", "value"))
    assert values == {
        "doi_thoai_cuoc": Decimal(2),
        "doi_thoai_kien_nghi": Decimal(5),
        "doi_thoai_kien_nghi_gq": Decimal(1),
        "doi_thoai_ty_le_gq": Decimal("20.0"),
    }


def test_marking_a_commitment_done_keeps_the_day_and_reopening_clears_it(commune_officer_a):
    dialogue = _dialogue(commune_officer_a, "C7288-DU", dt.date(2026, 1, 20), ["Sửa đường liên thôn"])
    commitment = dialogue.commitments.get()
    petitions.commitment_update(actor=commune_officer_a, commitment=commitment, status="done", outcome="Xong")
    commitment.refresh_from_db()
    assert commitment.done_on is not None
    petitions.commitment_update(actor=commune_officer_a, commitment=commitment, status="open")
    commitment.refresh_from_db()
    assert commitment.done_on is None

"""The quarterly dân vận report counts hotspots (nắm tình hình nhân dân) and the Front's social supervision and
critique from their records, per area and period (issue 11: "the counts of supervisions and recommendations are
filled from these records by the system")."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from conftest import make_user
from danvan.organisations.models import OrgUnit
from danvan.oversight import services as oversight
from danvan.reports.models import FormItem, FormSection, Indicator, ReportForm
from danvan.reports.periods import period_containing
from danvan.reports.services import report_save_draft
from danvan.situation import services as situation
from danvan.situation.models import Hotspot
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db

HOTSPOTS = ["diem_nong_phat_sinh", "diem_nong_giai_quyet"]
OVERSIGHT = ["gsxh_cuoc", "gsxh_kien_nghi", "gsxh_kien_nghi_tra_loi", "pbxh_du_thao", "pbxh_hoi_nghi"]


def u(code):
    return OrgUnit.objects.get(code=code)


def _quarterly_sections():
    form = ReportForm.objects.get(code="dan-van-quy", version=1)
    return [
        (s.title, [i.indicator.code for i in s.items.order_by("order")])
        for s in FormSection.objects.filter(form=form).order_by("order")
    ]


def _save(actor, unit_code, period):
    submission = report_save_draft(
        actor=actor,
        form=ReportForm.objects.get(code="dan-van-quy"),
        period=period,
        unit=u(unit_code),
        values={"diem_nong_phat_sinh": "7", "gsxh_cuoc": "9"},  # typed: ignored, the system's count wins
        narratives={},
        expected_version=0,
    )
    codes = HOTSPOTS + OVERSIGHT
    return dict(submission.values.filter(indicator__code__in=codes).values_list("indicator__code", "value"))


def _supervise(actor, body, supervised, start, recommendations=0):
    sup = oversight.supervision_create(
        actor=actor,
        unit=u(body),
        subject_kind="policy",
        subject="Việc thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo",
        method="delegation",
        supervised_unit=u(supervised),
        start_date=start,
        end_date=None,
        findings="Còn 2 hộ chưa được giải ngân.",
    )
    return [
        oversight.recommendation_add(
            actor=actor,
            supervision=sup,
            content=f"Kiến nghị {n}",
            responsible_unit=u(supervised),
            deadline=start + dt.timedelta(days=60),
        )
        for n in range(recommendations)
    ]


def test_the_hotspot_supervision_and_critique_indicators_have_their_sources_and_places():
    assert dict(Indicator.objects.filter(code__in=HOTSPOTS + OVERSIGHT).values_list("code", "source")) == {
        "diem_nong_phat_sinh": "situation.hotspots_raised",
        "diem_nong_giai_quyet": "situation.hotspots_resolved",
        "gsxh_cuoc": "oversight.supervisions",
        "gsxh_kien_nghi": "oversight.recommendations",
        "gsxh_kien_nghi_tra_loi": "oversight.recommendations_answered",
        "pbxh_du_thao": "oversight.critiques",
        "pbxh_hoi_nghi": "oversight.critique_conferences",
    }
    sections = _quarterly_sections()
    assert ("Nắm tình hình nhân dân", ["nam_tinh_hinh_bao_cao", *HOTSPOTS]) in sections
    titles = [title for title, _codes in sections]
    oversight_at = titles.index("Giám sát và phản biện xã hội của MTTQ và các tổ chức chính trị - xã hội")
    assert sections[oversight_at][1] == OVERSIGHT
    # After the other figures; only the ethnic and religious work (migration 0014) between it and the narrative parts.
    assert titles[oversight_at + 1 : oversight_at + 3] == ["Công tác dân tộc, tôn giáo", "Kết quả đạt được"]


def test_a_communes_quarterly_report_counts_its_hotspots_supervisions_and_critiques(commune_officer_a, officer_a):
    today = timezone.localdate()
    quarter = period_containing("quarter", today)
    start = quarter.start_date
    commune_front = make_user("mttq.xa", "officer", "C7288-MTTQ")
    province_front = make_user("mttq.tinh", "officer", "P24-MTTQ")

    # Hotspots: two recorded in the quarter, one of them resolved; one recorded before the quarter.
    first = hotspot(commune_officer_a, rank=2)
    hotspot(commune_officer_a, rank=2, title="Ô nhiễm nước thải trại lợn thôn Bắc")
    earlier = hotspot(commune_officer_a, rank=2, title="Tranh chấp lối đi chung")
    Hotspot.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - dt.timedelta(days=200))
    situation.hotspot_update(actor=commune_officer_a, hotspot=first, status="resolved", handled_by="UBND xã")

    # The commune Front supervised once and made three recommendations, one answered; it critiqued a draft at a
    # conference and received another draft it has not held a conference on.
    recs = _supervise(commune_front, "C7288-MTTQ", "C7288-UBND", start, recommendations=3)
    oversight.recommendation_answer(
        actor=commune_front,
        recommendation=recs[0],
        answer="Đã công khai danh sách hộ được hỗ trợ.",
        answered_by=u("C7288-UBND"),
        answered_on=today,
        implementation="done",
    )
    for title, conference in (("Dự thảo quy chế chợ", start + dt.timedelta(days=1)), ("Dự thảo hương ước", None)):
        oversight.critique_create(
            actor=commune_front,
            unit=u("C7288-MTTQ"),
            title=title,
            drafting_unit=u("C7288-UBND"),
            received_on=start,
            conference_on=conference,
        )
    # The provincial Front's supervision of the commune is the province's figure, not the commune's.
    _supervise(province_front, "P24-MTTQ", "C7288-UBND", start, recommendations=1)

    assert _save(commune_officer_a, "C7288-KDV", quarter) == {
        "diem_nong_phat_sinh": Decimal(2),
        "diem_nong_giai_quyet": Decimal(1),
        "gsxh_cuoc": Decimal(1),
        "gsxh_kien_nghi": Decimal(3),
        "gsxh_kien_nghi_tra_loi": Decimal(1),
        "pbxh_du_thao": Decimal(2),
        "pbxh_hoi_nghi": Decimal(1),
    }
    # The provincial board counts the provincial bodies only: the commune's come up in the commune's report.
    assert _save(officer_a, "P24-TGDV", quarter) == {
        "diem_nong_phat_sinh": Decimal(0),
        "diem_nong_giai_quyet": Decimal(0),
        "gsxh_cuoc": Decimal(1),
        "gsxh_kien_nghi": Decimal(1),
        "gsxh_kien_nghi_tra_loi": Decimal(0),
        "pbxh_du_thao": Decimal(0),
        "pbxh_hoi_nghi": Decimal(0),
    }


def test_the_migration_puts_them_on_a_quarterly_form_made_before_it_and_changes_nothing_run_again():
    migration = importlib.import_module("danvan.reports.migrations.0013_situation_and_oversight_sources")
    then = importlib.import_module("danvan.reports.migrations.0014_faiths_sources")
    before = _quarterly_sections()
    # A database made before: the quarterly form without them (nor the ethnic and religious figures, which came
    # after), the indicators without sources.
    form = ReportForm.objects.get(code="dan-van-quy", version=1)
    FormItem.objects.filter(
        section__form=form, indicator__code__in=[*HOTSPOTS, *OVERSIGHT, "dttg_tham_hoi", "dttg_khen_thuong"]
    ).delete()
    FormSection.objects.filter(form=form, items=None, kind="figures").delete()
    for order, section in enumerate(FormSection.objects.filter(form=form).order_by("order"), start=1):
        section.order = order
        section.save(update_fields=["order"])
    Indicator.objects.filter(code__in=HOTSPOTS + OVERSIGHT).update(source="")
    assert "gsxh_cuoc" not in str(_quarterly_sections())

    migration.quarterly_form_extend(django_apps)
    then.quarterly_form_add_faiths(django_apps)
    assert _quarterly_sections() == before
    assert Indicator.objects.get(code="pbxh_hoi_nghi").source == "oversight.critique_conferences"
    migration.quarterly_form_extend(django_apps)
    assert _quarterly_sections() == before

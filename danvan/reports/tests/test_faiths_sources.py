"""The quarterly dân vận report counts the ethnic and religious work from its records: visits and greetings made on
religious holidays and ethnic festivals, and commendations of "sống tốt đời đẹp đạo" (issue 11, decision 0054)."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from danvan.faiths import services as faiths
from danvan.faiths.tests.factories import pagoda
from danvan.organisations.models import OrgUnit
from danvan.reports.models import FormItem, FormSection, Indicator, ReportForm
from danvan.reports.periods import period_containing
from danvan.reports.services import report_save_draft

pytestmark = pytest.mark.django_db

FAITHS = ["dttg_tham_hoi", "dttg_khen_thuong"]


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
        values={"dttg_tham_hoi": "8"},  # typed: ignored, the system's count wins
        narratives={},
        expected_version=0,
    )
    return dict(submission.values.filter(indicator__code__in=FAITHS).values_list("indicator__code", "value"))


def _visit(actor, unit_code, day, *, done=True, **where):
    visit = faiths.visit_plan(actor=actor, unit=u(unit_code), visit_on=day, delegation="Đoàn thăm", **where)
    if done:
        faiths.visit_update(
            actor=actor, visit=visit, visit_on=day, delegation="Đoàn thăm", status="done", result="Chu đáo", **where
        )
    return visit


def test_the_faiths_indicators_have_their_sources_and_a_section_after_supervision():
    assert dict(Indicator.objects.filter(code__in=FAITHS).values_list("code", "source")) == {
        "dttg_tham_hoi": "faiths.visits_done",
        "dttg_khen_thuong": "faiths.commendations",
    }
    sections = _quarterly_sections()
    titles = [title for title, _codes in sections]
    at = titles.index("Công tác dân tộc, tôn giáo")
    assert sections[at][1] == FAITHS
    assert titles[at - 1] == "Giám sát và phản biện xã hội của MTTQ và các tổ chức chính trị - xã hội"
    assert titles[at + 1] == "Kết quả đạt được"


def test_a_communes_report_counts_its_visits_and_commendations_and_the_province_only_its_own(
    commune_officer_a, officer_a
):
    today = timezone.localdate()
    quarter = period_containing("quarter", today)
    temple = pagoda(commune_officer_a)
    # The commune: two visits made (one by its khối dân vận, one by its party committee), one only planned; a
    # commendation of the pagoda.
    _visit(commune_officer_a, "C7288-KDV", today, establishment=temple)
    _visit(commune_officer_a, "C7288-DU", today, place="Nhà thờ giáo xứ")
    _visit(commune_officer_a, "C7288-KDV", today, done=False, place="Nhà văn hóa thôn")
    faiths.commendation_record(
        actor=commune_officer_a, unit=u("C7288-DU"), year=today.year, establishment=temple, form="Giấy khen", reason="x"
    )
    # The province's board visited the same pagoda: the province's figure, not the commune's.
    _visit(officer_a, "P24-TGDV", today, establishment=temple)

    assert _save(commune_officer_a, "C7288-KDV", quarter) == {
        "dttg_tham_hoi": Decimal(2),
        "dttg_khen_thuong": Decimal(1),
    }
    assert _save(officer_a, "P24-TGDV", quarter) == {"dttg_tham_hoi": Decimal(1), "dttg_khen_thuong": Decimal(0)}


def test_the_migration_adds_them_to_a_quarterly_form_made_before_it_and_changes_nothing_run_again():
    migration = importlib.import_module("danvan.reports.migrations.0014_faiths_sources")
    before = _quarterly_sections()
    # A database made before: the quarterly form without the section, the indicators missing.
    form = ReportForm.objects.get(code="dan-van-quy", version=1)
    FormItem.objects.filter(section__form=form, indicator__code__in=FAITHS).delete()
    FormSection.objects.filter(form=form, items=None, kind="figures").delete()
    for order, section in enumerate(FormSection.objects.filter(form=form).order_by("order"), start=1):
        section.order = order
        section.save(update_fields=["order"])
    Indicator.objects.filter(code__in=FAITHS).delete()
    assert "dttg_tham_hoi" not in str(_quarterly_sections())

    migration.quarterly_form_add_faiths(django_apps)
    assert _quarterly_sections() == before
    assert Indicator.objects.get(code="dttg_khen_thuong").source == "faiths.commendations"
    migration.quarterly_form_add_faiths(django_apps)
    assert _quarterly_sections() == before
    # A source someone set by hand is kept.
    Indicator.objects.filter(code="dttg_tham_hoi").update(source="faiths.commendations")
    migration.quarterly_form_add_faiths(django_apps)
    assert Indicator.objects.get(code="dttg_tham_hoi").source == "faiths.commendations"

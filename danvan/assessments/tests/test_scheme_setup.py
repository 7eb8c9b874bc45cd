"""Configuring a year's criteria and thresholds: all data, refused with the field named, copied with one action."""

from decimal import Decimal

import pytest

from danvan.assessments import services
from danvan.assessments.models import BodyGroup, Criterion, Scheme
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit


def test_the_ban_creates_a_scheme_with_criteria(officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    assert scheme.code.startswith("DG-2026-")
    assert scheme.status == Scheme.Status.DRAFT
    assert [c.max_score for c in scheme.criteria.all()] == [Decimal(40), Decimal(30), Decimal(30)]
    assert AuditEvent.objects.filter(action=Action.ASSESSMENT_CRITERIA_SET, target_id=scheme.code).exists()


def test_weights_that_do_not_total_100_are_refused_and_nothing_is_written(officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    scheme.uses_weights = True
    scheme.save()
    rows = [["A", "10", "60", ""], ["B", "10", "30", ""]]
    with pytest.raises(ApplicationError) as e:
        services.criteria_set(actor=officer_a, scheme=scheme, rows=rows)
    assert e.value.field == "criteria"
    assert "tổng trọng số" in e.value.message and "90" in e.value.message
    assert scheme.criteria.count() == 3


def test_a_weight_is_required_on_every_row_when_weights_are_used(officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    scheme.uses_weights = True
    scheme.save()
    with pytest.raises(ApplicationError, match="Trọng số \\(tiêu chí dòng 2\\)"):
        services.criteria_set(actor=officer_a, scheme=scheme, rows=[["A", "10", "100", ""], ["B", "10", "", ""]])


def test_thresholds_must_fall_and_fit_the_maximum(officer_a, ban):
    with pytest.raises(ApplicationError) as e:
        services.scheme_create(
            actor=officer_a,
            unit=ban,
            year=2026,
            group=BodyGroup.PARTY,
            title="X",
            excellent_min="70",
            good_min="75",
            passed_min="50",
        )
    assert e.value.field == "good_min"
    scheme = services.scheme_create(
        actor=officer_a,
        unit=ban,
        year=2026,
        group=BodyGroup.PARTY,
        title="X",
        excellent_min="90",
        good_min="75",
        passed_min="50",
    )
    with pytest.raises(ApplicationError, match="thấp hơn ngưỡng Hoàn thành xuất sắc"):
        services.criteria_set(actor=officer_a, scheme=scheme, rows=[["A", "50", "", ""]])
    assert not Criterion.objects.filter(scheme=scheme).exists()


def test_a_score_maximum_that_is_not_a_number_names_the_row(officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    with pytest.raises(ApplicationError, match="Điểm tối đa \\(tiêu chí dòng 1\\)"):
        services.criteria_set(actor=officer_a, scheme=scheme, rows=[["A", "mười", "", ""]])


def test_copy_to_next_year_keeps_criteria_weights_measures_and_thresholds(officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    copy = services.scheme_copy(actor=officer_a, source=scheme, year=2027)
    assert copy.year == 2027 and copy.title == "Đánh giá công tác dân vận năm 2027"
    assert copy.status == Scheme.Status.DRAFT and copy.copied_from == scheme
    assert copy.self_due.year == 2027
    assert [(c.title, c.max_score, c.measure) for c in copy.criteria.all()] == [
        (c.title, c.max_score, c.measure) for c in scheme.criteria.all()
    ]
    with pytest.raises(ApplicationError, match="đã có đợt đánh giá năm 2027"):
        services.scheme_copy(actor=officer_a, source=scheme, year=2027)


def test_only_the_bans_people_configure(commune_officer_a, officer_b, ban):
    for actor in (commune_officer_a, officer_b):
        with pytest.raises(ApplicationError):
            services.scheme_create(
                actor=actor,
                unit=ban,
                year=2026,
                group=BodyGroup.PARTY,
                title="X",
                excellent_min="90",
                good_min="75",
                passed_min="50",
            )


def test_bodies_of_another_kind_or_outside_the_province_are_refused(officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    for code, words in (("P24-HND", "không thuộc khối"), ("P91-TU", "không thuộc phạm vi")):
        with pytest.raises(ApplicationError, match=words):
            services.scheme_open(actor=officer_a, scheme=scheme, bodies=[OrgUnit.objects.get(code=code)])
    scheme.refresh_from_db()
    assert scheme.status == Scheme.Status.DRAFT and not scheme.assessments.exists()


def test_the_criteria_are_locked_once_open(officer_a, make_scheme):
    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    with pytest.raises(ApplicationError, match="không sửa bộ tiêu chí"):
        services.criteria_set(actor=officer_a, scheme=scheme, rows=[["A", "100", "", ""]])


def test_demo_criteria_for_bac_ninh_load_once():
    from danvan.assessments.demo import demo_assessments_load

    first = demo_assessments_load(2026)
    assert {s.group for s in first} == set(BodyGroup.values)
    assert all(sum(c.max_score for c in s.criteria.all()) == 100 for s in first)
    assert len(demo_assessments_load(2026)) == 4
    assert Scheme.objects.filter(year=2026).count() == 4


pytestmark = pytest.mark.django_db

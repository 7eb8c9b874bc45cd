"""The national pages read the maintained totals, the completeness page counts in the database and shows one
page of rows (with the province at national level), and each page is a fixed number of queries.

Timings at national scale are in bench/bench_pages.py; these tests hold the answers and the query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import make_user
from danvan.organisations.models import OrgUnit
from danvan.reports import selectors
from danvan.reports.models import Indicator, Submission
from danvan.reports.services import report_return
from danvan.reports.values import figure_formatter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


@pytest.fixture
def three_communes(report, commune_officer_a, q2):
    """Two communes of Bắc Ninh and one of An Giang report the first quarter; one of Bắc Ninh the second."""
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3", "doi_thoai_kien_nghi": "10"})
    report("C7294-KDV", make_user("bo.ha", "officer", "C7294-DU"), {"doi_thoai_cuoc": "2"})
    commune_b = OrgUnit.objects.filter(code__endswith="-KDV", ancestor_links__ancestor__code="P91-TU").first()
    officer_b = make_user("xa.b", "officer", commune_b.parent.code)
    report(commune_b.code, officer_b, {"doi_thoai_cuoc": "7"})
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "4"}, period=q2)
    return commune_b


def _tables_read(queries) -> str:
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_the_national_roll_up_by_province_reads_the_maintained_totals(three_communes, quarterly, q1):
    root = OrgUnit.objects.get(code="TW")
    cuoc = Indicator.objects.get(code="doi_thoai_cuoc")
    with CaptureQueriesContext(connection) as queries:
        table = selectors.rollup_by_child(unit=root, form=quarterly, period=q1)
    by_code = {OrgUnit.objects.get(pk=pk).code: row[cuoc.pk] for pk, row in table.items()}
    assert by_code == {"P24-TU": 5, "P91-TU": 7}
    assert "reports_rolluptotal" in _tables_read(queries) and "reports_datavalue" not in _tables_read(queries)
    # A province's table by commune is still summed from the figures, and agrees.
    province = selectors.rollup_by_child(unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1)
    assert sum(row[cuoc.pk] for row in province.values()) == 5


def test_a_returned_report_leaves_the_national_tables(three_communes, quarterly, q1, leader_a):
    root = OrgUnit.objects.get(code="TW")
    cuoc = Indicator.objects.get(code="doi_thoai_cuoc")
    submission = Submission.objects.get(unit__code="C7294-KDV", period=q1)
    report_return(actor=leader_a, submission=submission, comment="Sai số liệu.")
    table = selectors.rollup_by_child(unit=root, form=quarterly, period=q1)
    assert {OrgUnit.objects.get(pk=pk).code: row[cuoc.pk] for pk, row in table.items()} == {"P24-TU": 3, "P91-TU": 7}
    rows = selectors.drilldown(unit=root, indicator=cuoc, period=q1)
    assert [(u.code, v) for u, v in rows] == [("P91-TU", 7), ("P24-TU", 3)]


def test_the_national_pivot_reads_the_maintained_totals(three_communes, q1, q2):
    cuoc = Indicator.objects.get(code="doi_thoai_cuoc")
    with CaptureQueriesContext(connection) as queries:
        table = selectors.pivot(unit=OrgUnit.objects.get(code="TW"), indicator=cuoc, periods=[q1, q2])
    assert {r.unit.code: r.values for r in table} == {"P24-TU": [5, 4], "P91-TU": [7, None]}
    assert "reports_datavalue" not in _tables_read(queries)


def test_the_counts_of_the_completeness_page_agree_with_its_rows(three_communes, quarterly, q1, leader_a):
    from django.utils import timezone

    # One report late (submitted after its due date), one returned, the others in time.
    Submission.objects.filter(period=q1).update(due_date=timezone.localdate().replace(year=2099))
    Submission.objects.filter(unit__code="C7288-KDV", period=q1).update(
        due_date=timezone.localdate().replace(year=2020)
    )
    report_return(actor=leader_a, submission=Submission.objects.get(unit__code="C7294-KDV", period=q1), comment="Sửa.")
    for unit in (OrgUnit.objects.get(code="TW"), OrgUnit.objects.get(code="P24-TU")):
        rows = selectors.completeness(unit=unit, form=quarterly, period=q1)
        counts = selectors.completeness_counts(unit=unit, form=quarterly, period=q1)
        assert counts == selectors.completeness_summary(rows)
        assert counts["late"] == 1 and counts["returned"] == 1


def test_the_national_completeness_page_is_paged_and_names_each_units_province(
    client_for, sysadmin, three_communes, quarterly, monkeypatch
):
    monkeypatch.setattr(selectors, "COMPLETENESS_PAGE", 40)
    client = client_for(sysadmin)
    url = f"/bao-cao/tien-do/?form={quarterly.pk}&period=quarter-2026-1&unit=TW"
    first = client.get(url)
    expected = first.context["summary"]["expected"]
    assert first.context["pages"] == -(-expected // 40) > 1
    assert first.context["with_province"] and len(first.context["rows"]) == 40
    last = client.get(url + f"&page={first.context['pages']}")
    assert len(last.context["rows"]) == expected - 40 * (first.context["pages"] - 1)
    # Every row of every page once, in the order of the full table.
    everything = selectors.completeness(
        unit=OrgUnit.objects.get(code="TW"), form=quarterly, period=first.context["period"]
    )
    second = client.get(url + "&page=2")
    assert [c["row"].unit_id for c in second.context["rows"]] == [r.unit_id for r in everything[40:80]]
    provinces = {c["row"].province_name for c in second.context["rows"] + last.context["rows"]}
    assert "" not in provinces and len(provinces) > 1
    html = last.content.decode()
    assert "Tỉnh" in html or "Province" in html
    # A page past the end shows the last one; anything but a page number shows the first.
    assert client.get(url + "&page=9999").context["page_number"] == first.context["pages"]
    assert client.get(url + "&page=abc").context["page_number"] == 1
    assert client.get(url + "&page=" + "9" * 5000).context["page_number"] == 1


def test_a_province_completeness_page_has_no_province_column(client_for, officer_a, three_communes, quarterly):
    page = client_for(officer_a).get(f"/bao-cao/tien-do/?form={quarterly.pk}&period=quarter-2026-1&unit=P24-TU")
    assert not page.context["with_province"] and page.context["pages"] == 1
    submitted = next(c for c in page.context["rows"] if c["row"].code == "C7288-KDV")
    assert submitted["url"] == f"/bao-cao/nhap/{quarterly.pk}/quarter-2026-1/C7288-KDV/"
    assert submitted["submitted"] and submitted["label"]
    assert f'href="{submitted["url"]}"' in page.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/bao-cao/tong-hop/?form={form}&period=quarter-2026-1&unit={unit}",
        "/bao-cao/tien-do/?form={form}&period=quarter-2026-1&unit={unit}",
        "/bao-cao/so-sanh/?form={form}&period=quarter-2026-1&unit={unit}&indicator=doi_thoai_cuoc",
        "/bao-cao/tong-hop/chi-tiet/?form={form}&period=quarter-2026-1&unit={unit}&indicator=doi_thoai_cuoc",
    ],
)
@pytest.mark.parametrize("unit", ["TW", "P24-TU"])
def test_each_summary_page_is_a_fixed_number_of_queries(
    client_for, sysadmin, report, commune_officer_a, quarterly, q1, path, unit
):
    client = client_for(sysadmin)
    url = path.format(form=quarterly.pk, unit=unit)
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    client.get(url)  # the first request of a session fills caches (translations, content types)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    report("C7294-KDV", make_user("bo.ha", "officer", "C7294-DU"), {"doi_thoai_cuoc": "2"})
    commune_b = OrgUnit.objects.filter(code__endswith="-KDV", ancestor_links__ancestor__code="P91-TU").first()
    report(commune_b.code, make_user("xa.b", "officer", commune_b.parent.code), {"doi_thoai_cuoc": "7"})
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small) <= 20


@pytest.mark.parametrize("language", ["vi", "en"])
def test_figures_are_shown_exactly_as_the_template_filter_shows_them(language):
    values = [
        None,
        Decimal("0"),
        Decimal("3"),
        Decimal("3.00"),
        Decimal("7.5"),
        Decimal("12.345"),
        Decimal("0.005"),
        Decimal("999.995"),
        Decimal("1234"),
        Decimal("1234567.10"),
        Decimal("-1234.5"),
        Decimal("99999999999999.99"),
        Decimal("100000000000000"),
    ]
    template = Template('{{ v|floatformat:"-2g" }}')
    with translation.override(language):
        show = figure_formatter()
        for value in values:
            assert show(value) == template.render(Context({"v": value})), value

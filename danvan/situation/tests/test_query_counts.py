"""The national map, a province's digest and the digest pages cost a fixed number of queries, whatever the number
of hotspots, reports, topics and restricted records (no query per row). Counts, never timings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.organisations.models import OrgUnit
from danvan.situation import digests, services
from danvan.situation.models import Topic
from danvan.situation.tests.factories import hotspot, report

pytestmark = pytest.mark.django_db
MONTH = dt.date(2026, 11, 1)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def _more(commune_officer_a, officer_b, round_: int) -> None:
    """Hotspots in two provinces (some restricted, with several topics) and a submitted report."""
    topics = list(Topic.objects.all()[:3])
    for i in range(3):
        day = MONTH + dt.timedelta(days=round_ * 3 + i)
        hotspot(commune_officer_a, occurred_on=day, restricted=i == 0, topics=topics[: i + 1])
        hotspot(officer_b, unit_code="P91-TU", occurred_on=day, topics=topics[:2])
    report(commune_officer_a, period_month=dt.date(2026, 10 - round_, 1), submit=True)


@pytest.fixture
def grow(commune_officer_a, officer_b):
    rounds = iter(range(10))
    return lambda: _more(commune_officer_a, officer_b, next(rounds))


def _twice(grow, measure) -> tuple[int, int]:
    grow()
    first = measure()
    grow()
    grow()
    return first, measure()


def test_the_national_and_province_map_data_do_not_grow_with_the_hotspots(grow, django_assert_max_num_queries):
    def areas():
        # Made afresh for each measure, as each request does.
        unit = OrgUnit.objects.select_related("admin_unit").get(code="P24-TU")
        return digests.Area(unit=None, province=None), digests.area_of(unit)

    # 3 and 4 (were 5 and 5): which communes reported is counted in the database with the communes (decision 0054).
    for i, most in ((0, 3), (1, 4)):
        first, then = _twice(grow, lambda i=i: _count(lambda: digests.map_data(area=areas()[i], month=MONTH)))
        assert first == then, (i, first, then)
        area = areas()[i]
        with django_assert_max_num_queries(most):
            digests.map_data(area=area, month=MONTH)


def test_a_province_s_digest_data_does_not_grow_and_reads_its_provinces_once(grow, django_assert_max_num_queries):
    def unit(code="P24-TU"):
        return OrgUnit.objects.select_related("admin_unit").get(code=code)

    first, then = _twice(grow, lambda: _count(lambda: digests.digest_data(unit=unit(), kind="monthly", start=MONTH)))
    assert first == then
    # 7: it used to be 25, the province's units read again for each of its figures, then 18; the provinces and
    # topics read once, the two periods' topics counted together, the list's count saved (decision 0054), then 12;
    # the province's units come with their names, the listed hotspots with their topics, the new hotspots by
    # province and topic with the topics compared, the communes' count with the missing ones, and the active
    # hotspots' count with their list (sit11f).
    province, centre = unit(), unit("TW")
    with django_assert_max_num_queries(7):
        digests.digest_data(unit=province, kind="monthly", start=MONTH)
    with django_assert_max_num_queries(9):
        digests.digest_data(unit=centre, kind="monthly", start=MONTH)


def test_a_province_s_digest_figures_read_together_equal_plain_counts(grow):
    """The figures sit11f reads together (the communes with the missing ones, the active hotspots with their list,
    the new ones with the topics compared) equal the plain counts of the same records."""
    from danvan.situation.models import Hotspot

    grow()
    grow()
    province = OrgUnit.objects.select_related("admin_unit").get(code="P24-TU")
    data = digests.digest_data(unit=province, kind="monthly", start=MONTH)
    area = digests.area_of(province)
    hot = Hotspot.objects.filter(province__admin_unit=province.admin_unit)
    assert data["communes"] == digests.communes_of(area).count() > 0
    assert data["not_reported"] == digests.not_reported(area, MONTH)
    assert data["active_total"] == hot.filter(status__in=Hotspot.ACTIVE_STATUSES).count() > 0
    new = hot.filter(occurred_on__range=digests.period_bounds("monthly", MONTH))
    assert sum(r["new"] for r in data["by_province_topic"]) == sum(h.topics.count() or 1 for h in new) > 0
    now = {r["slug"]: r["now"] for r in data["topics"]}
    for topic in {t for h in new for t in h.topics.all()}:
        assert now[topic.slug] >= new.filter(topics=topic).count()
    listed = {h["code"]: h["topics"] for h in data["new_hotspots"] if not h["restricted"]}
    for h in new.filter(restricted=False):
        assert listed[h.code] == [t.name for t in h.topics.all()]


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/tinh-hinh/ban-do/?month=2026-11", 12),
        ("/tinh-hinh/ban-do/?month=2026-11&province=P24", 12),
        ("/tinh-hinh/", 11),
        ("/tinh-hinh/diem-nong/tong-hop/", 6),
    ],
)
def test_the_centre_s_situation_pages_cost_a_fixed_number_of_queries(
    url, most, client, sysadmin, grow, django_assert_max_num_queries
):
    client.force_login(sysadmin)
    first, then = _twice(grow, lambda: _count(lambda: client.get(url)))
    assert first == then
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_the_digest_list_of_the_centre_asks_its_rights_once_not_once_per_province(
    client, sysadmin, django_assert_max_num_queries
):
    client.force_login(sysadmin)
    client.get("/tinh-hinh/ban-tin/")
    # It used to be 43: one query per province to ask whether the person may make its digest.
    with django_assert_max_num_queries(8):
        page = client.get("/tinh-hinh/ban-tin/")
    assert len(page.context["form"].fields["unit"].choices) == 35


def test_a_digest_page_audits_its_restricted_hotspots_in_one_insert(
    client, sysadmin, grow, django_assert_max_num_queries
):
    from danvan.audit.models import Action, AuditEvent

    client.force_login(sysadmin)
    unit = OrgUnit.objects.get(code="P24-TU")

    def page_queries():
        digest = services.digest_generate(actor=None, unit=unit, kind="monthly", start=MONTH)
        return _count(lambda: client.get(f"/tinh-hinh/ban-tin/{digest.code}/"))

    first, then = _twice(grow, page_queries)
    assert first == then
    # Three restricted hotspots on the page: each view audited, all in one INSERT.
    before = AuditEvent.objects.filter(action=Action.SITUATION_RESTRICTED_VIEWED).count()
    digest = services.digest_generate(actor=None, unit=unit, kind="monthly", start=MONTH)
    # 11: the tenth is the list of the period's versions (decision 0041), one query however many there are.
    with django_assert_max_num_queries(11):
        client.get(f"/tinh-hinh/ban-tin/{digest.code}/")
    assert AuditEvent.objects.filter(action=Action.SITUATION_RESTRICTED_VIEWED).count() == before + 3

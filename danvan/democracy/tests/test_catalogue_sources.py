"""The catalogue checked against the texts read (migration 0008): every row says where, what could not be confirmed
is marked for the editor only, the enterprise wording follows the quoted text, and compliance uses each item's own
minimum posting time."""

import datetime as dt

import pytest

from danvan.democracy import services
from danvan.democracy.models import DisclosureItem
from danvan.democracy.selectors import compliance_for_base, compliance_rollup
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_every_catalogue_row_records_its_source_and_no_posting_time_is_claimed_confirmed():
    items = DisclosureItem.objects.all()
    assert items.count() == 31
    assert not items.filter(source="").exists()
    assert not items.filter(days_confirmed=True).exists()
    loudspeaker = DisclosureItem.objects.get(base_kind="commune", number=9)
    assert "Điều 13 khoản 3" in loudspeaker.source and "Công báo số 905+906" in loudspeaker.source
    assert "Nghị định 04/2015/NĐ-CP" in DisclosureItem.objects.get(base_kind="agency", number=3).source


def test_the_enterprise_wording_follows_the_quoted_text_with_its_section():
    item = DisclosureItem.objects.get(base_kind="enterprise", number=3)
    assert item.title == "Các thỏa ước lao động tập thể mà doanh nghiệp đã ký kết, tham gia"
    assert "Chương IV Mục 1" in item.legal_reference and "Điều 82" in item.legal_reference
    # The article number was not found: the wording stays marked to be confirmed.
    assert not item.wording_confirmed


def test_the_editor_sees_which_figures_are_not_confirmed(client_for, leader_a):
    body = client_for(leader_a).get("/dan-chu/danh-muc/").content.decode()
    assert "Công báo số 905+906" in body
    assert body.count("text-bg-warning") >= 31


def test_an_admin_records_where_a_posting_time_was_confirmed(client_for, leader_a):
    item = DisclosureItem.objects.get(base_kind="agency", number=3)
    response = client_for(leader_a).post(
        f"/dan-chu/danh-muc/{item.pk}/",
        {
            "title": item.title,
            "legal_reference": item.legal_reference,
            "frequency": item.frequency,
            "due_days": "30",
            "min_days": "45",
            "loudspeaker_days": "",
            "days_confirmed": "on",
            "source": "Nghị định 59/2023/NĐ-CP (đã đối chiếu)",
            "note": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.min_days == 45 and item.days_confirmed and item.source.startswith("Nghị định 59/2023")


def test_an_agency_posting_is_short_against_the_agency_items_own_minimum(officer_a):
    province = OrgUnit.objects.get(code="P24-TU")
    agency = services.base_register(actor=officer_a, kind="agency", name="Sở Nội vụ", unit=province)
    item = DisclosureItem.objects.get(base_kind="agency", number=3)
    DisclosureItem.objects.filter(pk=item.pk).update(min_days=60)
    services.disclosure_post(
        actor=officer_a,
        base=agency,
        item=item,
        title="Kinh phí năm 2026",
        forms_used=["niem_yet"],
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 2, 23),
    )
    rows = {
        r.item.number: r
        for r in compliance_for_base(base=agency, start=Q1[0], end=dt.date(2026, 12, 31), today=dt.date(2027, 1, 2))
    }
    # 50 days posted: enough for the communes' 30, short of this item's 60.
    assert rows[3].disclosures[0].days == 50 and rows[3].short
    rollup = compliance_rollup(area=province, kind="agency", start=Q1[0], end=dt.date(2026, 12, 31))
    assert rollup[0].short == 1
    DisclosureItem.objects.filter(pk=item.pk).update(min_days=30)
    rollup = compliance_rollup(area=province, kind="agency", start=Q1[0], end=dt.date(2026, 12, 31))
    assert rollup[0].short == 0

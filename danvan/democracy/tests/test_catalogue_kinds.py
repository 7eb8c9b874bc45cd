"""Catalogues for state agencies (kind 2) and enterprises (kind 3): seeded as data, marked to be confirmed,
corrected by admins with the correction audited."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.democracy.models import DisclosureItem
from danvan.democracy.seed import AGENCY_ITEMS, ENTERPRISE_ITEMS

pytestmark = pytest.mark.django_db


def test_agencies_and_enterprises_have_their_own_catalogues_marked_to_be_confirmed():
    agency = DisclosureItem.objects.filter(base_kind="agency")
    enterprise = DisclosureItem.objects.filter(base_kind="enterprise")
    assert agency.count() == len(AGENCY_ITEMS) == 10
    assert enterprise.count() == len(ENTERPRISE_ITEMS) == 7
    assert all("Chương III" in i.legal_reference for i in agency)
    assert all("Chương IV" in i.legal_reference for i in enterprise)
    # DOMAIN.md gives no article for these lists: every row says so.
    assert not agency.filter(wording_confirmed=True).exists()
    assert not enterprise.filter(wording_confirmed=True).exists()
    assert enterprise.get(number=5).frequency == "quarter"


def test_the_catalogue_page_lists_the_three_kinds(client_for, commune_officer_a):
    response = client_for(commune_officer_a).get("/dan-chu/danh-muc/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trích nộp kinh phí công đoàn" in body
    assert "Kế hoạch công tác hằng năm" in body


def test_an_admin_confirms_an_agency_item_and_the_correction_is_audited(client_for, leader_a):
    item = DisclosureItem.objects.get(base_kind="agency", number=2)
    response = client_for(leader_a).post(
        f"/dan-chu/danh-muc/{item.pk}/",
        {
            "title": item.title,
            "legal_reference": "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 44",
            "frequency": "year",
            "due_days": "30",
            "min_days": "30",
            "loudspeaker_days": "",
            "wording_confirmed": "on",
            "note": "Đã đối chiếu",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.wording_confirmed and item.note == "Đã đối chiếu"
    event = AuditEvent.objects.filter(action="democracy.item_updated").latest("id")
    assert event.before["wording_confirmed"] is False and event.after["wording_confirmed"] is True


def test_an_agency_base_is_offered_only_its_own_items():
    from danvan.democracy.forms import DisclosureForm

    form = DisclosureForm(base_kind="enterprise")
    assert {i.base_kind for i in form.fields["item"].queryset} == {"enterprise"}

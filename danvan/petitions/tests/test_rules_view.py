import datetime as dt

import pytest

from danvan.petitions.models import DeadlineRule, Holiday

pytestmark = pytest.mark.django_db


def test_officers_read_the_table_but_cannot_change_it(client_for, officer_a):
    client = client_for(officer_a)
    page = client.get("/don-thu/quy-dinh/")
    assert page.status_code == 200 and "Điều 30" in page.content.decode() and not page.context["can_edit"]
    assert client.post("/don-thu/quy-dinh/", {"form": "holiday", "holiday-date": "11/02/2027"}).status_code == 404


def test_an_overlapping_rule_is_refused_on_the_form(client_for, sysadmin):
    data = {
        "form": "rule",
        "rule-procedure": "to_cao",
        "rule-step": "giai_quyet",
        "rule-days": "45",
        "rule-day_type": "calendar",
        "rule-extension_days": "30",
        "rule-max_extensions": "1",
        "rule-legal_basis": "Luật 136/2025/QH15",
        "rule-effective_from": "01/07/2026",
    }
    client = client_for(sysadmin)
    page = client.post("/don-thu/quy-dinh/", data)
    assert page.status_code == 200 and "trùng thời gian" in page.context["rule_form"].errors["effective_from"][0]
    old = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet")
    client.post("/don-thu/quy-dinh/", {"form": "end", "rule": old.pk, "effective_to": "30/06/2026"})
    assert client.post("/don-thu/quy-dinh/", data).status_code == 302
    assert DeadlineRule.objects.filter(procedure="to_cao", step="giai_quyet").count() == 2


def test_an_administrator_edits_the_holidays(client_for, sysadmin):
    client = client_for(sysadmin)
    client.post("/don-thu/quy-dinh/", {"form": "holiday", "holiday-date": "24/11/2026", "holiday-name": "Ngày Văn hóa"})
    holiday = Holiday.objects.get(date=dt.date(2026, 11, 24))
    client.post("/don-thu/quy-dinh/", {"form": "holiday_remove", "holiday": holiday.pk})
    assert not Holiday.objects.filter(date=dt.date(2026, 11, 24)).exists()


@pytest.mark.parametrize("bad", ["abc", "9" * 25, ""])
def test_a_bad_holiday_or_rule_id_is_404_not_an_error(client_for, sysadmin, bad):
    client = client_for(sysadmin)
    assert client.post("/don-thu/quy-dinh/", {"form": "holiday_remove", "holiday": bad}).status_code == 404
    page = client.post("/don-thu/quy-dinh/", {"form": "end", "rule": bad, "effective_to": "30/06/2026"})
    assert page.status_code in (200, 404)

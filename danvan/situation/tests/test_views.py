import re

import pytest
from django.urls import reverse

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.situation.models import Hotspot, SeverityLevel, SituationReport, Topic
from danvan.situation.tests.factories import MONTH, MONTH_KEY, hotspot, report

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    if token:
        data = {**data, "form_token": token.group(1)}
    return client.post(url, data)


def test_a_commune_officer_sends_a_report_before_an_election(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("situation:report_new"),
        {
            "unit": "C7288-DU",
            "kind": "event",
            "period": MONTH_KEY,
            "event_name": "Bầu cử đại biểu Quốc hội khóa XVI",
            "topics": [Topic.objects.get(slug="bau-cu").pk],
            "mood": "stable",
            "trend": "better",
            "opinions": "Cử tri phấn khởi, quan tâm danh sách ứng cử viên.",
            "action": "submit",
        },
    )
    report = SituationReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("situation:report_detail", args=[report.code])
    assert report.status == "submitted" and report.event_name.startswith("Bầu cử")
    page = client.get(response.url).content.decode()
    assert "Cử tri phấn khởi" in page


def test_a_report_for_a_submitted_month_shows_the_error_on_the_period(client, commune_officer_a):
    report(commune_officer_a, submit=True)
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("situation:report_new"),
        {
            "unit": "C7288-DU",
            "kind": "monthly",
            "period": MONTH_KEY,
            "mood": "stable",
            "trend": "same",
            "opinions": "x",
        },
    )
    assert response.status_code == 200
    assert f"đã gửi báo cáo tình hình tháng {MONTH:%m/%Y}" in response.content.decode()
    assert SituationReport.objects.count() == 1


def test_a_hotspot_is_raised_through_the_form_and_alerts_the_province(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("situation:hotspot_new"),
        {
            "unit": "C7288-DU",
            "title": "Tranh chấp đất đai",
            "occurred_on": "01/12/2026",
            "place_unit": "C7288-DU",
            "people_involved": "30",
            "severity": SeverityLevel.objects.get(rank=3).pk,
            "description": "Tập trung đông người.",
        },
    )
    h = Hotspot.objects.get()
    assert response.status_code == 302
    assert h.alerts.get().unit.code == "P24-TU"


def test_a_hotspot_form_without_a_place_names_the_field(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("situation:hotspot_new"),
        {"unit": "C7288-DU", "title": "X", "occurred_on": "01/12/2026", "severity": "", "description": "Y"},
    )
    assert response.status_code == 200 and not Hotspot.objects.exists()


def test_the_province_leader_sees_the_button_acknowledges_and_links_a_dialogue(client, commune_officer_a, leader_a):
    from danvan.organisations.models import OrgUnit
    from danvan.petitions.models import Dialogue

    h = hotspot(commune_officer_a)
    dialogue = Dialogue.objects.create(
        unit=OrgUnit.objects.get(code="C7288-DU"), held_on=h.occurred_on, place="Nhà văn hóa", leaders="Bí thư"
    )
    client.force_login(leader_a)
    url = reverse("situation:hotspot_detail", args=[h.code])
    page = client.get(url).content.decode()
    assert reverse("situation:hotspot_acknowledge", args=[h.code]) in page
    assert "Nhà văn hóa" in page  # offered in the follow-up form
    token = re.findall(r'name="form_token" value="([^"]+)"', page)
    client.post(reverse("situation:hotspot_acknowledge", args=[h.code]), {"form_token": token[0]})
    h.refresh_from_db()
    assert h.status == "acknowledged"
    page = client.get(url).content.decode()
    token = re.findall(r'name="form_token" value="([^"]+)"', page)
    response = client.post(
        reverse("situation:hotspot_update", args=[h.code]),
        {
            "form_token": token[-1],
            "status": "handling",
            "severity": h.severity_id,
            "handled_by": "UBND xã",
            "dialogues": [dialogue.pk],
        },
    )
    assert response.status_code == 302
    h.refresh_from_db()
    assert h.status == "handling" and list(h.dialogues.all()) == [dialogue]


def test_the_commune_officer_gets_no_acknowledge_button(client, commune_officer_a):
    h = hotspot(commune_officer_a)
    client.force_login(commune_officer_a)
    page = client.get(reverse("situation:hotspot_detail", args=[h.code])).content.decode()
    assert reverse("situation:hotspot_acknowledge", args=[h.code]) not in page


def test_another_province_gets_404(client, commune_officer_a, officer_b):
    h = hotspot(commune_officer_a)
    r = report(commune_officer_a)
    client.force_login(officer_b)
    assert client.get(reverse("situation:hotspot_detail", args=[h.code])).status_code == 404
    assert client.get(reverse("situation:report_detail", args=[r.code])).status_code == 404
    assert h.code not in client.get(reverse("situation:index")).content.decode()


def test_a_restricted_hotspot_is_for_the_leaders_above_and_each_view_is_audited(
    client, commune_officer_a, officer_a, leader_a
):
    named = make_user("named.person", "officer", "P91-TU")
    h = hotspot(commune_officer_a, restricted=True)
    h.named_people.add(named)
    url = reverse("situation:hotspot_detail", args=[h.code])
    client.force_login(officer_a)  # in scope, but not a leader
    assert client.get(url).status_code == 404
    assert h.code not in client.get(reverse("situation:index")).content.decode()
    client.force_login(leader_a)
    assert client.get(url).status_code == 200
    assert h.code in client.get(reverse("situation:index")).content.decode()
    client.force_login(named)
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action=Action.SITUATION_RESTRICTED_VIEWED, target_id=h.code).count() == 2


def test_areas_that_did_not_report(client, commune_officer_a, leader_a):
    report(commune_officer_a, submit=True)
    client.force_login(leader_a)
    page = client.get(reverse("situation:coverage"), {"province": "P24-TU", "month": MONTH_KEY}).content.decode()
    assert "Xã Yên Thế" not in page
    assert "communes" in page or "xã" in page


def test_active_hotspots_by_province_and_topic(client, commune_officer_a, leader_a):
    hotspot(commune_officer_a)
    client.force_login(leader_a)
    page = client.get(reverse("situation:hotspot_summary")).content.decode()
    assert "Đất đai" in page


def test_the_inbox_lists_hotspots_to_acknowledge(client, commune_officer_a, leader_a):
    h = hotspot(commune_officer_a)
    client.force_login(leader_a)
    page = client.get("/viec-cua-toi/").content.decode()
    assert h.code in page


def test_a_stale_follow_up_page_is_a_conflict_and_changes_nothing(client, commune_officer_a, leader_a):
    h = hotspot(commune_officer_a)
    client.force_login(leader_a)
    url = reverse("situation:hotspot_detail", args=[h.code])
    page = client.get(url).content.decode()
    token = re.findall(r'name="form_token" value="([^"]+)"', page)[-1]
    version = re.search(r'name="expected_version" value="([^"]+)"', page).group(1)
    from danvan.situation import services

    services.hotspot_update(actor=commune_officer_a, hotspot=h, status="handling", handled_by="Công an xã")
    response = client.post(
        reverse("situation:hotspot_update", args=[h.code]),
        {
            "form_token": token,
            "status": "resolved",
            "severity": h.severity_id,
            "handled_by": "UBND xã",
            "expected_version": version,
        },
    )
    assert response.status_code == 200
    assert "sau khi đồng chí mở trang" in response.content.decode()
    h.refresh_from_db()
    assert h.status == "handling" and h.handled_by == "Công an xã"


def test_a_person_named_on_a_restricted_report_through_the_form_may_read_it(client, commune_officer_a):
    named = make_user("nguoi.duoc.xem", "officer", "P91-TU")
    client.force_login(commune_officer_a)
    _post(
        client,
        reverse("situation:report_new"),
        {
            "unit": "C7288-DU",
            "kind": "monthly",
            "period": MONTH_KEY,
            "mood": "tense",
            "trend": "worse",
            "opinions": "Bức xúc về ô nhiễm.",
            "restricted": "on",
            "named_person": "nguoi.duoc.xem",
            "action": "draft",
        },
    )
    r = SituationReport.objects.get()
    assert r.restricted and list(r.named_people.all()) == [named]
    client.force_login(named)
    assert client.get(reverse("situation:report_detail", args=[r.code])).status_code == 200


def test_a_draft_is_corrected_and_a_stale_edit_page_is_a_conflict(client, commune_officer_a):
    draft = report(commune_officer_a, kind="event", event_name="Tết Nguyên đán")
    client.force_login(commune_officer_a)
    url = reverse("situation:report_edit", args=[draft.code])
    page = client.get(url).content.decode()
    assert "Tết Nguyên đán" in page
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    version = re.search(r'name="expected_version" value="([^"]+)"', page).group(1)
    data = {
        "period": MONTH_KEY,
        "event_name": "Tết Nguyên đán Bính Ngọ",
        "mood": "stable",
        "trend": "better",
        "opinions": "Nhân dân phấn khởi đón Tết.",
        "action": "draft",
        "expected_version": version,
    }
    response = client.post(url, {**data, "form_token": token})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.event_name == "Tết Nguyên đán Bính Ngọ" and draft.status == "draft"
    # The same page posted again (its version is now old): refused, nothing changed.
    page2 = client.get(url).content.decode()
    token2 = re.search(r'name="form_token" value="([^"]+)"', page2).group(1)
    response = client.post(url, {**data, "opinions": "khác", "form_token": token2})
    assert response.status_code == 200 and "sau khi đồng chí mở trang" in response.content.decode()
    draft.refresh_from_db()
    assert draft.opinions == "Nhân dân phấn khởi đón Tết."


def test_a_sent_report_cannot_be_corrected(client, commune_officer_a):
    sent = report(commune_officer_a, submit=True)
    client.force_login(commune_officer_a)
    assert client.get(reverse("situation:report_edit", args=[sent.code])).status_code == 404


def test_the_situation_page_costs_the_same_queries_whatever_its_rows(client, commune_officer_a, leader_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.force_login(leader_a)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("situation:index")).status_code == 200
        return len(ctx.captured_queries)

    hotspot(commune_officer_a)
    report(commune_officer_a)
    few = count()
    for i in range(3):
        hotspot(commune_officer_a, title=f"Vụ việc {i}")
        report(commune_officer_a, kind="event", event_name=f"Sự kiện {i}")
    assert count() == few


def test_a_count_on_the_summary_leads_to_the_hotspots_it_counts(client, commune_officer_a, leader_a, officer_a):
    land = hotspot(commune_officer_a)
    other = hotspot(
        commune_officer_a, title="Mâu thuẫn về môi trường", topics=list(Topic.objects.filter(slug="moi-truong"))
    )
    client.force_login(leader_a)
    summary = client.get(reverse("situation:hotspot_summary")).content.decode()
    assert "?province=P24-TU&amp;topic=dat-dai" in summary
    # The leader's page also lists both in "waiting for your unit"; the officer's shows the hotspot list only.
    client.force_login(officer_a)
    page = client.get(reverse("situation:index"), {"province": "P24-TU", "topic": "dat-dai"}).content.decode()
    assert land.code in page and other.code not in page


def test_a_commune_officer_is_not_sent_to_the_province_pages_the_province_leader_is(
    client, commune_officer_a, leader_a
):
    """The map, the digests and "areas that did not report" are the centre's and the provinces': a commune's
    officer got a 404 (the map) or empty pages from those buttons."""
    area_pages = [reverse(n) for n in ("situation:map", "situation:digest_list", "situation:coverage")]
    client.force_login(commune_officer_a)
    page = client.get(reverse("situation:index")).content.decode()
    assert not [url for url in area_pages if f'href="{url}"' in page]
    assert reverse("situation:hotspot_summary") in page
    client.force_login(leader_a)
    page = client.get(reverse("situation:index")).content.decode()
    assert all(f'href="{url}"' in page for url in area_pages)
    assert f'href="{area_pages[0]}"' in client.get(area_pages[1]).content.decode()

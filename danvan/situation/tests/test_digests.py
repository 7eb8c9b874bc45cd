"""Digests: the figures, restricted hotspots as counts, the DOCX, the job, the pages."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.situation import digests, services
from danvan.situation.models import Digest, SituationReport, Topic
from danvan.situation.tests.factories import hotspot, report

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 11, 30)  # a Monday; the factories' hotspot occurred on 01/12/2026


def _post(client, url, data):
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    return client.post(url, {**data, "form_token": token.group(1)})


def _docx_text(digest) -> str:
    doc = Document(io.BytesIO(bytes(digest.document)))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_the_period_of_a_week_runs_monday_to_sunday_and_a_month_first_to_last_day():
    assert digests.period_bounds("weekly", dt.date(2026, 12, 3)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert digests.period_bounds("monthly", dt.date(2026, 2, 14)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert digests.previous_period("weekly", WEEK) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert digests.reporting_month("weekly", WEEK, dt.date(2026, 12, 6)) == dt.date(2026, 11, 1)


def test_a_province_digest_lists_new_hotspots_rising_topics_and_communes_that_did_not_report(commune_officer_a):
    hot = hotspot(commune_officer_a)
    hotspot(commune_officer_a, title="Tranh chấp cũ", occurred_on=dt.date(2026, 11, 25))
    report(commune_officer_a, period_month=dt.date(2026, 11, 1), submit=True)
    digest = services.digest_generate(
        actor=None, unit=OrgUnit.objects.get(code="P24-TU"), kind="weekly", start=dt.date(2026, 12, 2)
    )
    data = digest.data
    assert digest.period_start == WEEK and digest.period_end == dt.date(2026, 12, 6)
    assert data["new_total"] == 1 and [h["code"] for h in data["new_hotspots"]] == [hot.code]
    land = next(t for t in data["topics"] if t["slug"] == "dat-dai")
    # This week: the new hotspot; last week: the older hotspot. The report was not sent in either week (it was
    # sent "today" by the clock), so it counts where its submission date falls.
    assert land["before"] >= 1 and land["now"] >= 1
    names = {m["name"] for m in data["not_reported"]}
    assert "Xã Yên Thế" not in " ".join(names) and data["communes"] > len(names) > 50
    assert AuditEvent.objects.filter(action=Action.SITUATION_DIGEST_GENERATED, target_id=digest.code).exists()


def test_a_digest_made_again_for_the_same_period_is_a_new_version_and_the_first_is_kept(commune_officer_a):
    unit = OrgUnit.objects.get(code="P24-TU")
    first = services.digest_generate(actor=None, unit=unit, kind="weekly", start=WEEK)
    hotspot(commune_officer_a)
    again = services.digest_generate(actor=None, unit=unit, kind="weekly", start=WEEK + dt.timedelta(days=3))
    assert again.pk != first.pk and again.code != first.code and again.data["new_total"] == 1
    assert again.version == 2 and again.superseded_at is None
    first.refresh_from_db()
    assert first.version == 1 and first.superseded_at is not None and first.data["new_total"] == 0
    assert Digest.objects.count() == 2


def test_restricted_hotspots_are_only_counted_in_the_document_and_for_readers_who_may_not_see_them(
    client, commune_officer_a, leader_a, officer_a
):
    secret = hotspot(commune_officer_a, title="Vụ việc mật ở thôn Hạ", restricted=True)
    digest = services.digest_generate(actor=None, unit=OrgUnit.objects.get(code="P24-TU"), kind="weekly", start=WEEK)
    text = _docx_text(digest)
    assert "Vụ việc mật" not in text and "1 vụ việc thuộc diện hạn chế" in text
    client.force_login(officer_a)  # an officer of the province: sees the digest, not the restricted hotspot
    page = client.get(reverse("situation:digest_detail", args=[digest.code])).content.decode()
    assert "Vụ việc mật" not in page
    assert "1 restricted hotspot" in page or "1 điểm nóng hạn chế" in page
    client.force_login(leader_a)  # the province leader leads the commune's unit from above: sees it, audited
    page = client.get(reverse("situation:digest_detail", args=[digest.code])).content.decode()
    assert "Vụ việc mật" in page
    assert AuditEvent.objects.filter(action=Action.SITUATION_RESTRICTED_VIEWED, target_id=secret.code).exists()


def test_the_document_is_a_party_document_with_the_hotspot(client, commune_officer_a, officer_a):
    hot = hotspot(commune_officer_a)
    digest = services.digest_generate(actor=None, unit=OrgUnit.objects.get(code="P24-TU"), kind="weekly", start=WEEK)
    text = _docx_text(digest)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BẢN TIN" in text.upper() and hot.code in text
    client.force_login(officer_a)
    response = client.get(reverse("situation:digest_download", args=[digest.code]))
    assert response.status_code == 200 and bytes(response.content[:2]) == b"PK"


def test_a_digest_outside_the_scope_is_not_found(client, officer_b):
    digest = services.digest_generate(actor=None, unit=OrgUnit.objects.get(code="P24-TU"), kind="weekly", start=WEEK)
    client.force_login(officer_b)
    assert client.get(reverse("situation:digest_detail", args=[digest.code])).status_code == 404
    assert client.get(reverse("situation:digest_download", args=[digest.code])).status_code == 404
    assert digest.code not in client.get(reverse("situation:digest_list")).content.decode()


def test_the_centre_digest_counts_every_province(commune_officer_a):
    hotspot(commune_officer_a)
    digest = services.digest_generate(actor=None, unit=OrgUnit.objects.get(code="TW"), kind="weekly", start=WEEK)
    assert digest.data["national"] and digest.data["new_total"] == 1
    assert digest.data["communes"] > 3000
    assert {c["province"] for c in digest.data["by_province_topic"]} == {"Thành phố Bắc Ninh"}


def test_the_daily_job_makes_last_weeks_and_last_months_digests_once_for_every_area():
    today = dt.date(2026, 12, 9)
    assert services.digests_due(today=today) == [("weekly", WEEK), ("monthly", dt.date(2026, 11, 1))]
    made = sum(services.digests_generate_all(kind=k, start=s) for k, s in services.digests_due(today=today))
    assert made == 2 * 35
    assert services.digests_due(today=today) == []


def test_only_officers_of_the_unit_may_make_its_digest(commune_officer_a):
    with pytest.raises(ApplicationError) as error:
        services.digest_generate(
            actor=commune_officer_a, unit=OrgUnit.objects.get(code="P24-TU"), kind="weekly", start=WEEK
        )
    assert error.value.field == "unit"
    with pytest.raises(ApplicationError):
        services.digest_generate(actor=None, unit=OrgUnit.objects.get(code="C7288-DU"), kind="weekly", start=WEEK)
    assert not Digest.objects.exists()


def test_a_leader_makes_this_weeks_digest_from_the_page(client, leader_a, commune_officer_a):
    hot = hotspot(commune_officer_a, occurred_on=timezone.localdate())
    client.force_login(leader_a)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    response = _post(
        client, reverse("situation:digest_list"), {"unit": "P24-TU", "kind": "weekly", "week": monday.isoformat()}
    )
    digest = Digest.objects.get()
    assert response.status_code == 302 and response.url == reverse("situation:digest_detail", args=[digest.code])
    assert digest.generated_by == leader_a
    page = client.get(reverse("situation:digest_detail", args=[digest.code])).content.decode()
    assert hot.code in page


def test_a_digest_request_without_a_month_names_the_field_and_makes_nothing(client, leader_a):
    client.force_login(leader_a)
    response = _post(client, reverse("situation:digest_list"), {"unit": "P24-TU", "kind": "monthly", "month": ""})
    assert response.status_code == 200 and not Digest.objects.exists()
    assert "Choose the month" in response.content.decode() or "Chọn tháng" in response.content.decode()


def test_topics_rising_compare_counts_with_the_previous_period(commune_officer_a):
    land = list(Topic.objects.filter(slug="dat-dai"))
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 12, 1), topics=land)
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 12, 2), topics=land, title="Vụ hai")
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 11, 24), topics=land, title="Vụ cũ")
    area = digests.area_of(OrgUnit.objects.get(code="P24-TU"))
    rows = digests.topics_compared(area, "weekly", WEEK, dt.date(2026, 12, 6))
    assert rows[0]["slug"] == "dat-dai" and (rows[0]["now"], rows[0]["before"], rows[0]["change"]) == (2, 1, 1)
    assert SituationReport.objects.count() == 0


def _follow_messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_the_make_a_digest_form_offers_only_the_picker_of_the_chosen_kind(client, leader_a):
    client.force_login(leader_a)
    page = client.get(reverse("situation:digest_list")).content.decode()
    week = re.search(r'<select name="week"[^>]*>', page).group(0)
    month = re.search(r'<select name="month"[^>]*>', page).group(0)
    # Weekly is the first kind: the week applies, the month is off with the line that says why.
    assert "disabled" not in week and "disabled" in month
    assert re.search(r'id="id_month-help"[^>]*>', page).group(0).count("hidden") == 0
    assert "hidden" in re.search(r'id="id_week-help"[^>]*>', page).group(0)


def test_a_month_sent_with_a_weekly_digest_is_not_applied_and_the_page_says_so(client, leader_a):
    client.force_login(leader_a)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    for month in (f"{monday:%Y-%m}", "not-a-month"):
        response = _post(
            client,
            reverse("situation:digest_list"),
            {"unit": "P24-TU", "kind": "weekly", "week": monday.isoformat(), "month": month},
        )
        assert response.status_code == 302
        notice = _follow_messages(response)
        assert any("Month: not applied" in m or "Tháng: không áp dụng" in m for m in notice)
    assert {(d.kind, d.period_start) for d in Digest.objects.all()} == {("weekly", monday)}


def test_a_week_sent_with_a_monthly_digest_is_not_applied_and_a_missing_month_is_named(client, leader_a):
    client.force_login(leader_a)
    this_month = timezone.localdate().replace(day=1)
    url = reverse("situation:digest_list")
    response = _post(client, url, {"unit": "P24-TU", "kind": "monthly", "week": "1999-01-04", "month": ""})
    page = response.content.decode()
    assert response.status_code == 200 and not Digest.objects.exists()
    assert "Week: not applied" in page or "Tuần: không áp dụng" in page
    assert "Choose the month" in page or "Chọn tháng" in page
    # The month applies, the week is off, when the page comes back with "monthly" chosen.
    assert "disabled" in re.search(r'<select name="week"[^>]*>', page).group(0)
    assert "disabled" not in re.search(r'<select name="month"[^>]*>', page).group(0)
    response = _post(client, url, {"unit": "P24-TU", "kind": "monthly", "week": "x", "month": f"{this_month:%Y-%m}"})
    assert response.status_code == 302
    assert {(d.kind, d.period_start) for d in Digest.objects.all()} == {("monthly", this_month)}


def test_an_unknown_kind_or_week_is_refused_with_the_field_named_never_a_500(client, leader_a):
    client.force_login(leader_a)
    url = reverse("situation:digest_list")
    for data in (
        {"unit": "P24-TU", "kind": "yearly", "week": "", "month": "2026-01"},
        {"unit": "P24-TU", "kind": "weekly", "week": "2026-13-45"},
    ):
        response = _post(client, url, data)
        assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Digest.objects.exists()

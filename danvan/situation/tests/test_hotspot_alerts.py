import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.reports.models import Notice
from danvan.situation import services
from danvan.situation.models import Hotspot, HotspotAlert
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def leader_with_mail(leader_a):
    leader_a.email = "lanhdao.bacninh@example.vn"
    leader_a.save()
    return leader_a


def test_a_severe_hotspot_alerts_the_province_at_once(
    commune_officer_a, leader_with_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        h = hotspot(commune_officer_a, rank=3, now=NOW)
    alert = HotspotAlert.objects.get(hotspot=h)
    assert alert.unit.code == "P24-TU"
    assert alert.due_at == NOW + dt.timedelta(hours=24)
    notice = Notice.objects.get(unit=alert.unit)
    assert h.code in notice.text and notice.link.endswith(f"/diem-nong/{h.code}/")
    assert [m.to for m in mail.outbox] == [["lanhdao.bacninh@example.vn"]]
    assert h.code in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action=Action.HOTSPOT_ALERTED).count() == 1


def test_a_mild_hotspot_alerts_nobody(commune_officer_a):
    h = hotspot(commune_officer_a, rank=1)
    assert not h.alerts.exists() and not Notice.objects.exists()


def test_a_hotspot_without_a_place_is_refused_and_nothing_is_written(commune_officer_a):
    with pytest.raises(ApplicationError) as exc:
        hotspot(commune_officer_a, place_unit=None)
    assert exc.value.field == "place_unit"
    assert not Hotspot.objects.exists()


def test_a_hotspot_without_a_severity_is_refused(commune_officer_a):
    with pytest.raises(ApplicationError) as exc:
        hotspot(commune_officer_a, severity=None)
    assert exc.value.field == "severity"


def test_the_province_leader_acknowledges_and_the_alert_closes(commune_officer_a, leader_a):
    h = hotspot(commune_officer_a, now=NOW)
    h = services.hotspot_acknowledge(actor=leader_a, hotspot=h, now=NOW + dt.timedelta(hours=1))
    assert h.status == Hotspot.Status.ACKNOWLEDGED
    alert = h.alerts.get()
    assert alert.acknowledged_by == leader_a
    assert services.hotspot_alerts_escalate_due(now=NOW + dt.timedelta(days=3)) == 0


def test_the_commune_cannot_acknowledge_its_own_hotspot(commune_officer_a):
    h = hotspot(commune_officer_a, now=NOW)
    with pytest.raises(ApplicationError):
        services.hotspot_acknowledge(actor=commune_officer_a, hotspot=h)


def test_an_unacknowledged_alert_climbs_one_level_once(commune_officer_a):
    h = hotspot(commune_officer_a, now=NOW)
    assert services.hotspot_alerts_escalate_due(now=NOW + dt.timedelta(hours=23)) == 0
    assert services.hotspot_alerts_escalate_due(now=NOW + dt.timedelta(hours=25)) == 1
    assert services.hotspot_alerts_escalate_due(now=NOW + dt.timedelta(hours=26)) == 0
    units = list(h.alerts.order_by("id").values_list("unit__code", flat=True))
    assert units == ["P24-TU", "TW"]
    assert h.alerts.get(unit__code="P24-TU").escalated_at is not None
    assert Notice.objects.filter(unit__code="TW").exists()
    assert AuditEvent.objects.filter(action=Action.HOTSPOT_ESCALATED, actor=None).count() == 1


def test_the_escalation_task_runs(commune_officer_a):
    from danvan.situation.tasks import hotspot_alerts_escalate

    hotspot(commune_officer_a, now=timezone.now() - dt.timedelta(days=2))
    assert hotspot_alerts_escalate.call() == 1


def test_the_centre_leader_can_acknowledge_the_escalated_alert(commune_officer_a):
    central = make_user("tw.leader", "leader", "TW")
    h = hotspot(commune_officer_a, now=NOW)
    services.hotspot_alerts_escalate_due(now=NOW + dt.timedelta(hours=25))
    services.hotspot_acknowledge(actor=central, hotspot=h, now=NOW + dt.timedelta(hours=26))
    assert h.alerts.get(unit__code="TW").acknowledged_by == central


def test_the_notice_of_a_restricted_hotspot_does_not_show_its_title(commune_officer_a):
    h = hotspot(commune_officer_a, restricted=True, title="Vụ việc nhạy cảm", now=NOW)
    notice = Notice.objects.get()
    assert h.code in notice.text and "Vụ việc nhạy cảm" not in notice.text


def test_the_alert_e_mail_goes_through_the_database_queue(
    commune_officer_a, leader_with_mail, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hotspot(commune_officer_a, now=NOW)
    assert mail.outbox == []  # queued, not sent inside the request
    run_worker()
    assert [m.to for m in mail.outbox] == [["lanhdao.bacninh@example.vn"]]


def test_the_alert_e_mail_links_to_the_hotspot_at_the_site_s_address(
    commune_officer_a, leader_with_mail, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_SITE_URL = "https://danvan.example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        h = hotspot(commune_officer_a, rank=3, now=NOW)
    body = mail.outbox[0].body
    assert f"https://danvan.example.vn/tinh-hinh/diem-nong/{h.code}/" in body
    assert body.startswith("Kính gửi đồng chí")
    assert h.title not in body  # the code and the severity only: the mail may be read outside danvan


def test_without_the_site_s_address_the_e_mail_says_where_to_find_it(
    commune_officer_a, leader_with_mail, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        h = hotspot(commune_officer_a, rank=3, now=NOW)
    body = mail.outbox[0].body
    assert "đăng nhập danvan" in body and f"/tinh-hinh/diem-nong/{h.code}/" in body
    assert "http" not in body

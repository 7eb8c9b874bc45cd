"""Nothing duplicated: every form that creates something carries a one-time token, and the same form sent twice
(a double click, the back button, a resend) creates one record; the second is sent where the first one led.
Issuing a numbered document twice keeps its one number."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.core.submissions import REPLAY_MESSAGE, TOKEN_FIELD, new_form_token

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ROOT = Path(__file__).resolve().parent.parent


def _meeting(officer):
    from danvan.meetings.services import meeting_schedule
    from danvan.organisations.models import OrgUnit

    return meeting_schedule(
        actor=officer,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="giao_ban",
        title="Giao ban quý I/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
        chairs=[{"name": "Phạm Văn Thịnh", "title": "Trưởng Ban"}],
    )


def _petition(officer):
    from danvan.petitions.models import Petition
    from danvan.petitions.tests.test_petition_views import intake_data

    return "/don-thu/tiep-nhan/", intake_data(), lambda: Petition.objects.count()


def _task(officer):
    from danvan.workplans.models import Task

    data = {"assigned_by": "P24-TU", "assignee": "C7288-DU", "title": "Nắm tình hình", "deadline": "01/12/2026"}
    return "/nhiem-vu/giao/", data, lambda: Task.objects.count()


def _plan(officer):
    from danvan.workplans.models import WorkPlan

    data = {"unit": "P24-TU", "kind": "plan", "title": "Kế hoạch Tháng Dân vận", "year": "2026", "reference": ""}
    return "/nhiem-vu/ke-hoach/", data, lambda: WorkPlan.objects.count()


def _schedule(officer):
    from danvan.meetings.models import Meeting

    data = {
        "unit": "P24-TU",
        "kind": "so_ket",
        "title": "Sơ kết 6 tháng",
        "starts_at": "10/07/2026 08:00",
        "ends_at": "10/07/2026 11:30",
    }
    return "/hoi-nghi/", data, lambda: Meeting.objects.count()


def _conclusions(officer):
    from danvan.meetings.models import Conclusion
    from danvan.workplans.models import Task

    meeting = _meeting(officer)
    data = {"minutes": "Biên bản", "conclusions": "Nắm tình hình nhân dân | C7288-DU | 30/06/2026\nTổng kết mô hình"}
    return f"/hoi-nghi/{meeting.public_id}/", data, lambda: (Conclusion.objects.count(), Task.objects.count())


def _model(officer):
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.tests.test_views import REGISTER

    return "/dan-van-kheo/dang-ky/", REGISTER, lambda: Initiative.objects.count()


def _movement(officer):
    from danvan.movements.models import Movement
    from danvan.movements.tests.test_views import CREATE

    today = dt.date.today()
    data = {
        **CREATE,
        "start_date": f"{today - dt.timedelta(days=10):%d/%m/%Y}",
        "end_date": f"{today + dt.timedelta(days=20):%d/%m/%Y}",
    }
    return "/phong-trao/moi/", data, lambda: Movement.objects.count()


def _contest(officer):
    from danvan.contests.models import Contest
    from danvan.contests.tests.test_views import CREATE

    return "/hoi-thi/tao-moi/", CREATE, lambda: Contest.objects.count()


KINDS = {
    "petition intake": _petition,
    "task": _task,
    "work plan": _plan,
    "meeting": _schedule,
    "meeting results and conclusions": _conclusions,
    "Dân vận khéo model": _model,
    "movement": _movement,
    "contest": _contest,
}


# members2: the population of age, entered as rows
def _population(officer):
    from danvan.audit.models import AuditEvent

    data = {"year": dt.date.today().year, "province": "P24", "rows": "C7288 | 20 | 20 | 40", "shown": "{}"}
    return "/hoi-vien/dan-so/", data, lambda: AuditEvent.objects.filter(action="member.population_set").count()


KINDS["population of age"] = _population


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_form_sent_twice_creates_one_record(kind, client_for, officer_a, commune_officer_a):
    # Models and contests are a commune's; the rest is the province's.
    user = commune_officer_a if kind in {"Dân vận khéo model", "contest"} else officer_a
    url, data, count = KINDS[kind](user)
    client = client_for(user)
    page = client.get(url)
    assert page.status_code == 200 and f'name="{TOKEN_FIELD}"' in page.content.decode()
    before = count()
    data = {**data, TOKEN_FIELD: new_form_token()}
    first = client.post(url, data)
    assert first.status_code == 302
    after_first = count()
    assert after_first != before
    second = client.post(url, data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert count() == after_first
    landing = client.get(second["Location"])
    assert REPLAY_MESSAGE in landing.content.decode()


def test_a_form_with_errors_can_be_sent_again_with_its_token(client_for, officer_a):
    from danvan.workplans.models import Task

    client = client_for(officer_a)
    token = new_form_token()
    bad = {"assigned_by": "P24-TU", "assignee": "C7288-DU", "title": "X", "deadline": "31/02/2026", TOKEN_FIELD: token}
    assert client.post("/nhiem-vu/giao/", bad).status_code == 200
    good = {**bad, "deadline": "01/12/2026"}
    assert client.post("/nhiem-vu/giao/", good).status_code == 302
    assert Task.objects.count() == 1


def test_someone_elses_token_creates_nothing(client_for, officer_a, leader_a):
    from danvan.workplans.models import Task

    url, data, _count = _task(officer_a)
    data[TOKEN_FIELD] = new_form_token()
    client_for(officer_a).post(url, data)
    replay = client_for(leader_a).post(url, data)
    assert replay.status_code == 302 and Task.objects.count() == 1


# --- Numbered documents: issuing the same document again keeps its number ------------------------------------


def test_the_conclusion_notice_issued_twice_keeps_one_number(client_for, officer_a):
    from danvan.documents.models import IssuedDocument

    client = client_for(officer_a)
    meeting = _meeting(officer_a)
    client.post(f"/hoi-nghi/{meeting.public_id}/", {"minutes": "x", "conclusions": "Tổng kết mô hình"})
    first = client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    second = client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    # One draft for the meeting; the number is taken when its signer issues it, once.
    assert first["Location"] == second["Location"] and first["Location"].startswith("/van-ban/")
    assert IssuedDocument.objects.count() == 0
    from danvan.documents.tests.factories import issue_through_pages

    issue_through_pages(client_for, officer_a, first["Location"])
    client = client_for(officer_a)
    third = client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    assert third["Location"] == first["Location"]
    assert IssuedDocument.objects.count() == 1
    assert IssuedDocument.objects.get().reference.startswith("Số 01-TB/")


def test_the_briefing_report_issued_twice_keeps_one_number(client_for, officer_a, commune_officer_a):
    from danvan.documents.models import IssuedDocument
    from danvan.organisations.models import OrgUnit
    from danvan.reports.models import ReportForm
    from danvan.reports.periods import period_get_or_create
    from danvan.reports.services import report_save_draft, report_submit

    form = ReportForm.objects.get(code="dan-van-quy")
    # A period with nothing sent by any unit is refused (decision 0033): a commune reports in both periods.
    for quarter in (1, 2):
        draft = report_save_draft(
            actor=commune_officer_a,
            form=form,
            period=period_get_or_create("quarter", 2026, quarter),
            unit=OrgUnit.objects.get(code="C7288-KDV"),
            values={"tuyen_truyen_hoi_nghi": "1"},
            narratives={},
            expected_version=0,
        )
        report_submit(actor=commune_officer_a, submission=draft)
    query = f"?form={form.pk}&period=quarter-2026-1&unit=P24-TU"
    client = client_for(officer_a)
    from danvan.documents.models import Document

    locations = {client.post("/bao-cao/van-ban/" + query, {TOKEN_FIELD: new_form_token()})["Location"] for _ in "ab"}
    assert len(locations) == 1 and Document.objects.filter(source_key__startswith="briefing:").count() == 1
    # Another period is another document.
    client.post(f"/bao-cao/van-ban/?form={form.pk}&period=quarter-2026-2&unit=P24-TU")
    assert Document.objects.filter(source_key__startswith="briefing:").count() == 2
    assert IssuedDocument.objects.count() == 0


def test_the_contest_decision_issued_twice_keeps_one_number(client_for, commune_officer_a, officer_a):
    from danvan.contests import services
    from danvan.contests.tests.factories import ready, score_all
    from danvan.documents.models import IssuedDocument

    contest, round, _parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")], prize_first=1)
    for n, team in enumerate(teams):
        score_all(round, officer_a, team, [str(10 - n), "20", "20,5"])
    services.contest_prizes_award(actor=commune_officer_a, contest=contest)
    client = client_for(commune_officer_a)
    locations = [
        client.post(f"/hoi-thi/{contest.code}/quyet-dinh/", {TOKEN_FIELD: new_form_token()})["Location"]
        for _ in range(2)
    ]
    assert locations[0] == locations[1] and locations[0].startswith("/van-ban/")
    from danvan.documents.tests.factories import issue_through_pages

    issue_through_pages(client_for, commune_officer_a, locations[0])
    client.post(locations[0] + "ky-ban-hanh/", {TOKEN_FIELD: new_form_token()})  # issued already: no number
    assert IssuedDocument.objects.count() == 1


# --- Every POST form carries the guard, every POST view honours it -------------------------------------------

# Forms that create nothing a second click could double: logging in and out, the language switch.
EXEMPT_FORMS = {
    "danvan/accounts/templates/accounts/login.html",
    "templates/_language_form.html",
    "templates/base_staff.html",
}
EXEMPT_VIEWS = {"login_view", "logout_view", "set_language"}


def _post_form_templates():
    for path in sorted([*ROOT.glob("danvan/*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]):
        text = path.read_text()
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", text, flags=re.S | re.I)
        if forms:
            yield str(path.relative_to(ROOT)), forms


def test_every_post_form_template_carries_the_one_time_token():
    missing = [
        f"{name}: {form[:80]}"
        for name, forms in _post_form_templates()
        if name not in EXEMPT_FORMS
        for form in forms
        if "{% form_token %}" not in form
    ]
    assert sum(len(forms) for _name, forms in _post_form_templates()) > 60
    assert missing == []


def _views(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if "api" in str(pattern.pattern):
                continue  # the API authenticates other systems and answers JSON; it has its own idempotency rules
            yield from _views(pattern)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_every_view_that_takes_a_post_runs_behind_the_guard():
    import inspect

    unguarded = []
    for view in _views():
        name = getattr(view, "__name__", "")
        if name in EXEMPT_VIEWS or getattr(view, "submit_once", False):
            continue
        try:
            source = inspect.getsource(inspect.unwrap(view))
        except (OSError, TypeError):
            continue
        if "POST" in source:
            unguarded.append(f"{view.__module__}.{name}")
    assert unguarded == []

from django.urls import reverse

from danvan.accounts.demo import demo_data_load
from danvan.audit.models import Action, AuditEvent
from danvan.contests.demo import demo_contests_load
from danvan.contests.models import Contest, Score
from danvan.contests.selectors import round_standings


def test_the_demo_contest_loads_once_and_shows_standings(db, client):
    demo_data_load()
    contest = demo_contests_load()
    assert demo_contests_load() == contest and Contest.objects.count() == 1
    assert contest.teams.count() == 6 and contest.rounds.count() == 2 and contest.judges.count() == 3
    assert Score.objects.count() == 54
    event = AuditEvent.objects.get(action=Action.CONTEST_CREATED)
    assert event.actor is None and event.actor_label == "hệ thống: load_demo_data"
    standings = round_standings(round=contest.rounds.first())
    assert standings.rows[0].team.name == "Đội Hội Liên hiệp Phụ nữ"
    from danvan.accounts.models import User

    client.force_login(User.objects.get(username="xa.yenthe"))
    assert client.get(reverse("contests:projector", args=[contest.code])).status_code == 200

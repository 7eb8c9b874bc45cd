import datetime

from danvan.contests import services
from danvan.contests.models import PartKind
from danvan.organisations.models import OrgUnit

DAY = datetime.date(2026, 10, 15)
TEAM_UNITS = ("C7288-MTTQ", "C7288-HND", "C7288-HPN", "C7288-DTN")
PARTS = (
    (PartKind.GREETING, "Chào hỏi", "10", "1"),
    (PartKind.KNOWLEDGE, "Kiến thức", "30", "1"),
    (PartKind.SCENARIO, "Xử lý tình huống", "30", "2"),
)


def unit(code):
    return OrgUnit.objects.get(code=code)


def contest(actor, unit_code="C7288-DU", **kw):
    data = {
        "actor": actor,
        "unit": unit(unit_code),
        "name": "Hội thi Dân vận khéo xã Yên Thế năm 2026",
        "starts_on": DAY,
        "level_label": "cấp xã",
    }
    data.update(kw)
    return services.contest_create(**data)


def ready(actor, *, judges, unit_code="C7288-DU", team_units=TEAM_UNITS, parts=PARTS, start=True, **kw):
    """A contest with one round, `parts`, teams of `team_units` and `judges` [(user, home unit code)], started."""
    c = contest(actor, unit_code, **kw)
    round = services.round_create(actor=actor, contest=c, name="Vòng chung kết")
    made_parts = [
        services.part_create(actor=actor, round=round, kind=k, title=t, max_score=m, coefficient=w)
        for k, t, m, w in parts
    ]
    teams = [
        services.team_add(
            actor=actor, contest=c, unit=unit(code), draw_number=n, contestants=[(f"Thí sinh {n}", "Hội viên", True)]
        )
        for n, code in enumerate(team_units, start=1)
    ]
    seats = [services.judge_add(actor=actor, contest=c, user=u, home_unit=unit(home)) for u, home in judges]
    if start:
        c = services.contest_start(actor=actor, contest=c)
    round.contest = c
    return c, round, made_parts, teams, seats


def score_all(round, judge_user, team, values):
    """Enter `values` (one per part, in order) for `team` as `judge_user`."""
    parts = list(round.parts.all())
    return services.scores_enter(
        actor=judge_user, round=round, team=team, values={p.pk: v for p, v in zip(parts, values, strict=True)}
    )

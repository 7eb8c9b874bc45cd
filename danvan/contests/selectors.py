"""Reads of contests for a user. Out of scope answers the same as missing: 404."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import READ_ROLES
from danvan.contests import ranking
from danvan.contests.models import DEFAULT_TIE_BREAK, Contest, Judge, Part, Round, RoundEntry, Score, Team
from danvan.contests.permissions import can_organise, can_view_contest, forbidden_pairs, judge_for
from danvan.organisations.models import OrgUnitClosure


def _visible(user) -> Q:
    in_scope = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=READ_ROLES,
    )
    below = RoleAssignment.objects.filter(user=user, unit__ancestor_links__ancestor=OuterRef("unit_id"))
    judging = Judge.objects.filter(contest=OuterRef("pk"), user=user)
    return Q(Exists(in_scope)) | Q(Exists(below)) | Q(Exists(judging))


def contest_list_for_user(*, user, year: int | None = None, limit: int = 200) -> list[Contest]:
    """Contests the user may see, newest first, each with its team count and whether the user judges it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    qs = Contest.objects.filter(_visible(user))
    if year:
        qs = qs.filter(starts_on__year=year)
    teams = Team.objects.filter(contest=OuterRef("pk")).order_by().values("contest").annotate(n=Count("id"))
    qs = qs.select_related("unit").annotate(
        team_count=Subquery(teams.values("n")),
        is_judge=Exists(Judge.objects.filter(contest=OuterRef("pk"), user=user)),
    )
    return list(qs.order_by("-starts_on", "-id")[:limit])


def contest_get_for_user(*, user, code: str) -> Contest:
    contest = Contest.objects.select_related("unit", "created_by").filter(code=code).first()
    if contest is None or not can_view_contest(user, contest):
        raise Http404("Không tìm thấy hội thi.")
    return contest


def contest_get_for_organiser(*, user, code: str) -> Contest:
    contest = contest_get_for_user(user=user, code=code)
    if not can_organise(user, contest):
        raise Http404("Không tìm thấy hội thi.")
    return contest


def judge_get_for_user(*, user, contest: Contest) -> Judge:
    judge = judge_for(user, contest)
    if judge is None:
        raise Http404("Đồng chí không có trong Ban Giám khảo của hội thi này.")
    return judge


def round_get(*, contest: Contest, order: int | None) -> Round:
    """The round of that order, or the last round that has scores (else the first), when `order` is None."""
    rounds = list(contest.rounds.all())
    if not rounds:
        raise Http404("Hội thi chưa có vòng thi.")
    if order is None:
        scored = set(
            Score.objects.filter(part__round__contest=contest).values_list("part__round_id", flat=True).distinct()
        )
        with_scores = [r for r in rounds if r.pk in scored]
        return with_scores[-1] if with_scores else rounds[0]
    for r in rounds:
        if r.order == order:
            return r
    raise Http404("Không có vòng thi này.")


def round_teams(*, round: Round) -> list[Team]:
    return [e.team for e in RoundEntry.objects.filter(round=round).select_related("team__unit")]


def round_standings(*, round: Round) -> ranking.Standings:
    """The ranking of a round, with each part's score, each cell's judge count and each part's progress.

    Five queries whatever the number of teams, parts, judges and scores.
    """
    contest = round.contest
    parts = list(Part.objects.filter(round=round))
    teams = round_teams(round=round)
    judges = list(Judge.objects.filter(contest=contest))
    forbidden = forbidden_pairs(judges=judges, teams=teams, organiser=contest.unit)
    marks = defaultdict(list)
    for team_id, part_id, value in Score.objects.filter(part__round=round).values_list("team_id", "part_id", "value"):
        marks[(team_id, part_id)].append(value)
    eligible = {t.pk: sum(1 for j in judges if (j.pk, t.pk) not in forbidden) for t in teams}
    return ranking.compute(
        round=round,
        parts=parts,
        teams=teams,
        marks=marks,
        eligible=eligible,
        rule_trimmed=contest.scoring_rule == Contest.ScoringRule.TRIMMED,
        trim_min_judges=contest.trim_min_judges,
        tie_break_order=contest.tie_break_order or DEFAULT_TIE_BREAK,
        judge_count=len(judges),
    )


def judge_sheet(*, judge: Judge, round: Round):
    """What a judge scores in a round: the parts, and per team its current marks and whether it is off-limits."""
    contest = round.contest
    parts = list(Part.objects.filter(round=round))
    teams = round_teams(round=round)
    forbidden = forbidden_pairs(judges=[judge], teams=teams, organiser=contest.unit)
    mine = {
        (team_id, part_id): value
        for team_id, part_id, value in Score.objects.filter(judge=judge, part__round=round).values_list(
            "team_id", "part_id", "value"
        )
    }
    rows = [
        {
            "team": team,
            "forbidden": (judge.pk, team.pk) in forbidden,
            "values": {part.pk: mine.get((team.pk, part.pk)) for part in parts},
        }
        for team in teams
    ]
    return parts, rows


def contest_overview(*, contest: Contest) -> dict:
    """Rounds with parts and entry counts, teams with contestants, judges, prizes: a fixed number of queries."""
    rounds = list(
        contest.rounds.prefetch_related("parts").annotate(entry_count=Count("entries", distinct=True)).order_by("order")
    )
    teams = list(contest.teams.select_related("unit").prefetch_related("contestants"))
    judges = list(contest.judges.select_related("user", "home_unit"))
    prizes = list(contest.prizes.select_related("team__unit"))
    return {"rounds": rounds, "teams": teams, "judges": judges, "prizes": prizes}


def all_scores(*, contest: Contest):
    """Every mark of the contest, for the export: round, part, judge, team. One query."""
    return (
        Score.objects.filter(part__round__contest=contest)
        .select_related("part__round", "judge__user", "judge__home_unit", "team")
        .order_by("part__round__order", "part__order", "part_id", "team__draw_number", "team__name", "judge_id")
    )

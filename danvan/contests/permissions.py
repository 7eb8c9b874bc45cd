"""Who may do what with a Hội thi, built on danvan.accounts.permissions.

- Organise (create, set up rounds / parts / teams / judges, start, finish, award prizes, issue the decision):
  admin, leader or officer of the organising unit or an ancestor (`can_edit_unit`).
- View: the organising unit is in the user's read scope, or the user holds a role anywhere in its subtree (a
  team must see the contest organised above it), or the user sits on the contest's judge panel.
- Score: only a user on the contest's judge panel; see `judge_conflict` for the own-unit rule.
"""

from danvan.accounts.permissions import EDIT_ROLES, can_edit_unit, can_view_unit, has_any_role, has_role_within
from danvan.contests.models import Contest, Judge
from danvan.organisations.models import OrgUnit, OrgUnitClosure


def can_create_contests(user) -> bool:
    return has_any_role(user, EDIT_ROLES)


def can_organise(user, contest: Contest) -> bool:
    return can_edit_unit(user, contest.unit)


def judge_for(user, contest: Contest) -> Judge | None:
    """The user's seat on the contest's panel, or None (one query, cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = user.__dict__.setdefault("_danvan_contest_judge", {})
    if contest.pk not in cache:
        cache[contest.pk] = Judge.objects.filter(contest=contest, user=user).select_related("home_unit").first()
    return cache[contest.pk]


def can_view_contest(user, contest: Contest) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        can_view_unit(user, contest.unit) or has_role_within(user, contest.unit) or judge_for(user, contest) is not None
    )


def forbidden_pairs(*, judges, teams, organiser: OrgUnit) -> set[tuple[int, int]]:
    """(judge id, team id) pairs that the own-unit rule forbids. One query.

    A judge may not score the team of their own unit: refused when the team's unit is the judge's home unit, or
    one lies inside the other's subtree (a Hội Nông dân judge and the Hội Nông dân team; a commune's judge and a
    village team of that commune). Exception: a judge whose home unit is the organising unit or above it scores
    every team — the organisers' own people sit on every panel, and every team is in their subtree.
    """
    units = {j.home_unit_id for j in judges} | {t.unit_id for t in teams} | {organiser.pk}
    pairs = set(
        OrgUnitClosure.objects.filter(ancestor_id__in=units, descendant_id__in=units).values_list(
            "ancestor_id", "descendant_id"
        )
    )
    forbidden = set()
    for judge in judges:
        home = judge.home_unit_id
        if (home, organiser.pk) in pairs:
            continue  # the organisers' people score everyone
        for team in teams:
            if (home, team.unit_id) in pairs or (team.unit_id, home) in pairs:
                forbidden.add((judge.pk, team.pk))
    return forbidden


def judge_conflict(*, judge: Judge, team, organiser: OrgUnit) -> bool:
    """True when `judge` may not score `team` (see `forbidden_pairs`)."""
    return (judge.pk, team.pk) in forbidden_pairs(judges=[judge], teams=[team], organiser=organiser)

"""Reads of committees for a user. Out of scope answers the same as missing: 404."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from danvan.accounts.permissions import READ_ROLES
from danvan.committees.models import Committee, CommitteeMeeting, CommitteeTask, Composition, Member
from danvan.committees.permissions import can_view_committee
from danvan.organisations.models import OrgUnitClosure


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _in_scope(user):
    return Exists(
        OrgUnitClosure.objects.filter(
            descendant=OuterRef("unit_id"),
            ancestor__role_assignments__user=user,
            ancestor__role_assignments__role__in=READ_ROLES,
        )
    )


def committee_list_for_user(*, user, subject: str = "", kind: str = "", limit: int = 200) -> list[Committee]:
    """Committees set up by units in the user's scope, with their current decision (no per-row queries)."""
    if not _active(user):
        return []
    qs = Committee.objects.filter(_in_scope(user))
    if subject:
        qs = qs.filter(subject__slug=subject)
    if kind:
        qs = qs.filter(kind=kind)
    current = Composition.objects.filter(ended_on=None)
    return list(
        qs.select_related("unit", "subject")
        .prefetch_related(Prefetch("compositions", queryset=current, to_attr="current_list"))
        .order_by("unit__depth", "unit__sort_order", "name")[:limit]
    )


def committee_get_for_user(*, user, code: str) -> Committee:
    committee = (
        Committee.objects.select_related("unit", "subject", "case", "case__unit", "created_by", "updated_by")
        .filter(code=code)
        .first()
    )
    if committee is None or not can_view_committee(user, committee):
        raise Http404("Không tìm thấy ban chỉ đạo, tổ công tác.")
    return committee


def compositions_of(committee: Committee) -> list[Composition]:
    """Every version of the membership, newest first, with its members (the timeline)."""
    members = Member.objects.select_related("position", "body", "person").order_by("order", "id")
    return list(
        committee.compositions.select_related("decision_file", "created_by")
        .defer("decision_file__content")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("-number")
    )


def composition_get(committee: Committee, number: int) -> Composition:
    composition = (
        committee.compositions.select_related("decision_file", "updated_by")
        .defer("decision_file__content")
        .filter(number=number)
        .first()
    )
    if composition is None:
        raise Http404("Không tìm thấy quyết định này của ban.")
    return composition


def current_composition(committee: Committee) -> Composition | None:
    return committee.compositions.select_related("updated_by").filter(ended_on=None).first()


def current_members(committee: Committee) -> QuerySet[Member]:
    return (
        Member.objects.filter(composition__committee=committee, composition__ended_on=None)
        .select_related("position", "body", "person")
        .order_by("order", "id")
    )


def tasks_of(committee: Committee) -> list[CommitteeTask]:
    return list(
        committee.task_links.select_related("task", "task__assignee", "member", "member__position").order_by(
            "task__deadline", "id"
        )
    )


def meetings_of(committee: Committee) -> list[CommitteeMeeting]:
    return list(committee.meeting_links.select_related("meeting", "meeting__unit").order_by("-meeting__starts_at"))


def meetings_to_link(*, user, committee: Committee, limit: int = 100):
    """Meetings the user may see, not yet on the committee's list, newest first: of the committee's body, the
    units above it, or below it."""
    from danvan.meetings.selectors import meetings_for_user

    linked = committee.meeting_links.values("meeting_id")
    return list(meetings_for_user(user=user).exclude(pk__in=linked).order_by("-starts_at")[:limit])


def committees_for_case(*, user, case) -> list[Committee]:
    return [c for c in Committee.objects.filter(case=case).select_related("unit") if can_view_committee(user, c)]


def committees_for_base(*, user, base) -> list[Committee]:
    return [c for c in base.committees.select_related("unit") if can_view_committee(user, c)]

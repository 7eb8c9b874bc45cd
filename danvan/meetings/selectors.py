from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.permissions import can_view_unit, units_in_scope
from danvan.meetings.models import Meeting


def meetings_for_user(*, user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(unit__in=units_in_scope(user)).select_related("unit")


def meeting_get_for_user(*, user, public_id) -> Meeting:
    meeting = Meeting.objects.select_related("unit", "period").filter(public_id=public_id).first()
    if meeting is None or not can_view_unit(user, meeting.unit):
        raise Http404("Không tìm thấy hội nghị.")
    return meeting


def previous_in_series(meeting: Meeting) -> Meeting | None:
    """The same unit's last meeting of the same kind before this one: its conclusions are followed up here."""
    return (
        Meeting.objects.filter(unit=meeting.unit, kind=meeting.kind, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .first()
    )

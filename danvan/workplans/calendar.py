"""A person's calendar: the deadlines of their units' tasks and their units' meetings; also as an ICS feed."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from danvan.workplans.models import Task
from danvan.workplans.selectors import home_units


@dataclass
class Event:
    uid: str
    day: dt.date
    start: dt.datetime | None
    end: dt.datetime | None
    title: str
    kind: str  # "deadline" or "meeting"
    url: str


def calendar_events(*, user, start: dt.date, end: dt.date) -> list[Event]:
    from django.urls import reverse

    from danvan.meetings.models import Meeting

    units = home_units(user)
    events = [
        Event(
            f"task-{t.public_id}@danvan",
            t.deadline,
            None,
            None,
            f"Hạn: {t.title[:120]} ({t.assignee.name})",
            "deadline",
            reverse("workplans:task", args=[t.public_id]),
        )
        for t in Task.objects.filter(
            assignee__in=units, status__in=["todo", "in_progress"], deadline__range=(start, end)
        ).select_related("assignee")
    ]
    events += [
        Event(
            f"meeting-{m.public_id}@danvan",
            timezone.localtime(m.starts_at).date(),
            m.starts_at,
            m.ends_at,
            m.title,
            "meeting",
            reverse("meetings:detail", args=[m.public_id]),
        )
        for m in Meeting.objects.filter(unit__in=units, starts_at__date__range=(start, end))
    ]
    return sorted(events, key=lambda e: (e.day, e.start or timezone.now()))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_feed(*, user, today: dt.date) -> str:
    """RFC 5545 calendar of the next 180 days (and the last 30)."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//danvan//lich cong tac//VI",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:danvan",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for event in calendar_events(user=user, start=today - dt.timedelta(days=30), end=today + dt.timedelta(days=180)):
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
        if event.start:
            lines += [
                f"DTSTART:{event.start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
                f"DTEND:{event.end.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
            ]
        else:
            lines += [
                f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
            ]
        lines += [f"SUMMARY:{_escape(event.title)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"

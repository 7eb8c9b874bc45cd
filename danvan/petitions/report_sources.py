"""The figures of the report forms “Kết quả tiếp công dân, xử lý đơn thư” and “Tiếp xúc, đối thoại”, computed from this module's records
(reports/sources.py), so a commune never types what danvan already knows. Each takes the reporting unit's area
(the ids of the units whose records count) and the period's first and last day.

A petition counts where it was received (`Petition.unit`): the commune's Đảng ủy, its khối dân vận or the
Front all belong to the same commune's area, so the commune's figures meet in its one report.
"""

from decimal import Decimal

from django.db.models import Q

from danvan.petitions.models import Commitment, Dialogue, Petition, ReceptionSession

# Closed after being dealt with (not withdrawn, not passed to another body).
RESOLVED = (Petition.Status.RESOLVED, Petition.Status.CLOSED_UNRESOLVED)


def petitions_received_between(*, area, start, end) -> int:
    """“Đơn thư tiếp nhận”: petitions received by the area's units in the period."""
    return Petition.objects.filter(unit__in=area, received_on__range=(start, end)).count()


def petitions_resolved_between(*, area, start, end) -> int:
    """“Đơn thư đã giải quyết”: petitions of the area closed after being dealt with, in the period."""
    return Petition.objects.filter(unit__in=area, status__in=RESOLVED, closed_on__range=(start, end)).count()


def petitions_open_at_end(*, area, start, end) -> int:
    """“Đơn thư còn tồn”: petitions of the area received by the period's last day and not closed by then."""
    return (
        Petition.objects.filter(unit__in=area, received_on__lte=end)
        .filter(Q(closed_on__isnull=True, status__in=Petition.OPEN_STATUSES) | Q(closed_on__gt=end))
        .count()
    )


def petitions_over_level_between(*, area, start, end) -> int:
    """“Đơn thư vượt cấp”: petitions received in the period that skipped the level that should deal with them."""
    return Petition.objects.filter(unit__in=area, received_on__range=(start, end), is_over_level=True).count()


def reception_turns_between(*, area, start, end) -> int:
    """“Lượt tiếp công dân”: citizen reception turns recorded by the area's units in the period."""
    return ReceptionSession.objects.filter(unit__in=area, held_on__range=(start, end)).count()


def reception_head_days_between(*, area, start, end) -> int:
    """“Buổi tiếp công dân của người đứng đầu”: days on which a head received citizens in person under a duty
    (a delegated session does not count), one per head and day."""
    return (
        ReceptionSession.objects.filter(
            unit__in=area, held_on__range=(start, end), duty__isnull=False, is_delegated=False
        )
        .values("duty_id", "held_on")
        .distinct()
        .count()
    )


def dialogues_held_between(*, area, start, end) -> int:
    """“Hội nghị đối thoại”: dialogues the area's units held with the people in the period."""
    return Dialogue.objects.filter(unit__in=area, held_on__range=(start, end)).count()


def _dialogue_issues(area, start, end):
    return Commitment.objects.filter(dialogue__unit__in=area, dialogue__held_on__range=(start, end))


def _resolved_by(issues, end):
    # Marked done by the period's last day; one marked done before `done_on` was kept counts as done.
    return issues.filter(status=Commitment.Status.DONE).filter(Q(done_on__lte=end) | Q(done_on__isnull=True))


def dialogue_issues_between(*, area, start, end) -> int:
    """“Kiến nghị tại đối thoại”: the issues people raised at the dialogues held in the period."""
    return _dialogue_issues(area, start, end).count()


def dialogue_issues_resolved_between(*, area, start, end) -> int:
    """“Kiến nghị tại đối thoại đã được giải quyết”: of the period's issues, those resolved by its last day."""
    return _resolved_by(_dialogue_issues(area, start, end), end).count()


def dialogue_issues_resolved_share(*, area, start, end) -> Decimal:
    """“Tỷ lệ kiến nghị tại đối thoại được giải quyết” (%): resolved over raised, one decimal; 0 when none was
    raised. The indicator is weighted by the number raised, so provinces' shares roll up right."""
    issues = _dialogue_issues(area, start, end)
    raised = issues.count()
    if not raised:
        return Decimal(0)
    return (Decimal(100) * _resolved_by(issues, end).count() / raised).quantize(Decimal("0.1"))


def register_sources() -> None:
    from django.utils.translation import gettext_lazy as _

    from danvan.reports.sources import Source, source_register

    for key, label, compute in (
        ("petitions.received", _("Petitions received in the period"), petitions_received_between),
        ("petitions.resolved", _("Petitions resolved in the period"), petitions_resolved_between),
        ("petitions.open", _("Petitions still open at the end of the period"), petitions_open_at_end),
        ("petitions.over_level", _("Petitions sent over the level in the period"), petitions_over_level_between),
        ("reception.turns", _("Citizen reception turns in the period"), reception_turns_between),
        ("reception.head_days", _("Reception days held by the head in person"), reception_head_days_between),
        ("dialogues.held", _("Dialogues held with the people in the period"), dialogues_held_between),
        ("dialogues.issues", _("Issues raised at the period's dialogues"), dialogue_issues_between),
        (
            "dialogues.issues_resolved",
            _("Issues raised at the period's dialogues and resolved by its end"),
            dialogue_issues_resolved_between,
        ),
        (
            "dialogues.issues_resolved_share",
            _("Share of the period's dialogue issues resolved (%)"),
            dialogue_issues_resolved_share,
        ),
    ):
        source_register(Source(key, label, compute))

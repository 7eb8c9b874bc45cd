"""Meetings, work-plan tasks, "Dân vận khéo" models, emulation movements and contests: lists and details, read
through the same selectors as their pages."""

import datetime as dt
import uuid

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from danvan.api.schemas import (
    CODE_PATTERN,
    NO_NUL,
    READ_ERRORS,
    UUID_PATTERN,
    PageParams,
    page_of_queryset,
    page_of_selector,
    page_schema,
)

router = Router()


def _decimal(value) -> str | None:
    return None if value is None else str(value)


# --- Meetings -------------------------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: uuid.UUID
    unit: str
    kind: str
    title: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str


class ConclusionOut(Schema):
    order: int
    text: str
    task: uuid.UUID | None = Field(description="The task the conclusion became, if any.")


class MeetingDetailOut(MeetingOut):
    agenda: str
    minutes: str
    conclusions: list[ConclusionOut]


MeetingPage = page_schema(MeetingOut)


def _meeting_out(m) -> dict:
    return {
        "id": m.public_id,
        "unit": m.unit.code,
        "kind": m.kind,
        "title": m.title,
        "status": m.status,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "place": m.place,
    }


@router.get("meetings", response={200: MeetingPage, **READ_ERRORS}, tags=["meetings"], summary="Hội nghị")
def meetings_list(
    request,
    params: Query[PageParams],
    unit: str | None = Query(None, pattern=CODE_PATTERN, description="Only this unit's meetings."),
):
    """Meetings of the units in the caller's scope, newest first."""
    from danvan.meetings.selectors import meetings_for_user
    from danvan.organisations.selectors import orgunit_get_for_user

    qs = meetings_for_user(user=request.user)
    if unit:
        qs = qs.filter(unit=orgunit_get_for_user(user=request.user, code=unit))
    result = page_of_queryset(qs.order_by("-starts_at", "-id"), params)
    result["items"] = [_meeting_out(m) for m in result["items"]]
    return result


@router.get(
    "meetings/{public_id}", response={200: MeetingDetailOut, **READ_ERRORS}, tags=["meetings"], summary="Một hội nghị"
)
def meeting_detail(request, public_id: str = Path(..., pattern=UUID_PATTERN)):
    from danvan.meetings.selectors import meeting_get_for_user

    meeting = meeting_get_for_user(user=request.user, public_id=uuid.UUID(public_id))
    conclusions = meeting.conclusions.select_related("task").order_by("order")
    return {
        **_meeting_out(meeting),
        "agenda": meeting.agenda,
        "minutes": meeting.minutes,
        "conclusions": [
            {"order": c.order, "text": c.text, "task": c.task.public_id if c.task else None} for c in conclusions
        ],
    }


# --- Tasks ----------------------------------------------------------------------------------------------------


class TaskOut(Schema):
    id: uuid.UUID
    title: str
    expected_output: str
    assigned_by: str
    assignee: str
    deadline: dt.date
    status: str = Field(description="todo, in_progress, done or cancelled")
    progress: int = Field(description="Percent done.")
    last_note: str
    is_overdue: bool


TaskPage = page_schema(TaskOut)


def _task_out(t, today: dt.date) -> dict:
    return {
        "id": t.public_id,
        "title": t.title,
        "expected_output": t.expected_output,
        "assigned_by": t.assigned_by.code,
        "assignee": t.assignee.code,
        "deadline": t.deadline,
        "status": t.status,
        "progress": t.progress,
        "last_note": t.last_note,
        "is_overdue": t.status in {"todo", "in_progress"} and t.deadline < today,
    }


@router.get("tasks", response={200: TaskPage, **READ_ERRORS}, tags=["tasks"], summary="Nhiệm vụ")
def tasks_list(
    request,
    params: Query[PageParams],
    direction: str = Query("to", pattern="^(to|by)$", description="`to`: given to my units; `by`: my units gave."),
    open_only: bool = Query(False, description="Only tasks still to do or in progress."),
):
    """Tasks given to the caller's units (their own and those directly below), or given by them; nearest deadline
    first."""
    from danvan.workplans.selectors import tasks_assigned_by, tasks_assigned_to

    select = tasks_assigned_to if direction == "to" else tasks_assigned_by
    qs = select(user=request.user, open_only=open_only).order_by("deadline", "id")
    result = page_of_queryset(qs, params)
    today = timezone.localdate()
    result["items"] = [_task_out(t, today) for t in result["items"]]
    return result


@router.get("tasks/{public_id}", response={200: TaskOut, **READ_ERRORS}, tags=["tasks"], summary="Một nhiệm vụ")
def task_detail(request, public_id: str = Path(..., pattern=UUID_PATTERN)):
    from danvan.workplans.selectors import task_get_for_user

    return _task_out(task_get_for_user(user=request.user, public_id=uuid.UUID(public_id)), timezone.localdate())


# --- "Dân vận khéo" models ------------------------------------------------------------------------------------


class InitiativeOut(Schema):
    code: str
    name: str
    unit: str
    province: str | None
    year: int
    field: str
    kind: str
    status: str
    recognition_level: str
    start_date: dt.date
    end_date: dt.date | None


class TargetOut(Schema):
    indicator: str
    unit_label: str
    target_value: str


class InitiativeDetailOut(InitiativeOut):
    goal: str
    participants: str
    people_mobilised: int | None
    replicated_from: str | None
    targets: list[TargetOut]


InitiativePage = page_schema(InitiativeOut)


def _initiative_out(i) -> dict:
    return {
        "code": i.code,
        "name": i.name,
        "unit": i.unit.code,
        "province": i.province.code if i.province_id else None,
        "year": i.year,
        "field": i.field,
        "kind": i.kind,
        "status": i.status,
        "recognition_level": i.recognition_level,
        "start_date": i.start_date,
        "end_date": i.end_date,
    }


@router.get(
    "initiatives", response={200: InitiativePage, **READ_ERRORS}, tags=["initiatives"], summary="Mô hình Dân vận khéo"
)
def initiatives_list(
    request,
    params: Query[PageParams],
    q: str = Query("", max_length=100, pattern=NO_NUL, description="Words of the name or goal, diacritics ignored."),
    year: int | None = Query(None, ge=2000, le=2100),
    status: str | None = Query(None, pattern=CODE_PATTERN),
    field: str | None = Query(None, pattern=CODE_PATTERN),
):
    """The library: models of the caller's units and every recognised model, newest first."""
    from danvan.initiatives.selectors import initiative_list_for_user

    result = page_of_selector(
        lambda limit: initiative_list_for_user(
            user=request.user, query=q, year=year, status=status or "", field=field or "", limit=limit
        ),
        params,
    )
    result["items"] = [_initiative_out(i) for i in result["items"]]
    return result


@router.get(
    "initiatives/{code}",
    response={200: InitiativeDetailOut, **READ_ERRORS},
    tags=["initiatives"],
    summary="Một mô hình",
)
def initiative_detail(request, code: str = Path(..., pattern=CODE_PATTERN)):
    from danvan.initiatives.selectors import initiative_get_for_user

    i = initiative_get_for_user(user=request.user, code=code)
    return {
        **_initiative_out(i),
        "goal": i.goal,
        "participants": i.participants,
        "people_mobilised": i.people_mobilised,
        "replicated_from": i.replicated_from.code if i.replicated_from_id else None,
        "targets": [
            {"indicator": t.indicator, "unit_label": t.unit_label, "target_value": str(t.target_value)}
            for t in i.targets.order_by("sort_order", "id")
        ],
    }


# --- Movements ------------------------------------------------------------------------------------------------


class MovementOut(Schema):
    code: str
    name: str
    kind: str
    unit: str = Field(description="The launching unit.")
    scope_unit: str = Field(description="Units under this one take part.")
    status: str
    start_date: dt.date
    end_date: dt.date


class ScoreRowOut(Schema):
    rank: int
    unit: str
    unit_name: str
    score: str
    results_share: str
    completeness: str | None
    reported: int


class ScoreboardOut(Schema):
    movement: str
    rounds_due: int
    rows: list[ScoreRowOut]


MovementPage = page_schema(MovementOut)


def _movement_out(m) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "kind": m.kind,
        "unit": m.unit.code,
        "scope_unit": m.scope_unit.code,
        "status": m.status,
        "start_date": m.start_date,
        "end_date": m.end_date,
    }


@router.get("movements", response={200: MovementPage, **READ_ERRORS}, tags=["movements"], summary="Phong trào")
def movements_list(
    request,
    params: Query[PageParams],
    q: str = Query("", max_length=100, pattern=NO_NUL),
    year: int | None = Query(None, ge=2000, le=2100),
    status: str | None = Query(None, pattern=CODE_PATTERN),
):
    """Movements the caller's units launched or take part in, newest first."""
    from danvan.movements.selectors import movement_list_for_user

    result = page_of_selector(
        lambda limit: movement_list_for_user(user=request.user, year=year, status=status or "", query=q, limit=limit),
        params,
    )
    result["items"] = [_movement_out(m) for m in result["items"]]
    return result


@router.get(
    "movements/{code}", response={200: MovementOut, **READ_ERRORS}, tags=["movements"], summary="Một phong trào"
)
def movement_detail(request, code: str = Path(..., pattern=CODE_PATTERN)):
    from danvan.movements.selectors import movement_get_for_user

    return _movement_out(movement_get_for_user(user=request.user, code=code))


@router.get(
    "movements/{code}/scoreboard",
    response={200: ScoreboardOut, **READ_ERRORS},
    tags=["movements"],
    summary="Bảng xếp hạng phong trào",
)
def movement_scoreboard(
    request,
    code: str = Path(..., pattern=CODE_PATTERN),
    province: str | None = Query(None, pattern=CODE_PATTERN, description="Only the units of this province."),
):
    """Registered units ranked by score, as on the movement's scoreboard page (empty while it is a draft)."""
    from danvan.movements.models import Movement
    from danvan.movements.selectors import movement_get_for_user, province_choices
    from danvan.movements.selectors import movement_scoreboard as scoreboard

    movement = movement_get_for_user(user=request.user, code=code)
    if movement.status == Movement.Status.DRAFT:
        return {"movement": movement.code, "rounds_due": 0, "rows": []}
    root = None
    if province:
        root = next((p for p in province_choices(movement=movement) if p.code == province), None)
        if root is None:
            raise Http404
    board = scoreboard(movement=movement, root=root)
    return {
        "movement": movement.code,
        "rounds_due": board.due,
        "rows": [
            {
                "rank": r.rank,
                "unit": r.unit.code,
                "unit_name": r.unit.name,
                "score": str(r.score),
                "results_share": str(r.results_share),
                "completeness": _decimal(r.completeness),
                "reported": r.reported,
            }
            for r in board.rows
        ],
    }


# --- Contests -------------------------------------------------------------------------------------------------


class ContestOut(Schema):
    code: str
    name: str
    unit: str
    level_label: str
    status: str
    starts_on: dt.date
    ends_on: dt.date | None
    venue: str


class StandingRowOut(Schema):
    rank: int
    team: str
    unit: str
    total: str
    parts: list[str | None] = Field(description="The team's score in each part, in the order of `parts`.")


class StandingsOut(Schema):
    contest: str
    round: int
    round_name: str
    parts: list[str]
    judges: int
    rows: list[StandingRowOut]


ContestPage = page_schema(ContestOut)


def _contest_out(c) -> dict:
    return {
        "code": c.code,
        "name": c.name,
        "unit": c.unit.code,
        "level_label": c.level_label,
        "status": c.status,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "venue": c.venue,
    }


@router.get("contests", response={200: ContestPage, **READ_ERRORS}, tags=["contests"], summary="Hội thi")
def contests_list(request, params: Query[PageParams], year: int | None = Query(None, ge=2000, le=2100)):
    """Contests the caller's units organise or take part in, or that they judge; newest first."""
    from danvan.contests.selectors import contest_list_for_user

    result = page_of_selector(lambda limit: contest_list_for_user(user=request.user, year=year, limit=limit), params)
    result["items"] = [_contest_out(c) for c in result["items"]]
    return result


@router.get("contests/{code}", response={200: ContestOut, **READ_ERRORS}, tags=["contests"], summary="Một hội thi")
def contest_detail(request, code: str = Path(..., pattern=CODE_PATTERN)):
    from danvan.contests.selectors import contest_get_for_user

    return _contest_out(contest_get_for_user(user=request.user, code=code))


@router.get(
    "contests/{code}/standings",
    response={200: StandingsOut, **READ_ERRORS},
    tags=["contests"],
    summary="Bảng điểm hội thi",
)
def contest_standings(
    request,
    code: str = Path(..., pattern=CODE_PATTERN),
    round: int | None = Query(None, ge=1, le=100, description="The round's order; the last scored round if omitted."),
):
    """A round's ranking with each part's score, as on the standings page."""
    from danvan.contests.selectors import contest_get_for_user, round_get, round_standings

    contest = contest_get_for_user(user=request.user, code=code)
    the_round = round_get(contest=contest, order=round)
    the_round.contest = contest
    standings = round_standings(round=the_round)
    return {
        "contest": contest.code,
        "round": the_round.order,
        "round_name": the_round.name,
        "parts": [p.title for p in standings.parts],
        "judges": standings.judge_count,
        "rows": [
            {
                "rank": row.rank,
                "team": row.team.name,
                "unit": row.team.unit.code,
                "total": str(row.total),
                "parts": [_decimal(cell.score) for cell in row.cells],
            }
            for row in standings.rows
        ],
    }

"""Writes for the Hội thi “Dân vận khéo”. Each service: keyword-only, one transaction, one audit event.

Rule violations raise ApplicationError with a Vietnamese message that names the field and the fix; nothing is
written then. Set-up and scores are locked once the contest is finished.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.contests import permissions as perms
from danvan.contests.models import (
    DEFAULT_TIE_BREAK,
    Contest,
    Contestant,
    Judge,
    Part,
    PartKind,
    Prize,
    Round,
    RoundEntry,
    Score,
    Team,
)
from danvan.core.errors import ApplicationError
from danvan.core.locking import check_version
from danvan.core.numbers import as_id, parse_decimal
from danvan.core.sequences import next_in_sequence
from danvan.core.text import fold
from danvan.organisations.models import OrgUnit

CONTEST_FIELDS = [
    "name",
    "level_label",
    "starts_on",
    "ends_on",
    "venue",
    "scoring_rule",
    "trim_min_judges",
    "tie_break_order",
    "prize_first",
    "prize_second",
    "prize_third",
    "prize_encouragement",
    "basis",
]
LOCKED = "Hội thi đã kết thúc: kết quả đã khóa, không thay đổi được nữa."


def number_text(value: Decimal) -> str:
    """10.00 → "10", 8.50 → "8,5" (Vietnamese decimal comma)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


CENT = Decimal("0.01")


def parse_number(raw, *, label: str, field: str, digits: int = 6) -> Decimal:
    """A mark, maximum or coefficient (DecimalField(6, 2) unless `digits` says otherwise)."""
    return parse_decimal(raw, label=label, field=field, digits=digits, example=", ví dụ 8 hoặc 8,5")


def score_check(part: Part, raw, *, field: str = "value") -> Decimal:
    """The mark as a number, or ApplicationError naming the part and its range. Shared by the form and service."""
    value = parse_number(raw, label=part.title, field=field)
    if value < 0 or value > part.max_score:
        raise ApplicationError(
            f"“{part.title}”: điểm phải từ 0 đến {number_text(part.max_score)} "
            f"(đồng chí đã nhập {number_text(value)}).",
            field=field,
        )
    if value != value.quantize(CENT):
        raise ApplicationError(f"“{part.title}”: điểm lấy tối đa 2 chữ số thập phân.", field=field)
    return value


def _require_organiser(actor, contest: Contest) -> None:
    if not perms.can_organise(actor, contest):
        raise ApplicationError(
            "Chỉ cán bộ của đơn vị tổ chức (hoặc cấp trên) mới được thực hiện việc này.", code="forbidden"
        )


def _require_open(contest: Contest) -> None:
    if contest.is_finished:
        raise ApplicationError(LOCKED, code="locked")


def _locked_contest(contest: Contest) -> Contest:
    """Re-read the contest with a row lock, so a finish and a score save never interleave."""
    return Contest.objects.select_for_update().select_related("unit").get(pk=contest.pk)


def _clean_settings(data: dict) -> dict:
    name = (data.get("name") or "").strip()
    if not name:
        raise ApplicationError("Hãy nhập tên hội thi.", field="name")
    if data.get("starts_on") is None:
        raise ApplicationError("Hãy nhập ngày thi (dd/mm/yyyy).", field="starts_on")
    if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise ApplicationError("“Ngày kết thúc” phải cùng hoặc sau ngày bắt đầu.", field="ends_on")
    if data.get("scoring_rule") not in Contest.ScoringRule.values:
        raise ApplicationError("Hãy chọn cách tính điểm phần thi trong danh sách.", field="scoring_rule")
    trim = int(data.get("trim_min_judges") or 0)
    if not 3 <= trim <= 50:
        raise ApplicationError(
            "“Số giám khảo tối thiểu để bỏ điểm cao nhất, thấp nhất”: phải từ 3 đến 50.", field="trim_min_judges"
        )
    order = [k for k in (data.get("tie_break_order") or DEFAULT_TIE_BREAK) if k]
    unknown = [k for k in order if k not in PartKind.values]
    if unknown or len(set(order)) != len(order):
        raise ApplicationError(
            "“Thứ tự xét khi bằng điểm”: mỗi loại phần thi chỉ chọn một lần, trong danh sách có sẵn.",
            field="tie_break_order",
        )
    counts = {}
    for key, label in (
        ("prize_first", "Số giải Nhất"),
        ("prize_second", "Số giải Nhì"),
        ("prize_third", "Số giải Ba"),
        ("prize_encouragement", "Số giải Khuyến khích"),
    ):
        value = data.get(key)
        value = 0 if value in (None, "") else int(value)
        if not 0 <= value <= 100:
            raise ApplicationError(f"“{label}”: phải từ 0 đến 100.", field=key)
        counts[key] = value
    if not any(counts.values()):
        raise ApplicationError("Hãy đặt ít nhất một giải (ví dụ 1 giải Nhất).", field="prize_first")
    return {
        "name": name[:255],
        "level_label": (data.get("level_label") or "").strip()[:64],
        "starts_on": data["starts_on"],
        "ends_on": data.get("ends_on"),
        "venue": (data.get("venue") or "").strip()[:255],
        "scoring_rule": data["scoring_rule"],
        "trim_min_judges": trim,
        "tie_break_order": order,
        "basis": (data.get("basis") or "").strip(),
        **counts,
    }


def contest_create(
    *,
    actor,
    unit: OrgUnit,
    name: str,
    starts_on: dt.date,
    level_label: str = "",
    ends_on: dt.date | None = None,
    venue: str = "",
    scoring_rule: str = Contest.ScoringRule.MEAN,
    trim_min_judges: int = 5,
    tie_break_order: list[str] | None = None,
    prize_first: int = 1,
    prize_second: int = 2,
    prize_third: int = 3,
    prize_encouragement: int = 0,
    basis: str = "",
) -> Contest:
    """Create a contest organised by `unit` (status "preparing"), with the next HT-YYYY-NNNNNN code."""
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError(
            "Đồng chí chỉ được tổ chức hội thi cho đơn vị mình hoặc đơn vị cấp dưới.", field="unit", code="forbidden"
        )
    data = _clean_settings(locals())
    with transaction.atomic():
        contest = Contest.objects.create(
            code=next_in_sequence(prefix="HT", year=data["starts_on"].year),
            unit=unit,
            created_by=actor,
            **data,
        )
        audit_record(
            actor=actor,
            action=Action.CONTEST_CREATED,
            unit=unit,
            target=contest,
            after=snapshot(contest, ["code", "unit", *CONTEST_FIELDS]),
        )
    return contest


def contest_update(*, actor, contest: Contest, expected_version: str | None = None, **fields) -> Contest:
    """Change the name, dates, venue, scoring rule, tie-break order or prize counts (not after it finished).

    `expected_version` (core.locking): the contest's version the edit page showed; stale → conflict."""
    _require_organiser(actor, contest)
    unknown = set(fields) - set(CONTEST_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        contest = _locked_contest(contest)
        check_version(contest, expected_version, what="Hội thi")
        _require_open(contest)
        data = _clean_settings({**snapshot_values(contest), **fields})
        before = snapshot(contest, CONTEST_FIELDS)
        for key, value in data.items():
            setattr(contest, key, value)
        contest.save()
        audit_record(
            actor=actor,
            action=Action.CONTEST_UPDATED,
            unit=contest.unit,
            target=contest,
            before=before,
            after=snapshot(contest, CONTEST_FIELDS),
        )
    return contest


def snapshot_values(contest: Contest) -> dict:
    return {name: getattr(contest, name) for name in CONTEST_FIELDS}


def contest_start(*, actor, contest: Contest) -> Contest:
    """preparing → running: needs a round with parts, two teams in the first round and one judge."""
    _require_organiser(actor, contest)
    with transaction.atomic():
        contest = _locked_contest(contest)
        if contest.status != Contest.Status.PREPARING:
            raise ApplicationError("Hội thi đã bắt đầu rồi.", code="state")
        first = contest.rounds.order_by("order").first()
        if first is None or not first.parts.exists():
            raise ApplicationError("Hãy thêm vòng thi và các phần thi trước khi bắt đầu.", field="rounds")
        if first.entries.count() < 2:
            raise ApplicationError("Vòng thi đầu tiên cần ít nhất 2 đội thi.", field="teams")
        if not contest.judges.exists():
            raise ApplicationError("Hãy thêm Ban Giám khảo trước khi bắt đầu.", field="judges")
        contest.status = Contest.Status.RUNNING
        contest.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.CONTEST_STATUS_CHANGED,
            unit=contest.unit,
            target=contest,
            before={"status": Contest.Status.PREPARING},
            after={"status": contest.status},
        )
    return contest


def contest_finish(*, actor, contest: Contest) -> Contest:
    """running → finished: the scores are locked from now on."""
    _require_organiser(actor, contest)
    with transaction.atomic():
        contest = _locked_contest(contest)
        if contest.status != Contest.Status.RUNNING:
            raise ApplicationError("Chỉ kết thúc được hội thi đang diễn ra.", code="state")
        contest.status = Contest.Status.FINISHED
        contest.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.CONTEST_STATUS_CHANGED,
            unit=contest.unit,
            target=contest,
            before={"status": Contest.Status.RUNNING},
            after={"status": contest.status},
        )
    return contest


def round_create(*, actor, contest: Contest, name: str) -> Round:
    """Add a round after the last one. The first round enters every team; later rounds start empty."""
    _require_organiser(actor, contest)
    name = (name or "").strip()
    if not name:
        raise ApplicationError("Hãy nhập tên vòng thi, ví dụ “Vòng sơ khảo”.", field="name")
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        last = contest.rounds.aggregate(m=Max("order"))["m"]
        round = Round.objects.create(contest=contest, order=(last or 0) + 1, name=name[:128])
        if last is None:
            RoundEntry.objects.bulk_create(RoundEntry(round=round, team=t) for t in contest.teams.all())
        audit_record(
            actor=actor,
            action=Action.CONTEST_ROUND_CREATED,
            unit=contest.unit,
            target=contest,
            after={"round": round.name, "order": round.order},
        )
    return round


def round_teams_set(*, actor, round: Round, teams: list[Team]) -> Round:
    """Choose the teams that compete in `round` (teams already scored in it cannot be taken out)."""
    contest = round.contest
    _require_organiser(actor, contest)
    if any(t.contest_id != contest.pk for t in teams):
        raise ApplicationError("Chỉ chọn được các đội của hội thi này.", field="teams")
    if not teams:
        raise ApplicationError("Hãy chọn ít nhất một đội.", field="teams")
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        before = set(round.entries.values_list("team_id", flat=True))
        after = {t.pk for t in teams}
        removed = before - after
        scored = set(Score.objects.filter(part__round=round, team_id__in=removed).values_list("team__name", flat=True))
        if scored:
            raise ApplicationError(
                f"Không bỏ được đội đã có điểm ở vòng này: {', '.join(sorted(scored))}.", field="teams"
            )
        RoundEntry.objects.filter(round=round, team_id__in=removed).delete()
        RoundEntry.objects.bulk_create(RoundEntry(round=round, team_id=pk) for pk in sorted(after - before))
        audit_record(
            actor=actor,
            action=Action.CONTEST_ROUND_TEAMS_SET,
            unit=contest.unit,
            target=contest,
            before={"round": round.name, "teams": sorted(before)},
            after={"round": round.name, "teams": sorted(after)},
        )
    return round


def round_advance(*, actor, round: Round, count: int) -> Round:
    """Enter the best `count` teams of the previous round into `round` (refused if a tie straddles the cut)."""
    from danvan.contests.selectors import round_standings

    previous = round.contest.rounds.filter(order__lt=round.order).order_by("-order").first()
    if previous is None:
        raise ApplicationError("Vòng đầu tiên không có vòng trước để chọn đội.", field="count")
    standings = round_standings(round=previous)
    if not 1 <= count <= len(standings.rows):
        raise ApplicationError(f"“Số đội vào vòng”: phải từ 1 đến {len(standings.rows)}.", field="count")
    rows = standings.rows
    if count < len(rows) and rows[count - 1].rank == rows[count].rank:
        raise ApplicationError(
            f"Các đội {rows[count - 1].team.name} và {rows[count].team.name} bằng điểm ở ranh giới chọn "
            f"{count} đội: hãy đổi số đội hoặc chọn đội bằng tay.",
            field="count",
        )
    return round_teams_set(actor=actor, round=round, teams=[r.team for r in rows[:count]])


def part_create(
    *, actor, round: Round, kind: str, title: str, max_score, coefficient="1", order: int | None = None
) -> Part:
    """Add a part (phần thi) to a round: kind, title, maximum score and coefficient."""
    contest = round.contest
    _require_organiser(actor, contest)
    if kind not in PartKind.values:
        raise ApplicationError("Hãy chọn loại phần thi trong danh sách.", field="kind")
    title = (title or "").strip() or PartKind(kind).label
    # Rounded as stored (2 decimals) before the range check: 0,001 would otherwise pass and be saved as 0.
    top = parse_number(max_score, label="Điểm tối đa", field="max_score").quantize(CENT)
    if not Decimal(0) < top <= Decimal(1000):
        raise ApplicationError("“Điểm tối đa”: phải lớn hơn 0 và không quá 1000.", field="max_score")
    weight = parse_number(coefficient, label="Hệ số", field="coefficient", digits=4).quantize(CENT)
    if not Decimal(0) < weight <= Decimal(10):
        raise ApplicationError("“Hệ số”: phải lớn hơn 0 và không quá 10.", field="coefficient")
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        if order is None:
            order = (round.parts.aggregate(m=Max("order"))["m"] or 0) + 1
        part = Part.objects.create(
            round=round, kind=kind, title=title[:128], max_score=top, coefficient=weight, order=order
        )
        audit_record(
            actor=actor,
            action=Action.CONTEST_PART_CREATED,
            unit=contest.unit,
            target=contest,
            after={"round": round.name, "part": part.title, "kind": kind, "max": str(top), "coefficient": str(weight)},
        )
    return part


def part_remove(*, actor, part: Part) -> None:
    contest = part.round.contest
    _require_organiser(actor, contest)
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        if part.scores.exists():
            raise ApplicationError(f"Phần thi “{part.title}” đã có điểm: không xóa được.", field="part")
        audit_record(
            actor=actor,
            action=Action.CONTEST_PART_REMOVED,
            unit=contest.unit,
            target=contest,
            before={"round": part.round.name, "part": part.title},
        )
        part.delete()


def _clean_contestants(contestants) -> list[tuple[str, str, bool]]:
    cleaned = []
    for number, item in enumerate(contestants or (), start=1):
        full_name, title, captain = (list(item) + ["", "", False])[:3]
        full_name = (full_name or "").strip()
        if not full_name:
            raise ApplicationError(f"Thí sinh số {number}: hãy nhập họ tên.", field="contestants")
        cleaned.append((full_name[:128], (title or "").strip()[:128], bool(captain)))
    if sum(1 for c in cleaned if c[2]) > 1:
        raise ApplicationError("Mỗi đội chỉ có một đội trưởng.", field="contestants")
    return cleaned


def _check_team(contest: Contest, unit: OrgUnit, draw_number, *, exclude: int | None = None) -> None:
    if not OrgUnit.objects.filter(pk=unit.pk, ancestor_links__ancestor=contest.unit).exists():
        raise ApplicationError(
            f"“Đơn vị dự thi”: {unit.name} không thuộc {contest.unit.name}; chỉ đơn vị trực thuộc mới dự thi.",
            field="unit",
        )
    others = contest.teams.exclude(pk=exclude) if exclude else contest.teams.all()
    if others.filter(unit=unit).exists():
        raise ApplicationError(f"“Đơn vị dự thi”: {unit.name} đã có đội trong hội thi này.", field="unit")
    if draw_number is not None and others.filter(draw_number=draw_number).exists():
        raise ApplicationError(f"“Số bốc thăm”: số {draw_number} đã thuộc đội khác.", field="draw_number")


def _add_team(contest: Contest, unit: OrgUnit, name: str, draw_number, contestants) -> Team:
    team = Team.objects.create(
        contest=contest, unit=unit, name=(name or "").strip()[:255] or f"Đội {unit.name}", draw_number=draw_number
    )
    Contestant.objects.bulk_create(
        Contestant(team=team, full_name=n, title=t, is_captain=c, order=i) for i, (n, t, c) in enumerate(contestants)
    )
    first = contest.rounds.order_by("order").first()
    if first is not None:
        RoundEntry.objects.create(round=first, team=team)
    return team


def team_add(
    *, actor, contest: Contest, unit: OrgUnit, name: str = "", draw_number: int | None = None, contestants=()
) -> Team:
    """Add a team of `unit` (in the organising unit's subtree) with its contestants; it enters the first round.

    `contestants`: (full name, position, is captain) tuples.
    """
    _require_organiser(actor, contest)
    cleaned = _clean_contestants(contestants)
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        _check_team(contest, unit, draw_number)
        team = _add_team(contest, unit, name, draw_number, cleaned)
        audit_record(
            actor=actor,
            action=Action.CONTEST_TEAM_ADDED,
            unit=contest.unit,
            target=contest,
            after={"team": team.name, "unit": unit.code, "draw_number": draw_number, "contestants": len(cleaned)},
        )
    return team


def team_update(*, actor, team: Team, name: str, draw_number: int | None, contestants) -> Team:
    """Rename a team, change its draw number and replace its list of contestants."""
    contest = team.contest
    _require_organiser(actor, contest)
    cleaned = _clean_contestants(contestants)
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        _check_team(contest, team.unit, draw_number, exclude=team.pk)
        before = {
            "name": team.name,
            "draw_number": team.draw_number,
            "contestants": [c.full_name for c in team.contestants.all()],
        }
        team.name = (name or "").strip()[:255] or team.name
        team.draw_number = draw_number
        team.save(update_fields=["name", "draw_number"])
        team.contestants.all().delete()
        Contestant.objects.bulk_create(
            Contestant(team=team, full_name=n, title=t, is_captain=c, order=i) for i, (n, t, c) in enumerate(cleaned)
        )
        audit_record(
            actor=actor,
            action=Action.CONTEST_TEAM_UPDATED,
            unit=contest.unit,
            target=contest,
            before=before,
            after={"name": team.name, "draw_number": draw_number, "contestants": [c[0] for c in cleaned]},
        )
    return team


def teams_import(*, actor, contest: Contest, rows: list[dict]) -> list[Team]:
    """Add many teams at once. `rows`: dicts with unit (code), team, draw, name, title, captain — one row per
    contestant, the team columns repeated (or left empty after the first row of a team).

    Every row is checked before anything is written; the errors are listed by row number (header = row 1).
    """
    _require_organiser(actor, contest)
    errors: list[str] = []
    # A unit is written by its name as in the tree (or its code): a name naming one unit under the contest's
    # is read as that unit.
    named: dict[str, list[str]] = {}
    typed = {(r.get("unit") or "").strip() for r in rows} - {""}
    if typed - set(OrgUnit.objects.filter(code__in=typed).values_list("code", flat=True)):
        wanted = {fold(text) for text in typed}
        for code, name in OrgUnit.objects.filter(ancestor_links__ancestor=contest.unit).values_list("code", "name"):
            if fold(name) in wanted:
                named.setdefault(fold(name), []).append(code)
    for row in rows:
        found = named.get(fold(row.get("unit") or ""), [])
        if len(found) == 1:
            row["unit"] = found[0]
    codes = {(r.get("unit") or "").strip() for r in rows}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes, ancestor_links__ancestor=contest.unit)}
    known = {u.code for u in OrgUnit.objects.filter(code__in=codes)}
    existing_units = set(contest.teams.values_list("unit__code", flat=True))
    existing_draws = set(contest.teams.exclude(draw_number=None).values_list("draw_number", flat=True))
    teams: dict[str, dict] = {}
    draws: dict[int, str] = {}
    for index, row in enumerate(rows, start=2):
        number = row.get("_line", index)
        code = (row.get("unit") or "").strip()
        if not code:
            errors.append(f"Dòng {number}: thiếu đơn vị (cột “Đơn vị”), ghi tên đơn vị như trong cây tổ chức.")
            continue
        if code not in known:
            errors.append(
                f"Dòng {number}: không có đơn vị “{code}” dưới {contest.unit.name}; ghi đúng tên như trong cây tổ chức."
            )
            continue
        if code not in units:
            errors.append(f"Dòng {number}: đơn vị {code} không thuộc {contest.unit.name}.")
            continue
        if code in existing_units:
            errors.append(f"Dòng {number}: đơn vị {code} đã có đội trong hội thi.")
            continue
        team = teams.setdefault(code, {"name": "", "draw": None, "contestants": []})
        if (row.get("team") or "").strip():
            team["name"] = row["team"].strip()
        draw = (str(row.get("draw") or "")).strip()
        if draw:
            if not 1 <= (as_id(draw) or 0) <= 999:
                errors.append(f"Dòng {number}: “Số bốc thăm” phải là số nguyên từ 1 đến 999.")
            elif int(draw) in existing_draws or draws.get(int(draw), code) != code:
                errors.append(f"Dòng {number}: số bốc thăm {draw} bị trùng.")
            else:
                draws[int(draw)] = code
                team["draw"] = int(draw)
        full_name = (row.get("name") or "").strip()
        if not full_name:
            errors.append(f"Dòng {number}: thiếu họ tên thí sinh.")
            continue
        captain = (str(row.get("captain") or "")).strip().lower() in {"x", "1", "có", "co", "true", "đội trưởng"}
        team["contestants"].append((full_name, (row.get("title") or "").strip(), captain))
    if not rows:
        errors.append("Tệp không có dòng dữ liệu nào.")
    for code, team in teams.items():
        if sum(1 for c in team["contestants"] if c[2]) > 1:
            errors.append(f"Đơn vị {code}: mỗi đội chỉ có một đội trưởng.")
    if errors:
        raise ApplicationError("\n".join(errors[:50]), field="file", extra={"errors": errors})
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        created = [
            _add_team(contest, units[code], team["name"], team["draw"], _clean_contestants(team["contestants"]))
            for code, team in teams.items()
        ]
        audit_record(
            actor=actor,
            action=Action.CONTEST_TEAMS_IMPORTED,
            unit=contest.unit,
            target=contest,
            after={
                "teams": [t.name for t in created],
                "contestants": sum(len(t["contestants"]) for t in teams.values()),
            },
        )
    return created


def judge_add(*, actor, contest: Contest, user, home_unit: OrgUnit, is_chair: bool = False) -> Judge:
    """Seat `user` on the panel, coming from `home_unit` (which decides the teams they may not score)."""
    _require_organiser(actor, contest)
    if user is None or not user.is_active:
        raise ApplicationError("“Giám khảo”: không có tài khoản đang hoạt động với tên đăng nhập này.", field="user")
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        if contest.judges.filter(user=user).exists():
            raise ApplicationError(f"“Giám khảo”: {user} đã có trong Ban Giám khảo.", field="user")
        if is_chair and contest.judges.filter(is_chair=True).exists():
            raise ApplicationError("Ban Giám khảo đã có Trưởng ban.", field="is_chair")
        judge = Judge.objects.create(contest=contest, user=user, home_unit=home_unit, is_chair=is_chair)
        audit_record(
            actor=actor,
            action=Action.CONTEST_JUDGE_ADDED,
            unit=contest.unit,
            target=contest,
            after={"judge": user.get_username(), "home_unit": home_unit.code, "chair": is_chair},
        )
    return judge


def judge_remove(*, actor, judge: Judge) -> None:
    contest = judge.contest
    _require_organiser(actor, contest)
    with transaction.atomic():
        contest = _locked_contest(contest)
        _require_open(contest)
        if judge.scores.exists():
            raise ApplicationError(f"Giám khảo {judge.user} đã chấm điểm: không rút khỏi Ban Giám khảo được.")
        audit_record(
            actor=actor,
            action=Action.CONTEST_JUDGE_REMOVED,
            unit=contest.unit,
            target=contest,
            before={"judge": judge.user.get_username(), "home_unit": judge.home_unit.code},
        )
        judge.delete()


def scores_enter(*, actor, round: Round, team: Team, values: dict[int, object]) -> dict:
    """A judge saves their marks for one team in a round: {part id: value, or "" / None to clear it}.

    Refused (nothing written): the actor is not on the panel; the contest is not running (finished: locked);
    the team is not in that round; the own-unit rule (permissions.forbidden_pairs); a value outside 0…max of its
    part. Corrections overwrite the judge's earlier mark; one audit event lists each change with before/after.
    Returns {part id: Decimal or None} as saved.
    """
    contest = round.contest
    judge = Judge.objects.filter(contest=contest, user=actor).select_related("home_unit").first()
    if judge is None or not getattr(actor, "is_active", False):
        raise ApplicationError("Đồng chí không có trong Ban Giám khảo của hội thi này.", code="forbidden")
    parts = {p.pk: p for p in round.parts.all()}
    cleaned: dict[int, Decimal | None] = {}
    for part_id, raw in values.items():
        part = parts.get(int(part_id))
        if part is None:
            raise ApplicationError("Phần thi này không thuộc vòng thi đang chấm.", field="part")
        if raw is None or str(raw).strip() == "":
            cleaned[part.pk] = None
        else:
            cleaned[part.pk] = score_check(part, raw, field=f"part_{part.pk}")
    with transaction.atomic():
        contest = _locked_contest(contest)
        if contest.status == Contest.Status.FINISHED:
            raise ApplicationError(LOCKED, code="locked")
        if contest.status != Contest.Status.RUNNING:
            raise ApplicationError("Hội thi chưa bắt đầu: chưa chấm điểm được.", code="state")
        if team.contest_id != contest.pk or not RoundEntry.objects.filter(round=round, team=team).exists():
            raise ApplicationError(f"Đội “{team.name}” không thi ở {round.name}.", field="team")
        if perms.judge_conflict(judge=judge, team=team, organiser=contest.unit):
            raise ApplicationError(
                f"Giám khảo không chấm đội của chính đơn vị mình: đồng chí thuộc {judge.home_unit.name}, "
                f"đội “{team.name}” thuộc {team.unit.name}.",
                field="team",
                code="forbidden",
            )
        existing = {s.part_id: s for s in Score.objects.filter(judge=judge, team=team, part_id__in=cleaned)}
        changes = []
        for part_id, value in cleaned.items():
            score = existing.get(part_id)
            old = score.value if score else None
            if old == value:
                continue
            if value is None:
                score.delete()
            elif score is None:
                Score.objects.create(judge=judge, team=team, part_id=part_id, value=value)
            else:
                score.value = value
                score.save(update_fields=["value", "updated_at"])
            changes.append(
                {
                    "part": parts[part_id].title,
                    "before": None if old is None else str(old),
                    "after": None if value is None else str(value),
                }
            )
        if changes:
            audit_record(
                actor=actor,
                action=Action.CONTEST_SCORES_ENTERED,
                unit=contest.unit,
                target=contest,
                before={c["part"]: c["before"] for c in changes},
                after={c["part"]: c["after"] for c in changes},
                details={"round": round.name, "team": team.name, "judge": actor.get_username()},
            )
    return cleaned


def prizes_plan(*, contest: Contest, standings) -> list[tuple[object, str, str]]:
    """(row, tier, label) for the prize winners of `standings`, or ApplicationError.

    Tiers are filled in rank order with the configured counts. When teams share a rank across a tier's
    boundary (the last prize of a tier and the next team), the award is refused: the organisers must add a
    tie-break (another part kind in the order) or change the counts — two teams are never silently split.
    """
    rows = standings.rows
    if not rows:
        raise ApplicationError("Vòng chung kết chưa có đội thi nào.", field="teams")
    missing = [
        f"{row.team.name} — {part.title}"
        for row in rows
        for part, cell in zip(standings.parts, row.cells, strict=True)
        if cell.judges == 0
    ]
    if not standings.parts or missing:
        raise ApplicationError(
            "Chưa chấm xong vòng chung kết, còn thiếu điểm: " + "; ".join(missing[:10]) + ".", field="scores"
        )
    plan = []
    position = 0
    for tier, label, count in contest.prize_counts():
        for _ in range(count):
            if position >= len(rows):
                break
            plan.append((rows[position], tier, label))
            position += 1
        if 0 < position < len(rows) and count and rows[position - 1].rank == rows[position].rank:
            a, b = rows[position - 1], rows[position]
            raise ApplicationError(
                f"Đội “{a.team.name}” và đội “{b.team.name}” bằng điểm ({number_text(a.total)}) ở ranh giới của "
                f"{label}: hãy bổ sung thứ tự xét khi bằng điểm (hoặc đổi số giải) rồi trao giải lại.",
                field="tie_break_order",
                code="tie",
            )
    return plan


def contest_prizes_award(*, actor, contest: Contest) -> list[Prize]:
    """Award the prizes from the final round's ranking into the configured tiers (replacing earlier awards)."""
    from danvan.contests.selectors import round_standings

    _require_organiser(actor, contest)
    final = contest.rounds.order_by("-order").first()
    if final is None:
        raise ApplicationError("Hội thi chưa có vòng thi.", field="rounds")
    with transaction.atomic():
        contest = _locked_contest(contest)
        if contest.status == Contest.Status.PREPARING:
            raise ApplicationError("Hội thi chưa diễn ra: chưa trao giải được.", code="state")
        final.contest = contest
        plan = prizes_plan(contest=contest, standings=round_standings(round=final))
        before = [f"{p.label}: {p.team.name}" for p in contest.prizes.select_related("team")]
        contest.prizes.all().delete()
        prizes = Prize.objects.bulk_create(
            Prize(contest=contest, team=row.team, tier=tier, label=label, rank=row.rank, total=row.total)
            for row, tier, label in plan
        )
        audit_record(
            actor=actor,
            action=Action.CONTEST_PRIZES_AWARDED,
            unit=contest.unit,
            target=contest,
            before={"prizes": before} if before else None,
            after={"prizes": [f"{p.label}: {p.team.name}" for p in prizes]},
        )
    return prizes


def contest_decision_draft(*, actor, contest: Contest, today: dt.date):
    """The “Quyết định trao giải Hội thi …” in Party format, put into its draft in the documents app (one per
    contest); the signer issues it there and the QĐ register gives its number then."""
    from danvan.contests.documents import decision_docx
    from danvan.documents.generated import generated_draft
    from danvan.documents.heading import issuer_for

    _require_organiser(actor, contest)
    prizes = list(contest.prizes.select_related("team__unit"))
    if not prizes:
        raise ApplicationError("Hãy trao giải trước khi ban hành quyết định.", field="prizes")
    subject = f"Về việc trao giải {contest.name}"
    return generated_draft(
        actor=actor,
        issuer=issuer_for(contest.unit),
        doc_type_code="QĐ",
        title=subject,
        build=lambda reference: decision_docx(contest=contest, prizes=prizes, reference=reference, today=today),
        key=f"contest:{contest.code}",
        source_url=f"/hoi-thi/{contest.code}/",
    )

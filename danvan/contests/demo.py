"""A demo Hội thi so the pages and the projector view show something: xã Yên Thế, 2026. Idempotent."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from danvan.accounts.models import User
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.contests.models import (
    DEFAULT_TIE_BREAK,
    Contest,
    Contestant,
    Judge,
    Part,
    PartKind,
    Round,
    RoundEntry,
    Score,
    Team,
)
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit

NAME = "Hội thi Dân vận khéo xã Yên Thế năm 2026"
ORGANISER = "C7288-DU"
TEAMS = (
    ("C7288-MTTQ", "Đội Mặt trận Tổ quốc", 1, ("Nguyễn Thị Hằng", "Phó Chủ tịch UBMTTQ xã")),
    ("C7288-HND", "Đội Hội Nông dân", 2, ("Đỗ Thị Hoa", "Chủ tịch Hội Nông dân xã")),
    ("C7288-HPN", "Đội Hội Liên hiệp Phụ nữ", 3, ("Lương Thị Thu", "Chủ tịch Hội LHPN xã")),
    ("C7288-DTN", "Đội Đoàn Thanh niên", 4, ("Hoàng Văn Nam", "Bí thư Đoàn xã")),
    ("C7288-CCB", "Đội Hội Cựu chiến binh", 5, ("Trần Văn Bình", "Chủ tịch Hội CCB xã")),
    ("C7288-CA", "Đội Công an xã", 6, ("Vi Văn Khánh", "Phó Trưởng Công an xã")),
)
PARTS = (
    (PartKind.GREETING, "Chào hỏi", "10", "1"),
    (PartKind.KNOWLEDGE, "Kiến thức", "30", "1"),
    (PartKind.SCENARIO, "Xử lý tình huống", "30", "1"),
    (PartKind.SKETCH, "Tiểu phẩm", "20", "1"),
    (PartKind.TALENT, "Năng khiếu", "10", "1"),
)
# (username, home unit, chair): the province's officers and the commune's own khối dân vận officer.
JUDGES = (("bn.lanhdao", "P24-TGDV", True), ("bn.chuyenvien", "P24-TGDV", False), ("xa.yenthe", "C7288-DU", False))
# Marks of the first round's first three parts, per judge, per team (in TEAMS order): the rest is left to enter.
MARKS = {
    "bn.lanhdao": ((9, 26, 25), (8.5, 24, 27), (9.5, 27, 26), (8, 22, 24), (8.5, 25, 23), (9, 23, 25)),
    "bn.chuyenvien": ((8.5, 25, 26), (9, 25, 26), (9, 28, 25), (8, 23, 23), (9, 24, 24), (8.5, 24, 26)),
    "xa.yenthe": ((9, 27, 24), (8, 23, 28), (9.5, 26, 27), (7.5, 21, 25), (8, 26, 22), (9, 22, 24)),
}


def demo_contests_load() -> Contest | None:
    """Create the demo contest if it is not there yet; None when the tree or the demo personas are missing."""
    if Contest.objects.filter(name=NAME, unit__code=ORGANISER).exists():
        return Contest.objects.get(name=NAME, unit__code=ORGANISER)
    codes = {ORGANISER, *(t[0] for t in TEAMS), *(j[1] for j in JUDGES)}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    users = {u.username: u for u in User.objects.filter(username__in=[j[0] for j in JUDGES])}
    if len(units) != len(codes) or len(users) != len(JUDGES):
        return None
    with transaction.atomic():
        contest = Contest.objects.create(
            code=next_in_sequence(prefix="HT", year=2026),
            unit=units[ORGANISER],
            name=NAME,
            level_label="cấp xã",
            starts_on=dt.date(2026, 10, 15),
            venue="Hội trường Đảng ủy xã Yên Thế",
            status=Contest.Status.RUNNING,
            tie_break_order=DEFAULT_TIE_BREAK,
            basis="Căn cứ Kế hoạch tổ chức Hội thi Dân vận khéo xã Yên Thế năm 2026 của Đảng ủy xã",
        )
        rounds = [
            Round.objects.create(contest=contest, order=1, name="Vòng sơ khảo"),
            Round.objects.create(contest=contest, order=2, name="Vòng chung kết"),
        ]
        for round in rounds:
            for order, (kind, title, top, coefficient) in enumerate(PARTS, start=1):
                Part.objects.create(
                    round=round,
                    kind=kind,
                    title=title,
                    max_score=Decimal(top),
                    coefficient=Decimal(coefficient),
                    order=order,
                )
        teams = []
        for code, name, draw, (captain, title) in TEAMS:
            team = Team.objects.create(contest=contest, unit=units[code], name=name, draw_number=draw)
            Contestant.objects.bulk_create(
                [
                    Contestant(team=team, full_name=captain, title=title, is_captain=True, order=0),
                    Contestant(team=team, full_name=f"Thành viên 1 {name[4:]}", title="Hội viên", order=1),
                    Contestant(team=team, full_name=f"Thành viên 2 {name[4:]}", title="Hội viên", order=2),
                ]
            )
            RoundEntry.objects.create(round=rounds[0], team=team)
            teams.append(team)
        parts = list(rounds[0].parts.order_by("order"))
        for username, home, chair in JUDGES:
            judge = Judge.objects.create(contest=contest, user=users[username], home_unit=units[home], is_chair=chair)
            Score.objects.bulk_create(
                Score(judge=judge, team=team, part=part, value=Decimal(str(value)))
                for team, marks in zip(teams, MARKS[username], strict=True)
                for part, value in zip(parts, marks, strict=False)
            )
        audit_record(
            actor=None,
            action=Action.CONTEST_CREATED,
            unit=contest.unit,
            target=contest,
            details={"demo": True, "teams": len(teams), "judges": len(JUDGES)},
            system_label="load_demo_data",
        )
    return contest

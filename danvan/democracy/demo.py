"""Demo records for a first look at the citizens' side (issue 10): in Xã Yên Thế (Bắc Ninh) what the commune
disclosed, a draft put out for comments with the comments and the commune's answers, a household vote on a road
contribution, the Ban Thanh tra nhân dân with a finding and the commune's answer, the road project's progress, and
a dialogue whose commitments are published — so that the commune's page on the public portal
(/cong-dan/xa/<code>/) shows every section at once.

Made through the services as the commune's demo officer (xa.yenthe) and its leader (xa.yenthe.ld), with dates
around today so that the consultation is open now and the posted items are current. Never in production;
load_demo_data calls it (idempotent: nothing is written once the first disclosure exists)."""

import datetime as dt

from django.utils import timezone

from danvan.accounts.models import User
from danvan.democracy import services
from danvan.democracy.models import (
    Base,
    BaseKind,
    Board,
    Comment,
    Disclosure,
    DisclosureItem,
    Matter,
    PostingForm,
    Project,
)
from danvan.organisations.models import OrgUnit
from danvan.petitions.models import Commitment
from danvan.petitions.services import commitment_update, dialogue_record, reception_duty_set

COMMUNE = "C7288-DU"
OFFICER = "xa.yenthe"
LEADER = "xa.yenthe.ld"
COMMITTEE_OFFICER = "ubnd.yenthe"  # the People's Committee sets its chairman's reception duty
MARKER = "Dự toán thu, chi ngân sách xã năm"  # the first disclosure's title: when it exists, the demo was loaded
ROAD = "Bê tông hóa đường trục thôn Đồng Tâm"


def demo_democracy_load(today: dt.date | None = None) -> list[str]:
    """Create the commune's demo records unless they exist; return what was created (empty when already loaded)."""
    today = today or timezone.localdate()
    officer = User.objects.filter(username=OFFICER).first()
    leader = User.objects.filter(username=LEADER).first()
    commune = OrgUnit.objects.filter(code=COMMUNE).first()
    if officer is None or leader is None or commune is None:
        raise RuntimeError(
            f"Thiếu tài khoản {OFFICER}/{LEADER} hoặc đơn vị {COMMUNE}: chạy load_demo_data sau build_org_tree."
        )
    base = services.base_for_commune(actor=officer, unit=commune)
    if Disclosure.objects.filter(base=base, title__startswith=MARKER).exists():
        return []
    created = _disclosures(officer, base, today)
    created += _consultation(officer, leader, base, today)
    matter = _vote(officer, leader, base, today)
    created.append(matter.title)
    created += _board(officer, leader, base, today)
    created += _project(officer, leader, commune, matter, today)
    created += _dialogue(leader, commune, today)
    created += _reception(leader, commune)
    return created


def _item(number: int) -> DisclosureItem | None:
    return DisclosureItem.objects.filter(base_kind=BaseKind.COMMUNE, number=number).first()


def _disclosures(officer, base: Base, today: dt.date) -> list[str]:
    year_start = dt.date(today.year, 1, 1)
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    rows = [
        (
            2,
            f"{MARKER} {today.year}",
            year_start + dt.timedelta(days=14),
            [PostingForm.NOTICE_BOARD, PostingForm.PORTAL],
        ),
        (
            1,
            f"Kế hoạch phát triển kinh tế - xã hội xã Yên Thế năm {today.year}",
            year_start + dt.timedelta(days=20),
            [PostingForm.NOTICE_BOARD, PostingForm.VILLAGE_HEADS],
        ),
        (
            7,
            f"Các khoản huy động nhân dân đóng góp và tình hình thu, chi quỹ phòng, chống thiên tai quý "
            f"{(quarter_start.month - 1) // 3 + 1}/{today.year}",
            quarter_start + dt.timedelta(days=5),
            [PostingForm.NOTICE_BOARD, PostingForm.LOUDSPEAKER],
        ),
    ]
    titles = []
    for number, title, start, forms in rows:
        start = min(start, today)
        services.disclosure_post(
            actor=officer,
            base=base,
            item=_item(number),
            title=title,
            start_date=start,
            end_date=start + dt.timedelta(days=45),
            forms_used=list(forms),
            loudspeaker_days=3 if PostingForm.LOUDSPEAKER in forms else None,
            publish=True,
        )
        titles.append(title)
    return titles


def _consultation(officer, leader, base: Base, today: dt.date) -> list[str]:
    # One still open (residents can comment on the portal) and one closed with the commune's summary.
    open_one = services.consultation_open(
        actor=officer,
        base=base,
        title="Dự thảo Quy ước thôn Tân Sơn (sửa đổi) về giữ gìn vệ sinh môi trường và nếp sống văn minh",
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=30),
        description="Thôn Tân Sơn lấy ý kiến nhân dân về các điều sửa đổi: thu gom rác theo giờ, không đốt rơm rạ "
        "trên đồng, tổ chức việc cưới, việc tang văn minh, tiết kiệm.",
        publish=True,
    )
    services.comment_record(
        actor=officer,
        consultation=open_one,
        channel=Comment.Channel.MEETING,
        author_name="Ông Trần Văn Sơn, tổ 3",
        text="Đề nghị thu gom rác hai lần một tuần, vào buổi sáng sớm để không ảnh hưởng đi lại.",
    )
    closed = services.consultation_open(
        actor=officer,
        base=base,
        title=f"Dự thảo kế hoạch sử dụng đất xã Yên Thế năm {today.year}",
        opens_on=today - dt.timedelta(days=75),
        closes_on=today - dt.timedelta(days=40),
        description="Công khai dự thảo để nhân dân góp ý trước khi trình Hội đồng nhân dân xã.",
        publish=True,
    )
    comments = [
        (Comment.Channel.MEETING, "Bà Nguyễn Thị Hoa, thôn Đồng Tâm",
         "Đề nghị giữ lại quỹ đất làm sân thể thao của thôn, không chuyển sang đất ở.",
         Comment.Uptake.ACCEPTED, "Tiếp thu: giữ quỹ đất sân thể thao thôn Đồng Tâm trong kế hoạch."),
        (Comment.Channel.BOX, "",
         "Đề nghị mở rộng đường vào khu nghĩa trang nhân dân.",
         Comment.Uptake.EXPLAINED, "Giải trình: đường vào nghĩa trang thuộc kế hoạch năm sau, đã có trong danh mục."),
    ]  # fmt: skip
    for channel, author, text, uptake, response in comments:
        comment = services.comment_record(
            actor=officer, consultation=closed, channel=channel, text=text, author_name=author
        )
        services.comment_answer(actor=officer, comment=comment, uptake=uptake, response=response)
    services.consultation_summarise(
        actor=leader,
        consultation=closed,
        uptake_summary="Đã nhận 2 ý kiến; tiếp thu 1 ý kiến, giải trình 1 ý kiến. Kế hoạch đã chỉnh sửa trước khi "
        "trình Hội đồng nhân dân xã.",
    )
    return [open_one.title, closed.title]


def _vote(officer, leader, base: Base, today: dt.date) -> Matter:
    matter = services.matter_create(
        actor=officer,
        base=base,
        title=f"Mức đóng góp của các hộ để bê tông hóa {ROAD.removeprefix('Bê tông hóa ')}",
        subject=Matter.Subject.INFRASTRUCTURE,
        method=Matter.Method.MEETING,
        description="Mỗi hộ đóng góp 1.500.000 đồng và ngày công; ngân sách xã hỗ trợ xi măng.",
    )
    voted_on = today - dt.timedelta(days=60)
    matter = services.matter_vote_record(
        actor=officer,
        matter=matter,
        voted_on=voted_on,
        eligible_households=214,
        turnout=187,
        votes_for=171,
        votes_against=16,
        today=today,
    )
    matter = services.matter_recognise(
        actor=leader,
        matter=matter,
        reference=f"Quyết định số 45/QĐ-UBND ngày {voted_on + dt.timedelta(days=7):%d/%m/%Y}",
        recognised_on=voted_on + dt.timedelta(days=7),
        today=today,
    )
    return services.matter_publish(actor=leader, matter=matter, publish=True)


def _board(officer, leader, base: Base, today: dt.date) -> list[str]:
    board = services.board_create(
        actor=officer, base=base, kind=Board.Kind.INSPECTION, term_start=dt.date(today.year - 1, 6, 1)
    )
    for name, position in (
        ("Lê Văn Thắng", "Trưởng ban"),
        ("Phạm Thị Mai", "Phó Trưởng ban"),
        ("Ngô Văn Hải", "Thành viên"),
        ("Dương Thị Hạnh", "Thành viên"),
        ("Vũ Đình Lâm", "Thành viên"),
    ):
        services.board_member_add(actor=officer, board=board, full_name=name, position=position)
    finding = services.finding_record(
        actor=officer,
        board=board,
        subject="Việc thu, chi quỹ khuyến học của xã",
        found_on=today - dt.timedelta(days=30),
        finding="Sổ sách thu, chi đầy đủ; một khoản chi khen thưởng học sinh giỏi chưa có danh sách ký nhận.",
        recommendation="Đề nghị bổ sung danh sách ký nhận và công khai kết quả tại nhà văn hóa các thôn.",
        publish=True,
        today=today,
    )
    services.finding_answer(
        actor=leader,
        finding=finding,
        answer="Đã bổ sung danh sách ký nhận và niêm yết công khai tại 6 nhà văn hóa thôn.",
        answered_on=today - dt.timedelta(days=20),
        is_resolved=True,
        today=today,
    )
    return [board.get_kind_display(), finding.subject]


def _project(officer, leader, commune: OrgUnit, matter: Matter, today: dt.date) -> list[str]:
    project = services.project_create(
        actor=officer,
        unit=commune,
        kind=Project.Kind.RURAL_ROAD,
        name=ROAD,
        starts_on=today - dt.timedelta(days=45),
        ends_on=today + dt.timedelta(days=75),
        communes=[commune],
        description="Đường dài 1,2 km, rộng 3,5 m; nhân dân đóng góp theo kết quả biểu quyết của các hộ.",
        matter=matter,
    )
    services.project_publish(
        actor=leader,
        project=project,
        publish=True,
        progress="Đã đổ bê tông 700 m/1.200 m; 198/214 hộ đã đóng góp; dự kiến hoàn thành trước Tết Nguyên đán.",
    )
    return [project.name]


def _dialogue(leader, commune: OrgUnit, today: dt.date) -> list[str]:
    held_on = today - dt.timedelta(days=50)
    dialogue = dialogue_record(
        actor=leader,
        unit=commune,
        held_on=held_on,
        place="Hội trường Ủy ban nhân dân xã Yên Thế",
        leaders="Đồng chí Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã",
        participants="Đại diện Ủy ban MTTQ xã, các đoàn thể, trưởng thôn và nhân dân",
        participant_count=120,
        issues=[
            {"issue": "Lắp đèn chiếu sáng tuyến đường liên thôn Đồng Tâm - Tân Sơn.", "owner_unit": commune,
             "due_on": held_on + dt.timedelta(days=40)},
            {"issue": "Nạo vét mương tiêu thoát nước khu đồng Cửa Đình trước mùa mưa.", "owner_unit": commune,
             "due_on": held_on + dt.timedelta(days=120)},
        ],
    )  # fmt: skip
    first, second = Commitment.objects.filter(dialogue=dialogue).order_by("id")
    commitment_update(
        actor=leader,
        commitment=first,
        status=Commitment.Status.DONE,
        outcome="Đã lắp 24 bóng đèn LED trên 1,5 km, đưa vào sử dụng.",
        is_published=True,
    )
    commitment_update(actor=leader, commitment=second, status=Commitment.Status.OPEN, is_published=True)
    return [first.issue, second.issue]


def _reception(leader, commune: OrgUnit) -> list[str]:
    """Who receives citizens, at the frequency the law sets for the position (petitions' duty rules)."""
    duties = [reception_duty_set(actor=leader, unit=commune, holder_name="Nguyễn Văn Tiến", position="bi_thu_xa")]
    committee = OrgUnit.objects.filter(
        admin_unit_id=commune.admin_unit_id, level=OrgUnit.Level.COMMUNE, kind=OrgUnit.Kind.PEOPLES_COMMITTEE
    ).first()
    officer = User.objects.filter(username=COMMITTEE_OFFICER).first()
    if committee is not None and officer is not None:
        duties.append(
            reception_duty_set(actor=officer, unit=committee, holder_name="Lê Minh Chiến", position="chu_tich_ubnd_xa")
        )
    return [d.holder_name for d in duties]

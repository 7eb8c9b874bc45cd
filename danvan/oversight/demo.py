"""Demo supervision and critique for a first look (Bắc Ninh): the provincial Front's programme, a supervision of
Xã Yên Thế's UBND with one answered and one overdue recommendation, the commune Front's own supervision, and a
critique of a draft provincial resolution. A Front officer persona is added for it. Never in production; called
from load_demo_data. Dates follow today so "Quá hạn N ngày" always shows."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.accounts.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from danvan.accounts.models import Role, RoleAssignment, User
from danvan.core.text import fold
from danvan.organisations.models import OrgUnit, Person, Position
from danvan.oversight import services
from danvan.oversight.models import Implementation, Method, Programme, Response, SubjectKind

FRONT = "P24-MTTQ"
FRONT_USER = ("mttq.bacninh", "Ngô Thị Lan", "Phó Chủ tịch Ủy ban MTTQ tỉnh")
COMMUNE_USER = "xa.yenthe"
COMMUNE = "C7288"


def _front_officer(unit: OrgUnit) -> User:
    username, full_name, title = FRONT_USER
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(username=username, full_name=full_name, email=f"{username}@{DEMO_EMAIL_DOMAIN}")
    user.set_password(DEMO_PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, unit=unit, role=Role.OFFICER)
    person = Person.objects.create(full_name=full_name, name_folded=fold(full_name), user=user)
    Position.objects.create(person=person, unit=unit, title=title, is_head=False, sort_order=20)
    return user


def demo_oversight_load() -> list[str]:
    """Create the demo records unless they exist; return the codes created (empty when already loaded)."""
    units = {
        u.code: u for u in OrgUnit.objects.filter(code__in=[FRONT, "P24-UBND", f"{COMMUNE}-MTTQ", f"{COMMUNE}-UBND"])
    }
    commune_user = User.objects.filter(username=COMMUNE_USER).first()
    if len(units) < 4 or commune_user is None:
        return []
    today = timezone.localdate()
    if Programme.objects.filter(unit=units[FRONT], year=today.year).exists():
        return []
    created = []
    with transaction.atomic():
        front = _front_officer(units[FRONT])
        programme = services.programme_create(
            actor=front,
            unit=units[FRONT],
            year=today.year,
            title=f"Chương trình giám sát năm {today.year} của Ủy ban MTTQ tỉnh",
            content="Giám sát việc thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo; công khai, minh bạch ngân sách xã; "
            "bồi thường, giải phóng mặt bằng các dự án giao thông.",
        )
        start = today - dt.timedelta(days=80)
        supervision = services.supervision_create(
            actor=front,
            unit=units[FRONT],
            programme=programme,
            subject_kind=SubjectKind.POLICY,
            subject="Việc thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo",
            method=Method.DELEGATION,
            supervised_unit=units[f"{COMMUNE}-UBND"],
            start_date=start,
            end_date=start + dt.timedelta(days=10),
            findings="Xã đã hỗ trợ 18/20 hộ; 2 hộ chưa được giải ngân do hồ sơ đất đai chưa hoàn thiện. "
            "Việc công khai danh sách hộ được hỗ trợ chưa đầy đủ ở 2 thôn.",
        )
        first = services.recommendation_add(
            actor=front,
            supervision=supervision,
            content="Công khai danh sách hộ được hỗ trợ tại nhà văn hóa các thôn.",
            responsible_unit=units[f"{COMMUNE}-UBND"],
            deadline=start + dt.timedelta(days=40),
        )
        second = services.recommendation_add(
            actor=front,
            supervision=supervision,
            content="Hoàn thiện hồ sơ đất đai để giải ngân cho 2 hộ còn lại.",
            responsible_unit=units[f"{COMMUNE}-UBND"],
            deadline=start + dt.timedelta(days=60),
        )
        services.recommendation_answer(
            actor=commune_user,
            recommendation=first,
            answer="UBND xã đã niêm yết danh sách tại nhà văn hóa 12 thôn từ ngày trả lời.",
            answered_by=units[f"{COMMUNE}-UBND"],
            answered_on=start + dt.timedelta(days=35),
            implementation=Implementation.DONE,
        )
        local = services.supervision_create(
            actor=commune_user,
            unit=units[f"{COMMUNE}-MTTQ"],
            subject_kind=SubjectKind.BODY,
            subject="Việc công khai thu, chi ngân sách xã 6 tháng đầu năm",
            method=Method.DOCUMENTS,
            supervised_unit=units[f"{COMMUNE}-UBND"],
            start_date=today - dt.timedelta(days=30),
            findings="Báo cáo công khai đúng hạn; một số khoản chi chưa ghi rõ nội dung.",
        )
        services.recommendation_add(
            actor=commune_user,
            supervision=local,
            content="Ghi rõ nội dung các khoản chi trong báo cáo công khai quý tới.",
            responsible_unit=units[f"{COMMUNE}-UBND"],
            deadline=today + dt.timedelta(days=20),
        )
        critique = services.critique_create(
            actor=front,
            unit=units[FRONT],
            title="Dự thảo Nghị quyết HĐND tỉnh quy định chính sách hỗ trợ sản xuất nông nghiệp",
            drafting_unit=units["P24-UBND"],
            received_on=today - dt.timedelta(days=45),
            conference_on=today - dt.timedelta(days=30),
            conference_place="Hội trường Ủy ban MTTQ tỉnh",
            conference_summary="32 đại biểu dự, 9 ý kiến; đề nghị bổ sung đối tượng hợp tác xã.",
        )
        accepted = services.opinion_add(
            actor=front, critique=critique, content="Bổ sung hợp tác xã nông nghiệp vào đối tượng được hỗ trợ."
        )
        explained = services.opinion_add(
            actor=front, critique=critique, content="Nâng mức hỗ trợ giống cây trồng lên 70%."
        )
        services.opinion_update(
            actor=front,
            opinion=accepted,
            content=accepted.content,
            response=Response.ACCEPTED,
            response_note="Đã bổ sung tại Điều 2 dự thảo.",
            responded_on=today - dt.timedelta(days=20),
        )
        services.opinion_update(
            actor=front,
            opinion=explained,
            content=explained.content,
            response=Response.EXPLAINED,
            response_note="Ngân sách tỉnh năm nay chỉ bảo đảm mức 50%; sẽ xem xét khi sửa đổi.",
            responded_on=today - dt.timedelta(days=20),
        )
        created = [programme.code, supervision.code, first.code, second.code, local.code, critique.code]
    return created

"""Demo steering committee for a first look (Bắc Ninh): the province's QCDC steering committee, set up in January
2026 and reorganised (kiện toàn) in August, so that its page shows current members and a history. Never in
production; load_demo_data calls it after the personas exist."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from danvan.committees import services
from danvan.committees.models import Committee, Position, Subject
from danvan.committees.services import Decision, MemberRow
from danvan.organisations.models import OrgUnit

UNIT = "P24-TU"
NAME = "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Bắc Ninh"
ACTOR = "bn.chuyenvien"


def _rows(spec, units, positions, people) -> list[MemberRow]:
    return [
        MemberRow(
            position=positions[slug],
            body=units[body],
            person=people.get(who),
            name="" if who in people else who,
            title=title,
        )
        for slug, body, who, title in spec
    ]


def demo_committees_load() -> list[str]:
    """Create the demo committee unless it exists; return the codes created (empty when already loaded)."""
    unit = OrgUnit.objects.filter(code=UNIT).first()
    actor = get_user_model().objects.filter(username=ACTOR).first()
    if unit is None or actor is None:
        raise RuntimeError(
            f"Thiếu đơn vị {UNIT} hoặc tài khoản {ACTOR}: chạy build_org_tree và tạo tài khoản mẫu trước."
        )
    if Committee.objects.filter(unit=unit, name=NAME).exists():
        return []
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(code__in=["P24-TU", "P24-TGDV", "P24-MTTQ", "P24-UBND", "P24-HND", "P24-HPN"])
    }
    positions = {p.slug: p for p in Position.objects.all()}
    people = {u.username: u for u in get_user_model().objects.filter(username__in=["bn.lanhdao"])}
    first = [
        ("truong-ban", "P24-TU", "Nguyễn Văn Hùng", "Phó Bí thư Thường trực"),
        ("pho-truong-ban-thuong-truc", "P24-TGDV", "bn.lanhdao", "Phó Trưởng ban Tuyên giáo và Dân vận"),
        ("pho-truong-ban", "P24-UBND", "Đỗ Thị Lan", "Phó Chủ tịch UBND tỉnh"),
        ("thanh-vien", "P24-MTTQ", "Hoàng Văn Sơn", "Phó Chủ tịch Ủy ban MTTQ tỉnh"),
        ("thanh-vien", "P24-HND", "Vũ Văn Thành", "Phó Chủ tịch Hội Nông dân tỉnh"),
    ]
    # Kiện toàn: a new head and a new Front member after the congresses; the Women's Union joins.
    second = [
        ("truong-ban", "P24-TU", "Ngô Quang Minh", "Phó Bí thư Thường trực"),
        ("pho-truong-ban-thuong-truc", "P24-TGDV", "bn.lanhdao", "Phó Trưởng ban Tuyên giáo và Dân vận"),
        ("pho-truong-ban", "P24-UBND", "Đỗ Thị Lan", "Phó Chủ tịch UBND tỉnh"),
        ("thanh-vien", "P24-MTTQ", "Trịnh Thị Hoa", "Phó Chủ tịch Ủy ban MTTQ tỉnh"),
        ("thanh-vien", "P24-HND", "Vũ Văn Thành", "Phó Chủ tịch Hội Nông dân tỉnh"),
        ("thanh-vien", "P24-HPN", "Phan Thị Ngọc", "Phó Chủ tịch Hội LHPN tỉnh"),
    ]
    with transaction.atomic():
        committee = services.committee_establish(
            actor=actor,
            unit=unit,
            kind=Committee.Kind.STEERING,
            subject=Subject.objects.get(slug="qcdc"),
            name=NAME,
            duties="Giúp Ban Thường vụ chỉ đạo, kiểm tra việc thực hiện dân chủ ở cơ sở trong toàn tỉnh.",
            decision=Decision(number="1205-QĐ/TU", date=dt.date(2026, 1, 15), signer="T/M Ban Thường vụ, Bí thư"),
            members=_rows(first, units, positions, people),
        )
        services.committee_reorganise(
            actor=actor,
            committee=committee,
            decision=Decision(
                number="1388-QĐ/TU",
                date=dt.date(2026, 8, 20),
                signer="T/M Ban Thường vụ, Bí thư",
                note="Kiện toàn sau đại hội MTTQ tỉnh.",
            ),
            members=_rows(second, units, positions, people),
        )
    return [committee.code]

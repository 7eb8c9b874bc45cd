"""Demo personas for a first look at danvan: one per level, on the real tree. Never in production."""

from dataclasses import dataclass

from django.db import transaction

from danvan.accounts.models import Role, RoleAssignment, User
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.text import fold
from danvan.organisations.models import OrgUnit, Person, Position

DEMO_PASSWORD = "DanVan@2026"
# Demo accounts carry an address in the reserved .invalid domain: that, with a persona's name, marks them, so a real
# administrator who chose the name "admin" is not taken for one.
DEMO_EMAIL_DOMAIN = "danvan.invalid"


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    role: str
    role_unit: str  # where the role is attached: it covers that unit's subtree
    position_unit: str
    title: str
    is_head: bool
    description: str


# Bắc Giang merged into Bắc Ninh (P24) on 12/6/2025; Xã Yên Thế (C7288) lies in the old huyện Yên Thế.
# Xã Châu Phú (C30463) in An Giang (P91) is where seed 001's briefing was held.
PERSONAS = (
    Persona(
        "admin", "Quản trị hệ thống", Role.ADMIN, "TW", "TW-TGDV", "Quản trị hệ thống", False, "quản trị toàn hệ thống"
    ),
    Persona(
        "tw.chuyenvien",
        "Nguyễn Thu Trang",
        Role.OFFICER,
        "TW",
        "TW-TGDV",
        "Chuyên viên",
        False,
        "chuyên viên Ban Tuyên giáo và Dân vận Trung ương",
    ),
    Persona(
        "bn.lanhdao",
        "Trần Văn Thịnh",
        Role.LEADER,
        "P24-TU",
        "P24-TGDV",
        "Phó Trưởng ban",
        False,
        "lãnh đạo Ban TG&DV Thành ủy Bắc Ninh (gồm Bắc Giang cũ)",
    ),
    # The head of the Ban: drafts wait for her signature (documents demo); she signs as "TRƯỞNG BAN" without
    # K/T, and can delegate signing to a deputy.
    Persona(
        "bn.truongban",
        "Đinh Thị Thu Hà",
        Role.LEADER,
        "P24-TU",
        "P24-TGDV",
        "Trưởng ban",
        True,
        "Trưởng ban TG&DV Thành ủy Bắc Ninh (ký văn bản của Ban)",
    ),
    Persona(
        "bn.chuyenvien",
        "Lê Thị Mai",
        Role.OFFICER,
        "P24-TU",
        "P24-TGDV",
        "Chuyên viên",
        False,
        "chuyên viên Ban TG&DV Thành ủy Bắc Ninh",
    ),
    Persona(
        "bn.quantri",
        "Phạm Quốc Việt",
        Role.ADMIN,
        "P24-TU",
        "P24-TGDV",
        "Chuyên viên quản trị",
        False,
        "quản trị tài khoản cấp tỉnh Bắc Ninh",
    ),
    Persona(
        "ag.chuyenvien",
        "Võ Thị Trúc",
        Role.OFFICER,
        "P91-TU",
        "P91-TGDV",
        "Chuyên viên",
        False,
        "chuyên viên Ban TG&DV Tỉnh ủy An Giang",
    ),
    Persona(
        "xa.yenthe",
        "Hoàng Văn Đức",
        Role.OFFICER,
        "C7288-DU",
        "C7288-KDV",
        "Trưởng khối dân vận",
        True,
        "cán bộ khối dân vận xã Yên Thế (Bắc Ninh)",
    ),
    # The commune's own leader: the khối dân vận's reports are approved, and its documents signed, in the commune
    # (the Party committee is the unit above the khối; its leaders sign for it, decision 0045).
    Persona(
        "xa.yenthe.ld",
        "Nguyễn Thị Lan",
        Role.LEADER,
        "C7288-DU",
        "C7288-DU",
        "Phó Bí thư Thường trực Đảng ủy",
        False,
        "lãnh đạo Đảng ủy xã Yên Thế (duyệt báo cáo, ký văn bản của xã)",
    ),
    # The commune's People's Committee: the government's side of dân vận (its citizen reception, its part of
    # grassroots democracy), under the Party committee like the khối.
    Persona(
        "ubnd.yenthe",
        "Trần Quang Huy",
        Role.OFFICER,
        "C7288-UBND",
        "C7288-UBND",
        "Công chức Văn phòng - Thống kê",
        False,
        "công chức UBND xã Yên Thế (tiếp công dân, dân chủ ở cơ sở của chính quyền)",
    ),
    Persona(
        "xa.chauphu",
        "Nguyễn Văn Tài",
        Role.OFFICER,
        "C30463-DU",
        "C30463-KDV",
        "Trưởng khối dân vận",
        True,
        "cán bộ khối dân vận xã Châu Phú (An Giang)",
    ),
    Persona(
        "hnd.yenthe",
        "Đỗ Thị Hoa",
        Role.REPORTER,
        "C7288-HND",
        "C7288-HND",
        "Chủ tịch Hội",
        True,
        "báo cáo viên Hội Nông dân xã Yên Thế",
    ),
    # mem12d: the Women's Union of the same commune (a person in both is counted once), and the province's
    # Farmers' Union, whose officer keeps the lists of its branches in every commune of Bắc Ninh (members demo).
    Persona(
        "hpn.yenthe",
        "Ngô Thị Hằng",
        Role.REPORTER,
        "C7288-HPN",
        "C7288-HPN",
        "Chủ tịch Hội",
        True,
        "báo cáo viên Hội Liên hiệp Phụ nữ xã Yên Thế",
    ),
    Persona(
        "hnd.bacninh",
        "Vũ Đình Khoa",
        Role.OFFICER,
        "P24-HND",
        "P24-HND",
        "Chuyên viên",
        False,
        "cán bộ Hội Nông dân tỉnh Bắc Ninh (danh sách hội viên các xã)",
    ),
    Persona(
        "bn.xem", "Bùi Minh Khang", Role.VIEWER, "P24-TU", "P24-TGDV", "Cộng tác viên", False, "chỉ xem, tỉnh Bắc Ninh"
    ),
)


DEMO_USERNAMES = frozenset(persona.username for persona in PERSONAS)


def demo_login_refused(*, username: str, password: str) -> bool:
    """True when this login must be refused in production: a demo account, or anyone using the published password."""
    if password == DEMO_PASSWORD:
        return True
    return (
        username in DEMO_USERNAMES
        and User.objects.filter(username=username, email__iendswith="@" + DEMO_EMAIL_DOMAIN).exists()
    )


def demo_data_load() -> list[tuple[Persona, bool]]:
    """Create the demo personas that do not exist yet; return (persona, created?) for each."""
    codes = {p.role_unit for p in PERSONAS} | {p.position_unit for p in PERSONAS}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    missing = codes - units.keys()
    if missing:
        raise RuntimeError(f"Thiếu đơn vị {', '.join(sorted(missing))}: chạy build_org_tree trước.")
    results = []
    with transaction.atomic():
        for persona in PERSONAS:
            if User.objects.filter(username=persona.username).exists():
                results.append((persona, False))
                continue
            user = User(
                username=persona.username, full_name=persona.full_name, email=f"{persona.username}@{DEMO_EMAIL_DOMAIN}"
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            RoleAssignment.objects.create(user=user, unit=units[persona.role_unit], role=persona.role)
            person = Person.objects.create(full_name=persona.full_name, name_folded=fold(persona.full_name), user=user)
            Position.objects.create(
                person=person,
                unit=units[persona.position_unit],
                title=persona.title,
                is_head=persona.is_head,
                sort_order=10 if persona.is_head else 100,
            )
            results.append((persona, True))
        created = [p.username for p, was_created in results if was_created]
        if created:
            audit_record(
                actor=None, action=Action.DEMO_DATA_LOADED, details={"users": created}, system_label="load_demo_data"
            )
    return results

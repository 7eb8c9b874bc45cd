"""Demo members for a first look (issue 12): in Xã Yên Thế (Bắc Ninh) the Hội Nông dân's three branches and the
Hội Liên hiệp Phụ nữ's two, with women who belong to both (proposed as one person and confirmed, so the commune's
statistics count them once), and a branch of the Hội Nông dân in three more communes of the province.

Made through the same import service an officer uses (members_import: one check, one write per list, one audit
event), as the demo personas hnd.yenthe, hpn.yenthe and hnd.bacninh. Names are made up from common Vietnamese
names; no CCCD is given (the demo holds no citizen ID, real or invented), only what the statistics need. Never in
production; load_demo_data calls it (idempotent: nothing is written once the first branch exists)."""

import datetime as dt
import random

from django.db import transaction

from danvan.accounts.models import User
from danvan.members.imports import members_import, members_import_check
from danvan.members.models import Branch, Organisation
from danvan.members.services import branch_create
from danvan.organisations.models import OrgUnit

COMMUNE = "C7288"
MARKER = "Chi hội thôn Đồng Tâm"  # the first branch: when it exists, the demo was loaded
OTHER_COMMUNES = 3

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Ngô", "Dương", "Đặng", "Bùi", "Lương"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Đình"]
MIDDLE_F = ["Thị", "Thị", "Thu", "Thanh", "Ngọc", "Thị Kim"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Thắng", "Bình", "Cường", "Hải", "Long", "Sơn", "Toàn", "Phúc", "Quý", "Lâm"]
GIVEN_F = ["Hoa", "Lan", "Hương", "Mai", "Hạnh", "Nga", "Thủy", "Huyền", "Liên", "Yến", "Oanh", "Thơm", "Duyên"]
OCCUPATIONS = ["Làm ruộng", "Làm ruộng", "Làm ruộng", "Trồng cây ăn quả", "Chăn nuôi", "Buôn bán nhỏ", "Làm vườn"]


def _religion(rng: random.Random, village: str) -> str:
    # Tân Sơn is the thôn of the parish church (faiths demo); a pagoda serves Đồng Tâm.
    if village == "Tân Sơn" and rng.random() < 0.4:
        return "Công giáo"
    return "Phật giáo" if rng.random() < 0.2 else ""


def _person(rng: random.Random, sex: str, village: str, ethnicity: str = "Kinh") -> dict:
    middle, given = (MIDDLE_F, GIVEN_F) if sex == "F" else (MIDDLE_M, GIVEN_M)
    born = dt.date(rng.randint(1952, 2000), rng.randint(1, 12), rng.randint(1, 28))
    joined_year = min(2025, max(born.year + 20, 2005) + rng.randint(0, 12))
    return {
        "full_name": f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}",
        "birth_date": born.strftime("%d/%m/%Y"),
        "sex": "Nữ" if sex == "F" else "Nam",
        "cccd": "",
        "ethnicity": ethnicity,
        "religion": _religion(rng, village),
        "occupation": rng.choice(OCCUPATIONS),
        "village_name": f"Thôn {village}",
        "joined_on": dt.date(joined_year, rng.randint(1, 12), 1).strftime("%d/%m/%Y"),
        "role": "",
    }


def _list(rng, n, village, *, women_share=0.35, ethnicities=("Kinh",)) -> list[dict]:
    rows = [
        _person(rng, "F" if rng.random() < women_share else "M", village, rng.choice(ethnicities)) for _ in range(n)
    ]
    rows[0]["role"], rows[1]["role"] = "Chi hội trưởng", "Chi hội phó"
    return rows


def _import(actor, branch, rows) -> dict:
    """The officer's import: the likely same people it proposes are the ones the demo meant (women in both Hội)."""
    rows = [row | {"_line": line} for line, row in enumerate(rows, start=2)]
    plan = members_import_check(actor=actor, branch=branch, rows=rows)
    return members_import(
        actor=actor, branch=branch, rows=rows, decisions={str(p.line): "same" for p in plan.proposals}
    )


def _branch(actor, organisation, owner, name) -> Branch:
    return branch_create(actor=actor, organisation=organisation, owner=owner, name=name)


def demo_members_load() -> list[str]:
    """Create the demo branches and members unless they exist; return the branch codes created."""
    actors = {u.username: u for u in User.objects.filter(username__in=["hnd.yenthe", "hpn.yenthe", "hnd.bacninh"])}
    hnd_body, hpn_body = (OrgUnit.objects.filter(code=f"{COMMUNE}-{k}").first() for k in ("HND", "HPN"))
    if len(actors) < 3 or hnd_body is None or hpn_body is None:
        raise RuntimeError("Thiếu tài khoản mẫu hoặc Hội Nông dân, Hội Phụ nữ xã Yên Thế: chạy build_org_tree trước.")
    hnd, hpn = Organisation.objects.get(code="HND"), Organisation.objects.get(code="HPN")
    if Branch.objects.filter(owner=hnd_body, organisation=hnd, name=MARKER).exists():
        return []
    rng = random.Random(12)  # noqa: S311 — made-up demo people, the same each time the demo is loaded afresh
    created = []
    with transaction.atomic():
        dong_tam = _list(rng, 14, "Đồng Tâm")
        lists = [
            (actors["hnd.yenthe"], hnd, hnd_body, MARKER, dong_tam),
            (actors["hnd.yenthe"], hnd, hnd_body, "Chi hội thôn Tân Sơn", _list(rng, 12, "Tân Sơn")),
            (
                actors["hnd.yenthe"],
                hnd,
                hnd_body,
                "Chi hội thôn Khe Nghè",
                _list(rng, 8, "Khe Nghè", ethnicities=("Nùng", "Tày", "Kinh")),
            ),
        ]
        # The Women's Union of Đồng Tâm: the farmers' union's women of the thôn are in it too (same name, date of
        # birth and commune, no CCCD: proposed as one person, confirmed), and others who are only in it.
        women = [dict(r, role="") for r in dong_tam if r["sex"] == "Nữ"]
        hpn_dong_tam = _list(rng, 8, "Đồng Tâm", women_share=1.0) + women
        lists += [
            (actors["hpn.yenthe"], hpn, hpn_body, "Chi hội Phụ nữ thôn Đồng Tâm", hpn_dong_tam),
            (
                actors["hpn.yenthe"],
                hpn,
                hpn_body,
                "Chi hội Phụ nữ thôn Tân Sơn",
                _list(rng, 9, "Tân Sơn", women_share=1.0),
            ),
        ]
        # The province's Farmers' Union keeps one branch's list in a few more communes of Bắc Ninh.
        others = (
            OrgUnit.objects.filter(
                kind=hnd_body.kind, level=hnd_body.level, admin_unit__parent_id=hnd_body.admin_unit.parent_id
            )
            .exclude(pk=hnd_body.pk)
            .filter(admin_unit__name__startswith="Xã")  # a chi hội of a thôn: communes, not wards
            .select_related("admin_unit")
            .order_by("code")[:OTHER_COMMUNES]
        )
        for body in others:
            lists.append((actors["hnd.bacninh"], hnd, body, "Chi hội thôn Trung", _list(rng, 10, "Trung")))
        for actor, organisation, owner, name, rows in lists:
            branch = _branch(actor, organisation, owner, name)
            _import(actor, branch, rows)
            created.append(branch.code)
    return created

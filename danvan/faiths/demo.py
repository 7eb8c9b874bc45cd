"""Demo records for a first look: in Xã Yên Thế (Bắc Ninh) a pagoda and a church with their dignitaries and
followers, an ethnic-minority village, visits for Phật đản and Christmas, and a commendation. Made through the
services as the commune's demo officer. Never in production; load_demo_data calls it (idempotent)."""

import datetime as dt

from danvan.accounts.models import User
from danvan.faiths import services
from danvan.faiths.models import Denomination, Establishment, EthnicGroup, HolidayDate, Religion, Visit
from danvan.organisations.models import OrgUnit

COMMUNE = "C7288-DU"
BLOC = "C7288-KDV"
OFFICER = "xa.yenthe"
PAGODA = "Chùa Phúc Linh"
CHURCH = "Nhà thờ giáo xứ Yên Thế"


def demo_faiths_load() -> list[str]:
    """Create the demo register unless it exists; return the codes created (empty when already loaded)."""
    actor = User.objects.filter(username=OFFICER).first()
    commune = OrgUnit.objects.filter(code=COMMUNE).first()
    bloc = OrgUnit.objects.filter(code=BLOC).first() or commune
    if actor is None or commune is None:
        raise RuntimeError(f"Thiếu tài khoản {OFFICER} hoặc đơn vị {COMMUNE}: chạy load_demo_data sau build_org_tree.")
    if Establishment.objects.filter(unit=commune, name=PAGODA).exists():
        return []
    buddhism = Religion.objects.get(slug="phat-giao")
    catholic = Religion.objects.get(slug="cong-giao")
    pagoda = services.establishment_register(
        actor=actor,
        unit=commune,
        religion=buddhism,
        denomination=Denomination.objects.filter(religion=buddhism).first(),
        kind=Establishment.Kind.PAGODA,
        name=PAGODA,
        address="Thôn Đồng Tâm",
        dignitaries=[
            {"full_name": "Thích Minh Đức", "position": "Trụ trì", "kind": "dignitary", "birth_year": 1972},
            {"full_name": "Nguyễn Văn Hòa", "position": "Trưởng ban hộ tự", "kind": "official", "birth_year": 1958},
        ],
        followers_year=2026,
        followers=420,
    )
    church = services.establishment_register(
        actor=actor,
        unit=commune,
        religion=catholic,
        denomination=Denomination.objects.filter(religion=catholic).first(),
        kind=Establishment.Kind.CHURCH,
        name=CHURCH,
        address="Thôn Tân Sơn",
        dignitaries=[
            {"full_name": "Giuse Trần Văn Phúc", "position": "Linh mục chính xứ", "kind": "dignitary",
             "birth_year": 1975},
            {"full_name": "Phêrô Lê Văn Bình", "position": "Chủ tịch Hội đồng mục vụ", "kind": "official",
             "birth_year": 1961},
        ],
        followers_year=2026,
        followers=1150,
    )  # fmt: skip
    area = services.ethnic_area_register(
        actor=actor,
        unit=commune,
        name="Thôn Khe Nghè",
        note="Đồng bào Nùng và Tày sống xen kẽ.",
        populations=[
            {"group": EthnicGroup.objects.get(name="Nùng"), "year": 2026, "households": 86, "people": 352},
            {"group": EthnicGroup.objects.get(name="Tày"), "year": 2026, "households": 41, "people": 167},
        ],
    )
    created = [pagoda.code, church.code, area.code]
    delegation = "Đồng chí Bí thư Đảng ủy xã, Chủ tịch Ủy ban MTTQ xã, Trưởng khối dân vận"
    for slug, establishment in (("phat-dan", pagoda), ("giang-sinh", church)):
        holiday = HolidayDate.objects.filter(holiday__slug=slug, year=2026).first()
        visit = services.visit_plan(
            actor=actor,
            unit=bloc,
            holiday_date=holiday,
            visit_on=holiday.date if holiday else dt.date(2026, 12, 24),
            establishment=establishment,
            delegation=delegation,
            gifts="Lẵng hoa, thư chúc mừng",
        )
        created.append(visit.code)
    pagoda_visit = Visit.objects.get(code=created[3])
    services.visit_update(
        actor=actor,
        visit=pagoda_visit,
        visit_on=pagoda_visit.visit_on,
        delegation=pagoda_visit.delegation,
        status=Visit.Status.DONE,
        holiday_date=pagoda_visit.holiday_date,
        establishment=pagoda,
        gifts=pagoda_visit.gifts,
        result="Nhà chùa và phật tử phấn khởi; Đại lễ diễn ra trang nghiêm, an toàn.",
    )
    commendation = services.commendation_record(
        actor=actor,
        unit=commune,
        year=2026,
        establishment=church,
        dignitary=church.dignitaries.get(position="Linh mục chính xứ"),
        movement_name="Phong trào “Sống tốt đời đẹp đạo” của giáo xứ",
        form="Giấy khen",
        reason="Vận động giáo dân hiến đất làm đường giao thông nông thôn.",
    )
    created.append(commendation.code)
    return created

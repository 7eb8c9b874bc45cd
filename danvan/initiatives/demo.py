"""Demo "Dân vận khéo" models for a first run, taken from the seed articles (seed 004: high-tech farming,
rural roads, environment) and placed in xã Yên Thế (Bắc Ninh), where the demo personas work.

Every record goes through the real services, acting as the demo personas, so statuses, codes, evaluations and
audit events are what a user would have produced. Idempotent: does nothing when the first demo model exists.
"""

import datetime as dt

from django.db import transaction

from danvan.accounts.models import User
from danvan.initiatives import services
from danvan.initiatives.models import Initiative
from danvan.organisations.models import OrgUnit

FIRST_NAME = "Dân vận khéo trong vận động nhân dân ứng dụng công nghệ cao vào sản xuất nông nghiệp"


def demo_initiatives_load() -> int:
    """Create the demo models if they are missing; return how many were created."""
    if Initiative.objects.filter(name=FIRST_NAME, unit__code="C7288-HND").exists():
        return 0
    commune = User.objects.get(username="xa.yenthe")
    leader = User.objects.get(username="bn.lanhdao")
    officer = User.objects.get(username="bn.chuyenvien")
    unit = {u.code: u for u in OrgUnit.objects.filter(code__in=["C7288-HND", "C7288-DU", "C7288-MTTQ", "C7288-DTN"])}
    today = dt.date.today()
    year = today.year

    def on(month, day):  # a date of this year, never in the future
        return min(dt.date(year, month, day), today)

    day = on(2, 15)
    with transaction.atomic():
        farming = services.initiative_register(
            actor=commune,
            unit=unit["C7288-HND"],
            year=year,
            name=FIRST_NAME,
            field="kinh_te",
            new_rural=True,
            goal="Vận động hội viên chuyển đổi sang nhà màng, tưới nhỏ giọt và liên kết tiêu thụ rau an toàn.",
            participants="Hội viên nông dân các thôn",
            people_mobilised=180,
            start_date=day,
            targets=[("Hộ áp dụng công nghệ cao", "hộ", "60"), ("Diện tích nhà màng", "ha", "5")],
        )
        services.initiative_approve(actor=leader, initiative=farming, note="Phù hợp kế hoạch năm.")
        targets = {t.indicator: t.pk for t in farming.targets.all()}
        services.initiative_update_add(
            actor=commune,
            initiative=farming,
            reported_on=on(6, 30),
            note="Sơ kết 6 tháng: 42 hộ đã áp dụng.",
            results={targets["Hộ áp dụng công nghệ cao"]: "42", targets["Diện tích nhà màng"]: "3,2"},
        )
        scheme = services.evaluation_scheme_for(farming)
        scores = {c.pk: c.max_score * 9 / 10 for c in scheme.criteria.all()}
        services.evaluation_submit(actor=officer, initiative=farming, scores=scores, evaluated_on=on(9, 20))
        services.initiative_recognise(
            actor=leader, initiative=farming, level="commune", status="outstanding", decided_on=on(10, 10)
        )
        roads = services.initiative_register(
            actor=commune,
            unit=unit["C7288-DU"],
            year=year,
            name="Dân vận khéo trong xây dựng đường giao thông nông thôn",
            field="kinh_te",
            new_rural=True,
            goal="Vận động nhân dân hiến đất, góp công làm đường bê tông liên thôn.",
            participants="Nhân dân 6 thôn",
            people_mobilised=950,
            start_date=day,
            targets=[("Đường bê tông", "km", "4"), ("Hộ hiến đất", "hộ", "85")],
        )
        services.initiative_approve(actor=leader, initiative=roads)
        services.initiative_register(
            actor=commune,
            unit=unit["C7288-MTTQ"],
            year=year,
            name="Tổ tự quản bảo vệ môi trường khu dân cư",
            field="van_hoa_xa_hoi",
            goal="Phân loại rác tại nguồn, ra quân vệ sinh đường làng mỗi tháng một lần.",
            start_date=on(3, 1),
            targets=[("Hộ phân loại rác tại nguồn", "hộ", "300")],
        )
        services.initiative_register(
            actor=commune,
            unit=unit["C7288-DTN"],
            year=year,
            name="Camera an ninh thôn xóm do đoàn viên quản lý",
            field="quoc_phong_an_ninh",
            goal="Vận động lắp camera tại các ngõ xóm, đoàn viên thanh niên theo dõi và phối hợp công an xã.",
            start_date=on(4, 1),
            targets=[("Camera được lắp", "chiếc", "40")],
        )
    return 4

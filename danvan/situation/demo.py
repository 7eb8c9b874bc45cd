"""Demo situation records for a first look: Xã Yên Thế (Bắc Ninh) sends last month's report and a report on the
election round, and raises a land-dispute hotspot that alerts the province; Xã Châu Phú (An Giang) sends last
month's report. This week's digests of Bắc Ninh and the centre are made from them. Made through the services as
the demo personas; never in production (the lead calls it from load_demo_data)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.organisations.models import OrgUnit
from danvan.situation import services
from danvan.situation.models import Hotspot, SeverityLevel, Topic

HOTSPOT_TITLE = "Tranh chấp ranh giới đất canh tác tại thôn Đồng Tâm"
ELECTION = "Bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026–2031"


def _topics(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def demo_situation_load() -> list[str]:
    """Create the demo reports, hotspot and digests unless they exist; return the codes created."""
    users = get_user_model().objects.in_bulk(["xa.yenthe", "xa.chauphu"], field_name="username")
    if len(users) < 2:
        raise RuntimeError("Thiếu tài khoản mẫu xa.yenthe, xa.chauphu: chạy load_demo_data trước.")
    yen_the, chau_phu = OrgUnit.objects.get(code="C7288-DU"), OrgUnit.objects.get(code="C30463-DU")
    if Hotspot.objects.filter(unit=yen_the, title=HOTSPOT_TITLE).exists():
        return []
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    created = []
    officer = users["xa.yenthe"]
    created.append(
        services.situation_report_save(
            actor=officer,
            unit=yen_the,
            kind="monthly",
            period_month=last_month,
            mood="concerned",
            trend="same",
            opinions=(
                "Nhân dân cơ bản phấn khởi với kết quả thu hoạch vụ mùa; một số hộ thôn Đồng Tâm băn khoăn về việc "
                "đo đạc lại ranh giới đất canh tác phục vụ dự án đường tỉnh."
            ),
            proposals="Đề nghị UBND xã tổ chức đối thoại, công khai phương án đo đạc và bồi thường.",
            topics=_topics("dat-dai", "doi-song"),
            submit=True,
        ).code
    )
    created.append(
        services.situation_report_save(
            actor=officer,
            unit=yen_the,
            kind="event",
            period_month=dt.date(2026, 3, 1),
            event_name=ELECTION,
            mood="stable",
            trend="better",
            opinions="Cử tri phấn khởi, quan tâm tiểu sử và chương trình hành động của người ứng cử.",
            topics=_topics("bau-cu"),
            submit=True,
        ).code
    )
    created.append(
        services.situation_report_save(
            actor=users["xa.chauphu"],
            unit=chau_phu,
            kind="monthly",
            period_month=last_month,
            mood="stable",
            trend="same",
            opinions="Bà con yên tâm sản xuất lúa thu đông; quan tâm giá lúa và tiêu thụ nông sản.",
            topics=_topics("doi-song", "viec-lam"),
            submit=True,
        ).code
    )
    hotspot = services.hotspot_raise(
        actor=officer,
        unit=yen_the,
        title=HOTSPOT_TITLE,
        occurred_on=today - dt.timedelta(days=today.weekday() and 1),
        place_unit=yen_the,
        place_text="Cánh đồng thôn Đồng Tâm",
        people_involved=35,
        severity=SeverityLevel.objects.filter(alerts=True).order_by("rank").first(),
        description=(
            "Khoảng 35 hộ dân tập trung tại khu ruộng, không đồng ý kết quả đo đạc lại ranh giới đất canh tác; "
            "tổ công tác xã đã có mặt nắm tình hình, vận động bà con giữ bình tĩnh."
        ),
        handled_by="UBND xã Yên Thế, Khối dân vận xã",
        topics=_topics("dat-dai"),
    )
    created.append(hotspot.code)
    for unit in OrgUnit.objects.filter(code__in=["TW", "P24-TU", "P91-TU"]):
        created.append(services.digest_generate(actor=None, unit=unit, kind="weekly", start=today).code)
    audit_record(
        actor=None,
        action=Action.DEMO_DATA_LOADED,
        unit=yen_the,
        details={"situation": created},
        system_label="load_demo_data",
    )
    return created

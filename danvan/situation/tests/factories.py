import datetime as dt

from danvan.organisations.models import OrgUnit
from danvan.situation import services
from danvan.situation.forms import month_choices, parse_month
from danvan.situation.models import SeverityLevel, Topic

# Last month, as the month lists on the pages offer it (they follow today's date).
MONTH_KEY = month_choices()[1][0]
MONTH = parse_month(MONTH_KEY)


def report(actor, unit_code="C7288-DU", **kw):
    data = {
        "actor": actor,
        "unit": OrgUnit.objects.get(code=unit_code),
        "kind": "monthly",
        "period_month": MONTH,
        "mood": "concerned",
        "trend": "same",
        "opinions": "Nhân dân quan tâm việc bồi thường giải phóng mặt bằng đường tỉnh.",
        "topics": list(Topic.objects.filter(slug__in=["dat-dai", "doi-song"])),
    }
    data.update(kw)
    return services.situation_report_save(**data)


def hotspot(actor, unit_code="C7288-DU", rank=3, **kw):
    unit = OrgUnit.objects.get(code=unit_code)
    data = {
        "actor": actor,
        "unit": unit,
        "title": "Tranh chấp đất đai tại thôn Đồng Tâm",
        "occurred_on": dt.date(2026, 12, 1),
        "place_unit": unit,
        "place_text": "Khu ruộng thôn Đồng Tâm",
        "people_involved": 40,
        "severity": SeverityLevel.objects.get(rank=rank),
        "description": "Khoảng 40 hộ dân tập trung phản đối việc đo đạc lại ranh giới.",
        "topics": list(Topic.objects.filter(slug="dat-dai")),
    }
    data.update(kw)
    return services.hotspot_raise(**data)

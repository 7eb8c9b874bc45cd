import datetime as dt

from django.db import migrations

TCD_2013 = dt.date(2014, 7, 1)  # Luật Tiếp công dân 2013, in force 1/7/2014
QD_11 = dt.date(2019, 2, 18)
RULES = [
    ("chu_tich_ubnd_tinh", "Chủ tịch UBND tỉnh", 1, "month", TCD_2013, None, "Luật Tiếp công dân 2013, Điều 12.5"),
    (
        "chu_tich_ubnd_huyen",
        "Chủ tịch UBND huyện",
        2,
        "month",
        TCD_2013,
        dt.date(2025, 6, 30),
        "Luật Tiếp công dân 2013, Điều 13.5 (cấp huyện chấm dứt từ 1/7/2025)",
    ),
    ("chu_tich_ubnd_xa", "Chủ tịch UBND xã", 1, "week", TCD_2013, None, "Luật Tiếp công dân 2013, Điều 15.2"),
    (
        "thu_truong_co_quan",
        "Thủ trưởng cơ quan hành chính nhà nước",
        1,
        "month",
        TCD_2013,
        None,
        "Luật Tiếp công dân 2013, Điều 18.2; NĐ 64/2014/NĐ-CP, Điều 4.2",
    ),
    ("bi_thu_tinh", "Bí thư tỉnh ủy, thành ủy", 1, "month", QD_11, None, "Quy định 11-QĐi/TW (18/2/2019)"),
    (
        "bi_thu_xa",
        "Bí thư đảng ủy xã, phường",
        2,
        "month",
        QD_11,
        None,
        "Quy định 11-QĐi/TW; Kết luận 215 (2025)",
    ),
]


def seed(apps, schema_editor):
    Rule = apps.get_model("petitions", "ReceptionDutyRule")
    for position, name, sessions, period, start, end, basis in RULES:
        Rule.objects.get_or_create(
            position=position,
            effective_from=start,
            defaults=dict(position_name=name, sessions=sessions, period=period, effective_to=end, legal_basis=basis),
        )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_reception_cases_dialogues")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The starting topic list and severity scale: data, editable by administrators afterwards."""

from django.db import migrations

TOPICS = [
    ("doi-song", "Đời sống"),
    ("viec-lam", "Việc làm"),
    ("dat-dai", "Đất đai"),
    ("moi-truong", "Môi trường"),
    ("an-ninh-trat-tu", "An ninh trật tự"),
    ("ton-giao", "Tôn giáo"),
    ("dan-toc", "Dân tộc"),
    ("du-luan-chinh-sach", "Dư luận về chủ trương, chính sách"),
    ("bau-cu", "Bầu cử"),
    ("thien-tai", "Thiên tai, dịch bệnh"),
    ("khac", "Khác"),
]
# [unconfirmed] No source fixes the scale or the threshold: levels 3 and 4 alert the level above.
SEVERITY = [
    (1, "Thấp", False, 72),
    (2, "Trung bình", False, 48),
    (3, "Cao", True, 24),
    (4, "Đặc biệt nghiêm trọng", True, 4),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("situation", "Topic")
    SeverityLevel = apps.get_model("situation", "SeverityLevel")
    for order, (slug, name) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    for rank, name, alerts, hours in SEVERITY:
        SeverityLevel.objects.get_or_create(
            rank=rank, defaults={"name": name, "alerts": alerts, "acknowledge_hours": hours}
        )


class Migration(migrations.Migration):
    dependencies = [("situation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

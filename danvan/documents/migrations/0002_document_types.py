"""The Party document types of Hướng dẫn 36-HD/VPTW (03/4/2018) with their abbreviations, as data."""

from django.db import migrations

TYPES = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TT", "Thông tri"),
    ("HD", "Hướng dẫn"),
    ("KH", "Kế hoạch"),
    ("CTr", "Chương trình"),
    ("BC", "Báo cáo"),
    ("TB", "Thông báo"),
    ("TTr", "Tờ trình"),
    ("ĐA", "Đề án"),
    ("CV", "Công văn"),
    ("BB", "Biên bản"),
    ("TC", "Thông cáo"),
    ("GGT", "Giấy giới thiệu"),
]


def load(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, name) in enumerate(TYPES, start=1):
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

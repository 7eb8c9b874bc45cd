"""The six indicators of “Kết quả tiếp công dân, xử lý đơn thư” are filled from the petitions module (issue 14):
set their source where nobody has set one (a fresh database gets them from 0007 already)."""

from django.db import migrations


def petition_sources(apps, schema_editor):
    from danvan.reports.starter import SOURCES

    Indicator = apps.get_model("reports", "Indicator")
    for code, source in SOURCES.items():
        Indicator.objects.filter(code=code, source="").update(source=source)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_indicator_source"),
    ]

    operations = [migrations.RunPython(petition_sources, migrations.RunPython.noop)]

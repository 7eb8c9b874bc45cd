"""The dialogue indicators (“Tiếp xúc, đối thoại”) and the situation reports sent are filled by the system from
the petitions and situation modules (issue 14, one flow of data): set their source where nobody has set one."""

from django.db import migrations


def dialogue_sources(apps, schema_editor):
    from danvan.reports.starter import SOURCES

    Indicator = apps.get_model("reports", "Indicator")
    for code, source in SOURCES.items():
        Indicator.objects.filter(code=code, source="").update(source=source)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_document_revocation"),
    ]

    operations = [migrations.RunPython(dialogue_sources, migrations.RunPython.noop)]

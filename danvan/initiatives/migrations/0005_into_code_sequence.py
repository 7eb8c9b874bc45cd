"""The per-year counter moves to the shared core.CodeSequence (prefix "MH"), numbers kept."""

from django.db import migrations


def copy_counters(apps, schema_editor):
    old = apps.get_model("initiatives", "InitiativeSequence")
    CodeSequence = apps.get_model("core", "CodeSequence")
    for row in old.objects.all():
        CodeSequence.objects.update_or_create(prefix="MH", year=row.year, defaults={"last": row.last})


def copy_back(apps, schema_editor):
    old = apps.get_model("initiatives", "InitiativeSequence")
    for row in apps.get_model("core", "CodeSequence").objects.filter(prefix="MH"):
        old.objects.update_or_create(year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_search_trigram_index"),
        ("core", "0004_code_sequence"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="InitiativeSequence"),
    ]

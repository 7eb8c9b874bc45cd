"""The per-year counter moves to the shared core.CodeSequence (prefix "HT"), numbers kept."""

from django.db import migrations


def copy_counters(apps, schema_editor):
    old = apps.get_model("contests", "ContestSequence")
    CodeSequence = apps.get_model("core", "CodeSequence")
    for row in old.objects.all():
        CodeSequence.objects.update_or_create(prefix="HT", year=row.year, defaults={"last": row.last})


def copy_back(apps, schema_editor):
    old = apps.get_model("contests", "ContestSequence")
    for row in apps.get_model("core", "CodeSequence").objects.filter(prefix="HT"):
        old.objects.update_or_create(year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0001_initial"),
        ("core", "0004_code_sequence"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="ContestSequence"),
    ]

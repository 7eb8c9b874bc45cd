"""The per-year counter moves to the shared core.CodeSequence (prefix "DT"), numbers kept."""

from django.db import migrations


def copy_counters(apps, schema_editor):
    old = apps.get_model("petitions", "PetitionSequence")
    CodeSequence = apps.get_model("core", "CodeSequence")
    for row in old.objects.all():
        CodeSequence.objects.update_or_create(prefix="DT", year=row.year, defaults={"last": row.last})


def copy_back(apps, schema_editor):
    old = apps.get_model("petitions", "PetitionSequence")
    for row in apps.get_model("core", "CodeSequence").objects.filter(prefix="DT"):
        old.objects.update_or_create(year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0009_fill_province"),
        ("core", "0004_code_sequence"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="PetitionSequence"),
    ]

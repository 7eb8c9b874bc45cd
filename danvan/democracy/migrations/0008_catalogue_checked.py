from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.democracy.seed_sources import apply_sources

    apply_sources(apps)


class Migration(migrations.Migration):
    dependencies = [("democracy", "0007_item_sources")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

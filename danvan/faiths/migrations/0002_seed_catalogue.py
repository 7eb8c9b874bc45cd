from django.db import migrations


def seed(apps, schema_editor):
    from danvan.faiths.seed import catalogue_seed

    catalogue_seed(apps)


class Migration(migrations.Migration):
    dependencies = [("faiths", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

from django.db import migrations


def load(apps, schema_editor):
    from danvan.reports.starter import starter_set_load

    starter_set_load(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.committees.seed import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.democracy.seed import seed_agencies_and_enterprises

    seed_agencies_and_enterprises(apps)


class Migration(migrations.Migration):
    dependencies = [("democracy", "0004_qcdc_report_sources")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

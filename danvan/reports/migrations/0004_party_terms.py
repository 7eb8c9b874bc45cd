"""Party committee terms for document numbering. The boundaries are the usual congress season and are
[unconfirmed] for any given province: administrators correct them as data."""

import datetime as dt

from django.db import migrations

TERMS = [("2020-2025", dt.date(2020, 10, 1), dt.date(2025, 9, 30)), ("2025-2030", dt.date(2025, 10, 1), None)]


def load(apps, schema_editor):
    PartyTerm = apps.get_model("reports", "PartyTerm")
    for label, starts_on, ends_on in TERMS:
        PartyTerm.objects.get_or_create(label=label, defaults={"starts_on": starts_on, "ends_on": ends_on})


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_document_register")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

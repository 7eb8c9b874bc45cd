import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    from danvan.petitions.seed import FIELDS, HOLIDAYS, RULES

    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    Holiday = apps.get_model("petitions", "Holiday")
    PetitionField = apps.get_model("petitions", "PetitionField")
    for proc, step, days, day_type, ext, max_ext, remote, remote_ext, start, basis in RULES:
        DeadlineRule.objects.get_or_create(
            procedure=proc,
            step=step,
            variant="",
            effective_from=start,
            defaults=dict(
                days=days,
                day_type=day_type,
                extension_days=ext,
                max_extensions=max_ext,
                remote_area_days=remote,
                remote_area_extension_days=remote_ext,
                legal_basis=basis,
            ),
        )
    for day, name, estimate in HOLIDAYS:
        Holiday.objects.get_or_create(date=dt.date.fromisoformat(day), defaults={"name": name, "is_estimate": estimate})
    for code, name, order in FIELDS:
        PetitionField.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Case codes (VV-…) move to core.CodeSequence: seed each year's counter from the highest existing case number,
so the first new code follows the old ones instead of colliding with them. Existing cases keep their codes."""

from django.db import migrations


def seed_counters(apps, schema_editor):
    Case = apps.get_model("petitions", "Case")
    CodeSequence = apps.get_model("core", "CodeSequence")
    highest: dict[int, int] = {}
    for code in Case.objects.filter(code__startswith="VV-").values_list("code", flat=True):
        _prefix, year, number = (code.split("-", 2) + ["", ""])[:3]
        if year.isdecimal() and number.isdecimal():
            highest[int(year)] = max(highest.get(int(year), 0), int(number))
    for year, last in highest.items():
        row, _created = CodeSequence.objects.get_or_create(prefix="VV", year=year)
        if row.last < last:
            row.last = last
            row.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0010_into_code_sequence"),
        ("core", "0004_code_sequence"),
    ]

    operations = [migrations.RunPython(seed_counters, migrations.RunPython.noop)]

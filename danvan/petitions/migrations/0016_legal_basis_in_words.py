"""The seeded legal bases said "[unconfirmed: không có trong DOMAIN.md §1.2]" and "[unconfirmed]" — notes for the
developers that reached the rules page and every petition's deadline. Say in words that the limit is to be checked
and can be changed (issue 14, finding 7). Rules and petitions edited since keep their wording."""

from django.db import migrations

IN_WORDS = "(thời hạn cần được đối chiếu, có thể điều chỉnh tại trang Thời hạn luật định)"
OLD = ("[unconfirmed: không có trong DOMAIN.md §1.2]", "[unconfirmed]")


def reword(apps, schema_editor):
    for model, field in (
        ("DeadlineRule", "legal_basis"),
        ("ReceptionDutyRule", "legal_basis"),
        ("Petition", "deadline_basis"),
    ):
        Model = apps.get_model("petitions", model)
        for old in OLD:
            for pk, text in Model.objects.filter(**{f"{field}__contains": old}).values_list("pk", field):
                Model.objects.filter(pk=pk).update(**{field: text.replace(old, IN_WORDS)})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0015_choice_labels_translated")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]

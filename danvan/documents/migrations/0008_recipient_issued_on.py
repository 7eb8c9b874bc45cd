from django.db import migrations, models

# Each recipient row keeps its document's issue date, so that a unit's incoming register of a year is a range on
# (unit, issued_on). The rows already written get theirs here, in batches of ids, each committed on its own
# (atomic = False): on 20 million rows one UPDATE would hold its locks and its undo for many minutes, and a batch
# stopped half-way is taken up again (only rows still without a date are written). The index is made after the
# rows are filled, so that the update does not maintain it.
BATCH = 500_000

FILL = """
    UPDATE documents_documentrecipient SET issued_on = i.issued_on
    FROM documents_document d JOIN reports_issueddocument i ON i.id = d.issued_id
    WHERE documents_documentrecipient.document_id = d.id
      AND documents_documentrecipient.id >= %s AND documents_documentrecipient.id < %s
      AND documents_documentrecipient.issued_on IS NULL
"""


def fill_issued_on(apps, schema_editor):
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT min(id), max(id) FROM documents_documentrecipient")
        low, high = cur.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, BATCH):
            cur.execute(FILL, [start, start + BATCH])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("documents", "0007_list_indexes"),
        ("reports", "0012_submission_completeness_cover"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentrecipient",
            name="issued_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(fill_issued_on, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="documentrecipient",
            index=models.Index(fields=["unit", "issued_on"], name="docrecipient_unit_issued"),
        ),
    ]

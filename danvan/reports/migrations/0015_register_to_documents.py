"""The document register left this app for `documents` (decision 0059): removed from reports' state only. The
tables stay, under their `reports_` names, now the `documents` models' (`documents 0009`)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0009_register_from_reports"),
        ("reports", "0014_faiths_sources"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="documentregister",
                    name="documentregister_unique",
                ),
                migrations.RemoveConstraint(
                    model_name="issueddocument",
                    name="issueddocument_number_unique",
                ),
                migrations.RemoveField(
                    model_name="documentregister",
                    name="issuer",
                ),
                migrations.RemoveField(
                    model_name="documentregister",
                    name="term",
                ),
                migrations.RemoveField(
                    model_name="issueddocument",
                    name="issued_by",
                ),
                migrations.RemoveField(
                    model_name="issueddocument",
                    name="register",
                ),
                migrations.RemoveField(
                    model_name="issueddocument",
                    name="replaces",
                ),
                migrations.RemoveField(
                    model_name="issueddocument",
                    name="revoked_by",
                ),
                migrations.DeleteModel(
                    name="PartyTerm",
                ),
                migrations.DeleteModel(
                    name="DocumentRegister",
                ),
                migrations.DeleteModel(
                    name="IssuedDocument",
                ),
            ],
        ),
    ]

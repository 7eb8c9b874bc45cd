"""The document register (PartyTerm, DocumentRegister, IssuedDocument) moves here from `reports` (decision 0059).

State only: the tables keep their names (`reports_partyterm`, `reports_documentregister`, `reports_issueddocument`,
`db_table` on the models), so every number, link and file stays where it is and nothing is copied. The models are
created in this app's state and `Document.issued` points to the one here; `reports 0015` then removes them from
reports' state. The content types of the three models are renamed to this app (with their permissions, which
follow the content type), so no stale `reports.*` content type is left behind."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("partyterm", "documentregister", "issueddocument")


def _content_types_move(apps, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_types.objects.filter(app_label=target, model=model).exists():
            content_types.objects.filter(app_label=source, model=model).update(app_label=target)
    content_types.objects.clear_cache()


def content_types_forward(apps, schema_editor):
    _content_types_move(apps, "reports", "documents")


def content_types_backward(apps, schema_editor):
    _content_types_move(apps, "documents", "reports")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0008_recipient_issued_on"),
        ("organisations", "0005_tree_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="PartyTerm",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("label", models.CharField(max_length=16, unique=True)),
                        ("starts_on", models.DateField()),
                        ("ends_on", models.DateField(blank=True, null=True)),
                    ],
                    options={
                        "db_table": "reports_partyterm",
                        "ordering": ["-starts_on"],
                    },
                ),
                migrations.CreateModel(
                    name="DocumentRegister",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("doc_type", models.CharField(max_length=8)),
                        ("symbol", models.CharField(max_length=32)),
                        ("last_number", models.PositiveIntegerField(default=0)),
                        (
                            "issuer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisations.orgunit",
                            ),
                        ),
                        (
                            "term",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="documents.partyterm"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reports_documentregister",
                    },
                ),
                migrations.CreateModel(
                    name="IssuedDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("number", models.PositiveIntegerField()),
                        ("reference", models.CharField(max_length=64)),
                        ("title", models.CharField(max_length=255)),
                        ("issued_on", models.DateField()),
                        ("content", models.BinaryField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("key", models.CharField(blank=True, max_length=200)),
                        ("source_url", models.CharField(blank=True, max_length=300)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("revoke_reason", models.TextField(blank=True)),
                        (
                            "issued_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "register",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="documents",
                                to="documents.documentregister",
                            ),
                        ),
                        (
                            "replaces",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="replaced_by",
                                to="documents.issueddocument",
                            ),
                        ),
                        (
                            "revoked_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reports_issueddocument",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.AlterField(
                    model_name="document",
                    name="issued",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="draft",
                        to="documents.issueddocument",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="issueddocument",
                    constraint=models.UniqueConstraint(
                        fields=("register", "number"), name="issueddocument_number_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="documentregister",
                    constraint=models.UniqueConstraint(
                        fields=("issuer", "doc_type", "term"), name="documentregister_unique"
                    ),
                ),
            ],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]

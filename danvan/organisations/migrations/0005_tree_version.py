"""The tree's version (decision 0043): one row the database counts up itself whenever the tree changes.

Triggers, not service code, because the tree is written by services, loaders, bulk updates and tests alike;
whatever is stored in tree order compares its label with this number. Statement-level on PostgreSQL (a bulk
load counts once per statement); row-level on SQLite, which has no other kind. An upsert, so a flushed table
(TransactionTestCase) starts again from 1.
"""

from django.db import migrations, models

# A unit's place in any stored order depends on these columns (and on the closure rows for subtrees).
COLUMNS = "parent_id, depth, sort_order, name, code, kind, is_active"
UPSERT = (
    "INSERT INTO organisations_treeversion (id, number) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET number = organisations_treeversion.number + 1"
)

SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN {UPSERT}; END"
    for name, event, table in [
        ("orgunit_tree_insert", "INSERT", "organisations_orgunit"),
        ("orgunit_tree_delete", "DELETE", "organisations_orgunit"),
        ("orgunit_tree_update", f"UPDATE OF {COLUMNS}", "organisations_orgunit"),
        ("orgunitclosure_tree_insert", "INSERT", "organisations_orgunitclosure"),
        ("orgunitclosure_tree_delete", "DELETE", "organisations_orgunitclosure"),
        ("orgunitclosure_tree_update", "UPDATE", "organisations_orgunitclosure"),
    ]
]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION organisations_tree_changed() RETURNS trigger AS $$
        BEGIN {UPSERT}; RETURN NULL; END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS orgunit_tree_changed ON organisations_orgunit",
    f"CREATE TRIGGER orgunit_tree_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF {COLUMNS} "
    "ON organisations_orgunit FOR EACH STATEMENT EXECUTE FUNCTION organisations_tree_changed()",
    "DROP TRIGGER IF EXISTS orgunitclosure_tree_changed ON organisations_orgunitclosure",
    "CREATE TRIGGER orgunitclosure_tree_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE "
    "ON organisations_orgunitclosure FOR EACH STATEMENT EXECUTE FUNCTION organisations_tree_changed()",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(statement)
    schema_editor.execute(UPSERT)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in [s.split()[5] for s in SQLITE]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS orgunit_tree_changed ON organisations_orgunit")
        schema_editor.execute("DROP TRIGGER IF EXISTS orgunitclosure_tree_changed ON organisations_orgunitclosure")
        schema_editor.execute("DROP FUNCTION IF EXISTS organisations_tree_changed()")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_orgunit_version")]
    operations = [
        migrations.CreateModel(
            name="TreeVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]

from django.db import migrations

# Fill Petition.province from the closure table: the ancestor at depth 1 (the unit itself when it is a province).
SQL = """
UPDATE petitions_petition SET province_id = (
    SELECT c.ancestor_id FROM organisations_orgunitclosure c
    JOIN organisations_orgunit a ON a.id = c.ancestor_id
    WHERE c.descendant_id = petitions_petition.unit_id AND a.depth = 1
) WHERE province_id IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_petition_province")]
    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]

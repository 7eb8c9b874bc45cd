"""Each branch's count of current members, kept by the writes (the branch list reads it), and the person's folded
name and date of birth copied onto each membership (the branch page reads a page of members from one index).

The existing rows are filled by two plain statements (portable SQL: SQLite in the tests, PostgreSQL)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_corrections_and_retirement"),
    ]

    operations = [
        migrations.AddField(
            model_name="branch",
            name="member_count",
            field=models.PositiveIntegerField(db_default=0),
        ),
        migrations.AddField(
            model_name="membership",
            name="person_birth_date",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="membership",
            name="person_name_folded",
            field=models.CharField(db_default="", max_length=128),
        ),
        migrations.RunSQL(
            "UPDATE members_membership SET person_name_folded = (SELECT p.name_folded FROM members_person p "
            "WHERE p.id = members_membership.person_id), person_birth_date = (SELECT p.birth_date FROM "
            "members_person p WHERE p.id = members_membership.person_id)",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE members_branch SET member_count = (SELECT COUNT(*) FROM members_membership m "
            "WHERE m.branch_id = members_branch.id AND m.left_on IS NULL)",
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                condition=models.Q(("left_on__isnull", True)),
                fields=["branch", "person_name_folded", "person_birth_date", "id"],
                name="membership_branch_roster_idx",
            ),
        ),
    ]

"""manage.py backup and restore round-trip a database with records of every kind, exactly, on the database the suite
runs on (SQLite, then PostgreSQL in scripts/test.sh); restore refuses to overwrite a database that has tables.

The records must be committed for pg_dump to see them, and the suite's database must keep its national tree for the
other tests, so the round trip runs on two scratch databases: the source starts as a restore of the suite's
database (which also tests restoring into an empty one), gets records of every kind through manage.py, is backed
up, and the backup is restored into the target. Source and target are then compared table by table.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

# Tables that the records below must fill, so that the comparison covers binary files, confidential identities,
# the audit trail and each module's main records, not only empty tables.
MUST_HAVE_ROWS = {
    "accounts_user",
    "accounts_roleassignment",
    "accounts_loginfailure",
    "audit_auditevent",
    "core_storedfile",
    "core_codesequence",
    "organisations_orgunit",
    "organisations_orgunitclosure",
    "organisations_person",
    "petitions_petition",
    "petitions_petitioner",
    "petitions_confidentialidentity",
    "petitions_petitionevent",
    "reports_indicator",
    "workplans_workplan",
    "initiatives_initiative",
    "initiatives_evaluationscore",
    "movements_movementresult",
    "contests_score",
}


class Scratch:
    """A scratch database of the suite's kind: its DATABASE_URL, rows and schema, and how to drop it."""

    def __init__(self, tmp_path: Path, name: str):
        settings = connection.settings_dict
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.name = f"{settings['NAME']}_{name}"
            auth = quote(settings["USER"] or "")
            if settings["PASSWORD"]:
                auth += ":" + quote(settings["PASSWORD"])
            self.server = f"postgresql://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
            self.url = f"{self.server}/{self.name}"
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as admin:
            admin.execute(sql)

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _connect(self):
        if self.vendor == "sqlite":
            return sqlite3.connect(self.path)
        import psycopg

        return psycopg.connect(self.url)

    def snapshot(self) -> dict:
        """Every table's rows in primary-key order, the schema objects (with triggers), and the sequences."""
        db = self._connect()
        try:
            if self.vendor == "sqlite":
                schema = db.execute(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                ).fetchall()
                tables = [name for kind, name, _, _ in schema if kind == "table"]
                keys = {t: [row[1] for row in db.execute(f'PRAGMA table_info("{t}")') if row[5]] for t in tables}
                sequences = []
            else:
                schema = db.execute(
                    "SELECT 'index', indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                    "UNION ALL SELECT 'trigger', tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) "
                    "FROM pg_trigger WHERE NOT tgisinternal "
                    "UNION ALL SELECT 'function', proname, '', pg_get_functiondef(p.oid) FROM pg_proc p "
                    "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1, 2"
                ).fetchall()
                tables = [
                    row[0]
                    for row in db.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                    )
                ]
                keys = {
                    t: [
                        row[0]
                        for row in db.execute(
                            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
                            [f'"{t}"'],
                        )
                    ]
                    for t in tables
                }
                sequences = db.execute(
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
                ).fetchall()
            rows = {}
            for table in tables:
                order = ", ".join(f'"{column}"' for column in keys[table]) or "1"
                rows[table] = [tuple(row) for row in db.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]
            return {"schema": schema, "rows": rows, "sequences": sequences}
        finally:
            db.close()


def manage(*args, database: Scratch, tmp_path: Path, check: bool = True):
    env = {k: v for k, v in os.environ.items() if k not in {"DANVAN_ENV", "DEBUG", "SECRET_KEY"}}
    env.update({"DATABASE_URL": database.url, "DANVAN_VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stderr + result.stdout
    return result


@pytest.fixture
def scratch(tmp_path):
    made = []

    def make(name: str) -> Scratch:
        made.append(Scratch(tmp_path, name))
        return made[-1]

    yield make
    for database in made:
        database.drop()


def test_a_backup_restores_every_record_and_file_exactly_and_restore_never_overwrites_silently(tmp_path, scratch):
    # The suite's database (the national tree, the seeded rules) is the starting point.
    base = tmp_path / "base.backup"
    call_command("backup", str(base), verbosity=0)
    source, target = scratch("backup_source"), scratch("backup_target")
    manage("restore", str(base), database=source, tmp_path=tmp_path)
    manage(
        "shell",
        "-c",
        "from danvan.core.tests.backup_records import records_fill; records_fill()",
        database=source,
        tmp_path=tmp_path,
    )

    backup = tmp_path / "danvan.backup"
    manage("backup", str(backup), database=source, tmp_path=tmp_path)
    assert backup.stat().st_mode & 0o077 == 0  # it holds confidential identities
    manage("restore", str(backup), database=target, tmp_path=tmp_path)

    expected = source.snapshot()
    empty = sorted(table for table in MUST_HAVE_ROWS if not expected["rows"].get(table))
    assert empty == []
    restored = target.snapshot()
    assert restored["schema"] == expected["schema"]
    assert restored["sequences"] == expected["sequences"]
    assert restored["rows"].keys() == expected["rows"].keys()
    for table, rows in expected["rows"].items():
        assert restored["rows"][table] == rows, table
    stored = next(row for row in restored["rows"]["core_storedfile"] if "nhị phân" in str(row))
    assert bytes(range(256)) * 64 in [bytes(value) for value in stored if isinstance(value, (bytes, memoryview))]

    # A second restore onto the now filled target is refused and changes nothing; --force replaces its content.
    refused = manage("restore", str(backup), database=target, tmp_path=tmp_path, check=False)
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    manage(
        "shell",
        "-c",
        "from danvan.accounts.services import login_record_failure as f; f(username='x', ip=None)",
        database=target,
        tmp_path=tmp_path,
    )
    manage("restore", str(backup), "--force", database=target, tmp_path=tmp_path)
    assert target.snapshot()["rows"] == expected["rows"]
    # The restored database is complete: no migration is missing.
    manage("migrate", "--check", database=target, tmp_path=tmp_path)


# These two also make pytest-django set up the suite's database when this file runs alone.
@pytest.mark.django_db
def test_backup_never_overwrites_an_existing_file(tmp_path):
    existing = tmp_path / "danvan.backup"
    existing.write_bytes(b"an older backup")
    with pytest.raises(Exception, match="đã có"):
        call_command("backup", str(existing), verbosity=0)
    assert existing.read_bytes() == b"an older backup"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("không phải bản sao lưu")
    with pytest.raises(Exception, match="không phải bản sao lưu"):
        call_command("restore", str(bogus), "--force", verbosity=0)

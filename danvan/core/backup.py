"""Backing up and restoring the whole database: every record, every uploaded file (they live in core.StoredFile).

PostgreSQL goes through pg_dump's custom format and pg_restore (the PostgreSQL client of the server's major version
or newer must be installed); SQLite through its online backup API, which copies a consistent snapshot while danvan
keeps running. A backup is written to a temporary name and renamed when complete, readable by its owner only: it
holds confidential identities.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from danvan.core.errors import ApplicationError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


def _kind(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine == "django.db.backends.postgresql":
        return "postgresql"
    if engine == "django.db.backends.sqlite3":
        return "sqlite"
    raise ApplicationError(f"Không sao lưu được cơ sở dữ liệu loại {engine}.")


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ApplicationError(
            f"Không tìm thấy {name}: cài PostgreSQL client (apt-get install postgresql-client) cùng phiên bản "
            "máy chủ PostgreSQL hoặc mới hơn."
        )
    return path


def _pg_env(settings_dict: dict) -> dict:
    """libpq's environment variables for this database: the password never appears on a command line."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], *, env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 (fixed tools, no shell)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise ApplicationError(f"{Path(command[0]).name} thất bại: {detail[-1] if detail else result.returncode}")


def database_backup(*, settings_dict: dict, connection, path: Path) -> int:
    """Write a backup of the database to path (which must not exist yet); return its size in bytes."""
    path = Path(path)
    if path.exists():
        raise ApplicationError(f"{path} đã có: chọn tên tệp khác (một bản sao lưu không bị ghi đè).")
    if not path.parent.is_dir():
        raise ApplicationError(f"Thư mục {path.parent} không có.")
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    # Owner-only from the first byte: the file holds confidential identities.
    partial.touch(mode=0o600)
    try:
        if _kind(settings_dict) == "postgresql":
            _run(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
                env=_pg_env(settings_dict),
            )
        else:
            # A connection of its own: a snapshot of what is committed, whatever Django's connection is doing.
            name = str(settings_dict["NAME"])
            source = sqlite3.connect(name, uri=name.startswith("file:"))
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        partial.chmod(0o600)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path.stat().st_size


def database_table_count(*, connection) -> int:
    """How many tables the database has: a database with any is not overwritten without --force."""
    return len(connection.introspection.table_names())


def database_restore(*, settings_dict: dict, connection, path: Path, force: bool) -> None:
    """Replace the database's whole content with the backup at path. Refused on a database that has any table,
    unless force."""
    path = Path(path)
    if not path.is_file():
        raise ApplicationError(f"Không có tệp sao lưu {path}.")
    with path.open("rb") as handle:
        head = handle.read(16)
    kind = _kind(settings_dict)
    expected = PG_DUMP_MAGIC if kind == "postgresql" else SQLITE_MAGIC
    if not head.startswith(expected):
        found = "PostgreSQL" if head.startswith(PG_DUMP_MAGIC) else "SQLite" if head.startswith(SQLITE_MAGIC) else None
        raise ApplicationError(
            f"{path} không phải bản sao lưu {'PostgreSQL' if kind == 'postgresql' else 'SQLite'}"
            + (f" (đó là bản sao lưu {found}: đặt DATABASE_URL đúng loại)." if found else ".")
        )
    tables = database_table_count(connection=connection)
    if tables and not force:
        raise ApplicationError(
            f"Cơ sở dữ liệu đích đã có {tables} bảng: không ghi đè. Dùng --force để thay toàn bộ nội dung của nó."
        )
    if kind == "postgresql":
        _pg_tool("pg_restore")
        if tables:
            # Everything goes, including tables a newer version added that the backup does not know.
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connection.close()
        _run(
            [
                _pg_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={settings_dict['NAME']}",
                str(path),
            ],
            env=_pg_env(settings_dict),
        )
    else:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise ApplicationError(f"{path} bị hỏng (PRAGMA quick_check).")
            connection.ensure_connection()
            # The backup API replaces every page of the target: tables the backup lacks disappear too.
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()

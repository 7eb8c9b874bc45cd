"""Settings are read from the environment; bad values stop the start with one line naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DANVAN_ENV", "SECRET_KEY", "DEBUG"}}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_malformed_database_url_is_one_line_naming_the_variable(tmp_path):
    result = manage("check", env_extra={"DATABASE_URL": "mysql//nope", "DANVAN_VAR_DIR": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0]


def test_production_without_a_secret_key_names_it(tmp_path):
    result = manage(
        "check",
        env_extra={"DANVAN_ENV": "production", "ALLOWED_HOSTS": "danvan.example.vn", "DANVAN_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_boolean_names_the_variable(tmp_path):
    result = manage("check", env_extra={"DEBUG": "maybe", "DANVAN_VAR_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "DEBUG" in result.stderr


def test_the_production_profile_passes_check_deploy_with_no_warning(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DANVAN_ENV": "production",
            "SECRET_KEY": "x7#" * 20 + "k9Qz!",
            "ALLOWED_HOSTS": "danvan.example.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "DANVAN_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_default_run_generates_a_secret_key_file_outside_the_repository(tmp_path):
    result = manage("check", env_extra={"DANVAN_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


PRODUCTION_ENV = {
    "DANVAN_ENV": "production",
    "SECRET_KEY": "x7#" * 20 + "k9Qz!",
    "ALLOWED_HOSTS": "danvan.example.vn",
}


def test_production_without_a_database_url_names_it_instead_of_opening_sqlite(tmp_path):
    result = manage("check", env_extra={**PRODUCTION_ENV, "DANVAN_VAR_DIR": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0]
    assert not (tmp_path / "danvan.sqlite3").exists()


def test_collectstatic_with_the_production_storage_hashes_every_file(tmp_path):
    # The manifest storage refuses a CSS/JS file that refers to a missing file (a source map, a font):
    # without its manifest every production page is a 500.
    result = manage(
        "collectstatic",
        "--noinput",
        env_extra={
            **PRODUCTION_ENV,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "DANVAN_VAR_DIR": str(tmp_path),
            "STATIC_ROOT": str(tmp_path / "static"),
        },
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "vendor/bootstrap/bootstrap.min.css" in manifest["paths"]
    hashed = manifest["paths"]["vendor/bootstrap/bootstrap.bundle.min.js"]
    assert (tmp_path / "static" / (hashed + ".gz")).exists()

#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, then pytest on SQLite, then on PostgreSQL
# when one is reachable (DATABASE_URL, or postgres@127.0.0.1:5432). Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh" --dev  # explicit: a bare source would hand our pytest arguments to uv sync

# Browser tests drive Debian's Chromium; document tests open DOCX files in LibreOffice. Install them (and
# Times New Roman's stand-in font) where missing.
if { [ ! -x /usr/bin/chromium ] || ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; } \
    && [ -z "${DANVAN_SKIP_BROWSER:-}" ]; then
  say "Installing Debian's chromium, LibreOffice Writer and poppler-utils for the browser and document tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation2 libreoffice-writer-nogui poppler-utils >/dev/null \
    || die "Could not install them with apt-get (apt-get install chromium libreoffice-writer-nogui poppler-utils)."
fi

say "ruff"
"$ROOT/.venv/bin/ruff" check . && "$ROOT/.venv/bin/ruff" format --check . -q || die "ruff found problems (see above; ruff format fixes formatting)."
"$PY" manage.py makemigrations --check --dry-run >/dev/null || die "Models changed without a migration: run manage.py makemigrations."

say "pytest on SQLite"
env -u DATABASE_URL "$PY" -m pytest -q "$@"

PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/danvan}"
if DATABASE_URL="$PG_URL" "$PY" manage.py dbcheck >/dev/null 2>&1; then
  say "pytest on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" "$PY" -m pytest -q "$@"
  # The README's production steps on a fresh database, served by gunicorn, every page kind fetched.
  DATABASE_URL="$PG_URL" "$ROOT/scripts/deploy-check.sh" || die "The deploy check failed (see above)."
else
  say "PostgreSQL not reachable at $PG_URL: its run is skipped"
  [ -n "${CI:-}" ] && die "CI must test on PostgreSQL too, and it is not reachable."
fi
say "all tests passed"

#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, then pytest on SQLite and, beside it, on PostgreSQL when
# one is reachable (DATABASE_URL, or postgres@127.0.0.1:5432), the deploy check and the browser tests.
# Extra arguments go to pytest.
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

PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/danvan}"
if ! DATABASE_URL="$PG_URL" "$PY" manage.py dbcheck >/dev/null 2>&1; then
  say "PostgreSQL not reachable at $PG_URL: its run is skipped"
  [ -n "${CI:-}" ] && die "CI must test on PostgreSQL too, and it is not reachable."
  say "pytest on SQLite"
  env -u DATABASE_URL "$PY" -m pytest -q "$@"
  say "all tests passed (SQLite only)"
  exit 0
fi

# Two lanes on two cores: in front, the SQLite pass without the browser tests, then the README's production steps on
# a fresh PostgreSQL database (deploy check); beside it, the PostgreSQL pass (which skips the browser tests), then the
# browser tests on SQLite. The second lane's output is kept in a file and printed when it ends.
pytest_part() {  # pytest_part ARGS...: pytest, where "no test selected" (exit 5, a narrowed run) is not a failure
  local rc=0
  "$PY" -m pytest -q "$@" || rc=$?
  [ "$rc" -eq 5 ] && rc=0
  return "$rc"
}
LANE="$(mktemp -d)"
(
  set +e
  {
    say "pytest on PostgreSQL ($PG_URL)"
    DATABASE_URL="$PG_URL" pytest_part -m "not browser" "$@" || { echo 1 >"$LANE/failed"; say "PostgreSQL pass FAILED"; }
    say "browser tests on SQLite (Debian's chromium)"
    (unset DATABASE_URL; pytest_part -m browser "$@") || { echo 1 >"$LANE/failed"; say "browser tests FAILED"; }
  } >"$LANE/log" 2>&1
) &
LANE_PID=$!
kill_tree() { local p; for p in $(pgrep -P "$1"); do kill_tree "$p"; done; kill "$1" 2>/dev/null || true; }
trap 'kill_tree "$LANE_PID"' EXIT  # stopped early (Ctrl+C, a failure): the other lane and its servers stop too

say "pytest on SQLite (without the browser tests; the PostgreSQL pass and the browser tests run beside it)"
SQLITE_RC=0
(unset DATABASE_URL; pytest_part -m "not browser" "$@") || SQLITE_RC=$?
say "deploy check: the README's production steps on a fresh PostgreSQL database, served by gunicorn"
DEPLOY_RC=0
DATABASE_URL="$PG_URL" "$ROOT/scripts/deploy-check.sh" || DEPLOY_RC=$?
say "SQLite pass and deploy check done (exit $SQLITE_RC, $DEPLOY_RC); waiting for the other lane"
wait "$LANE_PID" || true
trap - EXIT
cat "$LANE/log"
FAILED=""
[ "$SQLITE_RC" -ne 0 ] && FAILED="the SQLite pass"
[ "$DEPLOY_RC" -ne 0 ] && FAILED="${FAILED:+$FAILED and }the deploy check"
[ -e "$LANE/failed" ] && FAILED="${FAILED:+$FAILED and }the PostgreSQL/browser lane"
rm -rf "$LANE"
[ -n "$FAILED" ] && die "Tests failed: $FAILED (see above)."
say "all tests passed"

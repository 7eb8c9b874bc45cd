#!/usr/bin/env bash
# Runs the README's production steps ("Deploying") on a fresh PostgreSQL database, serves danvan with the production
# server on a loopback port, and fetches every page kind (scripts/deploy_check_pages.py). scripts/test.sh runs it,
# so CI does. Everything it makes (database, static files, server) is removed at the end, pass or fail.
#   DATABASE_URL   the PostgreSQL server to use (default postgres://postgres@127.0.0.1:5432/danvan); the check makes
#                  its own database <name>_deploycheck there and drops it afterwards.
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh" --no-dev --inexact  # --inexact: keep the dev tools test.sh installed

BASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/danvan}"
WORK="$(mktemp -d)"
SERVER_PID=""

# The database's name gets a suffix; the rest of the URL (user, password, host, options) is kept.
read -r CHECK_URL ADMIN_URL CHECK_DB < <("$PY" - "$BASE_URL" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
parts = urlsplit(sys.argv[1])
name = parts.path.lstrip("/") + "_deploycheck"
print(urlunsplit(parts._replace(path="/" + name)), urlunsplit(parts._replace(path="/postgres")), name)
PY
)

pg_admin() {  # pg_admin "SQL": run one statement on the server's maintenance database
  "$PY" -c 'import sys, psycopg; c = psycopg.connect(sys.argv[1], autocommit=True); c.execute(sys.argv[2])' \
    "$(sed 's#^postgres://#postgresql://#' <<<"$ADMIN_URL")" "$1"
}

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  pg_admin "DROP DATABASE IF EXISTS \"$CHECK_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="${DEPLOY_CHECK_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
ADMIN_PASSWORD="$("$PY" -c 'import secrets; print("Dv-" + secrets.token_urlsafe(18))')"

# The production environment, as the README gives it. SECURE_SSL_REDIRECT stays on: the page fetcher sends
# X-Forwarded-Proto: https like the reverse proxy.
export DANVAN_ENV=production
export SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="$CHECK_URL"
export STATIC_ROOT="$WORK/static"
export DANVAN_VAR_DIR="$WORK/var"
unset DEBUG

say "deploy check: fresh database $CHECK_DB"
pg_admin "DROP DATABASE IF EXISTS \"$CHECK_DB\" WITH (FORCE)"
pg_admin "CREATE DATABASE \"$CHECK_DB\""

step() { say "deploy check: manage.py $*"; "$PY" manage.py "$@" || die "deploy check: manage.py $1 failed (see above)."; }
step check --deploy --fail-level WARNING
step collectstatic --noinput -v0
step migrate --noinput -v0
step load_admin_units
step build_org_tree
step create_system_admin quantri --password "$ADMIN_PASSWORD"

say "deploy check: gunicorn on 127.0.0.1:$PORT"
DANVAN_BIND="127.0.0.1:$PORT" WEB_WORKERS=2 "$ROOT/.venv/bin/gunicorn" -c danvan/gunicorn.conf.py danvan.wsgi \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  if "$PY" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)' "$PORT" 2>/dev/null; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "deploy check: gunicorn did not start."; }
  sleep 0.5
done

"$PY" scripts/deploy_check_pages.py "http://127.0.0.1:$PORT" quantri "$ADMIN_PASSWORD" \
  || { tail -50 "$WORK/server.log" >&2; die "deploy check: a page failed (server log above)."; }
if grep -q "Traceback\|Internal Server Error" "$WORK/server.log"; then
  cat "$WORK/server.log" >&2; die "deploy check: the server logged an error."
fi
say "deploy check passed"

#!/usr/bin/env bash
# Sets everything up and serves danvan on http://127.0.0.1:8000 (SQLite, real administrative data, demo data).
# Safe to run again: each step reuses what is already there.
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh" --no-dev

"$PY" manage.py migrate --noinput
"$PY" manage.py load_admin_units
"$PY" manage.py build_org_tree
"$PY" manage.py load_demo_data
say "danvan chạy tại http://${DANVAN_HOST:-127.0.0.1}:${DANVAN_PORT:-8000}/ (Ctrl+C để dừng)"
exec "$PY" manage.py runserver "${DANVAN_HOST:-127.0.0.1}:${DANVAN_PORT:-8000}"

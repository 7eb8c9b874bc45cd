#!/usr/bin/env bash
# Sets everything up and serves danvan on http://127.0.0.1:8000 (SQLite, real administrative data, demo data),
# with a task worker (reminder e-mails, exports, imports) and the scheduler of the daily jobs beside it.
# Safe to run again: each step reuses what is already there. Ctrl+C stops the server, the worker and the scheduler.
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh" --no-dev

"$PY" manage.py migrate --noinput
"$PY" manage.py load_admin_units
"$PY" manage.py build_org_tree
"$PY" manage.py load_demo_data

# The worker runs the tasks the pages enqueue (production runs `manage.py db_worker` as its own service).
"$PY" manage.py db_worker --no-reload &
WORKER_PID=$!
# The scheduler: what cron or a systemd timer does in production (docs/decisions/0012-background-jobs.md).
(
  SLEEP_PID=""
  trap 'kill "$SLEEP_PID" 2>/dev/null; exit 0' TERM
  while true; do
    "$PY" manage.py run_scheduled >/dev/null || true
    sleep 300 & SLEEP_PID=$!
    wait "$SLEEP_PID"
  done
) &
SCHEDULER_PID=$!
stop_background() {
  kill "$WORKER_PID" "$SCHEDULER_PID" 2>/dev/null || true
  wait "$WORKER_PID" "$SCHEDULER_PID" 2>/dev/null || true
}
trap stop_background EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "danvan chạy tại http://${DANVAN_HOST:-127.0.0.1}:${DANVAN_PORT:-8000}/ (Ctrl+C để dừng), cùng tiến trình xử lý công việc nền"
"$PY" manage.py runserver "${DANVAN_HOST:-127.0.0.1}:${DANVAN_PORT:-8000}"

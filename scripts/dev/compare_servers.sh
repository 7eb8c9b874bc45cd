#!/usr/bin/env bash
# Measures the production server candidates on the same pages (loopback only, bounded: each page DURATION seconds at
# CONNECTIONS connections with wrk). Needs a production database prepared as in scripts/deploy-check.sh, its
# environment exported (DANVAN_ENV=production, DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, STATIC_ROOT with
# collectstatic done), SECURE_SSL_REDIRECT=false, and an account: compare_servers.sh USERNAME PASSWORD.
# Used for docs/decisions/0010-production-server.md. Developer tool: wrk comes from Debian (apt-get install wrk);
# granian is not a dependency, install it for the comparison only (uv pip install granian==2.8.7).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PORT="${PORT:-8101}"; DURATION="${DURATION:-15}"; CONNECTIONS="${CONNECTIONS:-8}"; WORKERS="${WORKERS:-2}"
ROUNDS="${ROUNDS:-2}"
OUT="$(mktemp -d)"

declare -A SERVERS=(
  [gunicorn-sync]=".venv/bin/gunicorn danvan.wsgi -b 127.0.0.1:$PORT -w $WORKERS"
  [gunicorn-gthread]=".venv/bin/gunicorn danvan.wsgi -b 127.0.0.1:$PORT -w $WORKERS -k gthread --threads 4"
  [granian-wsgi]=".venv/bin/granian --interface wsgi --host 127.0.0.1 --port $PORT --workers $WORKERS danvan.wsgi:application"
)

wait_up() {
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/dang-nhap/" && return 0
    sleep 0.5
  done
  echo "server did not start" >&2; return 1
}

SESSION_COOKIE=""
for round in $(seq 1 "$ROUNDS"); do
  for name in gunicorn-sync granian-wsgi gunicorn-gthread; do
    ${SERVERS[$name]} >"$OUT/$name.log" 2>&1 &
    pid=$!
    wait_up
    if [ -z "$SESSION_COOKIE" ]; then
      SESSION_COOKIE="$(.venv/bin/python - "$PORT" "$1" "$2" <<'PY'
import sys
sys.path.insert(0, "scripts")
from deploy_check_pages import Browser, Links
b = Browser(f"http://127.0.0.1:{sys.argv[1]}")
_, _, content = b.request("GET", "/dang-nhap/")
page = Links(); page.feed(content.decode())
status, _, _ = b.request("POST", "/dang-nhap/", {"csrfmiddlewaretoken": page.csrf, "username": sys.argv[2], "password": sys.argv[3]})
assert status == 302, status
print("; ".join(f"{k}={v}" for k, v in b.cookies.items()))
PY
)"
    fi
    static="$(curl -s -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/dang-nhap/" | grep -o '/static/vendor/bootstrap/bootstrap.min[^"]*css' | head -1)"
    for page in "login /dang-nhap/" "static $static" "movements /phong-trao/" "tasks /nhiem-vu/"; do
      set -- $page "$@"
      label="$1"; path="$2"; shift 2
      # The login page and static files anonymously (a logged-in visitor is sent home from the login page).
      cookie="Cookie: $SESSION_COOKIE"; [[ "$label" == login || "$label" == static ]] && cookie="X-Anonymous: 1"
      result="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'X-Forwarded-Proto: https' \
        -H "$cookie" "http://127.0.0.1:$PORT$path")"
      rps="$(awk '/Requests\/sec/ {print $2}' <<<"$result")"
      p50="$(awk '$1=="50%" {print $2}' <<<"$result")"
      p99="$(awk '$1=="99%" {print $2}' <<<"$result")"
      errors="$(grep -E 'Non-2xx|Socket errors' <<<"$result" | tr '\n' ' ' || true)"
      printf '%-6s %-17s %-10s %9s req/s  p50 %-9s p99 %-9s %s\n' "r$round" "$name" "$label" "$rps" "$p50" "$p99" "$errors"
    done
    rss="$(ps -o rss= --ppid "$pid" | awk '{s+=$1} END {printf "%.0f", s/1024}')"
    printf '%-6s %-17s workers RSS %s MiB total, load %s\n' "r$round" "$name" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
rm -rf "$OUT"

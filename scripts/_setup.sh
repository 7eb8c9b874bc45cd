# Shared set-up for scripts/run.sh and scripts/test.sh. Source it; do not run it.
# It finds a Python >= 3.12, finds or installs uv, and installs the locked dependencies.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p var
export UV_PYTHON_DOWNLOADS=never   # uv must not try to fetch a Python build: the network may not allow it
export UV_PROJECT_ENVIRONMENT="$ROOT/.venv"

say() { printf '\033[1m[danvan]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[danvan] %s\033[0m\n' "$*" >&2; exit 1; }

python_ok() {
  # True when "$1" runs and is Python 3.12 or newer.
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  local candidate
  if [ -n "${DANVAN_PYTHON:-}" ]; then
    python_ok "$DANVAN_PYTHON" && { echo "$DANVAN_PYTHON"; return; }
    die "DANVAN_PYTHON=$DANVAN_PYTHON is not a Python 3.12 or newer."
  fi
  for candidate in python3.14 python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$(command -v "$candidate")"; then
      command -v "$candidate"; return
    fi
  done
  # pyenv installs that are not on PATH, newest first; then Debian/Ubuntu system locations.
  for candidate in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) \
                   /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    if [ -x "$candidate" ] && python_ok "$candidate"; then echo "$candidate"; return; fi
  done
  return 1
}

find_uv() {
  if command -v uv >/dev/null 2>&1; then command -v uv; return; fi
  if [ -x "$ROOT/.tools/bin/uv" ]; then echo "$ROOT/.tools/bin/uv"; return; fi
  return 1
}

PYTHON="$(find_python)" || {
  # Last resort: a uv that can download a managed Python (works only where the network allows it).
  if UV="$(find_uv)" && UV_PYTHON_DOWNLOADS=automatic "$UV" python install 3.12 >&2; then
    PYTHON="$(UV_PYTHON_DOWNLOADS=automatic "$UV" python find 3.12)"
  else
    die "No Python 3.12 or newer found (looked on PATH, in ~/.pyenv/versions, /usr/bin). Install python3.12 (apt-get install python3.12) or set DANVAN_PYTHON=/path/to/python3.12."
  fi
}
say "Python: $PYTHON ($("$PYTHON" -c 'import platform; print(platform.python_version())'))"

UV="$(find_uv)" || {
  say "uv not found: installing it into .tools/ from PyPI"
  "$PYTHON" -m venv "$ROOT/.tools" || die "Could not create a virtual environment with $PYTHON (apt-get install python3-venv?)."
  "$ROOT/.tools/bin/pip" install --quiet "uv==0.13.8" || die "Could not install uv from PyPI."
  UV="$ROOT/.tools/bin/uv"
}
say "uv: $UV ($("$UV" --version))"

# --locked: fail instead of silently changing uv.lock.
"$UV" sync --locked --python "$PYTHON" "$@" --quiet || die "uv sync failed (see above)."
PY="$ROOT/.venv/bin/python"

"""The production web server's settings: `.venv/bin/gunicorn -c danvan/gunicorn.conf.py danvan.wsgi`.

Why gunicorn with threaded workers, and the figures: docs/decisions/0010-production-server.md. Everything that
differs between machines comes from the environment, like the rest of danvan:

  DANVAN_BIND    where to listen (default 127.0.0.1:8000: the HTTPS reverse proxy in front is the only client)
  WEB_WORKERS    worker processes (default: two per CPU core of this machine)
  WEB_THREADS    threads per worker (default 2: a request waiting on PostgreSQL lets another one run)
  WEB_TIMEOUT    seconds before a stuck request's worker is restarted (default 60)
  WEB_MAX_REQUESTS  requests a worker serves before it is replaced (default 20000)
  WEB_GC_FREEZE  0 to leave the loaded code to Python's collector in the workers (default 1: frozen, see pre_fork)
"""

import os
import sys


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        # One clear line naming the variable, as danvan/env.py does for the Django settings.
        sys.exit(f"{name}={value!r}: phải là một số nguyên dương (must be a positive integer).")
    return number


bind = os.environ.get("DANVAN_BIND") or "127.0.0.1:8000"
# Two processes per core with two threads each, not one with four: a worker's threads share one interpreter lock, and
# a person's keep-alive connection stays with the worker that took it, so with one worker per core a busy worker
# queued requests while the other core idled (perf15k, the load test's p95 on a shared machine: 2.7–3.6 s → 1.4–1.8 s;
# figures in docs/decisions/0010-production-server.md).
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = _int("WEB_WORKERS", 2 * _cores)
worker_class = "gthread"
threads = _int("WEB_THREADS", 2)
timeout = _int("WEB_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Load Django once in the master: a bad setting stops the start with its one line before any worker forks, and the
# workers share the loaded code's memory.
preload_app = True
# Restart a worker now and then so that a slow leak in any library cannot grow without bound. Not too often: each new
# worker loads WeasyPrint (~1 s of CPU, post_worker_init) and starts with cold caches; at 2,000 the load test's
# 40 pages/s replaced a worker every ~50 s.
max_requests = _int("WEB_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10
# The heartbeat file in memory, not on a disk that may stall (containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (only gunicorn heartbeats)
# The reverse proxy logs each request; gunicorn logs its own errors to stderr.
errorlog = "-"
accesslog = os.environ.get("WEB_ACCESS_LOG") or None


def pre_fork(server, worker):
    """Move everything the master loaded (Django, the app, the translations) out of the collector's sight before a
    worker forks: the workers' full collections no longer walk those ~350,000 objects, and the pages of memory
    that hold them are not written by the collector, so they stay shared between the workers."""
    if os.environ.get("WEB_GC_FREEZE", "1") != "0":
        import gc

        gc.freeze()


def post_worker_init(worker):
    """Load WeasyPrint and the fonts once per worker, before it takes requests: the first PDF otherwise costs the
    person who asks for it a few seconds (measured 2–16 s on a loaded 2-core machine, then under 1 s)."""
    from danvan.core.printing import warm_up

    warm_up()

"""Load test: many logged-in people of every role, and anonymous portal readers, against the production server.

Runs on the national data that `bench/load_national.py` loaded (2 M petitions, 5.4 M report figures), behind the
production web server exactly as the README deploys it (gunicorn with `danvan/gunicorn.conf.py`, DANVAN_ENV=
production, collected static files), on loopback only:

    .venv/bin/python bench/load_national.py            # once (~30 min)
    .venv/bin/python bench/load_test.py                # ~20 min: hold 10 min, ramp, portal; bench/results/load.json
    .venv/bin/python bench/load_test.py --hold-minutes 1 --ramp "" --portal-seconds 0    # a quick try

Phases (issue 15):
  0. warm-up: the load of phase 1 for a minute, not counted (a serving site has its caches warm).
  1. hold: USERS logged-in people (150 commune officers of 150 communes, 40 province officers and leaders, 10
     centre officers), each opening one of their role's main pages every THINK seconds on average (exponential
     think time, so ~USERS/THINK pages per second: 40 for 200 users every 5 s), for HOLD minutes.
     Passes when p95 < 300 ms and there is no error.
  2. ramp: the same people, thinking less, step by step (pages per second asked: --ramp), each step for
     --step-seconds, until the p95 passes 1 s: the last step under 1 s is the machine's ceiling.
  3. portal: the staff load of phase 1 plus READERS anonymous citizens, one portal page every 10 s each.

Every person is a thread with its own cookies and its own keep-alive connection, as a browser; each request
carries X-Forwarded-Proto: https as the reverse proxy sends it, so the production security settings stay on. A
person waits for a page before thinking again (a slow server slows its users, as in life), so the rate reached is
reported next to the rate asked. The CPU time of the web server (master and workers, restarted ones included)
and of PostgreSQL (every backend, ended ones included) is read from /proc before and after each phase: CPU
milliseconds per page, the figures the capacity model in docs/performance.md is built from. The load generator
runs on the same 2 cores: its own CPU is reported too.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, git_commit, machine, step  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
PASSWORD = "Tai-kiem-tra-" + secrets.token_hex(6)  # noqa: S105 (made per run, never stored)
CLK_TCK = os.sysconf("SC_CLK_TCK")
SEARCH = "?q=tranh+chap+dat+dai"


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


# --- the people and their pages ------------------------------------------------------------------------------------


def prepare_people(n_commune: int, n_province: int, n_centre: int, seed: int):
    """The bench officers that load_national made, given a password; province leaders and centre officers added.
    Returns [(role, username, [paths])]."""
    from django.contrib.auth.hashers import make_password

    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit
    from danvan.petitions.models import Petition
    from danvan.reports.models import ReportForm
    from danvan.reports.services import form_indicators

    rng = random.Random(seed)
    encoded = make_password(PASSWORD)
    form = ReportForm.objects.get(code="bench-quy")
    indicator = form_indicators(form)[0]
    q = f"?form={form.pk}"

    communes = list(OrgUnit.objects.filter(code__regex=r"^C\d+-DU$").values_list("pk", "code"))
    communes = rng.sample(communes, min(n_commune, len(communes)))
    provinces = list(OrgUnit.objects.filter(code__regex=r"^P\d+-TU$").order_by("code").values_list("pk", "code"))
    centre = OrgUnit.objects.get(code="TW")

    def person(username, unit_id, role):
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
        user.password = encoded
        user.must_change_password = False
        user.is_active = True
        user.save()
        if not RoleAssignment.objects.filter(user=user, unit_id=unit_id, role=role).exists():
            RoleAssignment.objects.create(user=user, unit_id=unit_id, role=role)
        return user.username

    people = []
    for unit_id, code in communes:
        codes = list(
            Petition.objects.filter(unit_id=unit_id).order_by("-received_on").values_list("code", flat=True)[:5]
        )
        pages = ["/", "/viec-cua-toi/", "/don-thu/", "/don-thu/" + SEARCH, "/don-thu/?status=open"]
        pages += ["/don-thu/den-han/", "/bao-cao/"] + [f"/don-thu/{c}/" for c in codes]
        people.append(("commune officer", person(f"cb.{code.lower()}", unit_id, "officer"), pages))
    for i in range(n_province):
        unit_id, code = provinces[i // 2 % len(provinces)]
        role = "officer" if i % 2 == 0 else "leader"
        username = f"cb.{code.lower()}" if role == "officer" else f"lt.{code.lower()}"
        pages = ["/", "/viec-cua-toi/", "/don-thu/", "/don-thu/" + SEARCH, f"/don-thu/thong-ke/?unit={code}"]
        pages += [f"/bao-cao/tong-hop/{q}&unit={code}", f"/bao-cao/tien-do/{q}&unit={code}"]
        pages += [f"/bao-cao/so-sanh/{q}&unit={code}&indicator={indicator.code}"]
        people.append((f"province {role}", person(username, unit_id, role), pages))
    for i in range(n_centre):
        pages = ["/", "/viec-cua-toi/", "/don-thu/", "/don-thu/thong-ke/?unit=TW", f"/bao-cao/tong-hop/{q}&unit=TW"]
        pages += [f"/bao-cao/tien-do/{q}&unit=TW", f"/bao-cao/so-sanh/{q}&unit=TW&indicator={indicator.code}"]
        people.append(("centre officer", person(f"lt.tw.{i:02d}", centre.pk, "officer"), pages))
    return people


def portal_pages(seed: int):
    from danvan.organisations.models import AdminUnit
    from danvan.portal.selectors import CURRENT

    rng = random.Random(seed)
    codes = list(
        AdminUnit.objects.filter(generation=CURRENT, level=AdminUnit.Level.COMMUNE).values_list("code", flat=True)
    )
    pages = ["/cong-dan/", "/cong-dan/?q=yen+the", "/cong-dan/tra-cuu/"]
    pages += [f"/cong-dan/xa/{c}/" for c in rng.sample(codes, min(200, len(codes)))]
    return pages


# --- one person with a browser -------------------------------------------------------------------------------------


class CsrfField(HTMLParser):
    def __init__(self):
        super().__init__()
        self.value = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.value = attrs.get("value", "")


class Visitor:
    """Cookies (Secure ones too, over loopback) and one keep-alive connection, like a browser behind the proxy."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.conn = None

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https", "User-Agent": "danvan-load"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            }
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: a browser opens a new one and sends again.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, content

    def login(self, username: str) -> float:
        status, content = self.request("GET", "/dang-nhap/")
        form = CsrfField()
        form.feed(content.decode())
        started = time.perf_counter()
        status, content = self.request(
            "POST", "/dang-nhap/", {"csrfmiddlewaretoken": form.value, "username": username, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}: {content[:200]!r}")
        return time.perf_counter() - started


# --- CPU of the server processes -----------------------------------------------------------------------------------


def _stat(pid: int):
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm_end = text.rindex(")")
    fields = text[comm_end + 2 :].split()
    # fields[0] is the state (stat field 3): utime is field 14, stime 15, cutime 16, cstime 17, ppid 4.
    return {
        "comm": text[text.index("(") + 1 : comm_end],
        "ppid": int(fields[1]),
        "own": (int(fields[11]) + int(fields[12])) / CLK_TCK,
        "children": (int(fields[13]) + int(fields[14])) / CLK_TCK,
    }


def cpu_seconds(master_pid: int) -> dict:
    """Web: the gunicorn master, its live workers, and the workers it reaped (restarted after max_requests).
    Database: every postgres process, and the backends the postmaster reaped."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _stat(int(entry))
            if found:
                stats[int(entry)] = found
    web = 0.0
    if master_pid in stats:
        web = stats[master_pid]["own"] + stats[master_pid]["children"]
        web += sum(s["own"] for s in stats.values() if s["ppid"] == master_pid)
    db = 0.0
    for s in stats.values():
        if s["comm"].startswith(("postgres", "postmaster")):
            db += s["own"]
            if not stats.get(s["ppid"], {}).get("comm", "").startswith(("postgres", "postmaster")):
                db += s["children"]  # the postmaster: the backends it reaped
    return {"web": web, "db": db, "client": sum(os.times()[:2]), "machine": machine_busy_seconds()}


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (every process, the kernel): minus web, db and client, what other
    work on a shared machine took from the run."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    # user nice system idle iowait irq softirq steal: busy is all but idle and iowait (guest time is inside user).
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLK_TCK


def rss_mib(master_pid: int) -> float:
    total = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _stat(int(entry))
            if found and (int(entry) == master_pid or found["ppid"] == master_pid):
                for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
    return total / 1024


# --- running a phase -----------------------------------------------------------------------------------------------


class Phase:
    """People request pages for `seconds`; every answer is recorded (time, role, page kind, status, latency)."""

    def __init__(self, name: str, seconds: float):
        self.name = name
        self.seconds = seconds
        self.records: list[tuple[float, str, str, int, float]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run(self, groups, master_pid: int) -> dict:
        """groups: [(role, visitor, pages, think_seconds, rng)]"""
        cpu_before = cpu_seconds(master_pid)
        started = time.perf_counter()
        threads = [threading.Thread(target=self._person, args=(g, started), daemon=True) for g in groups]
        for thread in threads:
            thread.start()
        peak_rss = 0.0
        while time.perf_counter() - started < self.seconds:
            time.sleep(min(5.0, self.seconds))
            peak_rss = max(peak_rss, rss_mib(master_pid))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=70)
        elapsed = time.perf_counter() - started
        cpu_after = cpu_seconds(master_pid)
        return self.summary(elapsed, {k: cpu_after[k] - cpu_before[k] for k in cpu_after}, peak_rss)

    def _person(self, group, started):
        role, visitor, pages, think, rng = group
        # Start at a random moment of the first think time, so that people do not arrive together.
        if self.stop.wait(rng.uniform(0, think)):
            return
        while not self.stop.is_set():
            path = rng.choice(pages)
            t0 = time.perf_counter()
            try:
                status, _ = visitor.request("GET", path)
            except (OSError, http.client.HTTPException):
                status = 0
            latency = time.perf_counter() - t0
            with self.lock:
                self.records.append((t0 - started, role, page_kind(path), status, latency))
            if self.stop.wait(rng.expovariate(1 / think)):
                return

    def summary(self, elapsed: float, cpu: dict, peak_rss: float) -> dict:
        records = self.records
        lat = [r[4] * 1000 for r in records]
        errors = [r for r in records if r[3] != 200]
        out = {
            "phase": self.name,
            "seconds": round(elapsed, 1),
            "pages": len(records),
            "pages_per_s": round(len(records) / elapsed, 1),
            "errors": len(errors),
            "error_examples": sorted({f"{r[3]} {r[1]} {r[2]}" for r in errors})[:10],
            "p50_ms": round(pct(lat, 0.50), 1),
            "p95_ms": round(pct(lat, 0.95), 1),
            "p99_ms": round(pct(lat, 0.99), 1),
            "max_ms": round(max(lat), 1) if lat else None,
            "cpu_ms_per_page": {k: round(v * 1000 / max(1, len(records)), 1) for k, v in cpu.items()},
            "cpu_cores_busy": {k: round(v / elapsed, 2) for k, v in cpu.items()},
            "other_cores_busy": round((cpu["machine"] - cpu["web"] - cpu["db"] - cpu["client"]) / elapsed, 2),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "web_rss_peak_mib": round(peak_rss),
            "by_role": {},
            "by_page": {},
            # Every 30 s of the phase: pages, p50 and p95 (a tail spread evenly is the server's queue; one bunched
            # in a few windows is a pause: other work on the machine, a worker restarting).
            "timeline": [],
        }
        for start in range(0, int(elapsed) + 1, 30):
            window = [r[4] * 1000 for r in records if start <= r[0] < start + 30]
            if window:
                out["timeline"].append([start, len(window), round(pct(window, 0.5)), round(pct(window, 0.95))])
        for key, index in (("by_role", 1), ("by_page", 2)):
            names = sorted({r[index] for r in records})
            for name in names:
                values = [r[4] * 1000 for r in records if r[index] == name]
                out[key][name] = {
                    "pages": len(values),
                    "p50_ms": round(pct(values, 0.5), 1),
                    "p95_ms": round(pct(values, 0.95), 1),
                    "errors": sum(1 for r in records if r[index] == name and r[3] != 200),
                }
        return out


def page_kind(path: str) -> str:
    path = path.split("?")[0] if "?q=" not in path else "/don-thu/ search" if path.startswith("/don-thu/") else path
    path = re.sub(r"^/don-thu/[A-Z0-9][\w.-]*/$", "/don-thu/<code>/", path)
    path = re.sub(r"^/cong-dan/xa/[^/]+/$", "/cong-dan/xa/<code>/", path)
    return path


# --- the server ----------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(postgres_url: str, work: Path, workers: int | None, threads: int | None):
    env = dict(os.environ)
    env.update(
        DANVAN_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=postgres_url,
        STATIC_ROOT=str(work / "static"),
        DANVAN_VAR_DIR=str(work / "var"),
    )
    env.pop("DEBUG", None)
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    env["DANVAN_BIND"] = f"127.0.0.1:{port}"
    if workers:
        env["WEB_WORKERS"] = str(workers)
    if threads:
        env["WEB_THREADS"] = str(threads)
    log = open(work / "server.log", "w")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "danvan/gunicorn.conf.py", "danvan.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(240):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError((work / "server.log").read_text()) from None
            time.sleep(0.5)
    time.sleep(3)  # the workers' warm-up (post_worker_init)
    return server, port


def print_phase(summary: dict) -> None:
    cpu = summary["cpu_ms_per_page"]
    print(
        f"  {summary['phase']}: {summary['pages']} pages in {summary['seconds']} s = {summary['pages_per_s']}/s, "
        f"errors {summary['errors']}, p50 {summary['p50_ms']} p95 {summary['p95_ms']} p99 {summary['p99_ms']} "
        f"max {summary['max_ms']} ms; CPU ms/page web {cpu['web']} db {cpu['db']} client {cpu['client']}; "
        f"cores busy {summary['cpu_cores_busy']}, other work {summary['other_cores_busy']} cores, load average "
        f"{summary['load_average']}; web RSS peak {summary['web_rss_peak_mib']} MiB",
        flush=True,
    )
    for role, figures in summary["by_role"].items():
        print(f"      {role:18} {figures}", flush=True)
    print("      every 30 s [start s, pages, p50, p95]:", summary["timeline"], flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_URL)
    parser.add_argument("--users", type=int, default=200, help="logged-in people (3/4 commune, 1/5 province)")
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between one person's pages")
    parser.add_argument("--warmup-seconds", type=float, default=60.0)
    parser.add_argument("--hold-minutes", type=float, default=10.0)
    parser.add_argument("--ramp", default="60,80,100,130,170,220", help="pages/s asked at each step ('' = none)")
    parser.add_argument("--step-seconds", type=float, default=60.0)
    parser.add_argument("--readers", type=int, default=500, help="anonymous portal readers in phase 3")
    parser.add_argument("--portal-seconds", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=None, help="WEB_WORKERS (default: the server's own)")
    parser.add_argument("--threads", type=int, default=None, help="WEB_THREADS (default: the server's own)")
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-load-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    step("migrate and prepare the people")
    call_command("migrate", verbosity=0)
    n_commune = args.users * 3 // 4
    n_centre = max(1, args.users // 20)
    people = prepare_people(n_commune, args.users - n_commune - n_centre, n_centre, args.seed)
    readers_pages = portal_pages(args.seed)
    connection.close()

    work = Path(tempfile.mkdtemp(prefix="danvan-load-server-"))
    step("collectstatic and gunicorn (production settings)")
    server, port = start_server(args.postgres_url, work, args.workers, args.threads)
    results = {
        "commit": git_commit(),
        "machine": machine(),
        "args": vars(args),
        "people": {role: sum(1 for p in people if p[0] == role) for role in sorted({p[0] for p in people})},
        "phases": [],
    }
    try:
        step(f"log in {len(people)} people through the login form, 10 at a time")
        rss_before = rss_mib(server.pid)
        visitors = [Visitor(port) for _ in people]
        login_times = []
        lock = threading.Lock()

        def log_in(indexes):
            for i in indexes:
                seconds = visitors[i].login(people[i][1])
                with lock:
                    login_times.append(seconds)

        chunks = [list(range(len(people)))[k::10] for k in range(10)]
        threads = [threading.Thread(target=log_in, args=(chunk,)) for chunk in chunks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results["login"] = {
            "people": len(login_times),
            "p50_ms": round(pct(login_times, 0.5) * 1000),
            "p95_ms": round(pct(login_times, 0.95) * 1000),
            "web_rss_before_mib": round(rss_before),
            "web_rss_after_mib": round(rss_mib(server.pid)),
        }
        print(f"  logins: {results['login']}", flush=True)

        def staff(think):
            rng = random.Random(args.seed)
            return [
                (role, v, pages, think, random.Random(rng.random()))
                for (role, _, pages), v in zip(people, visitors, strict=True)
            ]

        if args.warmup_seconds > 0:
            step(f"warm-up: the same load for {args.warmup_seconds:g} s, not counted (a serving site is warm)")
            print_phase(Phase("warm-up", args.warmup_seconds).run(staff(args.think), server.pid))

        step(f"phase 1: hold {len(people)} people, one page every {args.think} s each, {args.hold_minutes} min")
        summary = Phase("hold", args.hold_minutes * 60).run(staff(args.think), server.pid)
        summary["asked_per_s"] = round(len(people) / args.think, 1)
        summary["pass"] = summary["p95_ms"] < 300 and summary["errors"] == 0
        results["phases"].append(summary)
        print_phase(summary)

        ceiling = None
        for rate in [float(x) for x in args.ramp.split(",") if x.strip()]:
            step(f"phase 2: ramp, {rate:g} pages/s asked")
            summary = Phase(f"ramp {rate:g}/s", args.step_seconds).run(staff(len(people) / rate), server.pid)
            summary["asked_per_s"] = rate
            results["phases"].append(summary)
            print_phase(summary)
            if summary["p95_ms"] > 1000:
                break
            ceiling = summary
        results["ceiling"] = (
            {"pages_per_s": ceiling["pages_per_s"], "p95_ms": ceiling["p95_ms"], "asked_per_s": ceiling["asked_per_s"]}
            if ceiling
            else None
        )

        if args.portal_seconds > 0 and args.readers > 0:
            step(f"phase 3: {len(people)} people as in phase 1 plus {args.readers} portal readers (one page / 10 s)")
            rng = random.Random(args.seed + 1)
            readers = [
                ("portal reader", Visitor(port), readers_pages, 10.0, random.Random(rng.random()))
                for _ in range(args.readers)
            ]
            summary = Phase("staff + portal", args.portal_seconds).run(staff(args.think) + readers, server.pid)
            summary["asked_per_s"] = round(len(people) / args.think + args.readers / 10, 1)
            results["phases"].append(summary)
            print_phase(summary)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log = (work / "server.log").read_text()
        results["server_errors_logged"] = log.count("Traceback")
        if results["server_errors_logged"]:
            print(log[-4000:], file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)

    out = ROOT / "bench" / "results" / (f"load-{args.label}.json" if args.label else "load.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    step(f"written {out.relative_to(ROOT)}")
    hold = results["phases"][0]
    print(f"hold: p95 {hold['p95_ms']} ms, errors {hold['errors']} -> {'PASS' if hold['pass'] else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

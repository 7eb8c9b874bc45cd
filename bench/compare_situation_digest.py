"""A province's (and the nation's) digest data, before and after a change, in the same interleaved rounds, next to
the plain indexed counts of bench_situation.py. Reuses a database that bench_situation.py filled (no new data):

    .venv/bin/python bench/compare_situation_digest.py --postgres-url postgres://postgres@127.0.0.1:5432/NAME \
        --before main --repeat 30

"before" is danvan/situation/digests.py at the git revision given, loaded beside the working tree's. Also checks
that both give the same data (province and nation, weekly and monthly) and counts their queries.
"""

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_org_tree import ROOT, step, summarise  # noqa: E402


def _load_before(revision: str):
    source = subprocess.run(
        ["git", "show", f"{revision}:danvan/situation/digests.py"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "digests_before.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("digests_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--before", default="main")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--nation", action="store_true", help="also the nation's digest data (~0.6 s a case)")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.postgres_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.organisations.models import OrgUnit
    from danvan.situation import digests as after
    from danvan.situation.models import Hotspot, SituationReport

    before = _load_before(args.before)
    today = dt.date.today()
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    month_end = after.period_bounds("monthly", last)[1]
    province = OrgUnit.objects.select_related("admin_unit").get(code="P24-TU")
    centre = OrgUnit.objects.select_related("admin_unit").get(code="TW")
    province_ids = after.area_of(province).province_unit_ids

    step("same data, before and after")
    for unit in (province, centre):
        for kind, start in (("monthly", last), ("weekly", month_end - dt.timedelta(days=6))):
            old = before.digest_data(unit=unit, kind=kind, start=start)
            new = after.digest_data(unit=unit, kind=kind, start=start)
            differing = [k for k in old if old[k] != new.get(k)]
            print(f"  {unit.code} {kind}: {'equal' if not differing else 'DIFFERENT: ' + ', '.join(differing)}")
            if differing:
                return 1
    queries = {}
    for label, module in (("before", before), ("after", after)):
        for unit in (province, centre):
            with CaptureQueriesContext(connection) as captured:
                module.digest_data(unit=unit, kind="monthly", start=last)
            queries[f"{unit.code} {label}"] = len(captured)
    print("  queries:", queries)

    cases = {
        "province digest data (monthly), before": lambda: before.digest_data(unit=province, kind="monthly", start=last),
        "province digest data (monthly), after": lambda: after.digest_data(unit=province, kind="monthly", start=last),
        "plain count: the month's hotspots": lambda: Hotspot.objects.filter(
            occurred_on__range=(last, month_end)
        ).count(),
        "plain count: a province's reports of the month": lambda: SituationReport.objects.filter(
            province_id__in=province_ids, period_month=last, status="submitted"
        ).count(),
    }
    if args.nation:
        cases["nation digest data (monthly), before"] = lambda: before.digest_data(
            unit=centre, kind="monthly", start=last
        )
        cases["nation digest data (monthly), after"] = lambda: after.digest_data(
            unit=centre, kind="monthly", start=last
        )
    for fn in cases.values():
        fn()
    load = [os.getloadavg()[0]]
    step(f"{args.repeat} interleaved rounds")
    timings: dict[str, list[float]] = {name: [] for name in cases}
    order = list(cases)
    for i in range(args.repeat):
        random.shuffle(order)
        for name in order:
            started = time.perf_counter()
            cases[name]()
            timings[name].append((time.perf_counter() - started) * 1000)
        if i % 5 == 4:
            load.append(os.getloadavg()[0])
    result = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "month": last.isoformat(),
        "queries": queries,
        "load_average_1min": [round(x, 1) for x in load],
        "cases": {name: summarise(ms) for name, ms in timings.items()},
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    for name, s in result["cases"].items():
        print(f"{name:<50} p50 {s['p50_ms']:8.1f} ms   p95 {s['p95_ms']:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

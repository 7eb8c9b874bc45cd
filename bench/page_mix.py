"""The load test's mix applied to `bench/bench_pages.py` results: web CPU and driver time per page, weighted.

    .venv/bin/python bench/page_mix.py "bench/results/pages-before-*.json" "bench/results/pages-after-*.json"

Each argument is a glob of bench_pages JSON files (one per run; interleave the runs of the two sides). For each
case the median over the runs is taken; the weights are bench/load_test.py's people (150 commune officers with 12
pages, 40 province officers and leaders with 8, 10 centre officers with 7; each opens one of their pages at
random, as often as the others). The province leader's list, search, completeness and pivot are counted with
the province officer's cases (bench_pages times them for the officer only).
"""

import glob
import json
import statistics
import sys

W = {}


def add(case, w):
    W[case] = W.get(case, 0) + w


c = 150 / 12
for k in [
    "home page",
    "my work (inbox)",
    "petition list",
    "petition search",
    "open petitions",
    "due list",
    "my reports",
]:
    add(f"commune officer: {k}", c)
add("commune officer: petition detail", 5 * c)
p = 20 / 8
for who in ("province officer", "province leader"):
    add(f"{who}: home page", p)
    add(f"{who}: my work (inbox)", p)
    add(f"{who}: petitions dashboard", p)
    add(f"{who}: roll-up", p)
    for k in ["petition list", "petition search", "completeness", "pivot"]:
        add(f"province officer: {k}", p)
t = 10 / 7
for k in [
    "home page",
    "my work (inbox)",
    "petition list",
    "national petitions dashboard",
    "national roll-up",
    "national completeness",
    "national pivot",
]:
    add(f"centre officer: {k}", t)
assert abs(sum(W.values()) - 200) < 1e-6, sum(W.values())


def load(pattern):
    rows = {}
    for f in sorted(glob.glob(pattern)):
        for r in json.load(open(f))["pages"]:
            rows.setdefault(r["case"], []).append(r)
    return rows


sides = {s: load(pat) for s, pat in zip(("main", "branch"), sys.argv[1:3], strict=True)}
print(f"{'case':<48}{'w%':>5}  {'cpu main':>9}{'cpu br':>8}{'x':>6}  {'db main':>8}{'db br':>7}  q")
tot = {s: [0, 0, 0] for s in sides}
for case in list(sides["main"]):
    vals = {}
    for s, rows in sides.items():
        rs = rows.get(case, [])
        if not rs:
            continue
        vals[s] = (
            statistics.median(r["cpu_p50_ms"] for r in rs),
            statistics.median(r["db_p50_ms"] for r in rs),
            "/".join(sorted({str(q) for r in rs for q in r["queries"]})),
            len(rs),
        )
    if len(vals) < 2:
        continue
    w = W.get(case, 0)
    for s in sides:
        tot[s][0] += w * vals[s][0]
        tot[s][1] += w * vals[s][1]
    print(
        f"{case[:48]:<48}{w / 2:>5.1f}  {vals['main'][0]:>9.1f}{vals['branch'][0]:>8.1f}{vals['branch'][0] / vals['main'][0]:>6.2f}  {vals['main'][1]:>8.1f}{vals['branch'][1]:>7.1f}  {vals['main'][2]}→{vals['branch'][2]} n={vals['main'][3]}/{vals['branch'][3]}"
    )
for s in sides:
    print(f"mix-weighted {s}: web CPU {tot[s][0] / 200:.1f} ms, db {tot[s][1] / 200:.1f} ms per page")

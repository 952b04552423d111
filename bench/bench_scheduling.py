"""Benchmark of the meeting scheduler against the first-come greedy baseline (issues 3 and 12).

    .venv/bin/python bench/bench_scheduling.py                      # full run, ~30 minutes
    .venv/bin/python bench/bench_scheduling.py --short              # ~3 minutes (10 s runs)
    .venv/bin/python bench/bench_scheduling.py --kinds c2b --sizes M --time-limit 20 \\
        --convergence none

Instances come from ``clusterbridge.scheduling.generate`` (kinds and sizes in ``KINDS``; the
b2b M and XL sizes are weighted 1-3 as in issue 3, the other kinds always carry weights). For
every instance a child process generates it (written to ``OUT/<kind>-<size>.json`` in the
exchange format, so ``clusterbridge schedule`` can re-run it), runs the greedy baseline and our
solver in that same process, validates both with the independent checker, writes our solution
to ``OUT/<kind>-<size>.solution.json`` and reports its peak resident memory (``ru_maxrss`` of
the child and, separately, of the LP process it starts; both include OR-Tools' and HiGHS' C++
allocations that tracemalloc cannot see).

Two tables (Markdown, on stdout):

1. every kind and size at one time limit (default: the ``thorough`` profile, 60 s);
2. convergence: % of the bound and idle gaps vs greedy after separate runs of 10, 30, 60 and
   300 s (``--convergence``, default the largest instance of each issue-12 kind; the 60 s
   column reuses table 1 when its time limit is 60 s).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_KINDS = "b2b,multiparty,weighted,c2b"
DEFAULT_CONVERGENCE = "multiparty:L,weighted:L,c2b:L"
CONVERGENCE_LIMITS = (10.0, 30.0, 60.0, 300.0)
# Issue 3's b2b sizes that carry weights 1-3 (the others of that kind are unit weight).
B2B_WEIGHTED = {"M", "XL"}


def child(kind: str, size: str, out: Path, seed: int, time_limit: float) -> None:
    from clusterbridge.scheduling import PROFILES, check, generate, solve, solve_greedy
    from clusterbridge.scheduling.model import Index

    # A time limit of a named profile runs that profile (same stopping rules as in the app).
    profile = next((p.name for p in PROFILES.values() if p.time_limit == time_limit), None)

    inst = generate(size, seed=seed, weighted=kind != "b2b" or size in B2B_WEIGHTED, kind=kind)
    name = f"{kind}-{size}"
    (out / f"{name}.json").write_text(json.dumps(inst.to_json()))
    g = solve_greedy(inst)
    g_ok = check(inst, g).ok
    t0 = time.perf_counter()
    sol = solve(inst, time_limit=time_limit, seed=seed, profile=profile)
    seconds = time.perf_counter() - t0
    report = check(inst, sol)
    (out / f"{name}.solution.json").write_text(json.dumps(sol.to_json()))
    idx = Index(inst)
    greedy_served = {p for a in g.assignments for p in idx.parts[idx.meeting_pos[a.meeting]]}
    with_request = [p for p in range(idx.n_parts) if idx.meetings_of[p]]
    reasons: dict[str, int] = {}
    for u in sol.unserved:
        reasons[u.reason] = reasons.get(u.reason, 0) + 1
    row = {
        "kind": kind,
        "size": size,
        "participants": len(inst.participants),
        "meetings": len(inst.meetings),
        "time_limit": time_limit,
        "profile": profile,
        "objective": sol.objective,
        "upper_bound": sol.upper_bound,
        "bound_source": sol.bound_source,
        "status": sol.status,
        "idle_gaps": sol.idle_gaps,
        "idle_gaps_lower_bound": sol.idle_gaps_lower_bound,
        "unserved": len(sol.unserved),
        "unserved_reasons": reasons,
        "seconds": round(seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "lp_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "valid": report.ok and g_ok,
        "greedy_objective": g.objective,
        "greedy_idle_gaps": g.idle_gaps,
        "greedy_unserved": sum(1 for p in with_request if p not in greedy_served),
        "stats": {k: v for k, v in sol.stats.items() if isinstance(v, int | float)},
        "trace": sol.trace,
    }
    print(json.dumps(row))


def run_child(kind: str, size: str, out: Path, seed: int, time_limit: float) -> dict | None:
    run = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            f"{kind}:{size}",
            "--out",
            str(out),
            "--seed",
            str(seed),
            "--time-limit",
            str(time_limit),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if run.returncode != 0:
        print(f"| {kind} | {size} | failed: {run.stderr.strip().splitlines()[-1:]} |", flush=True)
        return None
    row = json.loads(run.stdout.strip().splitlines()[-1])
    with (out / "results.jsonl").open("a") as fh:
        fh.write(json.dumps(row) + "\n")
    return row


def pct(num: float, den: float) -> str:
    return f"{100 * num / den:.2f}" if den else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kinds", default=DEFAULT_KINDS, help=f"default {DEFAULT_KINDS}")
    ap.add_argument("--sizes", default="", help="only these size names (default: all)")
    ap.add_argument("--time-limit", type=float, default=60.0, help="table 1, seconds")
    ap.add_argument(
        "--convergence",
        default=DEFAULT_CONVERGENCE,
        help=f"KIND:SIZE,... for table 2, or 'none' (default {DEFAULT_CONVERGENCE})",
    )
    ap.add_argument("--short", action="store_true", help="10 s runs, no XL, no table 2")
    ap.add_argument("--out", default=str(Path(__file__).parent / "out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.child:
        kind, size = args.child.split(":")
        child(kind, size, out, args.seed, args.time_limit)
        return 0

    from clusterbridge.scheduling.generator import KINDS

    time_limit = 10.0 if args.short else args.time_limit
    wanted_sizes = set(filter(None, args.sizes.split(",")))
    todo = [
        (kind, size)
        for kind in args.kinds.split(",")
        for size in KINDS[kind]
        if (not wanted_sizes or size in wanted_sizes) and not (args.short and size == "XL")
    ]
    print(f"Table 1: every kind and size, time limit {time_limit:g} s, seed {args.seed}\n")
    header = (
        "| kind | size | participants | meetings | objective | upper bound | % of bound "
        "| idle gaps | gap lower bound | greedy idle gaps | gaps % of greedy "
        "| without meeting (greedy) | seconds | peak MB (LP process) | greedy obj. "
        "| greedy % of bound | valid |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1), flush=True)
    first: dict[tuple[str, str], dict] = {}
    for kind, size in todo:
        r = run_child(kind, size, out, args.seed, time_limit)
        if r is None:
            continue
        first[(kind, size)] = r
        ub = r["upper_bound"]
        print(
            f"| {kind} | {size} | {r['participants']} | {r['meetings']} | {r['objective']} "
            f"| {ub} ({r['bound_source']}) | {pct(r['objective'], ub)} | {r['idle_gaps']} "
            f"| {r['idle_gaps_lower_bound']} | {r['greedy_idle_gaps']} "
            f"| {pct(r['idle_gaps'], r['greedy_idle_gaps'])} "
            f"| {r['unserved']} ({r['greedy_unserved']}) | {r['seconds']} "
            f"| {r['peak_mb']} ({r['lp_peak_mb']}) | {r['greedy_objective']} "
            f"| {pct(r['greedy_objective'], ub)} | {'yes' if r['valid'] else 'NO'} |",
            flush=True,
        )
        print(f"<!-- {kind}-{size} {r['status']} {json.dumps(r['stats'])} -->", file=sys.stderr)
    if args.short or args.convergence == "none":
        return 0
    print(
        "\nTable 2: convergence, separate runs per time limit: % of bound (idle gaps % of greedy)\n"
    )
    cols = " | ".join(f"{t:g} s" for t in CONVERGENCE_LIMITS)
    print(f"| kind | size | {cols} |")
    print("|" + "---|" * (2 + len(CONVERGENCE_LIMITS)), flush=True)
    for item in args.convergence.split(","):
        kind, size = item.split(":")
        cells = []
        for limit in CONVERGENCE_LIMITS:
            r = first.get((kind, size)) if limit == time_limit else None
            r = r or run_child(kind, size, out, args.seed, limit)
            if r is None:
                cells.append("failed")
                continue
            cells.append(
                f"{pct(r['objective'], r['upper_bound'])} "
                f"({pct(r['idle_gaps'], r['greedy_idle_gaps'])})"
            )
        print(f"| {kind} | {size} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the meeting scheduler against the first-come greedy baseline (issue 3).

    .venv/bin/python bench/bench_scheduling.py [--sizes seed,M,L,XL] [--out DIR] [--seed N]

For every size, a child process generates the instance (written to ``OUT/<size>.json`` in the
exchange format, so it can be re-run with ``clusterbridge schedule``), runs the greedy baseline
and our solver in that same process, validates both with the independent checker, writes our
solution to ``OUT/<size>.solution.json`` and reports its peak resident memory (ru_maxrss, which
includes OR-Tools' and HiGHS' C++ allocations that tracemalloc cannot see). Sizes M and XL use
weights 1-3, seed and L unit weights ("weights 1-3 on part of the instances").
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

TIME_LIMITS = {"seed": 1.0, "M": 10.0, "L": 30.0, "XL": 300.0}
WEIGHTED = {"seed": False, "M": True, "L": False, "XL": True}


def child(size: str, out: Path, seed: int) -> None:
    from clusterbridge.scheduling import check, generate, solve, solve_greedy

    inst = generate(size, seed=seed, weighted=WEIGHTED[size])
    (out / f"{size}.json").write_text(json.dumps(inst.to_json()))
    g = solve_greedy(inst)
    g_ok = check(inst, g).ok
    t0 = time.perf_counter()
    sol = solve(inst, time_limit=TIME_LIMITS[size], seed=seed)
    seconds = time.perf_counter() - t0
    report = check(inst, sol)
    (out / f"{size}.solution.json").write_text(json.dumps(sol.to_json()))
    row = {
        "size": size,
        "meetings": len(inst.meetings),
        "objective": sol.objective,
        "upper_bound": sol.upper_bound,
        "status": sol.status,
        "idle_gaps": sol.idle_gaps,
        "seconds": round(seconds, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "valid": report.ok and g_ok,
        "greedy_objective": g.objective,
        "greedy_idle_gaps": g.idle_gaps,
        "stats": {k: v for k, v in sol.stats.items() if isinstance(v, int | float)},
    }
    print(json.dumps(row))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="seed,M,L,XL")
    ap.add_argument("--out", default=str(Path(__file__).parent / "out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.child:
        child(args.child, out, args.seed)
        return 0
    header = (
        "| size | meetings | objective | upper bound | % of bound | idle gaps | seconds | peak MB "
        "| greedy obj. | greedy % of bound | greedy idle gaps | valid |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for size in args.sizes.split(","):
        run = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                size,
                "--out",
                str(out),
                "--seed",
                str(args.seed),
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        if run.returncode != 0:
            print(f"| {size} | failed: {run.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        ub = max(1, r["upper_bound"])
        print(
            f"| {r['size']} | {r['meetings']} | {r['objective']} | {r['upper_bound']} "
            f"| {100 * r['objective'] / ub:.2f} | {r['idle_gaps']} | {r['seconds']} "
            f"| {r['peak_mb']} | {r['greedy_objective']} "
            f"| {100 * r['greedy_objective'] / ub:.2f} | {r['greedy_idle_gaps']} "
            f"| {'yes' if r['valid'] else 'NO'} |",
            flush=True,
        )
        print(f"<!-- {r['size']} {r['status']} {json.dumps(r['stats'])} -->", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

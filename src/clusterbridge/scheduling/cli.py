"""``clusterbridge schedule``: solve an instance file, or check a solution file.

    clusterbridge schedule INSTANCE.json [--time-limit SECONDS] [--seed N] > SOLUTION.json
    clusterbridge schedule --check INSTANCE.json SOLUTION.json

Exit status: 0 success, 1 the checked solution breaks a rule, 2 bad input (one line on stderr
naming the offending item; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from .model import InstanceError, load_instance, parse_solution


class _Parser(argparse.ArgumentParser):
    """argparse exits with status 2 on usage errors already; keep its one-line message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"clusterbridge schedule: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="clusterbridge schedule",
        description="Schedule B2B meetings, or check a schedule (--check).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="INSTANCE.json [SOLUTION.json]")
    p.add_argument("--check", action="store_true", help="validate SOLUTION.json for INSTANCE")
    p.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS")
    p.add_argument("--seed", type=int, default=0)
    return p


def _load_json(path: str) -> object:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise InstanceError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise InstanceError(f"{path}: malformed JSON ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"{path}: cannot read ({exc})") from None


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.check:
            if len(args.files) != 2:
                raise InstanceError("--check needs INSTANCE.json SOLUTION.json")
            return _check(args.files[0], args.files[1])
        if len(args.files) != 1:
            raise InstanceError("expected exactly one INSTANCE.json (or use --check)")
        if not (math.isfinite(args.time_limit) and args.time_limit > 0):
            raise InstanceError("--time-limit must be a positive number of seconds")
        inst = load_instance(args.files[0])
        from .solver import solve  # ortools is imported only when actually solving

        sol = solve(inst, time_limit=args.time_limit, seed=args.seed)
        json.dump(sol.to_json(), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    except InstanceError as exc:
        print(f"clusterbridge schedule: error: {exc}", file=sys.stderr)
        return 2


def _check(instance_path: str, solution_path: str) -> int:
    from .check import check_assignments

    inst = load_instance(instance_path)
    data = _load_json(solution_path)
    try:
        assignments, unscheduled = parse_solution(data, inst)
    except InstanceError as exc:
        raise InstanceError(f"{solution_path}: {exc}") from None
    claimed = {
        k: data[k] for k in ("objective", "idle_gaps") if isinstance(data, dict) and k in data
    }
    report = check_assignments(inst, assignments, [u.meeting for u in unscheduled], claimed)
    print(report.to_text())
    return 0 if report.ok else 1

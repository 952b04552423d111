"""The scheduler pipeline: three phases in lexicographic order.

1. **Weight.** Constructive schedule and local search (:mod:`.constructive`, :mod:`.local`);
   the slot-level LP relaxation, solved on the second core (:mod:`.parallel`), is rounded into
   a second start (:func:`~.constructive.from_lp`) and the better one is kept; then CP-SAT: the
   whole model for small events, large-neighbourhood search (:mod:`.lns`) otherwise, until the
   upper bound or the phase's budget is reached.
2. **Fairness floor** (optional, on by default, :mod:`.fairness`): participants with a request
   but no meeting get one where the weight allows it.
3. **Idle gaps**: compaction, then CP-SAT on neighbourhoods (whole model for small events)
   minimising the idle gaps with the weight and the number of participants served kept.

Every step starts from a feasible schedule and never makes it worse for the phases before it, so
whenever the time runs out the best schedule so far is returned.

Budgets: a wall-clock ``time_limit`` (the default; phases get shares of it), or a deterministic
``work_limit`` (see :mod:`.budget`) that makes the result identical for equal seeds on any
machine and under any load.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from .bound import BOUND_SOURCES, LPResult, build_slot_lp, int_bound, quick_bound
from .budget import Budget
from .constructive import constructive, from_lp
from .exact import n_variables, solve_sub
from .fairness import eligible_participants, fairness_phase, unserved_list
from .idle import gaps_lower_bound
from .lns import WeightTarget, gaps_lns, weight_lns
from .local import augment, compact, fill
from .model import Assignment, Index, Instance, Solution, UnservedParticipant
from .parallel import BackgroundLP
from .profiles import DEFAULT_PROFILE, get_profile
from .reasons import explain_unscheduled
from .state import Schedule

# Up to this many x[i, t] variables CP-SAT first gets the whole model in the weight phase (it
# proves optimality on the seed size in ~0.1 s); above it, it is of no use within a minute (on
# the 24,000-variable multiparty event it did not improve the start in 60 s), LNS is.
FULL_MODEL_MAX_VARS = 10_000
# Up to this many variables the fairness phase solves the whole model (then its result is the
# exact optimum of the fairness rule), and up to GAPS_FULL_MAX_VARS the idle-gap phase does too
# (tiny events; the property tests check the lexicographic optimum against brute force). Above
# that, small idle-gap neighbourhoods did far better than the whole model: on the seed event
# (1,584 variables) the whole model was not solved within 8 s.
FAIRNESS_FULL_MAX_VARS = 5_000
GAPS_FULL_MAX_VARS = 300
# The slot-level LP is attempted when its estimated time fits in LP_TIME_SHARE of the limit.
# Measured HiGHS times (IPM, presolve, no crossover): 0.5-1 s at 20-35k variables, 6-10 s at
# 130-170k, 83 s at 928k (XL), i.e. ~1e-4 s per variable; 1.5e-4 leaves room for a loaded
# machine. Above LP_MAX_VARS it is never attempted (memory: 1.5 GB at XL).
LP_SECONDS_PER_VAR = 1.5e-4
LP_TIME_SHARE = 0.6
LP_MAX_VARS = 1_500_000
# In deterministic mode the LP has no time limit but an iteration limit (HiGHS' IPM needed
# 20-60 iterations on every generated instance).
LP_ITERATIONS = 500
# Below this estimated LP time, starting a child process (~0.5 s) is not worth it.
LP_PROCESS_MIN_SECONDS = 1.0
# Shares of the budget: the weight phase ends at WEIGHT_SHARE of it, the fairness phase gets
# FAIRNESS_SHARE of what is left after that, the idle-gap phase the rest.
WEIGHT_SHARE = 0.55
FAIRNESS_SHARE = 0.2
# CP-SAT deterministic units per second for the whole-model solve in time mode (one unit takes
# roughly 1-2 s on the 2-core reference machine), so that small events are reproducible even
# when run against the clock.
DET_PER_SECOND = 0.3
# Both cores: the LP in a second process. CP-SAT itself stays single-threaded: its parallel
# portfolio is not deterministic.
DEFAULT_WORKERS = 2


def build_solution(
    idx: Index,
    slot_of: Sequence[int],
    upper_bound: int,
    seconds: float,
    status: str,
    stats: dict[str, float] | None = None,
    unserved: list[UnservedParticipant] | None = None,
    idle_gaps_lower_bound: int | None = None,
    bound_source: str = "",
    profile: str | None = None,
    trace: list[tuple[float, int]] | None = None,
) -> Solution:
    loc_of = idx.assign_locations(slot_of)
    assignments = [
        Assignment(
            idx.meeting_ids[i], idx.slot_ids[t], idx.loc_ids[loc_of[i]] if loc_of[i] >= 0 else None
        )
        for i, t in enumerate(slot_of)
        if t >= 0
    ]
    sched = Schedule(idx, slot_of)
    return Solution(
        assignments=assignments,
        unscheduled=explain_unscheduled(idx, slot_of),
        objective=sched.objective,
        upper_bound=max(upper_bound, sched.objective),
        idle_gaps=sched.idle_gaps(),
        solve_seconds=seconds,
        status=status,
        stats=dict(stats or {}),
        unserved=list(unserved or []),
        idle_gaps_lower_bound=idle_gaps_lower_bound,
        bound_source=bound_source,
        profile=profile,
        trace=list(trace or []),
    )


class _Run:
    """State of one solve: the schedule, the bound and what each phase reported."""

    def __init__(
        self,
        idx: Index,
        budget: Budget,
        *,
        seed: int,
        workers: int,
        weight_stall: int | None,
        gaps_stall: int | None,
        t0: float,
    ) -> None:
        self.idx = idx
        self.budget = budget
        self.seed = seed
        self.workers = workers
        self.weight_stall = weight_stall
        self.gaps_stall = gaps_stall
        self.t0 = t0
        self.stats: dict[str, float] = {}
        self.trace: list[tuple[float, int]] = []
        self.sched = Schedule(idx)  # replaced by the constructive start in weight_phase
        self.target = WeightTarget(upper_bound=math.inf)
        self.source = "trivial"
        self.proven = False
        self.lp_job: BackgroundLP | None = None
        self.lp = None

    def note(self) -> None:
        if not self.trace or self.trace[-1][1] != self.sched.objective:
            self.trace.append((round(time.perf_counter() - self.t0, 3), self.sched.objective))

    def tighten(self, bound: float, source: str) -> None:
        if bound < self.target.upper_bound:
            self.target.upper_bound = bound
            self.source = source

    @property
    def ub(self) -> int:
        return int_bound(self.target.upper_bound)

    def heuristic_deadline(self, budget: Budget) -> float:
        # Python heuristics are bounded by rounds; the clock only matters in time mode.
        return budget.deadline if budget.timed else math.inf

    # -- phase 1 ------------------------------------------------------------------------------

    def start_lp(self) -> None:
        idx, budget = self.idx, self.budget
        n_vars = n_variables(idx)
        self.stats["lp_vars"] = n_vars
        if n_vars == 0 or n_vars > LP_MAX_VARS:
            return
        estimate = LP_SECONDS_PER_VAR * n_vars
        if budget.timed and estimate > LP_TIME_SHARE * budget.seconds_left():
            self.stats["lp_skipped"] = 1
            return
        self.lp = build_slot_lp(idx)
        self.stats["lp_rows_used"] = int(self.lp.a.shape[0])
        self.lp_job = BackgroundLP(
            self.lp,
            time_limit=LP_TIME_SHARE * budget.seconds_left() if budget.timed else None,
            iteration_limit=None if budget.timed else LP_ITERATIONS,
            use_process=self.workers > 1 and estimate >= LP_PROCESS_MIN_SECONDS,
        )
        self.stats["lp_in_child"] = int(self.lp_job.in_child)

    def take_lp(self, res: LPResult | None) -> None:
        """Use the LP's bound and round its solution into a second start; keep the better."""
        job = self.lp_job
        self.lp_job = None
        if job is not None:
            job.close()
        if res is None:
            self.stats["lp_failed"] = 1
            return
        self.stats["lp_seconds"] = round(res.seconds, 3)
        self.stats["lp_status"] = res.status
        if res.bound is not None:
            self.tighten(res.bound, "lp")
        if res.x is None or self.lp is None:
            return
        self.target.lp_value = res.meeting_value
        if self.sched.objective >= self.ub:
            return
        rounded = from_lp(self.idx, self.lp.slot_of_var, self.lp.meeting_of_var, res.x)
        augment(rounded, self.heuristic_deadline(self.budget))
        self.stats["lp_rounded_objective"] = rounded.objective
        if rounded.objective > self.sched.objective:
            self.sched.copy_from(rounded)
            self.note()

    def poll_lp(self) -> None:
        if self.lp_job is not None and self.lp_job.in_child:
            res = self.lp_job.poll()
            if res is not None:
                self.take_lp(res)

    def weight_phase(self) -> None:
        idx = self.idx
        phase = self.budget.share(WEIGHT_SHARE)
        bound, source, qstats, guide = quick_bound(idx)
        self.stats.update(qstats)
        self.tighten(bound, source)
        # The constructive start, guided by the meeting-level LP when it solved.
        sched = self.sched = constructive(idx, guide)
        augment(sched, self.heuristic_deadline(phase))
        self.stats["constructive_objective"] = sched.objective
        self.note()
        if sched.objective < self.ub:
            self.start_lp()
        # In deterministic mode, and when the LP runs here, its result is taken right away
        # (a fixed point of the run); otherwise it is polled between search steps.
        if self.lp_job is not None and (not phase.timed or not self.lp_job.in_child):
            wait = max(0.0, phase.seconds_left()) if phase.timed else math.inf
            self.take_lp(self.lp_job.wait(wait))
        n_vars = n_variables(idx)
        if sched.objective < self.ub and n_vars <= FULL_MODEL_MAX_VARS and not phase.expired():
            det_cap = DET_PER_SECOND * phase.seconds_left() if phase.timed else phase.work_left
            det, wall = phase.cpsat_limits(max(0.05, det_cap))
            res = solve_sub(
                sched, range(idx.n_meetings), seed=self.seed, workers=1, det_limit=det,
                wall_limit=wall,
            )  # fmt: skip
            phase.charge(res.det_time)
            self.stats["cpsat_det_time"] = res.det_time
            if res.status == "OPTIMAL":
                self.proven = True
                self.tighten(sched.objective, "cpsat")
            elif res.status == "FEASIBLE":
                self.tighten(res.bound + sum(idx.weight[i] for i in idx.fixed), "cpsat")
            self.note()
        if sched.objective < self.ub:
            self.stats.update(
                weight_lns(
                    sched,
                    phase,
                    seed=self.seed,
                    workers=1,
                    target=self.target,
                    stall_limit=self.weight_stall,
                    between_steps=self.poll_lp,
                    on_improve=self.note,
                    # While the LP is on its way, searching is better than waiting idle.
                    keep_going=lambda: self.lp_job is not None,
                )
            )
        if self.lp_job is not None:
            # The phase is over but the LP is still running (time mode): it may still give the
            # better start; wait for it at most up to a further share of the time.
            wait = max(0.0, 0.25 * self.budget.seconds_left()) if self.budget.timed else math.inf
            if sched.objective < self.ub:
                self.take_lp(self.lp_job.wait(wait))
            else:
                self.lp_job.close()
                self.lp_job = None
        fill(sched)
        self.note()
        if sched.objective >= self.ub:
            self.proven = True

    # -- phases 2 and 3 -----------------------------------------------------------------------

    def fairness_phase(self, eligible: list[bool], tolerance: float) -> dict[int, str]:
        idx, sched = self.idx, self.sched
        floor = sched.objective - math.floor(tolerance * sched.objective + 1e-9)
        phase = self.budget.share(FAIRNESS_SHARE)
        reasons, stats = fairness_phase(
            sched,
            phase,
            seed=self.seed,
            workers=1,
            eligible=eligible,
            floor_weight=floor,
            full_model=n_variables(idx) <= FAIRNESS_FULL_MAX_VARS,
        )
        self.stats.update(stats)
        self.note()
        return reasons

    def gaps_phase(self, eligible: list[bool]) -> int:
        """Minimise the idle gaps; return the lower bound on them (see :mod:`.idle`)."""
        idx, sched = self.idx, self.sched
        phase = self.budget
        self.stats["gaps_before_compaction"] = sched.idle_gaps()
        compact(sched, self.heuristic_deadline(phase))
        self.stats["gaps_after_compaction"] = sched.idle_gaps()
        # The bound depends only on which meetings are scheduled; the search below only trades
        # meetings of equal total weight (in practice weight-0 ones), so it is recomputed after.
        lower_bound = gaps_lower_bound(sched)
        if n_variables(idx) <= GAPS_FULL_MAX_VARS:
            det_cap = DET_PER_SECOND * phase.seconds_left() if phase.timed else phase.work_left
            det, wall = phase.cpsat_limits(max(0.05, det_cap))
            res = solve_sub(
                sched, range(idx.n_meetings), seed=self.seed, workers=1, det_limit=det,
                wall_limit=0.9 * wall, goal="gaps", eligible=eligible,
            )  # fmt: skip
            phase.charge(res.det_time)
            self.stats["gaps_full_model"] = 1
            self.stats["gaps_proven_optimal"] = int(res.status == "OPTIMAL")
        else:
            self.stats.update(
                gaps_lns(
                    sched,
                    phase,
                    seed=self.seed,
                    workers=1,
                    eligible=eligible,
                    lower_bound=lower_bound,
                    stall_limit=self.gaps_stall,
                )
            )
        return gaps_lower_bound(sched)


def solve(
    instance: Instance,
    time_limit: float | None = None,
    seed: int = 0,
    workers: int = DEFAULT_WORKERS,
    *,
    profile: str | None = None,
    deterministic: bool = False,
    work_limit: float | None = None,
    fairness: bool = True,
    fairness_tolerance: float = 0.0,
) -> Solution:
    """Schedule ``instance``; the result always satisfies every hard rule.

    Time: ``profile`` (``"quick"`` 10 s, ``"thorough"`` 60 s, ``"best"`` up to 10 min; see
    :mod:`.profiles`) or an explicit ``time_limit`` in seconds (default: the quick profile's).
    ``deterministic=True`` (or an explicit ``work_limit``) bounds the run by work instead of the
    clock: equal seeds then give equal schedules on any machine under any load; a
    ``time_limit`` given as well is only a safety net.

    ``fairness`` (default on): participants with a request get at least one meeting whenever
    the weight allows it, giving up at most ``fairness_tolerance`` (a share, e.g. 0.01 = 1%) of
    it. ``workers`` = cores to use (2: the LP relaxation in a second process).

    ``status`` is ``"OPTIMAL"`` when the weight is proven optimal (``upper_bound ==
    objective``). ``unserved`` lists participants without a meeting and why; ``stats`` holds
    per-phase figures.
    """
    if not 0.0 <= fairness_tolerance <= 1.0:
        raise ValueError("fairness_tolerance is a share of the weight between 0 and 1")
    prof = get_profile(profile or DEFAULT_PROFILE)
    if deterministic or work_limit is not None:
        seconds, work = time_limit, (work_limit if work_limit is not None else prof.work_limit)
    else:
        seconds, work = (time_limit if time_limit is not None else prof.time_limit), None
    t0 = time.perf_counter()
    budget = Budget(seconds, work)
    # Keep a little time for the gap bound and the output.
    if budget.timed:
        budget.deadline -= min(0.5, 0.03 * (seconds or 0.0))
    idx = Index(instance)
    run = _Run(
        idx,
        budget,
        seed=seed,
        workers=workers,
        weight_stall=prof.weight_stall,
        gaps_stall=prof.gaps_stall,
        t0=t0,
    )
    try:
        run.weight_phase()
    finally:
        if run.lp_job is not None:
            run.lp_job.close()
    run.stats["weight_phase_seconds"] = round(time.perf_counter() - t0, 3)
    run.stats["weight_phase_objective"] = run.sched.objective
    eligible = eligible_participants(idx)
    if fairness:
        reasons = run.fairness_phase(eligible, fairness_tolerance)
    else:
        reasons = {
            p: "fairness_off" for p in range(idx.n_parts) if eligible[p] and run.sched.count[p] == 0
        }
    run.stats["fairness_phase_seconds"] = round(time.perf_counter() - t0, 3)
    # Without the floor, the idle-gap phase need not keep anyone's only meeting either.
    lower = run.gaps_phase(eligible if fairness else [False] * idx.n_parts)
    sched = run.sched
    proven = sched.objective >= run.ub
    status = "OPTIMAL" if proven else "FEASIBLE"
    run.stats["bound_source"] = BOUND_SOURCES.index(run.source)
    return build_solution(
        idx,
        sched.slot_of,
        run.ub,
        time.perf_counter() - t0,
        status,
        run.stats,
        unserved=unserved_list(idx, eligible, reasons, sched),
        idle_gaps_lower_bound=lower,
        bound_source="optimal" if proven and run.source == "cpsat" else run.source,
        profile=profile,
        trace=run.trace,
    )

"""The slot-level LP on the second core: solved in a child process while the search goes on.

HiGHS holds the GIL for much of its run, so a thread would not help. The child is a plain
``python -m clusterbridge.scheduling.lp_worker`` (not ``multiprocessing``: its spawn mode
re-imports the caller's main script, and a fork would inherit HiGHS' and OR-Tools' thread pools
in an unusable state); it gets the LP as pickled arrays on stdin and returns the bound and the
primal values on stdout. The LP's outcome does not depend on when it arrives, and the solver
decides where to use it (in the deterministic mode it waits for it at a fixed point), so using
the second core this way keeps runs reproducible.

If the child cannot be started (no usable ``sys.executable``, a restricted sandbox) or dies,
the LP is solved in this process instead, where its result is first needed.
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

from .bound import LPResult, SlotLP, solve_slot_lp

# The directory holding the ``clusterbridge`` package, so that the child imports this very code
# even when the package is not installed (tests run from a checkout).
_SOURCE_ROOT = str(Path(__file__).resolve().parents[2])


class BackgroundLP:
    """Solve ``lp`` in a child process (``use_process``), or in this one when first needed."""

    def __init__(
        self,
        lp: SlotLP,
        *,
        time_limit: float | None,
        iteration_limit: int | None,
        use_process: bool,
    ) -> None:
        self.lp = lp
        self.time_limit = time_limit
        self.iteration_limit = iteration_limit
        self.started = time.perf_counter()
        self.result: LPResult | None = None
        # Whether a child process is solving it (False: it is solved here, in wait()).
        self.in_child = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._done = threading.Event()
        self._raw: bytes = b""
        if use_process and sys.executable:
            try:
                self._start()
                self.in_child = True
            except Exception:  # no child possible: solve here later
                self._stop()

    def _start(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [_SOURCE_ROOT, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])]
        )
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "clusterbridge.scheduling.lp_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        payload = pickle.dumps(
            (self.lp, self.time_limit, self.iteration_limit), protocol=pickle.HIGHEST_PROTOCOL
        )

        def talk(proc: subprocess.Popen[bytes] = self._proc) -> None:
            # One thread writes the job and reads the answer: pipe I/O releases the GIL, and
            # neither side can block the other on a full pipe buffer.
            try:
                assert proc.stdin is not None and proc.stdout is not None
                proc.stdin.write(payload)
                proc.stdin.close()
                self._raw = proc.stdout.read()
            except OSError:
                self._raw = b""
            finally:
                self._done.set()

        threading.Thread(target=talk, name="lp-worker-io", daemon=True).start()

    def poll(self) -> LPResult | None:
        """The result if it is there (never blocks; without a child it is None until wait)."""
        if self.result is None and self.in_child and self._done.is_set():
            self._receive()
        return self.result

    def wait(self, seconds: float = math.inf) -> LPResult | None:
        """Wait at most ``seconds`` for the result (solving it here if there is no child)."""
        if self.result is not None:
            return self.result
        called = time.perf_counter()
        if not self.in_child:
            limit = self.time_limit
            if math.isfinite(seconds):
                limit = seconds if limit is None else min(limit, seconds)
            self.result = solve_slot_lp(
                self.lp, time_limit=limit, iteration_limit=self.iteration_limit
            )
            return self.result
        if self._done.wait(None if not math.isfinite(seconds) else max(0.0, seconds)):
            self._receive()
            if self.result is None:
                return self.wait(seconds - (time.perf_counter() - called))
        return self.result

    def _receive(self) -> None:
        try:
            result = pickle.loads(self._raw)
            if not isinstance(result, LPResult):
                raise TypeError(type(result).__name__)
            self.result = result
        except Exception:
            # The child died (out of memory, killed, could not import): the next wait()
            # solves the LP here, within the time it is given.
            self.in_child = False
        self._raw = b""
        self._stop()

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)

    def close(self) -> None:
        """Stop the child if it is still running (its result is no longer wanted)."""
        self._stop()

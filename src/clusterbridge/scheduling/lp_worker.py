"""Child-process entry point of :mod:`.parallel`: read a pickled LP job on stdin, solve it,
write the pickled :class:`~.bound.LPResult` on stdout.

Run as ``python -m clusterbridge.scheduling.lp_worker``: a plain module, so the parent's
``__main__`` is never imported again (``multiprocessing``'s spawn would re-run a calling script
that lacks an ``if __name__ == "__main__"`` guard).
"""

from __future__ import annotations

import pickle
import sys

from .bound import solve_slot_lp


def main() -> int:
    lp, time_limit, iteration_limit = pickle.load(sys.stdin.buffer)
    result = solve_slot_lp(lp, time_limit=time_limit, iteration_limit=iteration_limit)
    pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

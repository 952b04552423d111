"""``clusterbridge runperiodic``: run every periodic job at its interval (reminders, expiries,
digests, clean-ups). Run it beside the worker; ``--once`` suits cron, ``--run NAME`` runs
one job now, ``--list`` shows the jobs and when they last ran."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from clusterbridge.common import periodic
from clusterbridge.common.models import PeriodicJobState


class Command(BaseCommand):
    help = "Run the periodic jobs, each at its interval (see --list)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run the due jobs once and exit.")
        parser.add_argument("--run", metavar="NAME", help="Run this job now, due or not, and exit.")
        parser.add_argument(
            "--list", action="store_true", dest="show", help="List the jobs and exit."
        )
        parser.add_argument(
            "--check-every", type=float, default=60.0, help="Seconds between checks (default 60)."
        )

    def handle(self, *args, once=False, run=None, show=False, check_every=60.0, **options):
        if show:
            states = {s.name: s for s in PeriodicJobState.objects.all()}
            for job in periodic.jobs():
                state = states.get(job.name)
                last = (
                    f"last run {state.last_started_at:%Y-%m-%d %H:%M} "
                    f"({'ok' if state.last_ok else 'failed' if state.last_ok is False else 'running'}"
                    f"{': ' + state.last_summary if state.last_summary else ''})"
                    if state and state.last_started_at
                    else "never run"
                )
                self.stdout.write(f"{job.name:40} every {job.every}  {last}\n    {job.description}")
            return
        if run:
            try:
                job = periodic.get_job(run)
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
            self._report(periodic.run_job(job, force=True))
            return
        while True:
            try:
                for outcome in periodic.run_due():
                    if outcome.ran:
                        self._report(outcome)
            except OperationalError as exc:  # a locked SQLite database: try again next round
                self.stderr.write(f"Periodic jobs postponed: {exc}")
            if once:
                return
            time.sleep(check_every)

    def _report(self, outcome: periodic.JobOutcome) -> None:
        line = f"{outcome.name}: {outcome.summary}"
        if outcome.ok:
            self.stdout.write(line)
        else:
            self.stderr.write(line)

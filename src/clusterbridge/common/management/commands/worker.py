"""``clusterbridge worker``: the background task worker (e-mails, scheduling runs, imports).

The same options as django-tasks-db's ``db_worker``; in addition it waits out a locked SQLite
database, writes a heartbeat, fails visibly the tasks of workers that were killed, and logs
every failing task.
"""

from __future__ import annotations

import logging

from django_tasks_db.management.commands import db_worker

from clusterbridge.common import worker


class Command(db_worker.Command):
    help = "Run the background task worker (resilient to a locked database; see README)."

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        own = logging.getLogger("clusterbridge.worker")
        own.setLevel(logging.INFO if verbosity else logging.CRITICAL)
        if not own.hasHandlers():
            own.addHandler(logging.StreamHandler(self.stderr))

    def handle(self, *args, **options):
        # The library's command builds its Worker by name; give it ours for this run.
        original = db_worker.Worker
        db_worker.Worker = worker.ResilientWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original

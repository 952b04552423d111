"""The ``clusterbridge`` command.

``clusterbridge schedule ...`` runs the meeting scheduler without loading Django (it is a
plain Python package); every other sub-command is handed to Django's management utility,
so ``clusterbridge migrate`` or ``clusterbridge runserver`` work like ``manage.py``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "schedule":
        from clusterbridge.scheduling.cli import main as schedule_main

        return schedule_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterbridge.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["clusterbridge", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())

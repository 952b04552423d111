"""Signals of the events app (sent after the transaction commits)."""

from django.dispatch import Signal

# A scheduling run was created and waits for a worker. Arguments: run (ScheduleRun).
schedule_run_created = Signal()

"""Signals of the observatory (sent after the transaction commits)."""

from django.dispatch import Signal

# An import job was created and waits for a worker. Arguments: job (ImportJob).
import_requested = Signal()

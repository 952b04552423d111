"""Signals other apps may listen to, so that `organisations` never imports them."""

from django.dispatch import Signal

# Sent after the transaction that changed a profile commits.
# Arguments: organisation (Organisation), changed_fields (frozenset[str]).
profile_changed = Signal()

# Sent after the transaction that removed a membership commits.
# Arguments: organisation (Organisation), user (User).
membership_removed = Signal()

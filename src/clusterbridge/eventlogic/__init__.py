"""Plain-Python algorithms of the events app (no Django import; a test asserts it).

- :mod:`.balance` — selection of applicants with a balanced geographic distribution.

Participant recommendations live with the other similarity rankings in
:mod:`clusterbridge.matching.participants`.
"""

from .balance import Applicant, country_quotas, select_balanced

__all__ = ["Applicant", "country_quotas", "select_balanced"]

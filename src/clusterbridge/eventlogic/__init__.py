"""Plain-Python algorithms of the events app (no Django import; a test asserts it).

- :mod:`.balance` — selection of applicants with a balanced geographic distribution.
- :mod:`.recommend` — participants to meet at a matchmaking event, each with its reasons.
"""

from .balance import Applicant, country_quotas, select_balanced
from .recommend import Card, Recommendation, recommend

__all__ = ["Applicant", "Card", "Recommendation", "country_quotas", "recommend", "select_balanced"]

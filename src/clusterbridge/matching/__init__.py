"""Matching and ranking of profiles: plain Python, no Django (tested and benchmarked alone).

- :mod:`.similarity` — similar organisations, with reasons;
- :mod:`.opportunities` — the marketplace's "for you" ranking;
- :mod:`.participants` — people to meet at a matchmaking event.
"""

from clusterbridge.matching.participants import Card, Recommendation, recommend
from clusterbridge.matching.similarity import Profile, Suggestion, similar_profiles

__all__ = ["Card", "Profile", "Recommendation", "Suggestion", "recommend", "similar_profiles"]

"""Matching and ranking of profiles: plain Python, no Django (tested and benchmarked alone)."""

from clusterbridge.matching.similarity import Profile, Suggestion, similar_profiles

__all__ = ["Profile", "Suggestion", "similar_profiles"]

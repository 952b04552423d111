"""A URL configuration without the benchmarking app (tests/organisations/test_templatetags.py)."""

urlpatterns: list = []

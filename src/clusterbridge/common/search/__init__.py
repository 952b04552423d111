"""The facet/search engine shared by every faceted list (directory, marketplace, …).

Declare a list once (``Search`` with its filters, sorts, text index and map columns) in the
app's ``queries/``; its filter form comes from ``common.search.forms.filter_form``. See
``engine.py`` for how the counting works and DEVELOPERS.md, "Adding a faceted list".
"""

from clusterbridge.common.search.engine import Evaluation, MapPoints, Results, Search, Sort, ids_in
from clusterbridge.common.search.filters import Filter, Option, Options, Related, Values
from clusterbridge.common.search.textindex import TextIndex

__all__ = [
    "Evaluation",
    "Filter",
    "MapPoints",
    "Option",
    "Options",
    "Related",
    "Results",
    "Search",
    "Sort",
    "TextIndex",
    "Values",
    "ids_in",
]

"""The search form of the marketplace; the API validates its query parameters with it too."""

from __future__ import annotations

from clusterbridge.common.search.forms import filter_form
from clusterbridge.marketplace.queries.search import MARKETPLACE


class SearchForm(filter_form(MARKETPLACE)):
    """q, kind, sector, technology, country, organisation_kind, within, sort, page: the fields
    come from the search's declaration (``marketplace.queries.search``)."""

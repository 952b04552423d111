"""The directory's filter form; the API validates its query parameters with the same form."""

from __future__ import annotations

from clusterbridge.common.search.forms import filter_form
from clusterbridge.organisations.queries.directory import DIRECTORY


class DirectoryFilterForm(filter_form(DIRECTORY)):
    """q, kind, country, region, sector, ecosystem, technology, size, label, sort, page: the
    fields come from the search's declaration (``organisations.queries.directory``)."""

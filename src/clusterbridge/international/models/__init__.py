from clusterbridge.international.models.choices import PageStatus, Priority
from clusterbridge.international.models.country import Arrangement, CountryPage, Gateway

__all__ = ["Arrangement", "CountryPage", "Gateway", "PageStatus", "Priority"]

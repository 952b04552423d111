"""Object permissions of country pages, declared once (django-rules).

Published pages are public; drafts are seen by staff only (a 404 to anyone else). Staff edit
the pages, their arrangements and gateways.
"""

import rules

from clusterbridge.international.models import Arrangement, CountryPage, Gateway


def _page(obj) -> CountryPage | None:
    if isinstance(obj, CountryPage):
        return obj
    if isinstance(obj, Arrangement | Gateway):
        return obj.page
    return None


@rules.predicate
def is_published(user, obj) -> bool:
    page = _page(obj)
    return page is not None and page.is_published


is_staff = rules.is_staff

rules.add_perm("international.view_country_page", is_published | is_staff)
rules.add_perm("international.manage_country_pages", is_staff)

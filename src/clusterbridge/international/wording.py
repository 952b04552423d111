"""Titles the other apps' ``country_sections.py`` providers show on a country page, marked
here too so that this app's catalogue carries their translations (gettext looks them up in
every catalogue) until the providers' own apps update theirs."""

from django.utils.translation import gettext_noop

PROVIDER_TITLES = (
    gettext_noop("Organisations located there"),
    gettext_noop("Partnerships targeting this country"),
    gettext_noop("Cooperation opportunities targeting this country"),
    gettext_noop("Events and missions"),
)

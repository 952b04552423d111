"""What other apps show on a country page, without this app importing them.

Each app may provide ``<app>/country_sections.py`` with ``sections(request, *, country_code)``
returning a list of ``common.hub.HubSection``: its own template, or ``template=""`` and a plain
list in ``context`` that this app renders (``international/_section.html``)::

    {"items": [{"name": ..., "url": ..., "meta": ...}], "total": n, "more_url": "..."}

Providers keep to one or two queries and at most ``SHOWN`` items.
"""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps
from django.template.loader import render_to_string

from clusterbridge.common.hub import HubSection

MODULE = "country_sections"
SHOWN = 10
DEFAULT_TEMPLATE = "international/_section.html"


def country_sections(request, country_code: str) -> list[HubSection]:
    found: list[HubSection] = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.{MODULE}"
        if app_config.name.startswith("clusterbridge.") and importlib.util.find_spec(module_name):
            found.extend(
                importlib.import_module(module_name).sections(request, country_code=country_code)
            )
    found.sort(key=lambda section: (section.order, section.key))
    for section in found:
        context = {"section": section, **section.context}
        section.html = render_to_string(
            section.template or DEFAULT_TEMPLATE, context, request=request
        )
    return found

"""Pages built from sections that each app contributes, without the page importing the apps.

- "My account" (``accounts``): ``<app>/account_hub.py`` with ``sections(request)``;
- the home page (``common``): ``<app>/home_sections.py`` with ``sections(request)``;
- an organisation's profile (``organisations``): ``<app>/profile_sections.py`` with
  ``sections(request, organisation=...)``;
- a region's page (``observatory``): ``<app>/region_sections.py`` with
  ``sections(request, region=..., area=...)`` (``area``: the region's outline, with ``bbox`` and
  ``contains(lon, lat)``).

Each returns a list of ``HubSection``; the page shows them in ``order``.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.template.loader import render_to_string


@dataclass
class HubSection:
    key: str  # HTML id of the section, e.g. "my-events"
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    html: str = ""  # filled by ``collect``


def collect(request, module: str, **about: Any) -> list[HubSection]:
    found: list[HubSection] = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.{module}"
        if app_config.name.startswith("clusterbridge.") and importlib.util.find_spec(module_name):
            found.extend(importlib.import_module(module_name).sections(request, **about))
    found.sort(key=lambda section: (section.order, section.key))
    for section in found:
        section.html = render_to_string(section.template, section.context, request=request)
    return found


def sections(request) -> list[HubSection]:
    """The sections of "My account"."""
    return collect(request, "account_hub")


def home_sections(request) -> list[HubSection]:
    return collect(request, "home_sections")


def profile_sections(request, organisation) -> list[HubSection]:
    """What other apps show on an organisation's profile."""
    return collect(request, "profile_sections", organisation=organisation)


def region_sections(request, region, area) -> list[HubSection]:
    """What other apps show on a region's page (events held there, …)."""
    return collect(request, "region_sections", region=region, area=area)

"""Personal data held by each app, collected for the export and cleared on account deletion.

An app that stores personal data provides ``<app>/privacy.py`` with
``export(user) -> dict`` (JSON-ready) and, if something must be removed or anonymised before
the user row is deleted, ``erase(user) -> None``. Apps are discovered in INSTALLED_APPS order.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps


def privacy_modules() -> Iterator[tuple[str, ModuleType]]:
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.privacy"
        if app_config.name.startswith("clusterbridge.") and importlib.util.find_spec(module_name):
            yield app_config.label, importlib.import_module(module_name)

"""The dependency runs one way: benchmarking (a later app) keeps the organisation's label copy;
the organisations app never imports benchmarking, not even its template tags."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.db.migrations.loader import MigrationLoader
from django.template import engines

import clusterbridge.organisations

APP = Path(clusterbridge.organisations.__file__).parent
LATER_APPS = ("benchmarking", "events", "marketplace", "api", "demo")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_of_the_app_imports_a_later_app():
    found = {
        f"{path.relative_to(APP)}: {name}"
        for path in APP.rglob("*.py")
        for name in _imports(path)
        if re.match(rf"clusterbridge\.({'|'.join(LATER_APPS)})\b", name)
    }
    assert found == set()


def test_its_templates_load_only_its_own_or_common_tag_libraries():
    libraries = engines["django"].engine.template_libraries
    loaded = {
        (path.relative_to(APP), name)
        for path in APP.rglob("*.html")
        for load in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", path.read_text(encoding="utf-8"))
        for name in load.split()
    }
    assert loaded, "no {% load %} found: the scan is broken"
    outside = {
        (str(path), name, libraries[name].__module__ if name in libraries else "?")
        for path, name in loaded
        if name in libraries and any(f".{app}." in libraries[name].__module__ for app in LATER_APPS)
    }
    assert outside == set()


def test_only_the_badge_names_benchmarking_and_only_as_an_optional_link():
    mentions = {
        str(path.relative_to(APP))
        for path in APP.rglob("*.html")
        if "benchmarking" in path.read_text(encoding="utf-8")
    }
    assert mentions == {"templates/organisations/_label_badge.html"}
    badge = (APP / "templates/organisations/_label_badge.html").read_text(encoding="utf-8")
    # "{% url … as var %}" renders nothing instead of failing when the page does not exist.
    assert "{% url 'benchmarking:labels' as labels_url %}" in badge


def test_its_migrations_depend_on_no_later_app():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    dependencies = {
        (key, dependency)
        for key, migration in loader.disk_migrations.items()
        if key[0] == "organisations"
        for dependency in migration.dependencies
        if dependency[0] in LATER_APPS
    }
    assert dependencies == set()

"""Taxonomy names in the reader's language, read from the row itself (no extra query)."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from clusterbridge.taxonomy.forms import TaxonomyMultipleChoiceField
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    Technology,
    localized_name,
)
from clusterbridge.taxonomy.reference import load_names

pytestmark = pytest.mark.django_db

MODELS = (ClusterCategory, IndustrialEcosystem, Technology)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_name_is_translated_into_french_and_german(model, language):
    missing = [row.code for row in model.objects.all() if not row.names.get(language, "").strip()]
    assert missing == []


@pytest.mark.parametrize(
    ("model", "code", "english", "french", "german"),
    [
        (ClusterCategory, "automotive", "Automotive", "Automobile", "Automobilindustrie"),
        (ClusterCategory, "medical-devices", "Medical Devices", "Dispositifs médicaux",
         "Medizinprodukte"),
        (IndustrialEcosystem, "health", "Health", "Santé", "Gesundheit"),
        (IndustrialEcosystem, "agri-food", "Agri-food", "Agroalimentaire",
         "Agrar- und Lebensmittelwirtschaft"),
        (Technology, "photonics", "Photonics", "Photonique", "Photonik"),
        (Technology, "advanced-materials", "Advanced Materials", "Matériaux avancés",
         "Fortschrittliche Werkstoffe"),
    ],
)  # fmt: skip
def test_the_name_follows_the_active_language_without_a_query(
    django_assert_num_queries, model, code, english, french, german
):
    row = model.objects.get(code=code)
    with django_assert_num_queries(0):
        shown = {}
        for language in ("en", "fr", "de", "de-at", "nl"):
            with translation.override(language):
                shown[language] = (row.display_name, str(row))
    assert shown == {
        "en": (english, english),
        "fr": (french, french),
        "de": (german, german),
        "de-at": (german, german),  # a regional variant falls back to its language
        "nl": (english, english),  # no Dutch names: English
    }


def test_an_emerging_industry_says_so_in_the_readers_language():
    row = ClusterCategory.objects.get(code="emerging-mobility-technologies")
    with translation.override("en"):
        assert str(row) == "Mobility Technologies (emerging)"
    with translation.override("fr"):
        assert str(row) == "Technologies de la mobilité (secteur émergent)"
    with translation.override("de"):
        assert str(row) == "Mobilitätstechnologien (Zukunftsbranche)"


def test_labels_by_code_in_one_query(django_assert_num_queries):
    with translation.override("de"), django_assert_num_queries(1):
        labels = Technology.objects.labels()
    assert labels["nanotechnology"] == "Nanotechnologie"
    assert len(labels) == 6
    assert localized_name({"fr": "Santé"}, "Health", "fr") == "Santé"
    assert localized_name({}, "Health", "fr") == "Health"
    assert localized_name(None, "Health") == "Health"


def test_rows_shown_in_a_list_of_an_other_app_need_no_query_per_name(
    django_assert_num_queries,
):
    with translation.override("fr"), django_assert_num_queries(1):
        names = [row.display_name for row in IndustrialEcosystem.objects.all()]
    assert "Numérique" in names and "Tourisme" in names


def test_form_choices_are_labelled_and_sorted_in_the_readers_language():
    class Form(forms.Form):
        ecosystems = TaxonomyMultipleChoiceField(
            IndustrialEcosystem.objects.all(), to_field_name="code"
        )

    with translation.override("fr"):
        labels = [label for _value, label in Form().fields["ecosystems"].choices]
    assert labels[:3] == ["Aérospatiale et défense", "Agroalimentaire", "Commerce de détail"]
    assert labels.index("Électronique") < labels.index("Énergie – renouvelables")
    assert labels.index("Énergie – renouvelables") < labels.index(
        "Industries culturelles et créatives"
    )


def test_the_migration_fills_the_names_of_existing_rows():
    ClusterCategory.objects.update(names={})
    IndustrialEcosystem.objects.update(names={})
    Technology.objects.update(names={})
    assert load_names(ClusterCategory, IndustrialEcosystem, Technology) == 61 + 14 + 6
    automotive = ClusterCategory.objects.get(code="automotive")
    assert automotive.names == {
        "fr": "Automobile",
        "de": "Automobilindustrie",
        "es": "Automoción",
        "it": "Settore automobilistico",
        "pl": "Motoryzacja",
    }
    assert automotive.name == "Automotive"  # the English name stays where it was

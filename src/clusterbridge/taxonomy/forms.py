"""Form fields for the taxonomies: choices labelled and sorted in the reader's language.

``ModelMultipleChoiceField(ClusterCategory.objects.all())`` already shows translated labels
(``str()`` is the name in the active language) but keeps the English order; these fields sort
by the translated label ("Électronique" among the E), with the same single query.
"""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator

from clusterbridge.common.text import fold


class TaxonomyChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: fold(str(choice[1])))


class TaxonomyChoiceField(forms.ModelChoiceField):
    iterator = TaxonomyChoiceIterator


class TaxonomyMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = TaxonomyChoiceIterator

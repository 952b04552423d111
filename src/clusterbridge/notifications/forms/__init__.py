from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterbridge.notifications.kinds import all_kinds
from clusterbridge.notifications.models import EmailChoice


def topics() -> list[tuple[str, str, str, list[str]]]:
    """Kinds grouped as people see them: (field name, group, label, kind codes). Several kinds
    can share one label (an agenda published, updated or changed) and are set together."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for kind in all_kinds():
        if kind.always_email or not kind.label:
            continue
        grouped.setdefault((str(kind.group), str(kind.label)), []).append(kind.code)
    return [
        (f"topic_{n}", group, label, codes)
        for n, ((group, label), codes) in enumerate(sorted(grouped.items()))
    ]


class EmailSettingsForm(forms.Form):
    """One choice per topic: e-mail at once, in the daily digest, or in-app only."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = topics()
        for name, group, label, codes in self.topics:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=EmailChoice.choices,
                initial=current.get(codes[0], EmailChoice.IMMEDIATELY),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the e-mail options.")},
            )
            self.fields[name].group = group

    def choices_by_kind(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[name]
            for name, _group, _label, codes in self.topics
            for code in codes
        }

    def grouped_fields(self):
        groups: dict[str, list] = {}
        for name, group, _label, _codes in self.topics:
            groups.setdefault(group, []).append(self[name])
        return list(groups.items())

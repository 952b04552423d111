"""Forms of the member-links page: find an organisation, propose a link, act on one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

FIND_MEMBERS = "members"
FIND_CLUSTERS = "clusters"


class FindForm(forms.Form):
    """Search published organisations by name: to add as members, or clusters to join."""

    q = forms.CharField(label=_("Name or acronym"), max_length=100, strip=True)
    find = forms.ChoiceField(
        choices=[(FIND_MEMBERS, FIND_MEMBERS), (FIND_CLUSTERS, FIND_CLUSTERS)],
        widget=forms.HiddenInput,
    )


class ProposeForm(forms.Form):
    """``role``: what the other organisation is to this one ("member": add it as a member;
    "cluster": ask to be listed as its member)."""

    other = forms.SlugField(max_length=220, allow_unicode=True)
    role = forms.ChoiceField(choices=[("member", "member"), ("cluster", "cluster")])


class LinkActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("confirm", "confirm"), ("decline", "decline"), ("end", "end")],
        error_messages={"invalid_choice": _("Choose confirm, decline or end.")},
    )

"""The label badge of the organisations app (organisation_labels)."""

from __future__ import annotations

import datetime

from django.template import Context, Template
from django.test import override_settings

BADGE = Template("{% load organisation_labels %}{% label_badge level until %}")


def render(level, until=None) -> str:
    return BADGE.render(Context({"level": level, "until": until}))


def test_a_badge_links_to_the_public_label_list():
    assert render("silver", datetime.date(2027, 3, 5)) == (
        '<a href="/benchmarking/labels/?level=silver" class="label-badge label-silver" '
        'data-label="silver" title="Cluster management excellence label, valid until '
        '5 March 2027">Silver label</a>'
    )


def test_no_badge_without_a_known_level():
    assert render("") == ""
    assert render(None) == ""
    assert render("platinum") == ""


@override_settings(ROOT_URLCONF="tests.organisations.urls_without_benchmarking")
def test_without_the_label_list_the_badge_is_plain_text():
    assert render("gold") == (
        '<span class="label-badge label-gold" data-label="gold" '
        'title="Cluster management excellence label">Gold label</span>'
    )

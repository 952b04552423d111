"""Calls built through the services, as people would post them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from clusterbridge.calls.services import calls as services
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory


def agency(**kwargs):
    kwargs.setdefault("kind", "public_authority")
    return OrganisationFactory(**kwargs)


def admin_of(organisation):
    return MembershipFactory(organisation=organisation).user


def posted(*, actor=None, organisation=None, days=30, deadlines=None, **fields):
    actor = actor or StaffFactory()
    now = timezone.now()
    fields.setdefault("title", "Innovation Express 2027")
    fields.setdefault("funder_names", "Agence de l'innovation")
    fields.setdefault("level", "national")
    fields.setdefault("kind", "grant")
    deadlines = deadlines if deadlines is not None else [now + timedelta(days=days)]
    return services.post_call(actor=actor, organisation=organisation, deadlines=deadlines, **fields)


def joint_call(*, actor=None, organisation=None, agencies=(), publish=True, days=30, **fields):
    """A joint call posted by ``actor`` with ``agencies``: [(organisation, rules dict)]."""
    from clusterbridge.calls.services import calls as call_services

    actor = actor or StaffFactory()
    call = posted(actor=actor, organisation=organisation, days=days, is_joint=True, **fields)
    for agency_org, rules in agencies:
        rules = dict(rules)
        rules.setdefault("budget_eur", Decimal("100000"))
        call_services.add_agency(actor=actor, call=call, organisation=agency_org, **rules)
    if publish:
        call = call_services.publish_call(actor=actor, call=call)
    return call


def two_agency_call(*, names=("Agence FR", "Agentur DE"), **kwargs):
    """The joint call of the tests: a French agency funding clusters and SMEs in France (at
    most 50 %, 30,000 € per beneficiary) and a German agency funding SMEs in Germany."""
    fr = agency(name=names[0], country="FR")
    de = agency(name=names[1], country="DE")
    call = joint_call(
        agencies=[
            (
                fr,
                {
                    "beneficiary_kinds": ["cluster", "sme"],
                    "countries": ["FR"],
                    "max_grant_eur": Decimal("30000"),
                    "funding_rate": Decimal("50"),
                    "budget_eur": Decimal("100000"),
                },
            ),
            (
                de,
                {"beneficiary_kinds": ["sme"], "countries": ["DE"], "budget_eur": Decimal("50000")},
            ),
        ],
        **kwargs,
    )
    return call, call.agencies.get(organisation=fr), call.agencies.get(organisation=de)

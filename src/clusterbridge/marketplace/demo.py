"""Demo marketplace: opportunities of every kind, expressions of interest, conversations.

Deterministic for the seed; dates relative to 2026-11-21; everything is marked ``is_demo``.
Rows are bulk-inserted (no notifications or e-mails to demo people). Opportunities and
interests cascade with their demo organisations; conversations left without participants
after a demo reset are removed at the next run.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from clusterbridge.marketplace.models import (
    KIND_PREFIX,
    TECHNICAL_KINDS,
    Conversation,
    DevelopmentStage,
    ExpressionOfInterest,
    InterestStatus,
    IprStatus,
    Message,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Participant,
    PartnershipType,
    ReferenceSequence,
)
from clusterbridge.marketplace.queries.search import bump_marketplace_version
from clusterbridge.marketplace.services.interests import organisation_details
from clusterbridge.marketplace.services.opportunities import LIFETIME, refresh_derived_fields
from clusterbridge.organisations.models import Membership, Organisation, ProfileStatus

TODAY = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.get_fixed_timezone(0))
OPPORTUNITIES = 300
TITLES = {
    OpportunityKind.TECHNOLOGY_OFFER: "{topic}: proven technology available for licensing",
    OpportunityKind.TECHNOLOGY_REQUEST: "Partner sought with {topic} know-how",
    OpportunityKind.BUSINESS_OFFER: "Distribution partners wanted for our {topic} products",
    OpportunityKind.BUSINESS_REQUEST: "Supplier sought for {topic} components",
    OpportunityKind.RD_PARTNER: "Consortium partners for a Horizon Europe proposal on {topic}",
    OpportunityKind.CLUSTER_COOPERATION: "Cluster partnership on {topic} value chains",
    OpportunityKind.PROJECT_PARTNER: "Companies for a trade mission on {topic}",
}
MESSAGES = [
    "Thank you for your interest. Could you tell us more about your references?",
    "Of course — we attach a short presentation and can meet online next week.",
    "Tuesday at 10:00 works for us.",
    "Great, we will send an invitation.",
]


@transaction.atomic
def generate(*, seed: int) -> str:
    rng = random.Random(seed)
    Conversation.objects.filter(is_demo=True, participants=None).delete()
    organisations = list(
        Organisation.objects.filter(is_demo=True, status=ProfileStatus.PUBLISHED)
        .prefetch_related("sectors", "technologies")
        .order_by("id")
    )
    members: dict[int, list] = {}
    for membership in Membership.objects.filter(organisation__in=organisations).select_related(
        "user"
    ):
        members.setdefault(membership.organisation_id, []).append(membership.user)
    posters = [o for o in organisations if o.pk in members]
    if not posters:
        return "Marketplace: no demo organisations with accounts, nothing generated."
    kinds = list(OpportunityKind)
    sequences: dict[tuple[str, int], int] = {
        (s.prefix, s.year): s.last for s in ReferenceSequence.objects.all()
    }
    rows, topics = [], []
    for index in range(OPPORTUNITIES):
        organisation = rng.choice(posters)
        kind = kinds[index % len(kinds)]
        sectors = list(organisation.sectors.all())
        technologies = list(organisation.technologies.all())
        chosen_sectors = rng.sample(sectors, k=min(len(sectors), rng.randint(1, 2)))
        chosen_tech = rng.sample(technologies, k=min(len(technologies), rng.randint(0, 1)))
        if not chosen_sectors and not chosen_tech:
            continue
        topic = (chosen_tech or chosen_sectors)[0].name
        created = TODAY - timedelta(days=rng.randint(0, 330), minutes=index)
        prefix = KIND_PREFIX[kind]
        sequences[(prefix, created.year)] = sequences.get((prefix, created.year), 0) + 1
        status = rng.choices(
            [
                OpportunityStatus.PUBLISHED,
                OpportunityStatus.DRAFT,
                OpportunityStatus.CLOSED_SUCCESS,
            ],
            weights=[88, 6, 6],
        )[0]
        opportunity = Opportunity(
            reference=f"CB-{prefix}-{created.year}-{sequences[(prefix, created.year)]:06d}",
            organisation=organisation,
            author=rng.choice(members[organisation.pk]),
            kind=kind,
            status=status,
            title=TITLES[kind].format(topic=topic)[:200],
            summary=f"{organisation.name} {rng.choice(['offers', 'seeks', 'proposes'])} cooperation on {topic.lower()}.",
            description=organisation.description,
            description_language="en",  # the demo's texts are English
            keywords=organisation.technology_keywords[:3],
            target_countries=rng.sample(
                ["DE", "FR", "IT", "ES", "PL", "NL", "SE", "AT"], k=rng.randint(0, 3)
            ),
            partnership_types=rng.sample(PartnershipType.values, k=rng.randint(1, 3)),
            development_stage=rng.choice(DevelopmentStage.values)
            if kind in TECHNICAL_KINDS
            else "",
            ipr_status=rng.choice(IprStatus.values) if kind in TECHNICAL_KINDS else "",
            deadline=(TODAY + timedelta(days=rng.randint(20, 200))).date()
            if rng.random() < 0.4
            else None,
            published_at=created if status != OpportunityStatus.DRAFT else None,
            expires_at=created + LIFETIME if status != OpportunityStatus.DRAFT else None,
            closed_at=created + timedelta(days=30)
            if status == OpportunityStatus.CLOSED_SUCCESS
            else None,
            is_demo=True,
        )
        refresh_derived_fields(opportunity, sectors=chosen_sectors, technologies=chosen_tech)
        rows.append(opportunity)
        topics.append((chosen_sectors, chosen_tech))
    for (prefix, year), last in sequences.items():
        ReferenceSequence.objects.update_or_create(
            prefix=prefix, year=year, defaults={"last": last}
        )
    created_rows = Opportunity.objects.bulk_create(rows, batch_size=500)
    Opportunity.sectors.through.objects.bulk_create(
        [
            Opportunity.sectors.through(opportunity_id=o.pk, clustercategory_id=s.pk)
            for o, (ss, _) in zip(created_rows, topics, strict=True)
            for s in ss
        ]
    )
    Opportunity.technologies.through.objects.bulk_create(
        [
            Opportunity.technologies.through(opportunity_id=o.pk, technology_id=t.pk)
            for o, (_, ts) in zip(created_rows, topics, strict=True)
            for t in ts
        ]
    )
    # Interests (each with its conversation and a few messages) on published posts.
    interests = conversations = messages = 0
    published = [o for o in created_rows if o.status == OpportunityStatus.PUBLISHED]
    for opportunity in rng.sample(published, k=min(len(published), 120)):
        candidates = [o for o in posters if o.pk != opportunity.organisation_id]
        interested = rng.choice(candidates)
        author = rng.choice(members[interested.pk])
        start = opportunity.published_at + timedelta(days=rng.randint(1, 20))
        conversation = Conversation.objects.create(
            kind=Conversation.Kind.ORGANISATIONS,
            subject=f"{opportunity.reference}: {opportunity.title}"[:200],
            opportunity=opportunity,
            is_demo=True,
        )
        conversation.organisations.set([opportunity.organisation, interested])
        people = [opportunity.author, *members[interested.pk]]
        Participant.objects.bulk_create(
            [
                Participant(
                    conversation=conversation, user=u, last_read_at=start + timedelta(days=2)
                )
                for u in dict.fromkeys(people)
            ]
        )
        thread = [
            Message(
                conversation=conversation,
                sender=author,
                body=f"Expression of interest from {interested.name}: we would like to discuss {opportunity.title.lower()}.",
                created_at=start,
            )
        ]
        for n in range(rng.randint(1, len(MESSAGES))):
            thread.append(
                Message(
                    conversation=conversation,
                    sender=opportunity.author if n % 2 == 0 else author,
                    body=MESSAGES[n],
                    created_at=start + timedelta(hours=5 * (n + 1)),
                )
            )
        Message.objects.bulk_create(thread)
        conversation.last_message_at = thread[-1].created_at
        conversation.save(update_fields=["last_message_at"])
        status = rng.choices(InterestStatus.values, weights=[3, 4, 2, 2])[0]
        ExpressionOfInterest.objects.create(
            opportunity=opportunity,
            organisation=interested,
            author=author,
            cooperation_sought=rng.choice(opportunity.partnership_types),
            organisation_details=organisation_details(interested),
            status=status,
            conversation=conversation,
            agreement_at=start + timedelta(days=14) if status == InterestStatus.AGREEMENT else None,
            is_demo=True,
        )
        interests += 1
        conversations += 1
        messages += len(thread)
    transaction.on_commit(bump_marketplace_version)
    return (
        f"Marketplace: {len(created_rows)} opportunities, {interests} expressions of interest, "
        f"{conversations} conversations with {messages} messages."
    )

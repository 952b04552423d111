"""Demo partnerships: about 25 published partnerships of 3–8 demo organisations each, with
realistic names and target countries, success stories and forum threads among their people.

Deterministic for the seed; dates relative to 2026-11-21; everything is marked ``is_demo``.
Rows are inserted directly (no notifications or e-mails to demo people); the facet copies
are kept by the service helper ``refresh_countries``. Each partnership gets a small library:
a members-only strategy and minutes, and a public brochure — one-page PDFs drawn with
reportlab in the platform's embedded font (``common.pdf``), byte-identical for the seed. Partnerships cascade with their demo
coordinators; ``remove`` deletes what is left.
"""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from clusterbridge.common import pdf
from clusterbridge.common.slugs import save_with_unique_slug
from clusterbridge.common.text import fold
from clusterbridge.organisations.models import Membership, Organisation, ProfileStatus
from clusterbridge.partnerships.models import (
    DocumentCategory,
    DocumentVisibility,
    ForumPost,
    ForumThread,
    MemberRole,
    MemberState,
    Partnership,
    PartnershipDocument,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
    ResultType,
    SuccessStory,
    ThreadSubscription,
)
from clusterbridge.partnerships.queries.search import bump_partnerships_version
from clusterbridge.partnerships.services.partnerships import refresh_countries
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem

TODAY = datetime.datetime(2026, 11, 21, 10, 0, tzinfo=datetime.UTC)
PARTNERSHIPS = 25
THEMES = [
    ("Hydrogen Valleys Go International", "H2GO", "US", "KR", "JP"),
    ("Smart Mobility Transatlantic", "SMART-TA", "US", "CA"),
    ("Blue Economy Alliance", "BLUEA", "NO", "IS", "CA"),
    ("Agrifood Asia Gateway", "AAG", "VN", "TH", "SG"),
    ("MedTech Korea Bridge", "MEDKOR", "KR"),
    ("Circular Textiles Partnership", "CIRTEX", "IN", "BD"),
    ("Photonics Pacific", "PHOPAC", "TW", "JP"),
    ("Digital Health Nordic-Baltic", "DHNB", "US"),
    ("Aerospace Supply Chains Latin America", "ASCLA", "BR", "MX", "CL"),
    ("Battery Value Chain Euro-Canada", "BATCAN", "CA"),
    ("Wood & Construction Innovators", "WOODIN", "JP", "CA"),
    ("Cultural and Creative Industries Mediterranean", "CCIMED", "MA", "TN", "EG"),
    ("Space Data Services", "SPADA", "US", "IN"),
    ("Cleantech Africa Connect", "CLEAFRI", "KE", "ZA", "NG"),
    ("Microelectronics Taiwan Link", "MITAL", "TW"),
    ("Tourism Innovation Partnership", "TOURIN", "GE", "AM"),
    ("Automotive Transformation Alliance", "AUTRA", "MX", "US"),
    ("Robotics for SMEs", "ROBSME", "KR", "SG"),
    ("Sustainable Packaging Network", "SUSPACK", "CH", "GB"),
    ("Biotech Boston Bridge", "BIOBOS", "US"),
    ("Smart Grids Balkans", "SGB", "RS", "BA", "MK"),
    ("Water Technologies Middle East", "WATME", "IL", "AE", "JO"),
    ("Textile Machinery Industry 5.0", "TEXMA", "TR", "IN"),
    ("Quantum Technologies Transatlantic", "QUANTA", "US", "CA"),
    ("Maritime Ports of the Future", "PORTS", "SG", "AU"),
]
KINDS = list(PartnershipKind.values)
PROGRAMMES = [
    ("Single Market Programme (COSME)", "Going International 2025"),
    ("Horizon Europe", "Cluster 4 — Digital, Industry and Space"),
    ("Interreg Europe", "Fourth call"),
    ("Euroclusters", "SMP-COSME-2026-CLUSTER"),
    ("National funding", ""),
]
THREADS = [
    (
        "Trade mission: who joins?",
        "We plan a delegation in spring. Please tell us how many SMEs you would bring.",
    ),
    (
        "Minutes of the steering committee",
        "The minutes are on the shared drive: https://example.org/minutes — comments welcome.",
    ),
    (
        "Matchmaking event in the target country",
        "Our partner agency proposes two dates in March; which one suits you?",
    ),
    ("Budget reporting", "Reminder: interim cost statements are due at the end of the month."),
]
REPLIES = [
    "Thanks, we will bring four companies.",
    "The March date works best for us.",
    "We have two SMEs interested; I will confirm next week.",
    "Noted, our finance team is on it.",
    "Could we add a visit to the local science park?",
]
STORIES = [
    ("Memorandum signed with {country}'s national cluster agency", ResultType.MOU),
    ("Joint pilot project launched with partners in {country}", ResultType.JOINT_PROJECT),
    ("Distribution agreement for member SMEs in {country}", ResultType.BUSINESS_DEAL),
    ("First member SMEs open offices in {country}", ResultType.MARKET_ENTRY),
]


DOCUMENTS = [
    (
        "Joint strategy {start}–{end}",
        DocumentCategory.STRATEGY,
        DocumentVisibility.MEMBERS,
        "The partnership's objectives, target markets and work plan.",
    ),
    (
        "Minutes of the steering committee",
        DocumentCategory.MINUTES,
        DocumentVisibility.MEMBERS,
        "Decisions and actions of the last steering committee.",
    ),
    (
        "{acronym} at a glance",
        DocumentCategory.PRESENTATION,
        DocumentVisibility.PUBLIC,
        "A short presentation of the partnership for companies and partners abroad.",
    ),
    (
        "Annual activity report",
        DocumentCategory.REPORT,
        DocumentVisibility.PUBLIC,
        "Missions, matchmaking events and results of the past year.",
    ),
]


def _demo_pdf(title: str, partnership: str, lines: list[str]) -> bytes:
    """A one-page PDF; ``invariant`` drops the creation date and random ID, so the bytes are
    the same on every run."""
    pdf.register_fonts()
    buffer = io.BytesIO()
    page = Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setFont(pdf.FONT_BOLD, 16)
    page.drawString(60, 780, title)
    page.setFont(pdf.FONT, 11)
    page.drawString(60, 756, partnership)
    for n, line in enumerate(lines):
        page.drawString(60, 720 - 16 * n, line)
    page.drawString(60, 80, "Demo document (Clusterbridge demo data).")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _documents(rng, partnership: Partnership, *, uploader_ids: list[int]) -> int:
    chosen = [*DOCUMENTS[:2], DOCUMENTS[2 + rng.randint(0, 1)]]
    if rng.random() < 0.4:
        chosen = DOCUMENTS
    rows = []
    for n, (title, category, visibility, description) in enumerate(chosen):
        title = title.format(
            acronym=partnership.acronym,
            start=partnership.starts_on.year,
            end=partnership.ends_on.year,
        )
        dated = (partnership.published_at + datetime.timedelta(days=3 + 20 * n)).date()
        content = _demo_pdf(
            title,
            partnership.name,
            [description, f"Date: {dated.isoformat()}", f"Coordinator: {partnership.coordinator}"],
        )
        document = PartnershipDocument(
            partnership=partnership,
            title=title,
            description=description,
            category=category,
            visibility=visibility,
            dated_on=dated,
            original_name=f"{slugify(title)[:60]}.pdf",
            content_type="application/pdf",
            size=len(content),
            uploaded_by_id=rng.choice(uploader_ids),
            is_demo=True,
        )
        document.file.save(document.original_name, ContentFile(content), save=False)
        rows.append(document)
    PartnershipDocument.objects.bulk_create(rows)
    return len(rows)


def _admins(organisation_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Membership.Role.ADMIN
    ).values_list("organisation_id", "user_id"):
        found.setdefault(org_id, []).append(user_id)
    return found


@transaction.atomic
def generate(*, seed: int) -> str:
    rng = random.Random(seed)
    documents_rng = random.Random(f"{seed}-documents")  # the other rows stay as they were
    remove()
    clusters = list(
        Organisation.objects.filter(
            is_demo=True, status=ProfileStatus.PUBLISHED, memberships__role=Membership.Role.ADMIN
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(clusters) < 3:
        return "Partnerships: skipped (too few demo organisations with administrators)."
    admins = _admins(clusters)
    sectors = list(ClusterCategory.objects.order_by("code"))
    ecosystems = list(IndustrialEcosystem.objects.order_by("code"))
    people: dict[int, list[int]] = {}
    for org_id, user_id in Membership.objects.filter(organisation_id__in=clusters).values_list(
        "organisation_id", "user_id"
    ):
        people.setdefault(org_id, []).append(user_id)
    counts = {
        "partnerships": 0,
        "members": 0,
        "stories": 0,
        "threads": 0,
        "posts": 0,
        "documents": 0,
    }
    for index, (name, acronym, *targets) in enumerate(THEMES[:PARTNERSHIPS]):
        size = rng.randint(3, min(8, len(clusters)))
        chosen = rng.sample(clusters, size)
        coordinator_id = chosen[0]
        programme, call = PROGRAMMES[index % len(PROGRAMMES)]
        start = datetime.date(2024 + index % 3, 1 + index % 12, 1)
        published_at = TODAY - datetime.timedelta(days=rng.randint(10, 600))
        partnership = Partnership(
            name=name,
            acronym=acronym,
            kind=KINDS[index % len(KINDS)],
            status=PartnershipStatus.PUBLISHED,
            programme=programme,
            call=call,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=365 * rng.randint(2, 4)),
            budget_eur=Decimal(rng.randrange(200_000, 4_000_000, 50_000)),
            coordinator_id=coordinator_id,
            target_countries=targets,
            objectives=(
                f"{name} helps the member clusters' SMEs cooperate and enter markets in "
                "the target countries through joint missions, matchmaking and shared services."
            ),
            website=f"https://{fold(acronym).replace('.', '')}.example.org",
            published_at=published_at,
            is_demo=True,
        )
        coordinator = Organisation.objects.get(pk=coordinator_id)
        partnership.search_document = fold(
            " ".join([name, acronym, programme, call, partnership.objectives, coordinator.name])
        )
        save_with_unique_slug(partnership, acronym, fallback="partnership")
        partnership.sectors.set(rng.sample(sectors, min(2, len(sectors))))
        partnership.ecosystems.set(rng.sample(ecosystems, min(1, len(ecosystems))))
        invited_at = published_at - datetime.timedelta(days=30)
        PartnershipMember.objects.bulk_create(
            PartnershipMember(
                partnership=partnership,
                organisation_id=org_id,
                role=MemberRole.COORDINATOR
                if i == 0
                else (MemberRole.ASSOCIATED if i == size - 1 and size > 3 else MemberRole.PARTNER),
                state=MemberState.ACCEPTED,
                invited_by_id=admins[coordinator_id][0],
                invited_at=invited_at,
                answered_at=invited_at + datetime.timedelta(days=3),
                answered_by_id=admins.get(org_id, [None])[0],
            )
            for i, org_id in enumerate(chosen)
        )
        refresh_countries(partnership)
        counts["partnerships"] += 1
        counts["members"] += size
        # One or two success stories.
        for n in range(rng.randint(1, 2)):
            title, result = STORIES[(index + n) % len(STORIES)]
            country = targets[n % len(targets)]
            story = SuccessStory.objects.create(
                partnership=partnership,
                title=title.format(country=country),
                story=(
                    "After two missions and a matchmaking day, member companies and their "
                    "counterparts agreed on the next steps together."
                ),
                result_type=result,
                country=country,
                happened_on=(published_at + datetime.timedelta(days=rng.randint(1, 9))).date(),
                smes_involved=rng.randint(2, 25),
                author_id=admins[coordinator_id][0],
                is_demo=True,
            )
            story.organisations.set(chosen[:2])
            counts["stories"] += 1
        # Forum threads among the members' people.
        voices = [u for org_id in chosen for u in people.get(org_id, [])]
        for t in range(rng.randint(1, 3)):
            title, body = THREADS[(index + t) % len(THREADS)]
            started = published_at + datetime.timedelta(days=5 + t * 7)
            replies = rng.randint(1, 4)
            author = rng.choice(voices)
            thread = ForumThread.objects.create(
                partnership=partnership,
                title=title,
                author_id=author,
                created_at=started,
                last_post_at=started + datetime.timedelta(hours=replies),
                post_count=replies + 1,
                is_demo=True,
            )
            posts = [ForumPost(thread=thread, author_id=author, body=body, created_at=started)]
            posts += [
                ForumPost(
                    thread=thread,
                    author_id=rng.choice(voices),
                    body=rng.choice(REPLIES),
                    created_at=started + datetime.timedelta(hours=h + 1),
                )
                for h in range(replies)
            ]
            for post in posts:
                post.is_demo = True
            ForumPost.objects.bulk_create(posts)
            ThreadSubscription.objects.bulk_create(
                [ThreadSubscription(thread=thread, user_id=u) for u in {p.author_id for p in posts}]
            )
            counts["threads"] += 1
            counts["posts"] += len(posts)
        partnership.coordinator = coordinator
        counts["documents"] += _documents(
            documents_rng, partnership, uploader_ids=admins[coordinator_id]
        )
    transaction.on_commit(bump_partnerships_version)
    return (
        f"Partnerships: {counts['partnerships']} partnerships with {counts['members']} members, "
        f"{counts['stories']} success stories, {counts['threads']} forum threads "
        f"({counts['posts']} posts), {counts['documents']} documents."
    )


def remove() -> None:
    Partnership.objects.filter(is_demo=True).delete()
    transaction.on_commit(bump_partnerships_version)

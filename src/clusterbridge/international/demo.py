"""Demo country pages: the 15 third countries of the platform's international pillar, each
with its priority status, sectors of cooperation, one or two administrative arrangements
(without documents) and two gateways to support services.

Deterministic (the same rows for every seed: the list is fixed, the seed only picks the order
of sectors), marked ``is_demo`` and shown with a "demo data" badge; rows are inserted directly
(no audit entries). A country that already has a real page is left alone. ``remove`` deletes
the demo pages with their arrangements and gateways.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from clusterbridge.international.models import (
    Arrangement,
    CountryPage,
    Gateway,
    PageStatus,
    Priority,
)
from clusterbridge.international.queries.search import bump_countries_version
from clusterbridge.taxonomy.models import ClusterCategory

P, Q = Priority.PRIORITY, Priority.PARTNER
# code, name, priority, capital, lat, lon, counterpart, signed (year, month), sectors
COUNTRIES = [
    ("US", "United States", P, "Washington, D.C.", 38.9072, -77.0369,
     "U.S. Department of Commerce, International Trade Administration", (2019, 6),
     ["aerospace-vehicles-and-defence", "biopharmaceuticals", "emerging-digital-industries"]),
    ("KR", "South Korea", P, "Seoul", 37.5665, 126.978,
     "Korea Institute for Advancement of Technology", (2018, 11),
     ["automotive", "communications-equipment-and-services", "emerging-mobility-technologies"]),
    ("TW", "Taiwan", P, "Taipei", 25.033, 121.5654,
     "Industrial Development Administration", (2021, 3),
     ["information-technology-and-analytical-instruments", "lighting-and-electrical-equipment"]),
    ("JP", "Japan", P, "Tokyo", 35.6762, 139.6503,
     "Ministry of Economy, Trade and Industry (METI)", (2017, 9),
     ["production-technology-and-heavy-machinery", "automotive", "medical-devices"]),
    ("CA", "Canada", P, "Ottawa", 45.4215, -75.6972,
     "Innovation, Science and Economic Development Canada", (2020, 5),
     ["emerging-environmental-industries", "forestry", "aerospace-vehicles-and-defence"]),
    ("IN", "India", P, "New Delhi", 28.6139, 77.209,
     "Ministry of Micro, Small and Medium Enterprises", (2022, 2),
     ["business-services", "apparel", "emerging-digital-industries"]),
    ("BR", "Brazil", Q, "Brasília", -15.7975, -47.8919,
     "Brazilian Agency for Industrial Development (ABDI)", (2016, 10),
     ["agricultural-inputs-and-services", "food-processing-and-manufacturing"]),
    ("MX", "Mexico", Q, "Mexico City", 19.4326, -99.1332,
     "Secretariat of Economy", (2019, 2),
     ["automotive", "aerospace-vehicles-and-defence"]),
    ("SG", "Singapore", Q, "Singapore", 1.3521, 103.8198,
     "Enterprise Singapore", (2023, 4),
     ["transportation-and-logistics", "emerging-logistical-services", "financial-services"]),
    ("CN", "China", Q, "Beijing", 39.9042, 116.4074,
     "Ministry of Industry and Information Technology", (2015, 7),
     ["production-technology-and-heavy-machinery", "emerging-environmental-industries"]),
    ("AU", "Australia", Q, "Canberra", -35.2809, 149.13,
     "Department of Industry, Science and Resources", (2022, 9),
     ["metal-mining", "emerging-blue-growth-industries"]),
    ("ZA", "South Africa", Q, "Pretoria", -25.7479, 28.2293,
     "Department of Trade, Industry and Competition", (2018, 3),
     ["automotive", "environmental-services"]),
    ("MA", "Morocco", Q, "Rabat", 34.0209, -6.8416,
     "Ministry of Industry and Trade", (2021, 11),
     ["textile-manufacturing", "electric-power-generation-and-transmission"]),
    ("UA", "Ukraine", P, "Kyiv", 50.4501, 30.5234,
     "Ministry of Economy of Ukraine", (2023, 6),
     ["information-technology-and-analytical-instruments", "construction-products-and-services"]),
    ("CL", "Chile", Q, "Santiago", -33.4489, -70.6693,
     "Production Development Corporation (CORFO)", (2020, 12),
     ["upstream-metal-manufacturing", "food-processing-and-manufacturing"]),
]  # fmt: skip

GATEWAYS = [
    ("Enterprise Europe Network", "https://een.ec.europa.eu/",
     "Advice on going international, partner search and business support for SMEs."),
    ("Access2Markets", "https://trade.ec.europa.eu/access-to-markets/en/home",
     "Tariffs, rules of origin, procedures and trade barriers for exports and imports."),
]  # fmt: skip
SPECIFIC_GATEWAYS = {
    "JP": ("EU-Japan Centre for Industrial Cooperation", "https://www.eu-japan.eu/",
           "Business missions, training and information on the Japanese market."),
    "CN": ("EU SME Centre", "https://www.eusmecentre.org.cn/",
           "Practical help for European SMEs doing business in China."),
    "KR": ("EU Gateway | Business Avenues", "https://www.eu-gateway.eu/",
           "Business missions of European companies to Korea and South-East Asia."),
}  # fmt: skip


@transaction.atomic
def generate(*, seed: int) -> str:
    rng = random.Random(seed)
    existing = set(CountryPage.objects.values_list("country", flat=True))
    sectors = {c.code: c for c in ClusterCategory.objects.all()}
    now = timezone.now()
    pages = arrangements = gateways = 0
    for code, name, priority, capital, lat, lon, counterpart, (year, month), codes in COUNTRIES:
        if code in existing:
            continue
        page = CountryPage.objects.create(
            country=code,
            slug=code.lower(),
            name=name,
            priority=priority,
            status=PageStatus.PUBLISHED,
            published_at=now,
            summary=(
                f"Demo page. Cluster cooperation between the EU and {name}: "
                "business missions, matchmaking events and joint projects of cluster "
                "organisations, under the administrative arrangements listed below."
            ),
            capital=capital,
            latitude=lat,
            longitude=lon,
            is_demo=True,
        )
        chosen = [sectors[c] for c in codes if c in sectors]
        rng.shuffle(chosen)
        page.sectors.set(chosen)
        Arrangement.objects.create(
            page=page,
            title=f"Administrative arrangement on cluster cooperation with {name}",
            counterpart=counterpart,
            signed_on=datetime.date(year, month, 15),
            scope="Exchange of information on cluster policies, matchmaking of cluster "
            "organisations, joint business missions.",
            is_demo=True,
        )
        arrangements += 1
        if priority == Priority.PRIORITY:
            Arrangement.objects.create(
                page=page,
                title=f"Joint declaration on industrial ecosystems with {name}",
                counterpart=counterpart,
                signed_on=datetime.date(min(year + 3, 2025), month, 1),
                scope="Cooperation in the green and digital transition of industrial ecosystems.",
                is_demo=True,
            )
            arrangements += 1
        for gateway_name, url, description in [
            *GATEWAYS,
            *filter(None, [SPECIFIC_GATEWAYS.get(code)]),
        ]:
            Gateway.objects.create(
                page=page,
                name=gateway_name,
                url=url,
                description=description,
                contact_email=f"international-{code.lower()}@example.org",
                is_demo=True,
            )
            gateways += 1
        pages += 1
    transaction.on_commit(bump_countries_version)
    return f"Generated {pages} country pages, {arrangements} arrangements and {gateways} gateways."


def remove() -> None:
    CountryPage.objects.filter(is_demo=True).delete()
    transaction.on_commit(bump_countries_version)

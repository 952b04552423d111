"""Deterministic demo data: organisations, people and accounts that feel real.

Everything generated is marked ``is_demo``. The same generator, with another size, feeds the
benchmarks. Rows are written with bulk inserts (a 10,000-organisation data set takes seconds);
derived fields are computed by the same function the profile service uses.
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from clusterbridge.demo.themes import THEMES
from clusterbridge.organisations.models import (
    ContactPerson,
    CooperationInterest,
    Membership,
    Organisation,
    OrganisationKind,
    ProfileChange,
    ProfileStatus,
)
from clusterbridge.organisations.models.organisation import MEMBER_COUNT_FIELDS
from clusterbridge.organisations.queries.directory import bump_directory_version
from clusterbridge.organisations.services.profiles import refresh_derived_fields
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)

DATA = Path(__file__).resolve().parent / "data"
DEMO_DOMAIN = "demo.clusterbridge.test"
DEMO_PASSWORD = "demo-password"
STAFF_EMAIL = f"staff@{DEMO_DOMAIN}"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
# A fixed anchor keeps dates identical between runs (the data is deterministic).
ANCHOR = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.get_fixed_timezone(0))

# Relative weight of organisations per country (roughly the size of the cluster landscape).
COUNTRY_WEIGHT = {
    "DE": 14,
    "FR": 12,
    "IT": 11,
    "ES": 11,
    "PL": 7,
    "NL": 5,
    "BE": 4,
    "AT": 4,
    "SE": 4,
    "PT": 4,
    "CZ": 4,
    "RO": 4,
    "DK": 3,
    "FI": 3,
    "HU": 3,
    "GR": 3,
    "IE": 2,
    "SK": 2,
    "BG": 2,
    "HR": 2,
    "SI": 2,
    "LT": 2,
    "LV": 1.5,
    "EE": 1.5,
    "NO": 2.5,
    "CH": 2.5,
    "IS": 0.5,
    "LU": 0.8,
    "MT": 0.5,
    "CY": 0.6,
    "LI": 0.2,
    "TR": 2,
    "RS": 1,
    "AL": 0.4,
    "ME": 0.3,
    "MK": 0.4,
    "GB": 2,
    "UA": 1.5,
    "MD": 0.4,
    "GE": 0.3,
}
OTHER_WEIGHT = 0.35
KIND_WEIGHTS = [
    (OrganisationKind.SME, 42),
    (OrganisationKind.LARGE_COMPANY, 8),
    (OrganisationKind.RTO, 9),
    (OrganisationKind.UNIVERSITY, 7),
    (OrganisationKind.PUBLIC_AUTHORITY, 4),
    (OrganisationKind.NATIONAL_ASSOCIATION, 1),
    (OrganisationKind.CLUSTER_NETWORK, 1),
    (OrganisationKind.CLUSTER_PROJECT, 2),
]
COMPANY_SUFFIX = {
    "DE": "GmbH",
    "AT": "GmbH",
    "CH": "AG",
    "FR": "SAS",
    "IT": "S.r.l.",
    "ES": "S.L.",
    "PT": "Lda.",
    "PL": "sp. z o.o.",
    "NL": "B.V.",
    "BE": "NV",
    "SE": "AB",
    "DK": "ApS",
    "FI": "Oy",
    "NO": "AS",
    "CZ": "s.r.o.",
    "SK": "s.r.o.",
    "HU": "Kft.",
    "RO": "S.R.L.",
    "GR": "S.A.",
    "IE": "Ltd",
    "GB": "Ltd",
    "US": "Inc.",
    "BG": "OOD",
    "HR": "d.o.o.",
    "SI": "d.o.o.",
    "RS": "d.o.o.",
    "TR": "A.Ş.",
}
PROGRAMMES = {
    "DE": "go-cluster",
    "FR": "French Tech / Pôles de compétitivité",
    "ES": "AEI programme",
    "PL": "Key National Clusters",
    "IT": "Cluster Tecnologici Nazionali",
    "NO": "Norwegian Innovation Clusters",
    "AT": "Cluster Platform Austria",
    "DK": "Danish cluster programme",
    "SE": "Vinnväxt",
    "PT": "Clusters de Competitividade",
}


@dataclass
class City:
    country: str
    name: str
    latitude: float
    longitude: float
    nuts2: str
    rank: int


@dataclass
class DemoResult:
    organisations: int = 0
    users: int = 0
    logins: dict[str, str] = field(default_factory=dict)


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class DemoGenerator:
    def __init__(self, *, seed: int = 2026) -> None:
        self.random = random.Random(seed)
        self.cities: dict[str, list[City]] = defaultdict(list)
        for row in _read("cities.csv"):
            self.cities[row["country"]].append(
                City(
                    row["country"],
                    row["city"],
                    float(row["latitude"]),
                    float(row["longitude"]),
                    row["nuts2"],
                    int(row["population_rank"]),
                )
            )
        self.given: dict[str, list[str]] = defaultdict(list)
        for row in _read("given_names.csv"):
            self.given[row["country"]].append(row["name"])
        self.family: dict[str, list[str]] = defaultdict(list)
        for row in _read("family_names.csv"):
            self.family[row["country"]].append(row["name"])
        self.words: dict[str, list[str]] = defaultdict(list)
        for row in _read("organisation_words.csv"):
            self.words[row["sector_slug"]].append(row["word"])
        countries = sorted(self.cities)
        self.countries = countries
        self.country_weights = [COUNTRY_WEIGHT.get(c, OTHER_WEIGHT) for c in countries]
        self.used_names: set[str] = set()
        self.used_emails: set[str] = set()

    # -- pieces -----------------------------------------------------------------------------

    def person(self, country: str) -> tuple[str, str]:
        given = self.random.choice(self.given.get(country) or self.given["GB"])
        family = self.random.choice(self.family.get(country) or self.family["GB"])
        base = f"{_ascii(given)}.{_ascii(family)}".replace(" ", "")
        email, n = f"{base}@{DEMO_DOMAIN}", 2
        while email in self.used_emails:
            email, n = f"{base}{n}@{DEMO_DOMAIN}", n + 1
        self.used_emails.add(email)
        return f"{given} {family}", email

    def city(self, country: str) -> City:
        cities = self.cities[country]
        # Bigger cities host more organisations (Zipf-like weights by population rank).
        return self.random.choices(cities, weights=[1 / c.rank**0.8 for c in cities])[0]

    def unique(self, name: str) -> str:
        candidate, n = name, 2
        while candidate.lower() in self.used_names:
            candidate, n = f"{name} {n}", n + 1
        self.used_names.add(candidate.lower())
        return candidate

    def name_for(self, kind: str, theme: str, city: City, family_name: str) -> tuple[str, str]:
        word = self.random.choice(self.words[theme])
        r = self.random.random()
        if kind == OrganisationKind.CLUSTER:
            name = (
                f"{city.name} {word} Cluster"
                if r < 0.45
                else f"{word} Valley {city.name}"
                if r < 0.6
                else f"{word} Innovation Cluster {city.name}"
                if r < 0.8
                else f"{city.name} {word} Network"
            )
            acronym = "".join(
                w[0] for w in name.replace("-", " ").split() if w[0].isalpha()
            ).upper()[:6]
            return self.unique(name), acronym
        if kind in (OrganisationKind.SME, OrganisationKind.LARGE_COMPANY):
            suffix = COMPANY_SUFFIX.get(city.country, "Ltd")
            name = (
                f"{family_name} {word} {suffix}"
                if r < 0.6
                else f"{word}{self.random.choice(['tec', 'lab', 'works', 'sys', 'ion'])} {suffix}"
            )
            return self.unique(name), ""
        if kind == OrganisationKind.RTO:
            return self.unique(f"{word} Research Centre {city.name}"), ""
        if kind == OrganisationKind.UNIVERSITY:
            return self.unique(
                f"University of {city.name}" if r < 0.5 else f"{city.name} University of Technology"
            ), ""
        if kind == OrganisationKind.PUBLIC_AUTHORITY:
            return self.unique(f"{city.name} Regional Development Agency"), "RDA"
        if kind == OrganisationKind.NATIONAL_ASSOCIATION:
            return self.unique(
                f"National Cluster Association {city.country}"
            ), f"NCA-{city.country}"
        if kind == OrganisationKind.CLUSTER_NETWORK:
            return self.unique(f"European {word} Cluster Alliance"), ""
        return self.unique(f"{word} Clusters Go International – {city.name}"), ""

    def members(self, kind: str) -> dict[str, int]:
        if kind == OrganisationKind.CLUSTER:
            total = max(5, int(self.random.lognormvariate(4.0, 0.8)))
            shares = [0.62, 0.1, 0.1, 0.06, 0.05, 0.07]
            noise = [max(0.0, s + self.random.uniform(-0.05, 0.05)) for s in shares]
            counts = [int(total * s / sum(noise)) for s in noise]
        elif kind in (OrganisationKind.NATIONAL_ASSOCIATION, OrganisationKind.CLUSTER_NETWORK):
            counts = [0, 0, 0, 0, self.random.randint(0, 5), self.random.randint(8, 80)]
        elif kind == OrganisationKind.CLUSTER_PROJECT:
            counts = [0, 0, 0, 0, 0, self.random.randint(3, 15)]
        else:
            counts = [0] * 6
        return dict(
            zip(
                MEMBER_COUNT_FIELDS,
                counts,
                strict=True,
            )
        )

    # -- the whole data set -------------------------------------------------------------------

    @transaction.atomic
    def generate(
        self, *, organisations: int = 1000, cluster_share: float = 0.3, with_accounts: bool = True
    ) -> DemoResult:
        result = DemoResult()
        sectors = dict(ClusterCategory.objects.values_list("code", "id"))
        ecosystems = dict(IndustrialEcosystem.objects.values_list("code", "id"))
        technologies = dict(Technology.objects.values_list("code", "id"))
        regions = dict(NutsRegion.objects.filter(level=2).values_list("code", "id"))
        themes = sorted(THEMES)
        kinds, kind_weights = zip(*KIND_WEIGHTS, strict=True)
        interests = list(CooperationInterest.values)

        rows: list[Organisation] = []
        relations: list[tuple[int, list[int], list[int], list[int]]] = []
        people: list[tuple[int, str, str, str]] = []  # (row index, name, email, role)
        for index in range(organisations):
            country = self.random.choices(self.countries, weights=self.country_weights)[0]
            city = self.city(country)
            kind = (
                OrganisationKind.CLUSTER
                if self.random.random() < cluster_share
                else self.random.choices(kinds, weights=kind_weights)[0]
            )
            theme = self.random.choice(themes)
            second = self.random.choice(themes) if self.random.random() < 0.35 else None
            person_name, person_email = self.person(country)
            name, acronym = self.name_for(kind, theme, city, person_name.split(" ")[-1])
            categories, ecos, kets, keywords = THEMES[theme]
            if second:
                categories = categories + THEMES[second][0][:1]
                ecos = ecos + THEMES[second][1][:1]
                keywords = keywords + THEMES[second][3][:2]
            categories = list(dict.fromkeys(categories))
            chosen_sectors = self.random.sample(
                categories, k=min(len(categories), self.random.randint(1, 3))
            )
            chosen_kets = (
                self.random.sample(kets, k=min(len(kets), self.random.randint(0, 2)))
                if kets
                else []
            )
            chosen_keywords = self.random.sample(
                keywords, k=min(len(keywords), self.random.randint(2, 4))
            )
            published_at = ANCHOR - timedelta(days=self.random.randint(0, 3 * 365), minutes=index)
            status = self.random.choices(
                [ProfileStatus.PUBLISHED, ProfileStatus.SUBMITTED, ProfileStatus.DRAFT],
                weights=[95, 3, 2],
            )[0]
            words = (
                ", ".join(chosen_keywords[:-1]) + f" and {chosen_keywords[-1]}"
                if len(chosen_keywords) > 1
                else chosen_keywords[0]
            )
            kind_label = OrganisationKind(kind).label.lower()
            org = Organisation(
                name=name,
                slug=slugify(name)[:200] or f"organisation-{index}",
                acronym=acronym,
                kind=kind,
                status=status,
                country=country,
                nuts_region_id=regions.get(city.nuts2),
                city=city.name,
                latitude=round(city.latitude + self.random.uniform(-0.04, 0.04), 5),
                longitude=round(city.longitude + self.random.uniform(-0.06, 0.06), 5),
                address=f"{self.random.randint(1, 180)} {self.random.choice(['Innovation Street', 'Science Park', 'Harbour Road', 'Technology Avenue', 'Market Square'])}, {city.name}",
                website=f"https://www.{slugify(_ascii(name))[:40]}.example",
                short_description=f"{name} is a {kind_label} in {city.name} working on {words}.",
                description=(
                    f"{name} brings together companies, researchers and public partners around {words}. "
                    f"Based in {city.name}, it helps its members innovate, find partners abroad and take part in joint projects. "
                    f"Main fields: {', '.join(THEMES[theme][3])}."
                ),
                description_language="en",  # the demo's texts are English
                year_founded=self.random.randint(
                    1950 if kind != OrganisationKind.CLUSTER else 1995, 2024
                ),
                management_fte=Decimal(str(round(self.random.uniform(0.3, 12), 1)))
                if kind == OrganisationKind.CLUSTER
                else None,
                technology_keywords=chosen_keywords,
                specialisation_keywords=[self.random.choice(self.words[theme])],
                value_chain_keywords=self.random.sample(
                    THEMES[theme][3], k=min(2, len(THEMES[theme][3]))
                ),
                cooperation_countries=self.random.sample(
                    self.countries, k=self.random.randint(0, 5)
                ),
                cooperation_interests=self.random.sample(interests, k=self.random.randint(1, 4)),
                support_programme=PROGRAMMES.get(country, "")
                if kind == OrganisationKind.CLUSTER and self.random.random() < 0.3
                else "",
                linkedin_url=f"https://www.linkedin.com/company/{slugify(name)[:40]}"
                if self.random.random() < 0.6
                else "",
                website_active=self.random.random() < 0.93,
                website_checked_at=ANCHOR - timedelta(days=self.random.randint(0, 60)),
                published_at=published_at if status == ProfileStatus.PUBLISHED else None,
                submitted_at=published_at - timedelta(days=2),
                is_demo=True,
                **self.members(kind),
            )
            refresh_derived_fields(org)
            rows.append(org)
            relations.append(
                (
                    index,
                    [sectors[c] for c in chosen_sectors],
                    [ecosystems[e] for e in dict.fromkeys(ecos)][:2],
                    [technologies[k] for k in chosen_kets],
                )
            )
            if with_accounts and (kind == OrganisationKind.CLUSTER or self.random.random() < 0.25):
                people.append((index, person_name, person_email, Membership.Role.ADMIN))
                if self.random.random() < 0.4:
                    colleague, colleague_email = self.person(country)
                    people.append((index, colleague, colleague_email, Membership.Role.MEMBER))

        self._ensure_unique_slugs(rows)
        created = Organisation.objects.bulk_create(rows, batch_size=500)
        for org in created:  # SQLite and PostgreSQL both return primary keys from bulk_create
            assert org.pk is not None
        through = Organisation.sectors.through
        through.objects.bulk_create(
            [
                through(organisation_id=created[i].pk, clustercategory_id=s)
                for i, ss, _, _ in relations
                for s in ss
            ],
            batch_size=2000,
        )
        through = Organisation.ecosystems.through
        through.objects.bulk_create(
            [
                through(organisation_id=created[i].pk, industrialecosystem_id=e)
                for i, _, es, _ in relations
                for e in es
            ],
            batch_size=2000,
        )
        through = Organisation.technologies.through
        through.objects.bulk_create(
            [
                through(organisation_id=created[i].pk, technology_id=t)
                for i, _, _, ts in relations
                for t in ts
            ],
            batch_size=2000,
        )
        ContactPerson.objects.bulk_create(
            [
                ContactPerson(
                    organisation=created[i],
                    name=name,
                    role="Cluster manager" if role == "admin" else "Project manager",
                    email=email,
                    position=p,
                )
                for p, (i, name, email, role) in enumerate(people)
                if created[i].kind == OrganisationKind.CLUSTER
            ],
            batch_size=1000,
        )
        ProfileChange.objects.bulk_create(
            [
                ProfileChange(
                    organisation=org, action=ProfileChange.Action.CREATED, reason="Demo data"
                )
                for org in created
            ],
            batch_size=1000,
        )
        result.organisations = len(created)
        transaction.on_commit(bump_directory_version)
        if with_accounts:
            result.users = self._accounts(created, people)
            result.logins = {
                "Platform staff": STAFF_EMAIL,
                "Organisation administrator": ADMIN_EMAIL,
                "Password (all demo accounts)": DEMO_PASSWORD,
            }
        return result

    def _ensure_unique_slugs(self, rows: list[Organisation]) -> None:
        taken = set(Organisation.objects.values_list("slug", flat=True))
        for org in rows:
            slug, n = org.slug, 2
            while slug in taken:
                slug, n = f"{org.slug}-{n}", n + 1
            org.slug = slug
            taken.add(slug)

    def _accounts(
        self, organisations: list[Organisation], people: list[tuple[int, str, str, str]]
    ) -> int:
        User = get_user_model()
        # One hash for every demo account: hashing thousands of passwords would take minutes.
        password = make_password(DEMO_PASSWORD)
        users = [
            User(
                email=STAFF_EMAIL,
                name="Stella Staff",
                is_staff=True,
                is_superuser=True,
                password=password,
                is_demo=True,
            ),
        ]
        # The demo administrator manages a published cluster (any organisation in tiny data sets).
        first_cluster = next(
            (
                i
                for i, org in enumerate(organisations)
                if org.kind == OrganisationKind.CLUSTER and org.status == ProfileStatus.PUBLISHED
            ),
            0,
        )
        users.append(
            User(
                email=ADMIN_EMAIL,
                name="Adrian Admin",
                password=password,
                is_demo=True,
                job_title="Cluster manager",
            )
        )
        for _, name, email, role in people:
            users.append(
                User(
                    email=email,
                    name=name,
                    password=password,
                    is_demo=True,
                    job_title="Cluster manager" if role == "admin" else "",
                )
            )
        created = get_user_model().objects.bulk_create(users, batch_size=1000)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created],
            batch_size=1000,
        )
        memberships = [
            Membership(
                user=created[1],
                organisation=organisations[first_cluster],
                role=Membership.Role.ADMIN,
            )
        ]
        memberships += [
            Membership(user=user, organisation=organisations[index], role=role)
            for user, (index, _, _, role) in zip(created[2:], people, strict=True)
        ]
        Membership.objects.bulk_create(memberships, batch_size=1000)
        return len(created)


def generate_demo(
    *, organisations: int = 1000, seed: int = 2026, with_accounts: bool = True
) -> DemoResult:
    return DemoGenerator(seed=seed).generate(
        organisations=organisations, with_accounts=with_accounts
    )


def _app_demo_modules():
    """Each installed Clusterbridge app's ``demo`` module, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if app_config.name.startswith("clusterbridge.") and importlib.util.find_spec(module_name):
            yield importlib.import_module(module_name)


def generate_app_demos(*, seed: int = 2026) -> list[str]:
    """Run each app's ``<app>.demo.generate(seed=...)`` (events, marketplace, …) in app order.

    They build on the organisations and accounts generated above; each returns a summary line.
    """
    return [module.generate(seed=seed) for module in _app_demo_modules()]


def remove_demo() -> None:
    with transaction.atomic():
        Organisation.objects.filter(is_demo=True).delete()
        get_user_model().objects.filter(is_demo=True).delete()
        for module in _app_demo_modules():
            if hasattr(module, "remove"):
                module.remove()
        transaction.on_commit(bump_directory_version)


__all__ = ["ADMIN_EMAIL", "DEMO_PASSWORD", "STAFF_EMAIL", "generate_demo", "remove_demo"]

"""Country pages built through the services, as staff would build them."""

from __future__ import annotations

import datetime

from clusterbridge.international.services import pages as services
from tests.factories import StaffFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft(*, country="US", name=None, priority="priority", staff=None, **fields):
    staff = staff or StaffFactory()
    fields.setdefault("latitude", 38.9)
    fields.setdefault("longitude", -77.0)
    return services.create_page(
        actor=staff, country=country, name=name or f"Country {country}", priority=priority,
        **fields,
    )  # fmt: skip


def published(**kwargs):
    page = draft(**kwargs)
    return services.publish_page(page=page, actor=StaffFactory())


def arrangement(page, **fields):
    fields.setdefault("title", "Arrangement on cluster cooperation")
    fields.setdefault("counterpart", "Ministry of Industry")
    fields.setdefault("signed_on", datetime.date(2024, 5, 2))
    return services.add_arrangement(page=page, actor=StaffFactory(), **fields)


def gateway(page, **fields):
    fields.setdefault("name", "Enterprise Europe Network")
    fields.setdefault("url", "https://een.ec.europa.eu/")
    return services.add_gateway(page=page, actor=StaffFactory(), **fields)

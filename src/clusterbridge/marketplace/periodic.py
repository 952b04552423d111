from datetime import timedelta

from clusterbridge.common.periodic import PeriodicJob, register
from clusterbridge.marketplace.services.digest import send_digests
from clusterbridge.marketplace.services.opportunities import expire_opportunities


def _expire() -> str:
    expired, reminded = expire_opportunities()
    return f"Expired {expired} opportunities; sent {reminded} renewal reminders."


def _digest() -> str:
    return f"Sent {send_digests()} marketplace digests."


register(
    PeriodicJob(
        name="marketplace.expire_opportunities",
        every=timedelta(days=1),
        run=_expire,
        description="Expires opportunities after 12 months and reminds posters a month before.",
    ),
    PeriodicJob(
        name="marketplace.digest",
        every=timedelta(days=1),
        run=_digest,
        description="The weekly digest of new matching opportunities (each subscriber weekly).",
    ),
)

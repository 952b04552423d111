import pytest

from clusterbridge.analytics import counting


@pytest.fixture
def counted(settings):
    """Counting on, with an empty buffer and no automatic flush (tests flush by hand)."""
    settings.AUDIENCE_COUNTING = True
    settings.AUDIENCE_FLUSH_EVENTS = 10**9
    settings.AUDIENCE_FLUSH_SECONDS = 10**9
    settings.GEOIP_COUNTRY_DATABASE = ""
    counting.BUFFER.drain()
    yield counting.BUFFER
    counting.BUFFER.drain()

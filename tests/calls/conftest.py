import pytest

from tests.calls.evaluation_setup import make_setting, make_staff


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def setting(staff):
    return make_setting(staff)

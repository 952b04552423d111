import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Audience counting writes in batches after responses: off, so that it never adds queries
    # to another test's count; tests/analytics switch it on.
    settings.AUDIENCE_COUNTING = False


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code called outside a request speaks the site's default language: a page fetched in
    French by an earlier test must not leave French active in the thread for the next one."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")

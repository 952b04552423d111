"""Slugs for public URLs, one way for every model: readable in any script, unique without races.

Accents are dropped where the letter has a plain form ("Zürich" → "zurich", as people type
it), and every other letter is kept (``slugify(..., allow_unicode=True)``), so Greek, Cyrillic
or Polish names stay readable ("ελληνικο-cluster", "български-клъстер", "łodz") instead of
becoming an opaque fallback; the ``uslug`` URL converter (registered by the common app)
accepts them.
"""

from __future__ import annotations

import unicodedata

from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

MAX_TRIES = 50


class UnicodeSlugConverter:
    """Like Django's ``slug`` converter, for slugs made with ``allow_unicode=True``."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def base_slug(text: str, *, fallback: str, max_length: int = 200) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return slugify(plain, allow_unicode=True)[:max_length].strip("-") or fallback


def save_with_unique_slug(
    instance: models.Model, text: str, *, fallback: str, field: str = "slug"
) -> None:
    """Save a new ``instance`` under the first free slug made from ``text``.

    The database's unique constraint decides, not a prior look-up: of two simultaneous
    creations with the same name, the second one's insert fails inside its own savepoint and
    it takes the next suffix ("name-2"), so neither gets a server error.
    """
    max_length = instance._meta.get_field(field).max_length or 200
    base = base_slug(text, fallback=fallback, max_length=max_length - 4)
    model = type(instance)
    taken = set(
        model._default_manager.filter(**{f"{field}__startswith": base}).values_list(
            field, flat=True
        )
    )
    candidates = [base, *(f"{base}-{n}" for n in range(2, MAX_TRIES + len(taken) + 2))]
    for candidate in (c for c in candidates if c not in taken):
        setattr(instance, field, candidate)
        try:
            with transaction.atomic():
                instance.save()
            return
        except IntegrityError:
            if not model._default_manager.filter(**{field: candidate}).exists():
                raise  # another constraint failed, not the slug's
            instance.pk = None  # the failed insert must not look like an update next time
    raise IntegrityError(f"No free slug for {text!r} after {MAX_TRIES} tries.")

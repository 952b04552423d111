"""Numbers in the active language, for pages that format hundreds of figures.

``django.utils.formats.number_format`` looks the language's separators up on every call; a page
with a few thousand figures spends more time there than in its queries. ``NumberFormatter``
looks them up once (build one per request or per table, in the language the page is rendered
in) and gives the same text as ``number_format`` for the same arguments.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language

# Floats this large (or written with an exponent by str()) go through Decimal in number_format;
# NumberFormatter hands them to numberformat.format.
_PLAIN_FLOAT_LIMIT = 1e15


class NumberFormatter:
    """``number_format(value, decimal_pos, force_grouping=...)`` with the separators of one
    language, looked up when the formatter is built."""

    __slots__ = ("_fast", "decimal_sep", "grouping", "thousand_sep", "use_grouping")

    def __init__(self, language: str | None = None):
        lang = language or get_language()
        self.decimal_sep = get_format("DECIMAL_SEPARATOR", lang, use_l10n=True)
        self.thousand_sep = get_format("THOUSAND_SEPARATOR", lang, use_l10n=True)
        self.grouping = get_format("NUMBER_GROUPING", lang, use_l10n=True)
        self.use_grouping = bool(settings.USE_THOUSAND_SEPARATOR)
        # Python's "," option groups by threes: the fast path only for that grouping.
        self._fast = self.grouping == 3

    def format(self, value, decimal_pos: int | None = None, *, force_grouping: bool = False):
        """The text of ``value`` (an int or a float; anything else goes through Django)."""
        grouping = (self.use_grouping or force_grouping) and self.grouping != 0
        kind = type(value)
        if kind is int:
            if not grouping and not decimal_pos:
                return str(value)
            if self._fast or not grouping:
                text = f"{value:,}" if grouping else str(value)
                if grouping and self.thousand_sep != ",":
                    text = text.replace(",", self.thousand_sep)
                if decimal_pos:
                    text += self.decimal_sep + "0" * decimal_pos
                return text
        elif (
            kind is float
            and (self._fast or not grouping)
            and math.isfinite(value)
            and abs(value) < _PLAIN_FLOAT_LIMIT
            and "e" not in (text := repr(value))
        ):
            return self._float(text, decimal_pos, grouping)
        return numberformat.format(
            value,
            self.decimal_sep,
            decimal_pos,
            self.grouping,
            self.thousand_sep,
            force_grouping=force_grouping,
            use_l10n=True,
        )

    def _float(self, text: str, decimal_pos: int | None, grouping: bool) -> str:
        # As numberformat.format: str() of the float, decimals cut (not rounded) to decimal_pos
        # and padded with zeros.
        sign = ""
        if text[0] == "-":
            sign, text = "-", text[1:]
        int_part, _, dec_part = text.partition(".")
        if decimal_pos is not None:
            dec_part = dec_part[:decimal_pos] + "0" * (decimal_pos - len(dec_part))
        if grouping and len(int_part) > 3:
            int_part = f"{int(int_part):,}"
            if self.thousand_sep != ",":
                int_part = int_part.replace(",", self.thousand_sep)
        return sign + int_part + (self.decimal_sep + dec_part if dec_part else "")

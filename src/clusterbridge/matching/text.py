"""Wording shared by the rankings' reasons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MAX_NAMES_IN_REASON = 3


def name_list(codes: Iterable[str], labels: Mapping[str, str]) -> str:
    """'A, B, C and 2 more': readable names of codes, sorted, at most three spelled out."""
    names = sorted(labels.get(code, code) for code in codes)
    shown = ", ".join(names[:MAX_NAMES_IN_REASON])
    extra = len(names) - MAX_NAMES_IN_REASON
    return f"{shown} and {extra} more" if extra > 0 else shown

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


class Reason(str):
    """Why a ranking suggests something: a ``code`` and its ``params`` (codes of sectors,
    technologies, countries…, never their names), which the apps word in the reader's language
    (``organisations.wording``, ``marketplace.wording``). As a ``str`` it is the English
    sentence, for logs, the command line and tests."""

    code: str
    params: dict

    def __new__(cls, code: str, text: str, **params) -> Reason:
        reason = super().__new__(cls, text)
        reason.code = code
        reason.params = params
        return reason

    def __getnewargs__(self) -> tuple[str, str]:  # rankings are cached (pickled)
        return (self.code, str(self))

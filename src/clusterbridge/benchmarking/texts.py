"""Texts benchmarking shows that are made in English outside the translation machinery, in
the reader's language.

- The label rules (``clusterbridge.indicators.labels``, a plain package without Django) explain
  a refusal in English; ``label_reasons`` translates each of their sentences. A sentence the
  table does not know stays as it is (tests/benchmarking/test_texts.py checks that every
  sentence the rules can write is known).
- The reasons the platform writes into label decisions (Bronze on validation, Silver/Gold by
  the rules, expiry) are stored in English, the record's language, with the formats below;
  ``decision_reason`` shows them translated. Reasons people type (a withdrawal) stay as typed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from clusterbridge.benchmarking.models import LabelDecision, LabelLevel
from clusterbridge.benchmarking.models.labels import FORMER_ROLES

# What the services store (English), and the msgids they are shown with.
BRONZE_REASON = gettext_noop("Benchmark validated on %(date)s.")
RULES_REASON = gettext_noop(
    "Rules for %(level)s met by the benchmark validated on %(date)s; overall score %(score)s."
)
EXPIRY_REASON = gettext_noop("Validity ended on %(date)s without renewal.")
# Before the erasure of an account, Bronze reasons could end "… by <name>." (benchmarking.privacy).
BRONZE_SIGNED_REASON = gettext_noop("Benchmark validated on %(date)s by %(decider)s.")

_ENGLISH_LEVELS = {str(level.label).lower(): level for level in LabelLevel}
_ENGLISH_LEVELS.update({level.value: level for level in LabelLevel})


def _date(iso: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")
    except ValueError:
        return iso


def _number(text: str) -> str:
    """ "87.5" as the reader writes it ("87,5")."""
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer():
        return formats.number_format(int(number), use_l10n=True)
    return formats.number_format(number, use_l10n=True)


def _score(text: str) -> str:
    """ "87.5 %" or "—" (no score)."""
    match = re.fullmatch(r"(-?[\d.]+) %", text)
    return f"{_number(match[1])} %" if match else text


def _level(text: str) -> str:
    level = _ENGLISH_LEVELS.get(text.strip().lower())
    return str(level.label) if level else text


def _codes(text: str) -> str:
    return str(_("all")) if text == "all" else text


def _pattern(english: str) -> re.Pattern:
    """A stored English format ("… on %(date)s.") as a pattern with one group per field."""
    parts = re.split(r"%\((\w+)\)s", english)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex.replace("%%", "%") + r"\Z", re.DOTALL)


_DECISIONS: list[tuple[re.Pattern, str, dict[str, Callable[[str], str]]]] = [
    (_pattern(BRONZE_REASON), BRONZE_REASON, {"date": _date}),
    (_pattern(BRONZE_SIGNED_REASON), BRONZE_SIGNED_REASON, {"date": _date}),
    (_pattern(RULES_REASON), RULES_REASON, {"level": _level, "date": _date, "score": _score}),
    (_pattern(EXPIRY_REASON), EXPIRY_REASON, {"date": _date}),
]


def _former(text: str) -> str:
    return str(FORMER_ROLES.get(text, text))


def decision_reason(decision: LabelDecision) -> str:
    """The decision's reason in the reader's language when the platform wrote it."""
    reason = decision.reason or ""
    if decision.kind == LabelDecision.Kind.WITHDRAWN:
        return reason  # typed by the person who withdrew the label
    for pattern, msgid, converters in _DECISIONS:
        match = pattern.match(reason)
        if match:
            values = {
                key: converters.get(key, _former if key == "decider" else str)(value)
                for key, value in match.groupdict().items()
            }
            return _(msgid) % values
    return reason


# The sentences of clusterbridge.indicators.labels, matched as they are written there.
def _silver_interval(match: re.Match) -> str:
    values = {
        "months": match["months"],
        "date": _date(match["date"]),
        "actual": match["actual"],
    }
    actual = int(match["actual"])
    if match["bound"] == "least":
        return (
            ngettext(
                "Silver needs a repeat benchmark at least %(months)s months after the first "
                "(validated %(date)s); this one is %(actual)s month later.",
                "Silver needs a repeat benchmark at least %(months)s months after the first "
                "(validated %(date)s); this one is %(actual)s months later.",
                actual,
            )
            % values
        )
    return (
        ngettext(
            "Silver needs a repeat benchmark at most %(months)s months after the first "
            "(validated %(date)s); this one is %(actual)s month later.",
            "Silver needs a repeat benchmark at most %(months)s months after the first "
            "(validated %(date)s); this one is %(actual)s months later.",
            actual,
        )
        % values
    )


def _improvement_areas(match: re.Match) -> str:
    given = int(match["given"])
    return ngettext(
        "Silver needs %(required)s improvement areas described; %(given)s given.",
        "Silver needs %(required)s improvement areas described; %(given)s given.",
        given,
    ) % {"required": match["required"], "given": given}


def _assessors(match: re.Match) -> str:
    count = int(match["count"])
    return ngettext(
        "Gold needs %(required)s assessors; %(count)s assessed this benchmark.",
        "Gold needs %(required)s assessors; %(count)s assessed this benchmark.",
        count,
    ) % {"required": match["required"], "count": count}


def _gold_score(match: re.Match) -> str:
    shown = match["shown"]
    shown = _("no score") if shown == "no score" else _score(shown)
    return _("Gold needs an overall score of at least %(minimum)s %%; %(score)s.") % {
        "minimum": _number(match["minimum"]),
        "score": shown,
    }


_RULES: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (
        re.compile(r"The benchmark has not been validated by an assessor\."),
        lambda m: _("The benchmark has not been validated by an assessor."),
    ),
    (
        re.compile(r"Silver needs an earlier validated benchmark to repeat\."),
        lambda m: _("Silver needs an earlier validated benchmark to repeat."),
    ),
    (
        re.compile(
            r"Silver needs a repeat benchmark at (?P<bound>least|most) (?P<months>\d+) months "
            r"after the first \(validated (?P<date>[\d-]+)\); this one is (?P<actual>-?\d+) "
            r"months later\."
        ),
        _silver_interval,
    ),
    (
        re.compile(
            r"Silver needs (?P<required>\d+) improvement areas described; (?P<given>\d+) given\."
        ),
        _improvement_areas,
    ),
    (
        re.compile(r"Silver needs an assessor's audit\."),
        lambda m: _("Silver needs an assessor’s audit."),
    ),
    (
        re.compile(r"Minimum requirements rated red: (?P<codes>.+)\."),
        lambda m: _("Minimum requirements rated red: %(codes)s.") % {"codes": m["codes"]},
    ),
    (
        re.compile(
            r"Gold needs (?P<required>\d+) assessors; (?P<count>\d+) assessed this benchmark\."
        ),
        _assessors,
    ),
    (
        re.compile(r"Quality indicators not answered: (?P<codes>.+)\."),
        lambda m: _("Quality indicators not answered: %(codes)s.") % {"codes": _codes(m["codes"])},
    ),
    (
        re.compile(r"Quality indicators without evidence: (?P<codes>.+)\."),
        lambda m: _("Quality indicators without evidence: %(codes)s.") % {"codes": m["codes"]},
    ),
    (
        re.compile(
            r"Gold needs an overall score of at least (?P<minimum>[\d.]+) %; (?P<shown>.+)\."
        ),
        _gold_score,
    ),
]


def label_reason(reason: str) -> str:
    """One sentence of the label rules in the reader's language."""
    for pattern, translate in _RULES:
        match = pattern.fullmatch(reason)
        if match:
            return translate(match)
    return reason


def label_reasons(reasons: Iterable[str]) -> list[str]:
    return [label_reason(r) for r in reasons]


def is_known_rule_sentence(reason: str) -> bool:
    return any(pattern.fullmatch(reason) for pattern, _t in _RULES)

"""NACE Rev. 2 codes and their mapping to cluster categories.

A mapping is a CSV file ``nace,category[,share][,note]``: each row sends the figures of a NACE
code — and of every more detailed code it is a prefix of — to a cluster category, or a
``share`` of them (a coarse code split over several categories). The most detailed matching
prefix wins. Codes are compared without the section letter and the dots that some sources
write ("C10.1", "C101" and "10.1" are all "101"); section codes and aggregates ("A", "B-E",
"M_N", "C10-C12") are matched as written.

Two codes of the same data set that are both mapped must not cover the same activities
("C" and "C10", or "B-E" and "C"): their figures would be counted twice. ``overlaps`` finds them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from clusterbridge.clusterstats.problems import Problem, Reading, csv_rows

TOTAL = "TOTAL"

# NACE Rev. 2 sections and their divisions (two-digit codes).
SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}
_PART = re.compile(r"^([A-Z]?)(\d*)$")


def _normalise_part(part: str) -> str:
    match = _PART.match(part)
    if match and match.group(2):
        return match.group(2)  # "C10" → "10"
    return part


def normalise(code: str) -> str:
    """ "C10.1" → "101", "c10-c12" → "10-12", "b-e" → "B-E", "Total" → "TOTAL"."""
    code = code.strip().upper().replace(".", "")
    parts = re.split(r"([-_])", code)
    return "".join(part if part in "-_" else _normalise_part(part) for part in parts)


def _section_divisions(letter: str) -> set[str]:
    low, high = SECTIONS.get(letter, (0, -1))
    return {f"{n:02d}" for n in range(low, high + 1)}


def divisions(code: str) -> set[str]:
    """The two-digit divisions a (normalised) code touches."""
    if code == TOTAL:
        return {d for letter in SECTIONS for d in _section_divisions(letter)}
    if code.isdigit():
        return {code[:2]} if len(code) >= 2 else set()
    found: set[str] = set()
    for chunk in code.split("_"):
        if "-" in chunk:
            low, _, high = chunk.partition("-")
            if low.isalpha() and high.isalpha() and len(low) == len(high) == 1:
                for n in range(ord(low), ord(high) + 1):
                    found |= _section_divisions(chr(n))
            elif low.isdigit() and high.isdigit():
                found |= {f"{n:02d}" for n in range(int(low[:2]), int(high[:2]) + 1)}
        elif chunk.isalpha() and len(chunk) == 1:
            found |= _section_divisions(chunk)
        elif chunk.isdigit():
            found.add(chunk[:2])
    return found


def overlap(a: str, b: str) -> bool:
    """Do two distinct normalised codes cover common activities?"""
    if a == b:
        return False
    if a.isdigit() and b.isdigit():
        return a.startswith(b) or b.startswith(a)
    return bool(divisions(a) & divisions(b))


@dataclass(frozen=True)
class Rule:
    prefix: str  # normalised
    category: str
    share: float
    note: str
    line: int


@dataclass
class Mapping:
    rules: dict[str, list[Rule]] = field(default_factory=dict)
    name: str = ""

    def add(self, rule: Rule) -> None:
        self.rules.setdefault(rule.prefix, []).append(rule)

    def match(self, code: str) -> list[Rule]:
        """The rules of the most detailed prefix matching ``code`` (normalised), or []."""
        if code in self.rules:
            return self.rules[code]
        if code.isdigit():
            for length in range(len(code) - 1, 1, -1):
                if code[:length] in self.rules:
                    return self.rules[code[:length]]
        return []

    @property
    def approximate(self) -> list[Rule]:
        return [rule for rules in self.rules.values() for rule in rules if rule.note]


def read_mapping(
    lines: Iterable[str], *, categories: Collection[str], name: str = ""
) -> tuple[Mapping, Reading]:
    """A mapping from CSV lines (header ``nace,category[,share][,note]``)."""
    reading = Reading()
    mapping = Mapping(name=name)
    rows = csv_rows(reading, csv.reader(_strip_bom(lines)), 1)
    header = next(rows, (1, None))[1]
    if reading.problems:
        return mapping, reading
    if header is None:
        reading.problem(Problem(1, "empty_file"))
        return mapping, reading
    columns = [column.strip().lower() for column in header]
    for required in ("nace", "category"):
        if required not in columns:
            reading.problem(Problem(1, "missing_column", required))
    if reading.problems:
        return mapping, reading
    at = {column: index for index, column in enumerate(columns)}
    known = set(categories)
    totals: dict[str, tuple[float, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        reading.lines = line
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(columns):
            row = [*row, *[""] * (len(columns) - len(row))]
        code = normalise(row[at["nace"]])
        category = row[at["category"]].strip()
        if not code:
            reading.problem(Problem(line, "missing_value", "nace"))
            continue
        if category not in known:
            reading.problem(Problem(line, "unknown_category", category))
            continue
        share = 1.0
        if "share" in at and row[at["share"]].strip():
            try:
                share = float(row[at["share"]])
            except ValueError:
                reading.problem(Problem(line, "not_a_number", row[at["share"]].strip()))
                continue
            if not 0 < share <= 1:
                reading.problem(Problem(line, "bad_share", row[at["share"]].strip()))
                continue
        if (code, category) in seen:
            reading.problem(Problem(line, "duplicate", code, str(seen[(code, category)])))
            continue
        seen[(code, category)] = line
        so_far, first = totals.get(code, (0.0, line))
        if so_far + share > 1 + 1e-9:
            reading.problem(Problem(line, "shares_above_one", code, str(first)))
            continue
        totals[code] = (so_far + share, first)
        note = row[at["note"]].strip() if "note" in at else ""
        mapping.add(Rule(prefix=code, category=category, share=share, note=note, line=line))
    if not mapping.rules and not reading.problems:
        reading.problem(Problem(reading.lines or 1, "no_data"))
    return mapping, reading


def _strip_bom(lines: Iterable[str]) -> Iterable[str]:
    first = True
    for line in lines:
        if first:
            line = line.removeprefix("\ufeff")
            first = False
        yield line

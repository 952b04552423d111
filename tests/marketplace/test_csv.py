"""CSV injection: any CSV the marketplace writes goes through common.csv.safe_row/safe_cell.

There is no marketplace CSV export today; this guards the next one.
"""

from __future__ import annotations

import re
from pathlib import Path

import clusterbridge

ROOT = Path(clusterbridge.__file__).parent
SOURCES = [
    *sorted((ROOT / "marketplace").rglob("*.py")),
    ROOT / "api" / "serializers" / "marketplace.py",
    ROOT / "api" / "views" / "marketplace.py",
]
WRITES_CSV = re.compile(r"^\s*(import csv|from csv import)|text/csv|csv\.(writer|DictWriter)", re.M)


def test_the_guard_sees_the_marketplace_sources():
    assert len(SOURCES) > 20
    assert all(path.exists() for path in SOURCES)
    assert WRITES_CSV.search('import csv\nresponse = HttpResponse(content_type="text/csv")')


def test_every_marketplace_csv_writer_neutralises_formulas():
    offenders = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if WRITES_CSV.search(path.read_text())
        and not re.search(r"\bsafe_(row|cell)\b", path.read_text())
    ]
    assert offenders == []

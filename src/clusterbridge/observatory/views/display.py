"""Rows as the pages show them, prepared once in Python: the tables have hundreds of rows, and
an include and a URL lookup per row in the template cost more than the queries."""

from __future__ import annotations

from django.urls import reverse

from clusterbridge.observatory.legend import Figures, format_value, star_names

PLACEHOLDER_REGION = "XX00"
PLACEHOLDER_CATEGORY = "placeholder-category"


class Links:
    """URLs of region and category pages with the page's query string."""

    def __init__(self, query: str = ""):
        self.region_base = reverse("observatory:region", kwargs={"code": PLACEHOLDER_REGION})
        self.category_base = reverse("observatory:category", args=[PLACEHOLDER_CATEGORY])
        self.suffix = f"?{query}" if query else ""

    def region(self, code: str) -> str:
        return self.region_base.replace(PLACEHOLDER_REGION, code) + self.suffix

    def category(self, code: str) -> str:
        return self.category_base.replace(PLACEHOLDER_CATEGORY, code) + self.suffix


def cell(indicator, figures: Figures | None = None) -> dict:
    """The figures of one indicator as text (None: an empty cell). Tables pass one ``figures``
    for all their cells."""
    if indicator is None:
        return {"missing": True, "employment": "—", "lq": "—", "stars": 0}
    figures = figures or Figures()
    return {
        "missing": False,
        "employment": format_value(indicator.employment, "employment", figures),
        "share": format_value(indicator.share, "share", figures),
        "lq": format_value(indicator.lq, "lq", figures),
        "productivity": format_value(indicator.productivity, "productivity", figures),
        "rank": indicator.size_rank if indicator.size_rank is not None else "—",
        "stars": indicator.stars,
        "marks": "★" * indicator.stars,
        "star_names": star_names(indicator),
    }


def rows(found, links: Links) -> list[dict]:
    figures = Figures()
    return [
        {
            **cell(row.indicator, figures),
            "row": row,
            "region_url": links.region(row.region_code),
            "category_url": links.category(row.category_code),
        }
        for row in found
    ]

"""The cluster checklist: each rule with its boundary, the exemption, the website states."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clusterbridge.organisations.checklist import cluster_checklist
from clusterbridge.organisations.models import Organisation


def _org(**overrides) -> Organisation:
    values = {
        "name": "Checked",
        "kind": "cluster",
        "management_fte": Decimal("2.00"),
        "members_smes": 20,
        "members_research": 3,
        "website": "https://cluster.example",
        "website_active": True,
        "website_checked_at": dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC),
    }
    values.update(overrides)
    return Organisation(**values)


def _item(checklist, prefix):
    (item,) = [i for i in checklist.items if i.label.startswith(prefix)]
    return item


def test_a_complete_cluster_passes_everything():
    checklist = cluster_checklist(_org())
    assert [(i.label, i.passed, i.detail) for i in checklist.items] == [
        ("Management team of at least 0.5 FTE", True, "2 FTE"),
        ("At least 15 members", True, "23 members"),
        ("At least 2 kinds of members", True, "2 kinds"),
        ("An active website", True, "Answered when checked 5 Mar 2026"),
    ]
    assert checklist.complete is True
    assert checklist.exempt is False
    assert checklist.exemption == ""


@pytest.mark.parametrize(
    ("fte", "passed", "detail"),
    [
        (Decimal("0.50"), True, "0.5 FTE"),
        (Decimal("0.49"), False, "0.49 FTE"),
        (None, False, "0 FTE"),
        (Decimal("0"), False, "0 FTE"),
    ],
)
def test_management_fte_boundary(fte, passed, detail):
    checklist = cluster_checklist(_org(management_fte=fte))
    item = _item(checklist, "Management team")
    assert (item.passed, item.detail) == (passed, detail)
    assert checklist.complete is passed


@pytest.mark.parametrize(
    ("smes", "research", "passed", "detail"),
    [(12, 3, True, "15 members"), (11, 3, False, "14 members"), (0, 0, False, "0 members")],
)
def test_member_count_boundary(smes, research, passed, detail):
    item = _item(
        cluster_checklist(_org(members_smes=smes, members_research=research)), "At least 15"
    )
    assert (item.passed, item.detail) == (passed, detail)


@pytest.mark.parametrize(
    ("counts", "passed", "detail"),
    [
        ({"members_smes": 30, "members_research": 0}, False, "1 kind"),
        ({"members_smes": 0, "members_research": 0}, False, "0 kinds"),
        ({"members_smes": 14, "members_research": 1}, True, "2 kinds"),
        (
            {
                "members_smes": 1,
                "members_research": 1,
                "members_universities": 1,
                "members_public": 1,
            },
            True,
            "4 kinds",
        ),
    ],
)
def test_member_kinds_boundary(counts, passed, detail):
    item = _item(cluster_checklist(_org(**counts)), "At least 2 kinds")
    assert (item.passed, item.detail) == (passed, detail)


def test_no_website():
    checklist = cluster_checklist(_org(website="", website_active=None, website_checked_at=None))
    item = _item(checklist, "An active website")
    assert (item.passed, item.detail) == (False, "No website given.")
    assert checklist.complete is False


def test_website_not_checked_yet_is_unknown_and_not_complete():
    checklist = cluster_checklist(_org(website_active=None, website_checked_at=None))
    item = _item(checklist, "An active website")
    assert item.passed is None
    assert item.detail == "Not checked yet."
    assert checklist.complete is False


def test_inactive_website():
    item = _item(cluster_checklist(_org(website_active=False)), "An active website")
    assert (item.passed, item.detail) == (False, "Did not answer when checked 5 Mar 2026")


def test_support_programme_exempts_from_the_checklist():
    checklist = cluster_checklist(
        _org(
            management_fte=None,
            members_smes=0,
            members_research=0,
            support_programme="  go-cluster ",
        )
    )
    assert checklist.exempt is True
    assert checklist.complete is True
    assert checklist.exemption == "Exempt as a member of the support programme “go-cluster”."
    # The items still show what is missing.
    assert [i.passed for i in checklist.items] == [False, False, False, True]


def test_blank_support_programme_is_no_exemption():
    checklist = cluster_checklist(_org(management_fte=None, support_programme="   "))
    assert checklist.exempt is False
    assert checklist.complete is False

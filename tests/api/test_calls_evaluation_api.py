"""The evaluation in the API: a reviewer's reviews, declaration and score sheet (through the
services and validators), the agencies' ranking, and the call's public figures once closed.
What the caller may not see is a 404."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clusterbridge.calls.models import ReviewScore, ReviewState
from clusterbridge.calls.services import evaluation as services
from tests.calls.evaluation_setup import consensus, make_setting, make_staff, new_reviewer, review
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def setting(staff):
    return make_setting(staff)


@pytest.fixture
def assigned(setting):
    reviewer = new_reviewer()
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=setting["proposals"][0], reviewer=reviewer
    )
    return reviewer, assignment


def test_a_reviewer_lists_declares_and_scores(api, setting, assigned):
    reviewer, assignment = assigned
    excellence, impact = setting["criteria"]
    api.force_authenticate(reviewer)
    listed = api.get("/api/v1/reviews/").json()
    assert [(r["id"], r["reference"], r["state"]) for r in listed["results"]] == [
        (assignment.pk, setting["proposals"][0].reference, "assigned")
    ]
    detail = api.get(f"/api/v1/reviews/{assignment.pk}/").json()
    assert [(c["name"], c["max_score"]) for c in detail["criteria"]] == [
        ("Excellence", 5),
        ("Impact", 10),
    ]
    url = f"/api/v1/reviews/{assignment.pk}/scores/"
    early = api.put(url, {"scores": []}, format="json")
    assert (early.status_code, early.json()["message"]) == (
        400,
        "Declare first whether you have a conflict of interest.",
    )
    declared = api.post(
        f"/api/v1/reviews/{assignment.pk}/declaration/", {"has_conflict": False}, format="json"
    )
    assert declared.status_code == 200
    assert declared.json()["declared_at"] is not None
    sheet = {
        "scores": [
            {"criterion": excellence.pk, "score": "4.5", "comment": "Good"},
            {"criterion": impact.pk, "score": "8"},
        ],
        "comment": "Fund it",
        "submit": True,
    }
    done = api.put(url, sheet, format="json")
    assert done.status_code == 200
    assert (done.json()["state"], [s["score"] for s in done.json()["scores"]]) == (
        "submitted",
        ["4.5", "8.0"],
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([1, 2], "The request body must be a JSON object."),
        ({"scores": [{"criterion": 0, "score": "1"}]}, "Unknown criterion."),
        (
            {"scores": [{"criterion": "FIRST", "score": "6"}]},
            "The score of “Excellence” is from 0 to 5, in steps of 0.5.",
        ),
        ({"scores": [{"criterion": "FIRST", "score": "1"}] * 2}, "Each criterion is scored once."),
    ],
)
def test_bad_score_sheets_are_400_and_write_nothing(api, setting, assigned, body, message):
    reviewer, assignment = assigned
    services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    first = setting["criteria"][0].pk
    if isinstance(body, dict):
        for line in body["scores"]:
            if line["criterion"] == "FIRST":
                line["criterion"] = first
    api.force_authenticate(reviewer)
    answer = api.put(f"/api/v1/reviews/{assignment.pk}/scores/", body, format="json")
    assert answer.status_code == 400
    assert message in str(answer.json())
    assert not ReviewScore.objects.exists()


def test_a_declared_conflict_ends_the_review_in_the_api(api, assigned):
    reviewer, assignment = assigned
    api.force_authenticate(reviewer)
    url = f"/api/v1/reviews/{assignment.pk}/declaration/"
    assert api.post(url, {"has_conflict": True}, format="json").status_code == 400
    answer = api.post(url, {"has_conflict": True, "note": "Former employer"}, format="json")
    assert answer.status_code == 204
    assignment.refresh_from_db()
    assert assignment.state == ReviewState.DECLINED
    assert api.get(f"/api/v1/reviews/{assignment.pk}/").status_code == 404


def test_others_get_404_on_reviews_and_ranking(api, setting, assigned):
    _reviewer, assignment = assigned
    call = setting["call"]
    api.force_authenticate(UserFactory())
    assert api.get(f"/api/v1/reviews/{assignment.pk}/").status_code == 404
    assert api.put(f"/api/v1/reviews/{assignment.pk}/scores/", {}, format="json").status_code == 404
    assert api.get(f"/api/v1/calls/{call.slug}/ranking/").status_code == 404
    assert api.get(f"/api/v1/calls/{call.slug}/figures/").status_code == 404  # still open
    api.force_authenticate(setting["officer"])
    ranking = api.get(f"/api/v1/calls/{call.slug}/ranking/").json()
    assert ranking["count"] == 4


def test_figures_are_public_once_the_call_is_closed(api, setting, staff):
    call = setting["call"]
    for proposal, pair in zip(setting["proposals"], [(5, 7), (3, 7), (4, 7), (2, 7)], strict=True):
        review(setting, proposal, pair)
        consensus(setting, proposal, pair)
    call.stages.update(deadline=timezone.now() - timedelta(minutes=1))
    services.decide_funding(actor=staff, call=call)
    figures = api.get(f"/api/v1/calls/{call.slug}/figures/").json()
    assert {k: figures[k] for k in ("proposals", "clusters", "decided", "funded")} == {
        "proposals": 4,
        "clusters": 4,
        "decided": True,
        "funded": 3,
    }
    assert figures["success_rate"] == "75.0"
    french = next(a for a in figures["agencies"] if a["name"] == "Agence FR")
    assert (Decimal(french["requested_eur"]), Decimal(french["granted_eur"])) == (
        Decimal(120000),
        Decimal(90000),
    )
    assert french["oversubscription"] == "1.20"

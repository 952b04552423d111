"""Evaluation pages: who sees what (404 otherwise), the reviewer's declaration and score
sheet, assignment by e-mail, consensus, the decision, the applicant's result, the CSV, and a
query-count guard on the ranking."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterbridge.calls.models import Proposal, ReviewAssignment, ReviewState
from clusterbridge.calls.services import evaluation as services
from tests.calls.evaluation_setup import consensus, new_reviewer, review
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _close(call):
    call.stages.update(deadline=timezone.now() - timedelta(minutes=1))


def test_outsiders_get_404_on_every_evaluation_page(client, setting):
    call = setting["call"]
    proposal = setting["proposals"][0]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=new_reviewer()
    )
    applicant = MembershipFactory(organisation=proposal.coordinator).user
    urls = [
        reverse("calls:criteria", args=[call.slug]),
        reverse("calls:evaluation", args=[call.slug]),
        reverse("calls:evaluation_csv", args=[call.slug]),
        reverse("calls:proposal_evaluation", args=[proposal.pk]),
        reverse("calls:review", args=[assignment.pk]),
    ]
    for user in (UserFactory(), applicant):
        _login(client, user)
        assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    # The agency's officer manages the evaluation but does not set the criteria.
    _login(client, setting["officer"])
    assert [client.get(url).status_code for url in urls] == [404, 200, 200, 200, 404]


def test_the_reviewer_declares_then_scores_and_submits(client, setting):
    reviewer = new_reviewer()
    proposal = setting["proposals"][0]
    excellence, impact = setting["criteria"]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=reviewer
    )
    _login(client, reviewer)
    url = reverse("calls:review", args=[assignment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'id="declaration-form"' in page.content
    assert b'id="partners"' not in page.content  # not before the declaration
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client.post(url, {"has_conflict": "no"}).status_code == 302
    assert client.get(proposal.get_absolute_url()).status_code == 200
    refused = client.post(
        url, {f"score_{excellence.pk}": "7", f"score_{impact.pk}": "5", "submit": "1"}
    )
    assert refused.status_code == 400
    assert "Ensure this value is less than or equal to 5." in refused.content.decode()
    done = client.post(
        url,
        {
            f"score_{excellence.pk}": "4.5",
            f"comment_{excellence.pk}": "Strong team",
            f"score_{impact.pk}": "8",
            "text": "Fund it.",
            "submit": "1",
        },
    )
    assert done.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.state, assignment.comment) == (ReviewState.SUBMITTED, "Fund it.")
    assert list(assignment.scores.values_list("score", flat=True)) == [Decimal("4.5"), Decimal(8)]
    assert "My reviews" in client.get(reverse("calls:reviews")).content.decode()


def test_a_declared_conflict_ends_the_review(client, setting):
    reviewer = new_reviewer()
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=setting["proposals"][0], reviewer=reviewer
    )
    _login(client, reviewer)
    url = reverse("calls:review", args=[assignment.pk])
    assert client.post(url, {"has_conflict": "yes"}).status_code == 400
    assert client.post(url, {"has_conflict": "yes", "note": "My cousin"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == ReviewState.DECLINED
    assert client.get(url).status_code == 404


def test_assigning_by_e_mail(client, setting):
    proposal = setting["proposals"][0]
    _login(client, setting["officer"])
    url = reverse("calls:proposal_evaluation", args=[proposal.pk])
    unknown = client.post(url, {"reviewer-email": "nobody@example.org"})
    assert unknown.status_code == 400
    assert "No active account has this e-mail address" in unknown.content.decode()
    insider = MembershipFactory(organisation=proposal.coordinator).user
    refused = client.post(url, {"reviewer-email": insider.email.upper()})
    assert refused.status_code == 400
    assert "an organisation of the consortium" in refused.content.decode()
    expert = new_reviewer()
    assert client.post(url, {"reviewer-email": expert.email}).status_code == 302
    assert list(ReviewAssignment.objects.values_list("reviewer", flat=True)) == [expert.pk]


def test_consensus_starts_from_the_average_and_sets_the_score(client, setting):
    proposal = setting["proposals"][0]
    excellence, impact = setting["criteria"]
    review(setting, proposal, (4, 8))
    review(setting, proposal, (5, 7))
    _login(client, setting["officer"])
    url = reverse("calls:proposal_evaluation", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert f'name="consensus-score_{excellence.pk}" value="4.5"' in page
    assert f'name="consensus-score_{impact.pk}" value="7.5"' in page
    answer = client.post(
        url,
        {
            f"consensus-score_{excellence.pk}": "4.5",
            f"consensus-score_{impact.pk}": "7.5",
            "consensus-text": "Convincing plan.",
        },
    )
    assert answer.status_code == 302
    proposal.refresh_from_db()
    # 60 × 4.5/5 + 40 × 7.5/10 = 54 + 30
    assert (proposal.score, proposal.evaluation_summary) == (Decimal("84.00"), "Convincing plan.")


def test_the_decision_and_the_applicants_result(client, setting, staff):
    call = setting["call"]
    for proposal, pair in zip(setting["proposals"], [(5, 7), (3, 7), (4, 7), (2, 7)], strict=True):
        review(setting, proposal, pair)
        consensus(setting, proposal, pair)
    _close(call)
    _login(client, setting["officer"])
    url = reverse("calls:evaluation", args=[call.slug])
    assert b'id="decision-form"' not in client.get(url).content  # the poster decides
    _login(client, staff)
    assert client.post(url, {"objective": "score"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'id="decision"' in page
    assert list(Proposal.objects.order_by("rank").values_list("rank", "status")) == [
        (1, "funded"),
        (2, "funded"),
        (3, "funded"),
        (4, "not_funded"),
    ]
    loser = Proposal.objects.get(rank=4)
    applicant = MembershipFactory(organisation=loser.coordinator).user
    _login(client, applicant)
    result = client.get(loser.get_absolute_url()).content.decode()
    assert "Not funded" in result
    assert "Score 52.00 of 100, rank 4 of 4." in result
    assert "Summary of Proposal 3." in result

    _login(client, staff)
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    client.get(reverse("calls:evaluation_csv", args=[call.slug])).streaming_content
                ).decode()
            )
        )
    )
    assert [(r["rank"], r["title"], r["score"], r["decision"]) for r in rows] == [
        ("1", "Proposal 0", "88.00", "funded"),
        ("2", "Proposal 2", "76.00", "funded"),
        ("3", "Proposal 1", "64.00", "funded"),
        ("4", "Proposal 3", "52.00", "not_selected"),
    ]


def test_criteria_page_adds_and_refuses_bad_weights(client, setting, staff):
    call = setting["call"]
    _login(client, staff)
    url = reverse("calls:criteria", args=[call.slug])
    bad = client.post(url, {"name": "Budget", "weight": "0", "max_score": "5"})
    assert bad.status_code == 400
    assert "The weight is a number above 0 and at most 100." in bad.content.decode()
    good = client.post(url, {"name": "Budget", "weight": "10", "max_score": "5"})
    assert good.status_code == 302
    assert list(call.criteria.values_list("name", flat=True)) == ["Excellence", "Impact", "Budget"]
    client.post(reverse("calls:conflict_rule", args=[call.slug]), {"exclude_same_country": "on"})
    call.refresh_from_db()
    assert call.exclude_same_country_reviewers is True


def test_ranking_queries_do_not_grow_with_proposals(client, setting, django_assert_num_queries):
    call = setting["call"]
    _login(client, setting["officer"])
    url = reverse("calls:evaluation", args=[call.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for proposal in setting["proposals"]:
        review(setting, proposal, (3, 3))
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_figures_on_the_call_page_and_in_csv_once_closed(client, setting, staff):
    call = setting["call"]
    csv_url = reverse("calls:figures_csv", args=[call.slug])
    assert b'id="figures"' not in client.get(call.get_absolute_url()).content
    assert client.get(csv_url).status_code == 404
    _login(client, setting["officer"])  # the agencies see them while the call is open
    assert b'id="figures"' in client.get(call.get_absolute_url()).content
    client.logout()
    _close(call)
    page = client.get(call.get_absolute_url()).content.decode()
    assert '<dd id="figure-proposals">4</dd>' in page
    assert '<dd id="figure-clusters">4</dd>' in page
    rows = list(
        csv.DictReader(io.StringIO(b"".join(client.get(csv_url).streaming_content).decode()))
    )
    assert [
        (r["agency"], Decimal(r["requested_eur"]), r["requested_per_budget"]) for r in rows
    ] == [("Agence FR", Decimal(120000), "1.20"), ("Agentur DE", Decimal(0), "0.00")]

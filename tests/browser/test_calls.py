"""A joint call in a real browser: an agency posts a joint call and sets two agencies' rules,
publishes it; a cluster drafts a proposal whose partner fails its agency's rule (clear
message), fixes it, submits and gets the receipt; the agency sets the criteria and assigns a
reviewer, who declares no conflict of interest and scores it; the agency agrees the consensus
and decides the funding within the budgets; the applicant sees the result; an outsider gets 404
on the proposal, its attachment and receipt, the review and the evaluation. On the way the
coordinator sets what the proposal reaches, uploads its description of work and downloads the
PDF receipt."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterbridge.calls.models import (
    Call,
    CallStage,
    Proposal,
    ProposalAttachment,
    ReviewAssignment,
)
from tests.calls.content_setup import PDF_BYTES as PDF
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def _as(page, login, user):
    page.context.clear_cookies()
    login(user.email, PASSWORD)


def test_joint_call_journey(page, login, axe_check, confirm_click):
    agence = OrganisationFactory(name="Agence Innovation", kind="public_authority", country="FR")
    agentur = OrganisationFactory(name="Innovationsagentur", kind="public_authority", country="DE")
    cluster = OrganisationFactory(name="Pôle Mécanique", kind="cluster", country="FR")
    officer = MembershipFactory(organisation=agence, user=UserFactory(name="Odile Agent")).user
    coordinator = MembershipFactory(organisation=cluster, user=UserFactory(name="Claire")).user
    outsider = UserFactory()
    target = OrganisationFactory(name="Cluster Lombardia", kind="cluster", country="IT")
    university = OrganisationFactory(name="Universität Wien", kind="university", country="AT")
    expert = MembershipFactory(organisation=university, user=UserFactory(name="Erik Expert")).user

    _as(page, login, officer)
    page.goto("/calls/")
    page.click("#post-link")
    page.fill("#id_title", "Innovation Express 2030")
    page.fill("#id_funder_names", "Agence Innovation, Innovationsagentur")
    page.select_option("#id_level", "international")
    page.select_option("#id_kind", "grant")
    page.fill("#id_stage1_deadline", "2030-03-01T17:00")
    page.check("#id_is_joint")
    page.click("#call-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("saved as a draft")
    for agency, kinds, country in ((agence, ["cluster", "sme"], "FR"), (agentur, ["sme"], "DE")):
        page.select_option("#id_organisation", str(agency.pk))
        page.fill("#id_budget_eur", "100000")
        page.select_option("#id_beneficiary_kinds", kinds)
        page.select_option("#id_countries", [country])
        page.fill("#id_funding_rate", "50")
        page.click("#agency-form button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("The agency is added with its rules.")
    expect(page.locator("#agencies article")).to_have_count(2)
    axe_check("the agencies of a draft joint call")
    page.click("#publish-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The joint call is published")
    expect(page.locator("#agencies")).to_contain_text("Funds: Company (SME).")
    call = Call.objects.get()

    _as(page, login, coordinator)
    page.goto(call.get_absolute_url())
    axe_check("a joint call's page")
    page.click("#propose-link")
    page.fill("#id_title", "Smart machining across borders")
    page.click("#proposal-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The proposal is started")
    # The coordinator tied to the German agency: it funds SMEs in Germany only.
    page.select_option("#id_organisation", str(cluster.pk))
    page.select_option("#id_agency", str(call.agencies.get(organisation=agentur).pk))
    page.fill("#id_budget_eur", "20000")
    page.fill("#id_grant_eur", "10000")
    page.click("#partner-form button[type=submit]")
    failures = page.locator("#partners .failures")
    expect(failures).to_contain_text(
        "Innovationsagentur funds only: Company (SME); this partner is “Cluster organisation”."
    )
    expect(failures).to_contain_text(
        "Innovationsagentur funds only partners in Germany; this partner is in France."
    )
    expect(page.locator("#submit-form button")).to_be_disabled()
    axe_check("a draft proposal with failing rules")
    # Fixed: the French agency funds clusters in France.
    page.select_option("#id_organisation", str(cluster.pk))
    page.select_option("#id_agency", str(call.agencies.get(organisation=agence).pk))
    page.fill("#id_budget_eur", "20000")
    page.fill("#id_grant_eur", "10000")
    page.click("#partner-form button[type=submit]")
    expect(page.locator("#partners")).to_contain_text("Eligible")
    expect(page.locator("#eligibility-summary")).to_contain_text("can be submitted")
    # What the proposal reaches, and its description of work.
    page.select_option("#id_targeted_clusters", [str(target.pk)])
    page.fill("#id_smes_involved", "12")
    page.check("#id_activities_2")  # matchmaking
    page.click("#content-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The proposal's content is saved.")
    expect(page.locator("#targeted-clusters")).to_contain_text("Cluster Lombardia")
    expect(page.locator("#activities")).to_contain_text("Matchmaking")
    page.set_input_files(
        "#id_file",
        files=[{"name": "work plan.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#attachment-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The attachment is added.")
    expect(page.locator("#attachment-list")).to_contain_text("work plan.pdf")
    expect(page.locator("#versions tbody tr")).to_have_count(5)
    axe_check("a draft proposal with its content, attachment and history")
    assert confirm_click("#submit-form button") == "Submit the proposal? The submission is final."
    proposal = Proposal.objects.get()
    expect(page.locator(".messages")).to_contain_text(
        f"The proposal is submitted. Reference: {proposal.reference}."
    )
    expect(page.locator("#receipt-reference")).to_have_text(proposal.reference)
    expect(page.locator("#proposal-status")).to_have_text("Submitted")
    receipt = page.request.get(f"/calls/proposals/{proposal.pk}/receipt.pdf")
    assert receipt.status == 200
    assert receipt.headers["content-type"] == "application/pdf"
    assert f"Receipt of the proposal {proposal.reference}" in pdf_text(receipt.body())
    attachment = ProposalAttachment.objects.get()

    # The agency sets the criteria and assigns a reviewer.
    _as(page, login, officer)
    page.goto(call.get_absolute_url())
    page.click("#criteria-link")
    for name, weight, highest in (("Excellence", "60", "5"), ("Impact", "40", "10")):
        page.fill("#id_name", name)
        page.fill("#id_weight", weight)
        page.fill("#id_max_score", highest)
        page.click("#criterion-form button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("The criterion is added.")
    expect(page.locator("#criteria tbody tr")).to_have_count(2)
    axe_check("the evaluation criteria")
    page.goto(call.get_absolute_url())
    page.click("#evaluation-link")
    page.click(f"#ranked-{proposal.pk} a")
    # (A refused reviewer answers 400, which the browser logs as a console error: the
    # refusals are tested in tests/calls/test_evaluation_views.py.)
    page.fill("#id_reviewer-email", expert.email)
    page.click("#reviewer-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The reviewer is assigned and told.")
    expect(page.locator("#reviewers")).to_contain_text("Erik Expert — declaration due")
    axe_check("a proposal's evaluation page")

    # The reviewer declares no conflict of interest, then scores and submits.
    _as(page, login, expert)
    page.goto("/me/")
    page.click("#hub-reviews a")
    expect(page.locator("#partners")).to_have_count(0)  # not before the declaration
    axe_check("the declaration of interests")
    page.check("#id_has_conflict_0")
    page.click("#declaration-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("you may now read and score it")
    expect(page.locator("#partners")).to_contain_text("Pôle Mécanique")
    criteria = list(call.criteria.order_by("number"))
    page.fill(f"#id_score_{criteria[0].pk}", "4.5")
    page.fill(f"#id_score_{criteria[1].pk}", "8")
    page.fill("#id_text", "A convincing plan.")
    axe_check("a reviewer's score sheet")
    assert confirm_click("#submit-review") == "Submit the review? It can no longer be changed."
    expect(page.locator(".messages")).to_contain_text("The review is submitted.")
    expect(page.locator("#submitted-scores")).to_contain_text("4.5 / 5")

    # The agency agrees the consensus (the reviewer's scores to start with) and decides.
    _as(page, login, officer)
    page.goto(f"/calls/proposals/{proposal.pk}/evaluation/")
    expect(page.locator(f"#id_consensus-score_{criteria[0].pk}")).to_have_value("4.5")
    page.fill("#id_consensus-text", "Strong cooperation plan; funded in full.")
    page.click("#consensus-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The consensus is saved.")
    # 60 × 4.5/5 + 40 × 8/10 = 86
    expect(page.locator("main")).to_contain_text("Score 86.00 of 100")
    CallStage.objects.filter(call=call).update(deadline=timezone.now() - timedelta(minutes=5))
    page.goto(f"/calls/{call.slug}/evaluation/")
    axe_check("the ranking with the decision form")
    assert (
        confirm_click("#decision-form button[type=submit]")
        == "Decide the funding? The decision is final."
    )
    expect(page.locator(".messages")).to_contain_text("The funding is decided")
    expect(page.locator(f"#ranked-{proposal.pk}")).to_contain_text("Funded")

    # The applicant sees the result.
    _as(page, login, coordinator)
    page.goto(proposal.get_absolute_url())
    expect(page.locator("#result-decision")).to_contain_text("Funded")
    expect(page.locator("#result")).to_contain_text("Score 86.00 of 100, rank 1 of 1.")
    expect(page.locator("#evaluation-summary")).to_have_text(
        "Strong cooperation plan; funded in full."
    )
    axe_check("the applicant's result")

    _as(page, login, outsider)
    # With the outsider's session (a navigation to a 404 would log a console error).
    review = ReviewAssignment.objects.get()
    for url in (
        proposal.get_absolute_url(),
        f"/calls/{call.slug}/manage/",
        f"/calls/reviews/{review.pk}/",
        f"/calls/{call.slug}/evaluation/",
        f"/calls/proposals/{proposal.pk}/evaluation/",
        attachment.get_absolute_url(),
        f"/calls/proposals/{proposal.pk}/receipt.pdf",
    ):
        assert page.request.get(url).status == 404, url

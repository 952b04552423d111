"""A joint call in a real browser: an agency posts a joint call and sets two agencies' rules,
publishes it; a cluster drafts a proposal whose partner fails its agency's rule (clear
message), fixes it, submits and gets the receipt; an outsider gets 404 on the proposal."""

import pytest
from playwright.sync_api import expect

from clusterbridge.calls.models import Call, Proposal
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _as(page, login, user):
    page.context.clear_cookies()
    login(user.email, PASSWORD)


def test_joint_call_journey(page, login, axe_check):
    agence = OrganisationFactory(name="Agence Innovation", kind="public_authority", country="FR")
    agentur = OrganisationFactory(name="Innovationsagentur", kind="public_authority", country="DE")
    cluster = OrganisationFactory(name="Pôle Mécanique", kind="cluster", country="FR")
    officer = MembershipFactory(organisation=agence, user=UserFactory(name="Odile Agent")).user
    coordinator = MembershipFactory(organisation=cluster, user=UserFactory(name="Claire")).user
    outsider = UserFactory()

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
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-form button")
    proposal = Proposal.objects.get()
    expect(page.locator(".messages")).to_contain_text(
        f"The proposal is submitted. Reference: {proposal.reference}."
    )
    expect(page.locator("#receipt-reference")).to_have_text(proposal.reference)
    expect(page.locator("#proposal-status")).to_have_text("Submitted")

    _as(page, login, outsider)
    # With the outsider's session (a navigation to a 404 would log a console error).
    assert page.request.get(proposal.get_absolute_url()).status == 404
    assert page.request.get(f"/calls/{call.slug}/manage/").status == 404

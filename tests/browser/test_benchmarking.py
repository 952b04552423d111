"""Benchmarking in a real browser: answer, submit, validate, Bronze everywhere, PDF scores."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from clusterbridge.benchmarking.models import Indicator, LabelDecision
from clusterbridge.benchmarking.services.indicator_sets import ensure_default_set
from tests.benchmarking.factories import AssessorFactory, good_value, validated_assessment
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _indicator_set(transactional_db):
    """The flush after each live-server test removes the migration-loaded default set."""
    ensure_default_set()


def test_admin_benchmarks_assessor_validates_bronze_shows_and_pdf_has_scores(page, login, tmp_path):
    org = OrganisationFactory(name="Lakeside Robotics Cluster", sectors=["automotive"])
    admin = MembershipFactory(organisation=org).user
    assessor = AssessorFactory().user
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"%PDF-1.4 evidence")

    login(admin.email, PASSWORD)
    page.goto("/benchmarking/")
    page.click("#start-benchmark")
    expect(page.locator("#assessment-status")).to_contain_text("Draft")
    indicators = list(Indicator.objects.select_related("dimension").order_by("id"))
    # One answer through the htmx autosave, the rest with "Save all".
    first = indicators[0]
    page.fill(f"#answer-{first.pk}", good_value(first))
    page.locator(f"#answer-{first.pk}").dispatch_event("change")
    expect(page.locator(f"#saved-{first.pk}")).to_contain_text("Saved")
    # Values are set without change events: the live server shares one SQLite connection
    # between threads, so dozens of concurrent autosaves would trip over each other there.
    for indicator in indicators[1:]:
        page.locator(f"#answer-{indicator.pk}").evaluate(
            "(el, value) => { el.value = value; }", good_value(indicator)
        )
    page.click("#save-answers")
    expect(page.locator(".messages")).to_contain_text("Your answers are saved.")
    # Submitting without evidence is refused with the list of what is missing.
    page.click("#submit-benchmark")
    expect(page.locator(".messages")).to_contain_text("Attach evidence for “Members in total”.")
    for indicator in indicators:
        if indicator.evidence_required:
            page.set_input_files(f"#file-{indicator.code}", str(proof))
            page.click(f"#upload-{indicator.code}")
            expect(page.locator(".messages")).to_contain_text("Evidence attached.")
    # Evidence is downloaded through the permission-checked view, under its original name.
    members = next(i for i in indicators if i.code == "members-total")
    with page.expect_download() as evidence_download:
        page.click(f"#indicator-{members.pk} >> text=proof.pdf")
    assert evidence_download.value.suggested_filename == "proof.pdf"
    assert Path(evidence_download.value.path()).read_bytes() == b"%PDF-1.4 evidence"
    page.click("#submit-benchmark")
    expect(page.locator(".messages")).to_contain_text("Submitted")

    page.context.clear_cookies()
    login(assessor.email, PASSWORD)
    page.goto("/benchmarking/")
    page.click("#review-queue >> text=Lakeside Robotics Cluster")
    page.click("#validate")
    expect(page.locator(".messages")).to_contain_text("Benchmark validated.")

    page.goto(org.get_absolute_url())
    expect(page.locator("#excellence-label")).to_contain_text("Bronze label")
    page.goto("/organisations/?label=bronze")
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator(".result h3")).to_contain_text("Lakeside Robotics Cluster")
    expect(page.locator("[data-facet=labels]")).to_contain_text("Bronze")
    page.goto("/benchmarking/labels/")
    expect(page.locator("#labels")).to_contain_text("Lakeside Robotics Cluster")

    page.context.clear_cookies()
    login(admin.email, PASSWORD)
    page.goto("/benchmarking/")
    page.click("#org-lakeside-robotics-cluster >> text=report")
    expect(page.locator("#overall-score")).to_have_text("100.0 %")
    expect(page.locator("#distributions")).to_have_attribute("data-drawn", "1")
    with page.expect_download() as download_info:
        page.click("#report-pdf")
    pdf = Path(download_info.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Lakeside Robotics Cluster" in text
    assert "Overall score: 100 %" in text
    assert re.search(r"Financing\s+100 %", text)


def test_staff_withdraws_a_label_with_a_reason_and_the_admin_sees_the_history(page, login):
    org = OrganisationFactory(name="Harbour Logistics Cluster")
    admin = MembershipFactory(organisation=org).user
    validated_assessment(org, admin)
    staff = StaffFactory(name="Stella Staff")

    login(staff.email, PASSWORD)
    page.goto("/benchmarking/labels/")
    page.click("#withdraw-harbour-logistics-cluster")
    expect(page.locator("#withdraw-label")).to_contain_text("Bronze label")
    page.fill("#id_reason", "Member figures could not be verified.")
    page.click("#withdraw")
    expect(page.locator(".messages")).to_contain_text(
        "The Bronze label of Harbour Logistics Cluster was withdrawn."
    )
    expect(page.locator("#active-label")).to_contain_text("No active label.")
    page.goto("/benchmarking/labels/")
    expect(page.locator("#labels")).not_to_contain_text("Harbour Logistics Cluster")

    page.context.clear_cookies()
    login(admin.email, PASSWORD)
    page.goto("/benchmarking/")
    page.click("#decisions-harbour-logistics-cluster")
    first = page.locator("#decisions tbody tr").first
    expect(first).to_contain_text("Withdrawn")
    expect(first).to_contain_text("Stella Staff")
    expect(first).to_contain_text("Member figures could not be verified.")
    assert LabelDecision.objects.filter(organisation=org, kind="withdrawn").count() == 1


def test_autosave_updates_the_current_score_and_the_radar_leaves_unanswered_dimensions_out(
    page, login
):
    org = OrganisationFactory(name="Fjord Energy Cluster")
    admin = MembershipFactory(organisation=org).user
    login(admin.email, PASSWORD)
    page.goto("/benchmarking/")
    page.click("#start-benchmark")
    expect(page.locator("#current-score")).to_have_text("—")
    # A yes/no indicator: "yes" is green (100 points), "no" red (0).
    first = Indicator.objects.filter(answer_type="yes_no").order_by("id").first()
    page.select_option(f"#answer-{first.pk}", "yes")
    expect(page.locator(f"#saved-{first.pk}")).to_have_text("Saved · Green")
    expect(page.locator("#current-score")).to_have_text("100.0 %")
    page.select_option(f"#answer-{first.pk}", "no")
    expect(page.locator(f"#saved-{first.pk}")).to_have_text("Saved · Red")
    expect(page.locator("#current-score")).to_have_text("0.0 %")

    page.click("text=Report")
    expect(page.locator("#radar-chart")).to_have_attribute("data-drawn", "1")
    rows = page.locator("#dimension-scores tbody tr")
    table = [(r.locator("td").nth(0).inner_text(), r.locator("td").nth(1).inner_text())
             for r in rows.all()]  # fmt: skip
    radar = page.evaluate(
        """() => {
          const chart = Chart.getChart(document.getElementById("radar-chart"));
          const meta = chart.getDatasetMeta(0);
          return {
            labels: chart.data.labels,
            scores: chart.data.datasets[0].data,
            skipped: meta.data.map((point) => point.skip),
            filled: meta.dataset.options.fill,
          };
        }"""
    )
    names = [name for name, _ in table]
    answered = names.index(first.dimension.name)
    assert len(names) == 6
    assert table == [(name, "0.0 %" if i == answered else "—") for i, name in enumerate(names)]
    assert radar["scores"] == [0 if i == answered else None for i in range(6)]
    assert radar["labels"] == [
        name if i == answered else f"{name} (no answer)" for i, name in enumerate(names)
    ]
    assert radar["skipped"] == [i != answered for i in range(6)]
    # A filled radar closes its gaps through the centre, which reads as 0 %: no fill.
    assert radar["filled"] is False

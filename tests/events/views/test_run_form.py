"""The organiser's run form (choice of time, fairness floor) and the figures of each run."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from clusterbridge.events.models import ScheduleRun
from clusterbridge.events.reasons import unserved_reason
from tests.events.factories import EventFactory, RegistrationFactory, add_slots
from tests.factories import PASSWORD, MembershipFactory


def _organiser(client):
    membership = MembershipFactory()
    event = EventFactory(organiser=membership.organisation)
    add_slots(event, 2)
    client.login(email=membership.user.email, password=PASSWORD)
    return event


def _post(client, event, data) -> list[str]:
    url = f"/events/{event.slug}/manage/schedule/run/"
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(f"/events/{event.slug}/manage/schedule/", 302)]
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_the_form_offers_the_three_choices_and_the_floor_on_by_default(client):
    event = _organiser(client)
    body = client.get(f"/events/{event.slug}/manage/schedule/").content.decode()
    for value, label in [
        ("quick", "Quick (about 10 seconds)"),
        ("thorough", "Thorough (about 1 minute)"),
        ("best", "Best (up to 10 minutes, in the background)"),
    ]:
        assert f'value="{value}"' in body
        assert label in body
    assert 'name="profile" value="quick" required id="id_run_profile_0" checked' in body
    assert 'name="fairness" id="id_run_fairness" checked' in body


@pytest.mark.django_db
@pytest.mark.parametrize("profile", ["fastest", ""])
def test_an_unknown_profile_is_refused_with_a_clear_error_and_nothing_is_written(client, profile):
    event = _organiser(client)
    messages = _post(client, event, {"profile": profile, "fairness": "on"})
    if profile:
        expected = (
            "Check the scheduler settings: How long the scheduler searches: “fastest” is not "
            "a choice of time; choose one of: quick, thorough, best."
        )
    else:
        expected = (
            "Check the scheduler settings: How long the scheduler searches: This field is required."
        )
    assert messages == [expected]
    assert ScheduleRun.objects.count() == 0


@pytest.mark.django_db
def test_the_choices_are_stored_on_the_run(client, django_capture_on_commit_callbacks):
    event = _organiser(client)
    with django_capture_on_commit_callbacks(execute=False):
        assert _post(client, event, {"profile": "best"}) == []  # unticked: floor off
    run = ScheduleRun.objects.get()
    assert (run.status, run.profile, run.fairness, run.time_limit) == ("queued", "best", False, 600)


def _done(event, *, unserved, fairness=True, objective=3) -> ScheduleRun:
    return ScheduleRun.objects.create(
        event=event, status="done", progress=100, profile="thorough", fairness=fairness,
        time_limit=60,
        result={
            "objective": objective, "upper_bound": 4, "gap": 4 - objective,
            "percent_of_bound": round(100 * objective / 4, 2), "idle_gaps": 2,
            "idle_gaps_lower_bound": 1, "solve_seconds": 1.5, "meetings": 5, "unscheduled": 2,
            "unserved": [{"registration": r.pk, "reason": why} for r, why in unserved],
        },
    )  # fmt: skip


@pytest.mark.django_db
def test_the_result_shows_the_figures_and_who_got_no_meeting(client):
    event = _organiser(client)
    ana = RegistrationFactory(event=event, user__name="Ana", organisation__name="Alpha")
    ben = RegistrationFactory(event=event, user__name="Ben", organisation__name="Beta")
    _done(event, unserved=[(ana, "fairness_off")], fairness=False, objective=4)
    _done(event, unserved=[(ana, "would_cost_weight"), (ben, "no_possible_meeting")])
    body = client.get(f"/events/{event.slug}/manage/schedule/").content.decode()
    assert (
        '<p id="run-result">3 of 5 meetings scheduled · upper bound 4 · gap 1 · 75 % of the '
        "bound · 2 not scheduled · 2 idle gaps · 1.5 s."
    ) in body
    assert "Thorough (about 1 minute) · fairness floor on" in body
    assert "2 participants with an accepted request have no meeting" in body
    assert f"<li>Ana (Alpha): {escape(unserved_reason('would_cost_weight'))}</li>" in body
    assert f"<li>Ben (Beta): {escape(unserved_reason('no_possible_meeting'))}</li>" in body
    assert 'id="run-fairness-off"' not in body  # the latest run had the floor on
    # The earlier run, beside it: floor off, everything placed, Ana left out.
    earlier_run = ScheduleRun.objects.order_by("pk").first()
    earlier = body[body.index(f'id="run-{earlier_run.pk}"') :]
    assert "<td>off</td>" in earlier
    assert "<td>4</td><td>4</td><td>0</td><td>100 %</td><td>2</td>" in earlier
    assert f"<li>Ana (Alpha): {escape(unserved_reason('fairness_off'))}</li>" in earlier


@pytest.mark.django_db
def test_a_run_without_the_floor_says_so(client):
    event = _organiser(client)
    _done(event, unserved=[], fairness=False)
    run = ScheduleRun.objects.get()
    body = client.get(f"/events/{event.slug}/manage/schedule/runs/{run.pk}/").content.decode()
    assert '<p id="run-fairness-off"><small>The fairness floor was off for this run' in body
    assert "with an accepted request has no meeting" not in body


@pytest.mark.django_db
def test_the_schedule_page_uses_a_fixed_number_of_queries_for_the_runs(client):
    event = _organiser(client)
    url = f"/events/{event.slug}/manage/schedule/"
    people = [RegistrationFactory(event=event) for _ in range(6)]
    _done(event, unserved=[(people[0], "fairness_off")])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    few = count()
    for i in range(6):
        _done(event, unserved=[(p, "would_cost_weight") for p in people[: i + 1]])
    assert count() == few

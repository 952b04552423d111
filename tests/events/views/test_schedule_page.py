"""The organiser's scheduling page at scale: a paged, filtered meeting list, one meeting edited
in a form of its own, runs side by side, and publishing that says how many people are told."""

import re
from datetime import timedelta

import pytest

from clusterbridge.events.models import Meeting, MeetingRequest, MeetingSlot, ScheduleRun
from clusterbridge.events.reasons import unscheduled_reason
from clusterbridge.events.views.organiser import MEETINGS_PER_PAGE
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import PASSWORD, MembershipFactory, UserFactory


def _organiser(client):
    membership = MembershipFactory()
    event = EventFactory(organiser=membership.organisation)
    client.login(email=membership.user.email, password=PASSWORD)
    return event


def _meetings(event, count: int, *, start: int = 0, status="unscheduled", slot=None, table=None,
              reason="", names=None) -> list[Meeting]:  # fmt: skip
    """``count`` meetings between new participants (a request each, bulk-free but quick)."""
    out = []
    for i in range(start, start + count):
        a = RegistrationFactory(event=event, user__name=(names or {}).get(i, f"Person {i}a"))
        b = RegistrationFactory(event=event, user__name=f"Person {i}b")
        req = MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted")
        m = Meeting.objects.create(
            event=event, request=req, status=status, slot=slot, table=table, reason=reason
        )
        m.participants.set([a, b])
        out.append(m)
    return out


def _rows(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr id="meeting-(\d+)"', body)]


@pytest.mark.django_db
def test_the_list_is_paged_and_never_repeats_the_slot_and_table_choices(client):
    event = _organiser(client)
    (slot,) = add_slots(event, 1)
    (table,) = add_tables(event, 1)
    unscheduled = _meetings(event, MEETINGS_PER_PAGE, reason="no_common_slot")
    scheduled = _meetings(event, 3, start=100, status="scheduled", slot=slot, table=table)
    url = f"/events/{event.slug}/manage/schedule/"
    body = client.get(url).content.decode()
    # Not scheduled first, then by slot: the first page is the 50 unscheduled ones.
    assert _rows(body) == [m.pk for m in unscheduled]
    assert 'name="slot" id="slot-' not in body and 'name="table"' not in body
    assert "Page 1 of 2" in body
    assert (
        f'<p id="schedule-summary">3 scheduled · {MEETINGS_PER_PAGE} not scheduled · 0 cancelled</p>'
        in body
    )
    second = client.get(url, {"page": 2}).content.decode()
    assert _rows(second) == [m.pk for m in scheduled]
    assert "Page 2 of 2" in second


@pytest.mark.django_db
def test_filters_by_status_reason_participant_and_slot(client):
    event = _organiser(client)
    s1, s2 = add_slots(event, 2)
    t1, t2 = add_tables(event, 2)
    seats = _meetings(event, 2, reason="no_location_with_enough_seats")
    common = _meetings(event, 1, start=10, reason="no_common_slot", names={10: "Zoë Quill"})
    at_s1 = _meetings(event, 1, start=20, status="scheduled", slot=s1, table=t1)
    at_s2 = _meetings(event, 1, start=30, status="scheduled", slot=s2, table=t2)
    gone = _meetings(event, 1, start=40, status="cancelled")
    url = f"/events/{event.slug}/manage/schedule/"

    def rows(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return _rows(response.content.decode())

    assert rows() == [m.pk for m in seats + common + at_s1 + at_s2]
    assert rows(status="unscheduled") == [m.pk for m in seats + common]
    assert rows(status="scheduled") == [at_s1[0].pk, at_s2[0].pk]
    assert rows(status="cancelled") == [gone[0].pk]
    assert rows(status="unscheduled", reason="no_location_with_enough_seats") == [
        m.pk for m in seats
    ]
    assert rows(participant="quill") == [common[0].pk]
    assert rows(participant="zoë") == [common[0].pk]
    assert rows(slot=s2.pk) == [at_s2[0].pk]
    assert rows(participant="nobody at all") == []
    body = client.get(url).content.decode()
    # The reasons are counted, each a link to its filter.
    assert (
        f'<a href="?status=unscheduled&amp;reason=no_common_slot">'
        f"{unscheduled_reason('no_common_slot')}</a> (1)"
    ) in body
    # Bad filters: a clear error, no 500.
    bad = client.get(url, {"status": "lost", "slot": "abc", "page": "0"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Status: Unknown status “lost”." in text
    assert 'id="filter-errors"' in text and 'id="meetings"' not in text


@pytest.mark.django_db
def test_the_page_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    event = _organiser(client)
    slots = add_slots(event, 4)
    tables = add_tables(event, 4)
    url = f"/events/{event.slug}/manage/schedule/"
    _meetings(event, 2, reason="no_common_slot")
    _meetings(event, 1, start=5, status="scheduled", slot=slots[0], table=tables[0])
    ScheduleRun.objects.create(event=event, status="done", result={"objective": 1, "kept": True})
    with django_assert_max_num_queries(18) as few:
        client.get(url)
    for i in range(3):
        _meetings(event, 20, start=100 + 100 * i, reason="no_free_location")
        _meetings(event, 1, start=190 + 100 * i, status="scheduled", slot=slots[i + 1],
                  table=tables[i + 1])  # fmt: skip
        ScheduleRun.objects.create(event=event, status="done", result={"objective": 2})
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert len(_rows(body)) == MEETINGS_PER_PAGE
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"participant": "Person", "status": "unscheduled", "page": 2})


@pytest.mark.django_db
def test_one_meeting_is_edited_in_its_own_small_form(client):
    event = _organiser(client)
    _s1, s2 = add_slots(event, 2)
    (online,) = add_slots(event, 1, online=True, start=s2.start + timedelta(hours=2))
    _t1, t2 = add_tables(event, 2)
    (m,) = _meetings(event, 1, reason="no_common_slot")
    url = f"/events/{event.slug}/manage/meetings/{m.pk}/"
    page = client.get(url, {"status": "unscheduled", "page": "1", "evil": "x"})
    body = page.content.decode()
    assert page.status_code == 200
    # Only this meeting's choices: on-site slots and the tables; the way back keeps the filters.
    assert body.count("<option value=") == 2 + 1 + 2  # on-site slots, "—", tables
    assert f'<option value="{online.pk}"' not in body
    assert '<input type="hidden" name="back" value="status=unscheduled&amp;page=1">' in body
    assert unscheduled_reason("no_common_slot") in body
    response = client.post(
        url, {"action": "move", "slot": s2.pk, "table": t2.pk, "back": "status=unscheduled"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/manage/schedule/?status=unscheduled"
    m.refresh_from_db()
    assert (m.status, m.slot_id, m.table_id, m.locked, m.reason) == (
        "scheduled", s2.pk, t2.pk, True, "",
    )  # fmt: skip
    # An error comes back to the form, with the filters.
    response = client.post(url, {"action": "move", "back": "reason=no_common_slot"})
    assert response["Location"] == f"{url}?reason=no_common_slot"
    # A forged way back is dropped.
    response = client.post(url, {"action": "lock", "back": "next=https://evil.example"})
    assert response["Location"] == f"/events/{event.slug}/manage/schedule/"


@pytest.mark.django_db
def test_pages_are_404_for_people_who_do_not_organise_the_event(client):
    event = _organiser(client)
    (m,) = _meetings(event, 1)
    run = ScheduleRun.objects.create(event=event, status="done", result={"objective": 0})
    client.logout()
    client.login(email=UserFactory().email, password=PASSWORD)
    base = f"/events/{event.slug}/manage"
    assert client.get(f"{base}/schedule/").status_code == 404
    assert client.get(f"{base}/meetings/{m.pk}/").status_code == 404
    assert client.post(f"{base}/meetings/{m.pk}/", {"action": "cancel"}).status_code == 404
    assert client.post(f"{base}/schedule/runs/{run.pk}/apply/").status_code == 404
    m.refresh_from_db()
    assert m.status == "unscheduled"
    # Another event's meeting or run through this organiser's event: 404 too.
    other = EventFactory()
    (foreign,) = _meetings(other, 1)
    foreign_run = ScheduleRun.objects.create(event=other, status="done")
    client.logout()
    mine = _organiser(client)
    assert client.get(f"/events/{mine.slug}/manage/meetings/{foreign.pk}/").status_code == 404
    assert (
        client.post(f"/events/{mine.slug}/manage/schedule/runs/{foreign_run.pk}/apply/").status_code
        == 404
    )


@pytest.mark.django_db
def test_runs_side_by_side_and_a_worse_one_needs_an_explicit_choice(client):
    event = _organiser(client)
    (slot,) = add_slots(event, 1)
    t1, t2 = add_tables(event, 2)
    m1, m2 = _meetings(event, 2)

    def run(placed):
        return ScheduleRun.objects.create(
            event=event, status="done", progress=100,
            result={"objective": len(placed), "upper_bound": 2, "gap": 2 - len(placed),
                    "percent_of_bound": 50.0 * len(placed), "kept": True},
            assignment={"placed": {str(m.pk): [slot.pk, t.pk] for m, t in placed}, "reasons": {}},
        )  # fmt: skip

    best, worse = run([(m1, t1), (m2, t2)]), run([(m1, t1)])
    url = f"/events/{event.slug}/manage/schedule/"
    body = client.get(url).content.decode()
    assert "the gap is how many a run is short of it" in body
    assert "Apply the best run" in body
    response = client.post(f"{url}runs/{best.pk}/apply/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The run is applied: 2 meetings scheduled."
    ]
    body = response.content.decode()
    row = body[body.index(f'id="run-{worse.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Worse than the schedule in place (2)" in row
    assert (
        'data-confirm="This run places 1 meetings, fewer than the 2 of the schedule in place. '
        'Apply it anyway?"'
    ) in row
    # Without the confirmation the service refuses it, with the figures.
    response = client.post(f"{url}runs/{worse.pk}/apply/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This run places 1 meeting, fewer than the 2 of the schedule in place; confirm to apply "
        "it anyway."
    ]
    assert Meeting.objects.filter(event=event, status="scheduled").count() == 2
    response = client.post(f"{url}runs/{worse.pk}/apply/", {"confirm_worse": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The run is applied: 1 meeting scheduled."
    ]
    assert Meeting.objects.filter(event=event, status="scheduled").count() == 1


@pytest.mark.django_db
def test_publishing_says_how_many_people_are_notified(client):
    event = _organiser(client)
    (slot,) = add_slots(event, 1)
    t1, _t2 = add_tables(event, 2)
    _meetings(event, 2, status="scheduled", slot=slot, table=t1)
    url = f"/events/{event.slug}/manage/schedule/"
    body = client.get(url).content.decode()
    assert '<p id="publish-count">Publishing notifies 4 people.</p>' in body
    assert 'data-confirm="Publish the agendas? 4 people will be notified."' in body
    response = client.post(f"{url}publish/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Agendas published to 4 participants."
    ]
    assert (
        'data-confirm="Publish the changes? 4 people will be notified."'
        in response.content.decode()
    )


@pytest.mark.django_db
def test_running_the_scheduler_from_the_page_sends_back_only_the_run(
    client, django_capture_on_commit_callbacks
):
    event = _organiser(client)
    add_slots(event, 1)
    response = client.post(
        f"/events/{event.slug}/manage/schedule/run/",
        {"profile": "quick", "fairness": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="run-status"') and "<html" not in body
    assert 'hx-trigger="every 2s"' in body
    assert ScheduleRun.objects.get().status == "queued"
    assert MeetingSlot.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_start_from_the_page_reloads_it_with_the_message(client):
    event = _organiser(client)
    add_slots(event, 1)
    ScheduleRun.objects.create(event=event, status="running")
    url = f"/events/{event.slug}/manage/schedule/"
    response = client.post(
        f"{url}run/", {"profile": "quick", "fairness": "on"}, headers={"HX-Request": "true"}
    )
    assert (response.status_code, response["HX-Redirect"]) == (200, url)
    assert [str(m) for m in client.get(url).context["messages"]] == [
        "The scheduler is already running for this event."
    ]
    assert ScheduleRun.objects.count() == 1

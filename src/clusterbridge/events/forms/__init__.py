"""Event forms: they validate, views call the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django_countries import countries

from clusterbridge.events.models import (
    Attendance,
    Event,
    EventKind,
    MeetingSlot,
    MeetingTable,
    OutcomeType,
)
from clusterbridge.events.validators import (
    clean_technology_keywords,
    parse_questions,
    validate_event_dates,
    validate_message,
    validate_satisfaction,
    validate_timezone,
)
from clusterbridge.organisations.models import Organisation
from clusterbridge.taxonomy.models import ClusterCategory, Technology

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CalendarFilterForm(forms.Form):
    when = forms.ChoiceField(choices=[("upcoming", "Upcoming"), ("past", "Past")], required=False)
    kind = forms.ChoiceField(choices=[("", "Any kind"), *EventKind.choices], required=False)
    country = forms.ChoiceField(choices=[("", "Any country"), *countries], required=False)
    sector = forms.ModelChoiceField(
        ClusterCategory.objects.all(), required=False, to_field_name="code",
        empty_label="Any sector",
    )  # fmt: skip
    online = forms.BooleanField(required=False, label="Online or hybrid")

    def filters(self) -> dict:
        d = self.cleaned_data if self.is_valid() else {}
        return {
            "when": d.get("when") or "upcoming",
            "kind": d.get("kind") or "",
            "country": d.get("country") or "",
            "sector": d["sector"].code if d.get("sector") else "",
            "online": bool(d.get("online")),
        }


class EventForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(Organisation.objects.none())
    questions_text = forms.CharField(
        label="Extra registration questions (one per line)", widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )  # fmt: skip

    class Meta:
        model = Event
        fields = [
            "title", "kind", "format", "description", "timezone", "start", "end", "venue",
            "address", "city", "country", "latitude", "longitude", "online_url",
            "target_sectors", "target_countries", "co_organisers", "capacity",
            "admission_policy", "org_cap", "registration_opens", "registration_deadline",
            "decision_deadline", "request_cap", "request_expiry", "image",
        ]  # fmt: skip
        widgets = {
            "start": DT, "end": DT, "registration_opens": DT, "registration_deadline": DT,
            "request_expiry": DT, "decision_deadline": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_sectors": forms.SelectMultiple(attrs={"size": 6}),
        }  # fmt: skip

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisations or Organisation.objects.none()
        if self.instance.pk:
            del self.fields["organiser"]
            self.fields["questions_text"].initial = "\n".join(self.instance.questions)
        self.fields["co_organisers"].queryset = Organisation.objects.filter(status="published")
        self.fields["co_organisers"].required = False

    def clean_timezone(self):
        validate_timezone(self.cleaned_data["timezone"])
        return self.cleaned_data["timezone"]

    def clean_questions_text(self):
        return parse_questions(self.cleaned_data["questions_text"])

    def clean(self):
        data = super().clean()
        try:
            validate_event_dates(
                start=data.get("start"), end=data.get("end"),
                deadline=data.get("registration_deadline"),
            )  # fmt: skip
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field, errors)
        return data

    def event_data(self) -> dict:
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("organiser", "questions_text")
        }
        data["questions"] = self.cleaned_data["questions_text"]
        if not data.get("image"):
            data.pop("image", None)
        return data


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), required=False)
    attendance = forms.ChoiceField(choices=Attendance.choices, initial="onsite")

    def __init__(self, *args, event: Event, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = organisations
        if event.format != "hybrid":
            del self.fields["attendance"]
        for i, q in enumerate(event.questions):
            self.fields[f"q{i}"] = forms.CharField(label=q, max_length=1000)

    def answers(self) -> dict:
        return {q: self.cleaned_data[f"q{i}"] for i, q in enumerate(self.event.questions)}


class SlotsForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(min_value=5, max_value=240, initial=25, label="Meeting length")
    break_minutes = forms.IntegerField(min_value=0, max_value=120, initial=5, label="Break")
    online = forms.BooleanField(required=False, label="Online session")


class SessionForm(forms.Form):
    """A programme session; day and times are in the event's time zone."""

    title = forms.CharField(max_length=200)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, **kwargs):
        # Shown on the manage page next to the slot form, which has day/start/end fields too:
        # distinct element ids keep the labels (and the browser test) pointing at the right form.
        kwargs.setdefault("auto_id", "id_session_%s")
        super().__init__(*args, **kwargs)


class TablesForm(forms.Form):
    count = forms.IntegerField(min_value=0, max_value=2000, label="Number of tables")
    seats = forms.IntegerField(min_value=2, max_value=50, initial=2)


class CardForm(forms.Form):
    offer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    seek = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sectors = forms.ModelMultipleChoiceField(
        ClusterCategory.objects.all(), to_field_name="code", required=False
    )
    technologies = forms.ModelMultipleChoiceField(
        Technology.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple, label="Key enabling technologies",
    )  # fmt: skip
    technology_keywords = forms.CharField(
        required=False, max_length=2000, label="Technology keywords",
        help_text="Free keywords, separated by commas.",
    )  # fmt: skip
    interest_countries = forms.MultipleChoiceField(
        choices=countries, required=False, label="Countries of interest"
    )

    @classmethod
    def initial_for(cls, registration) -> dict:
        """The form's values from the card (itself prefilled from the organisation profile)."""
        return {
            "offer": registration.offer, "seek": registration.seek,
            "sectors": registration.sectors, "technologies": registration.technologies,
            "technology_keywords": ", ".join(registration.technology_keywords),
            "interest_countries": registration.interest_countries,
        }  # fmt: skip

    def clean_technology_keywords(self):
        return clean_technology_keywords(self.cleaned_data["technology_keywords"])

    def card_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["sectors"] = [s.code for s in data["sectors"]]
        data["technologies"] = [t.code for t in data["technologies"]]
        return data


class RequestForm(forms.Form):
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              validators=[validate_message])  # fmt: skip


class MoveForm(forms.Form):
    slot = forms.ModelChoiceField(MeetingSlot.objects.none())
    table = forms.ModelChoiceField(MeetingTable.objects.none(), required=False)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = event.slots.all()
        self.fields["table"].queryset = event.tables.all()


class OutcomeForm(forms.Form):
    held = forms.TypedChoiceField(
        choices=[("1", "Yes, it took place"), ("0", "No")], coerce=lambda v: v == "1"
    )
    outcomes = forms.MultipleChoiceField(
        choices=OutcomeType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(max_length=500, required=False)
    satisfaction = forms.TypedChoiceField(
        choices=[("", "—"), *[(str(i), str(i)) for i in range(1, 6)]], coerce=int,
        empty_value=None, required=False,
    )  # fmt: skip

    def clean_satisfaction(self):
        validate_satisfaction(self.cleaned_data["satisfaction"])
        return self.cleaned_data["satisfaction"]

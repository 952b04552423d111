"""Event forms: they validate, views call the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.common.forms import IdListField, page_field, unknown_value
from clusterbridge.events.models import (
    Attendance,
    Event,
    EventKind,
    MeetingSlot,
    MeetingTable,
    OutcomeType,
)
from clusterbridge.events.reasons import PROFILE_LABELS, UNSCHEDULED
from clusterbridge.events.validators import (
    clean_technology_keywords,
    parse_questions,
    validate_description,
    validate_event_dates,
    validate_event_image,
    validate_message,
    validate_offer,
    validate_profile,
    validate_satisfaction,
    validate_seek,
    validate_timezone,
)
from clusterbridge.organisations.models import Organisation
from clusterbridge.scheduling import DEFAULT_PROFILE, PROFILES
from clusterbridge.taxonomy.models import ClusterCategory, Technology

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CalendarFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"), choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        required=False,
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", _("Any kind")), *EventKind.choices],
        required=False,
    )  # fmt: skip
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", _("Any country")), *countries], required=False
    )
    sector = forms.ModelChoiceField(
        ClusterCategory.objects.all(), required=False, to_field_name="code",
        empty_label=_("Any sector"), label=_("Sector"),
    )  # fmt: skip
    online = forms.BooleanField(required=False, label=_("Online or hybrid"))

    def filters(self) -> dict:
        d = self.cleaned_data if self.is_valid() else {}
        return {
            "when": d.get("when") or "upcoming",
            "kind": d.get("kind") or "",
            "country": d.get("country") or "",
            "sector": d["sector"].code if d.get("sector") else "",
            "online": bool(d.get("online")),
        }


class _CurrentImage:
    def __init__(self, url: str):
        self.url = url

    def __str__(self) -> str:
        return str(_("current image"))


class EventImageInput(forms.ClearableFileInput):
    """Links the current image to its permission-checked URL (events:image), not to /media/."""

    image_url = ""

    def format_value(self, value):
        if self.is_initial(value) and self.image_url:
            return _CurrentImage(self.image_url)
        return super().format_value(value)


class EventForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organiser"),
        help_text=_("The organisation that organises the event; you are one of its members."),
    )  # fmt: skip
    questions_text = forms.CharField(
        label=_("Extra registration questions (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text=_("Every person who registers answers them; at most 10 questions."),
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
        self.fields["co_organisers"].help_text = _("Published organisations that co-organise it.")
        self.fields["capacity"].help_text = _("How many people can be admitted.")
        self.fields["org_cap"].help_text = _(
            "Needed for the admission policy with a cap per organisation."
        )
        self.fields["request_cap"].help_text = _(
            "How many meeting requests one participant may send (matchmaking events)."
        )
        self.fields["online_url"].help_text = _(
            "For online and hybrid events; each online meeting gets its own link below it."
        )
        self.fields["description"].validators.append(validate_description)
        self.fields["image"].widget = EventImageInput()
        if self.instance.pk and self.instance.image:
            self.fields["image"].widget.image_url = reverse(
                "events:image", args=[self.instance.slug]
            )

    def clean_timezone(self):
        validate_timezone(self.cleaned_data["timezone"])
        return self.cleaned_data["timezone"]

    def clean_questions_text(self):
        return parse_questions(self.cleaned_data["questions_text"])

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):  # a new upload, not the stored file
            validate_event_image(image)
        return image

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
        image = data.pop("image", None)
        if image is False:  # "clear" ticked
            data["image"] = ""
        elif isinstance(image, UploadedFile):  # a new upload (an unchanged image is left alone)
            data["image"] = image
        return data


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), required=False, label=_("Organisation"),
        help_text=_("The organisation you represent (your first one if you leave it empty)."),
    )  # fmt: skip
    attendance = forms.ChoiceField(
        choices=Attendance.choices, initial="onsite", label=_("Attendance")
    )

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
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(
        min_value=5, max_value=240, initial=25, label=_("Meeting length (minutes)")
    )
    break_minutes = forms.IntegerField(
        min_value=0, max_value=120, initial=5, label=_("Break between meetings (minutes)")
    )
    online = forms.BooleanField(required=False, label=_("Online session"))


class SessionForm(forms.Form):
    """A programme session; day and times are in the event's time zone."""

    title = forms.CharField(label=_("Title of the session"), max_length=200)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, **kwargs):
        # Shown on the manage page next to the slot form, which has day/start/end fields too:
        # distinct element ids keep the labels (and the browser test) pointing at the right form.
        kwargs.setdefault("auto_id", "id_session_%s")
        super().__init__(*args, **kwargs)


class TablesForm(forms.Form):
    count = forms.IntegerField(min_value=0, max_value=2000, label=_("Number of tables"))
    seats = forms.IntegerField(min_value=2, max_value=50, initial=2, label=_("Seats per table"))


class CardForm(forms.Form):
    offer = forms.CharField(
        label=_("What you offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        validators=[validate_offer],
    )  # fmt: skip
    seek = forms.CharField(
        label=_("What you seek"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        validators=[validate_seek],
    )  # fmt: skip
    sectors = forms.ModelMultipleChoiceField(
        ClusterCategory.objects.all(), to_field_name="code", required=False, label=_("Sectors")
    )
    technologies = forms.ModelMultipleChoiceField(
        Technology.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple, label=_("Key enabling technologies"),
    )  # fmt: skip
    technology_keywords = forms.CharField(
        required=False, max_length=2000, label=_("Technology keywords"),
        help_text=_("Free keywords, separated by commas."),
    )  # fmt: skip
    interest_countries = forms.MultipleChoiceField(
        # A callable: country names in the language of each request, not of the import.
        choices=lambda: list(countries),
        required=False,
        label=_("Countries of interest"),
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
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False, validators=[validate_message])  # fmt: skip


class AvailabilityForm(forms.Form):
    """The slots a participant is not available in (ids of the event's slots)."""

    unavailable = IdListField(required=False)


class MoveForm(forms.Form):
    slot = forms.ModelChoiceField(MeetingSlot.objects.none(), label=_("Slot"))
    table = forms.ModelChoiceField(MeetingTable.objects.none(), required=False, label=_("Table"))

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = event.slots.all()
        self.fields["table"].queryset = event.tables.all()


class _ProfileField(forms.ChoiceField):
    """A choice of time, checked by the validator the service and the API use (its message
    names the choices)."""

    def validate(self, value):
        forms.Field.validate(self, value)
        if value:
            validate_profile(value)


class RunForm(forms.Form):
    """The organiser's settings of a scheduler run (validated again by the service)."""

    profile = _ProfileField(
        label=_("How long the scheduler searches"),
        choices=[(name, PROFILE_LABELS[name]) for name in PROFILES],
        initial=DEFAULT_PROFILE,
        widget=forms.RadioSelect,
    )
    fairness = forms.BooleanField(
        label=_("Fairness floor: a meeting for everyone with an accepted request, whenever the "
                "number of meetings allows it"),
        required=False,
        initial=True,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_run_%s")
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("1", _("Yes, it took place")), ("0", _("No, it did not take place"))],
        coerce=lambda v: v == "1",
    )  # fmt: skip
    outcomes = forms.MultipleChoiceField(
        label=_("Outcomes"), choices=OutcomeType.choices, widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    note = forms.CharField(label=_("Short note"), max_length=500, required=False)
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction (1 poor – 5 excellent)"),
        choices=[("", "—"), *[(str(i), str(i)) for i in range(1, 6)]], coerce=int,
        empty_value=None, required=False,
    )  # fmt: skip

    def clean_satisfaction(self):
        validate_satisfaction(self.cleaned_data["satisfaction"])
        return self.cleaned_data["satisfaction"]


class MeetingFilterForm(forms.Form):
    """The filters of the organiser's meeting list (GET); unknown values are a clear error."""

    STATUS_CHOICES = [
        ("", _("All")),
        ("unscheduled", _("Not scheduled")),
        ("scheduled", _("Scheduled")),
        ("cancelled", _("Cancelled")),
    ]

    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False,
        error_messages={"invalid_choice": unknown_value(_("status"))},
    )  # fmt: skip
    reason = forms.ChoiceField(
        label=_("Why not scheduled"),
        choices=[("", _("Any reason")), *UNSCHEDULED.items()],
        required=False,
        error_messages={"invalid_choice": unknown_value(_("reason"))},
    )
    participant = forms.CharField(
        label=_("Participant (name or organisation)"), max_length=100, required=False
    )
    slot = forms.TypedChoiceField(
        label=_("Slot"), coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": unknown_value(_("slot"))},
    )  # fmt: skip
    page = page_field()

    def __init__(self, *args, slots: list[tuple[int, str]], **kwargs):
        kwargs.setdefault("auto_id", "id_filter_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [("", _("Any slot")), *slots]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "reason": data.get("reason") or "",
            "participant": (data.get("participant") or "").strip(),
            "slot": data.get("slot"),
        }

    def error_list(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        ]


class ApplyRunForm(forms.Form):
    confirm_worse = forms.BooleanField(required=False)

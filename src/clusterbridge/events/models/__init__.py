from .event import AdmissionPolicy, Event, EventFormat, EventKind, ProgrammeSession
from .matchmaking import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    OutcomeType,
    ScheduleRun,
)
from .registration import Attendance, Registration, RegistrationStatus

__all__ = [
    "AdmissionPolicy",
    "Attendance",
    "Event",
    "EventFormat",
    "EventKind",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "MeetingSlot",
    "MeetingTable",
    "OutcomeType",
    "ProgrammeSession",
    "Registration",
    "RegistrationStatus",
    "ScheduleRun",
]

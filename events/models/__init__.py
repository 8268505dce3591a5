from .b2b import B2BItem, B2BProfile, B2BSession, Meeting, MeetingOutcome, MeetingRequest
from .pages import EventIndexPage, EventPage, EventPartner, EventSession, TicketType
from .registrations import Registration
from .snippets import EventSeries, Speaker

__all__ = [
    "B2BItem",
    "B2BProfile",
    "B2BSession",
    "EventIndexPage",
    "EventPage",
    "EventPartner",
    "EventSeries",
    "EventSession",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "Registration",
    "Speaker",
    "TicketType",
]

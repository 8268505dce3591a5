from .pages import EventIndexPage, EventPage, EventPartner, EventSession, TicketType
from .registrations import Registration
from .snippets import EventSeries, Speaker

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventPartner",
    "EventSeries",
    "EventSession",
    "Registration",
    "Speaker",
    "TicketType",
]

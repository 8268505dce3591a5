"""The public side of events: the routes of the event pages (``pages``, with the list's
``filters``), a registration's own pages reached by its signed link (``tickets``), sending a
held place to pay (``checkout``), and B2B matchmaking's pages (``b2b``, ``b2b_requests``,
``b2b_agenda``)."""

from . import b2b, b2b_agenda, b2b_requests, checkout, filters, pages, tickets

__all__ = [
    "b2b",
    "b2b_agenda",
    "b2b_requests",
    "checkout",
    "filters",
    "pages",
    "tickets",
]

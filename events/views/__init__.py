"""The public side of events: the routes of the event pages (``pages``, with the list's
``filters``), a registration's own pages reached by its signed link (``tickets``), and
sending a held place to pay (``checkout``), and B2B matchmaking's pages (``b2b``)."""

from . import b2b, checkout, filters, pages, tickets

__all__ = ["b2b", "checkout", "filters", "pages", "tickets"]

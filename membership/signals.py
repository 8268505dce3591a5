"""Signals the membership line sends for the apps built on it (events, newsletter).

``dashboard_sections``
    Sent while the member dashboard (``/dashboard/``) renders, with ``request``. A receiver
    returns ``None`` or a dict ``{"template": str, "context": dict, "order": int}``; the
    dashboard includes each template with its context, lowest ``order`` first. This is how
    event registrations and newsletter subscriptions appear on the dashboard without
    membership importing those apps.
"""

from django.dispatch import Signal

dashboard_sections = Signal()


def collect_dashboard_sections(request) -> list[dict]:
    sections = []
    for _receiver, section in dashboard_sections.send(sender=None, request=request):
        if section:
            sections.append(section)
    return sorted(sections, key=lambda section: section.get("order", 100))

"""Signals the membership line sends for the apps built on it (events, newsletter).

``dashboard_sections``
    Sent while the member dashboard (``/dashboard/``) renders, with ``request``. A receiver
    returns ``None`` or a dict ``{"template": str, "context": dict, "order": int}``; the
    dashboard includes each template with its context, lowest ``order`` first. This is how
    event registrations and newsletter subscriptions appear on the dashboard without
    membership importing those apps.

``account_erasing``
    Sent while a member deletes their account, inside the deletion's transaction and before
    membership erases its own rows, with ``user`` and ``addresses``: the account's verified
    e-mail addresses, lower-cased (an address the person never proved theirs is not proof that
    rows under it are theirs). Each receiver erases or anonymises what its app holds about the
    person, the rows linked to ``user`` and those under one of ``addresses``, in that same
    transaction: it commits with the deletion or not at all (a receiver that raises undoes
    the whole deletion).
"""

from django.dispatch import Signal

dashboard_sections = Signal()
account_erasing = Signal()


def account_erasing_send(*, user) -> list[str]:
    """Send ``account_erasing`` for ``user``; call inside the deletion's transaction. Returns
    the user's verified addresses, lower-cased, as the receivers got them."""
    verified = user.emailaddress_set.filter(verified=True).values_list("email", flat=True)
    addresses = sorted({address.lower() for address in verified})
    account_erasing.send(sender=None, user=user, addresses=addresses)
    return addresses


def collect_dashboard_sections(request) -> list[dict]:
    sections = []
    for _receiver, section in dashboard_sections.send(sender=None, request=request):
        if section:
            sections.append(section)
    return sorted(sections, key=lambda section: section.get("order", 100))

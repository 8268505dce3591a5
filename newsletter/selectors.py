"""Reads the newsletter's views, admin screens and tasks share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import translation
from wagtail.models import Locale

from .models import (
    Audience,
    Delivery,
    NewsletterIssue,
    Subscriber,
    SuppressedAddress,
    address_hash,
    normalise_email,
)

ARCHIVE_PER_PAGE = 12


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    subscriber_id: int | None = None


def suppressed_hashes() -> set[str]:
    return set(SuppressedAddress.objects.values_list("email_hash", flat=True))


def is_suppressed(email: str) -> bool:
    return SuppressedAddress.objects.filter(email_hash=address_hash(email)).exists()


def _sector_keys(sectors) -> list:
    """Sectors are translatable: a reader who chose the Serbian "ИКТ" is interested in the
    English "ICT" too, so rules match on the translation key."""
    return list(sectors.values_list("translation_key", flat=True))


def audience_recipients(audience: Audience) -> list[Recipient]:
    """Everyone ``audience`` reaches, one entry per address (a subscriber's own row wins
    over the same address as a member or contact), suppressed addresses left out.
    A fixed number of queries, whatever the audience's size."""
    from django.contrib.auth import get_user_model

    from membership.models import ContactPerson, Membership, OrganisationUser

    found: dict[str, Recipient] = {}

    def add(email, name, subscriber_id=None):
        email = normalise_email(email)
        if email and email not in found:
            found[email] = Recipient(email, (name or "").strip(), subscriber_id)

    if audience.include_subscribers:
        subscribers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
        if audience.subscriber_language:
            subscribers = subscribers.filter(language=audience.subscriber_language)
        interest_keys = _sector_keys(audience.interests.all())
        if interest_keys:
            subscribers = subscribers.filter(
                interests__translation_key__in=interest_keys
            ).distinct()
        for pk, email, name in subscribers.order_by("pk").values_list("pk", "email", "name"):
            add(email, name, pk)

    if audience.include_members:
        active = Membership.objects.filter(status=Membership.Status.ACTIVE)
        users = get_user_model().objects.filter(is_active=True).filter(
            Q(pk__in=active.filter(person__isnull=False).values("person_id"))
            | Q(pk__in=OrganisationUser.objects.filter(
                organisation_id__in=active.filter(organisation__isnull=False)
                .values("organisation_id")
            ).values("user_id"))
        )  # fmt: skip
        for email, first, last in users.order_by("pk").values_list(
            "email", "first_name", "last_name"
        ):
            add(email, f"{first} {last}")

    if audience.include_contacts:
        contacts = ContactPerson.objects.exclude(email="")
        sector_keys = _sector_keys(audience.contact_sectors.all())
        if sector_keys:
            contacts = contacts.filter(
                organisation__sectors__translation_key__in=sector_keys
            ).distinct()
        for email, name in contacts.order_by("pk").values_list("email", "name"):
            add(email, name)

    suppressed = suppressed_hashes()
    return [r for r in found.values() if address_hash(r.email) not in suppressed]


def audience_count(audience: Audience) -> int:
    return len(audience_recipients(audience))


def issue_progress(issue: NewsletterIssue) -> dict:
    """Deliveries by status, in one query."""
    counts = dict.fromkeys(Delivery.Status.values, 0)
    rows = issue.deliveries.values("status").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s] for s in Delivery.Status.values)
    counts["done"] = counts["sent"] + counts["failed"] + counts["bounced"]
    return counts


def sectors_for_reader():
    """The sectors in the reader's language, else the default language's."""
    from membership.models import Sector

    locale = Locale.get_active()
    sectors = Sector.objects.filter(locale=locale)
    if not sectors.exists():
        sectors = Sector.objects.filter(locale__language_code=Locale.get_default().language_code)
    return sectors.order_by("name")


def archive_issues(language: str | None = None):
    """Sent issues in the reader's language, newest first, with their PDFs (two queries
    for any number of issues)."""
    language = language or translation.get_language()
    return (
        NewsletterIssue.objects.filter(status=NewsletterIssue.Status.SENT, language=language)
        .only("subject", "slug", "preheader", "sent_at", "language")
        .prefetch_related("attachments__document")
        .order_by("-sent_at", "-pk")
    )


def archive_issue(slug: str) -> NewsletterIssue | None:
    return (
        NewsletterIssue.objects.filter(status=NewsletterIssue.Status.SENT, slug=slug)
        .prefetch_related("attachments__document")
        .first()
    )


def subscriber_export(subscriber: Subscriber) -> dict:
    """Everything stored about a subscriber, for a data-access request."""
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "status": subscriber.status,
        "interests": [str(s) for s in subscriber.interests.all()],
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "unsubscribed_at": (
            subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None
        ),
        "consents": [
            {
                "action": c.action,
                "source": c.source,
                "wording": c.wording,
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "at": c.created_at.isoformat(),
            }
            for c in subscriber.consents.all()
        ],  # fmt: skip
        "deliveries": [
            {
                "issue": d.issue.subject,
                "status": d.status,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "error": d.error,
            }
            for d in subscriber.deliveries.select_related("issue").order_by("pk")
        ],  # fmt: skip
        "suppressed": is_suppressed(subscriber.email),
    }

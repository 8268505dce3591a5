"""Reads the newsletter's views, admin screens and tasks share."""

from __future__ import annotations

import datetime
import functools
import operator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone, translation

from home.locales import language_codes
from membership.models import ContactPerson, Sector
from membership.selectors import member_users
from twins.services import OTHER_SCRIPT

from .models import (
    Audience,
    Consent,
    Delivery,
    NewsletterIssue,
    Subscriber,
    SuppressedAddress,
    address_hash,
    normalise_email,
)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    subscriber_id: int | None = None
    language: str = ""


def subscribers_with_consent() -> QuerySet[Subscriber]:
    """Every subscriber with the record of their consent, annotated from the ``Consent``
    rows (a list or export of any length is one query): where they last asked to subscribe
    or were imported from (``consent_source``), and when their consent last took effect,
    confirmed or imported (``consent_at``)."""
    consents = Consent.objects.filter(subscriber=OuterRef("pk")).order_by("-created_at", "-pk")
    given = consents.filter(action__in=[Consent.Action.REQUESTED, Consent.Action.IMPORTED])
    effective = consents.filter(action__in=[Consent.Action.CONFIRMED, Consent.Action.IMPORTED])
    return Subscriber.objects.annotate(
        consent_source=Subquery(given.values("source")[:1]),
        consent_at=Subquery(effective.values("created_at")[:1]),
    )


def suppressed_hashes() -> set[str]:
    return set(SuppressedAddress.objects.values_list("email_hash", flat=True))


def is_suppressed(*, email: str) -> bool:
    return SuppressedAddress.objects.filter(email_hash=address_hash(email)).exists()


def _sector_keys(sectors) -> list:
    """Sectors are translatable: a reader who chose the Serbian "ИКТ" is interested in the
    English "ICT" too, so rules match on the translation key."""
    return list(sectors.values_list("translation_key", flat=True))


def mailable_subscribers():
    """Subscribers who may be sent an issue: confirmed, with the consent that confirmed them
    (or the import that brought them with their consent) on record."""
    consent = Consent.objects.filter(
        subscriber=OuterRef("pk"), action__in=[Consent.Action.CONFIRMED, Consent.Action.IMPORTED]
    )
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).filter(Exists(consent))


def _member_subscribers() -> Q:
    """Subscribers who are members (``membership.selectors.member_users``): their account
    (a dashboard subscription) or their address is that of a member."""
    users = member_users()
    return Q(user_id__in=users.values("pk")) | Q(
        email_lower__in=users.exclude(email="").annotate(lower=Lower("email")).values("lower")
    )


def _contact_subscribers(audience: Audience) -> Q:
    """Subscribers whose address is that of a contact person of an organisation in the
    audience's sectors (every sector when none is chosen)."""
    contacts = ContactPerson.objects.exclude(email="")
    sector_keys = _sector_keys(audience.contact_sectors.all())
    if sector_keys:
        contacts = contacts.filter(organisation__sectors__translation_key__in=sector_keys)
    return Q(email_lower__in=contacts.annotate(lower=Lower("email")).values("lower"))


def _same_language(language: str) -> set[str]:
    """A language's readers: Serbian is one language, read in either script."""
    return {language, OTHER_SCRIPT.get(language, "")} - {""}


def audience_recipients(*, audience: Audience, language: str | None = None) -> list[Recipient]:
    """``audience_recipients_iter`` as a list."""
    return list(audience_recipients_iter(audience=audience, language=language))


def audience_recipients_iter(*, audience: Audience, language: str | None = None):
    """Everyone ``audience`` reaches, one entry per subscriber, suppressed addresses left
    out; with ``language`` (an issue's), only subscribers who chose it (Serbian: either
    script): a subscriber agreed to receive Infocluster in the language they chose. Every
    rule selects among ``mailable_subscribers``: being a member or an organisation's contact
    person never puts an address on the list by itself. A fixed number of queries, whatever
    the audience's size."""
    parts = []
    if audience.include_subscribers:
        part = Q()
        if audience.subscriber_language:
            # Serbian is one language: its readers of either script get one issue, each
            # in their own script (rendering.rendering_for_reader).
            part &= Q(language__in=_same_language(audience.subscriber_language))
        interest_keys = _sector_keys(audience.interests.all())
        if interest_keys:
            interested = Subscriber.interests.through.objects.filter(
                sector__translation_key__in=interest_keys
            )
            part &= Q(pk__in=interested.values("subscriber_id"))
        parts.append(part)
    if audience.include_members:
        parts.append(_member_subscribers())
    if audience.include_contacts:
        parts.append(_contact_subscribers(audience))
    if not parts:
        return
    # An empty part is every mailable subscriber, which no other part can add to.
    condition = Q() if not all(parts) else functools.reduce(operator.or_, parts)

    subscribers = mailable_subscribers().annotate(email_lower=Lower("email")).filter(condition)
    if language:
        subscribers = subscribers.filter(language__in=_same_language(language))
    rows = subscribers.order_by("pk").values_list("pk", "email", "name", "language")
    suppressed = suppressed_hashes()
    # Read in batches (a server-side cursor on PostgreSQL): a 50,000-reader issue is prepared
    # without all of them in the worker's memory at once.
    for pk, email, name, reader_language in rows.iterator(chunk_size=500):
        recipient = Recipient(normalise_email(email), (name or "").strip(), pk, reader_language)
        if recipient.email and address_hash(recipient.email) not in suppressed:
            yield recipient


def audience_count(*, audience: Audience) -> int:
    return len(audience_recipients(audience=audience))


def issue_recipients(*, issue: NewsletterIssue) -> list[Recipient]:
    """Whom ``issue`` goes to: its audience's subscribers who chose the issue's language."""
    return list(issue_recipients_iter(issue=issue))


def issue_recipients_iter(*, issue: NewsletterIssue):
    """``issue_recipients``, read in batches."""
    if issue.audience_id is None:
        return iter(())
    return audience_recipients_iter(audience=issue.audience, language=issue.language)


def issue_audience_by_language(*, issue: NewsletterIssue) -> list[tuple[str, int]]:
    """How many of the issue's recipients read it in each language (a Serbian issue: each
    script), as (language name, count), the issue's own language first."""
    counts: dict[str, int] = {}
    for recipient in issue_recipients(issue=issue):
        counts[recipient.language] = counts.get(recipient.language, 0) + 1
    names = dict(settings.LANGUAGES)
    order = sorted(counts, key=lambda code: (code != issue.language, code))
    return [(str(names.get(code, code)), counts[code]) for code in order]


# A chunk's rows are "sending" for as long as the send rate lets the chunk take (200 rows
# at 20 a second, shared by every worker: tens of seconds); rows claimed longer ago than this
# belong to a chunk that stopped.
STUCK_AFTER = datetime.timedelta(minutes=2)


def issue_progress(*, issue: NewsletterIssue, now: datetime.datetime | None = None) -> dict:
    """Deliveries by status, in one query; and, while the issue is sending, what holds it
    up: a chunk waiting for its retry (``retry_at``, ``error``, noted by the task) and rows
    claimed by a chunk that stopped (``stuck``, ``stuck_since``, ``requeue_at``: when beat
    puts them back in the queue)."""
    now = now or timezone.now()
    counts = dict.fromkeys(Delivery.Status.values, 0)
    rows = issue.deliveries.values("status").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s] for s in Delivery.Status.values)
    counts["done"] = counts["sent"] + counts["failed"] + counts["bounced"]
    counts.update(stuck=0, stuck_since=None, requeue_at=None, retry_at=None, error="")
    if issue.status != NewsletterIssue.Status.SENDING:
        return counts
    counts["error"] = issue.send_error
    if issue.send_retry_at and issue.send_retry_at > now:
        counts["retry_at"] = issue.send_retry_at
    if counts["sending"]:
        stuck = issue.deliveries.filter(
            status=Delivery.Status.SENDING, claimed_at__lt=now - STUCK_AFTER
        ).aggregate(n=Count("pk"), since=Min("claimed_at"))
        if stuck["n"]:
            counts["stuck"], counts["stuck_since"] = stuck["n"], stuck["since"]
            counts["requeue_at"] = stuck["since"] + datetime.timedelta(
                seconds=settings.NEWSLETTER_SENDING_TIMEOUT
            )
    return counts


def sectors_for_reader(*, language: str | None = None):
    """The sectors a reader chooses among, by name: each once (one per translation key), in
    ``language`` where it is translated, else in the default language. ``language`` is the
    active one when not given (``home.locales``)."""
    codes = language_codes() if language is None else [language, settings.LANGUAGE_CODE]
    reader, default = codes[0], codes[-1]
    translated = Sector.objects.filter(locale__language_code=reader)
    if reader == default:
        return translated.order_by("name")
    untranslated = Q(locale__language_code=default) & ~Q(
        translation_key__in=translated.values("translation_key")
    )
    return Sector.objects.filter(Q(locale__language_code=reader) | untranslated).order_by("name")


def _archived():
    """Issues the public may read: sent, to an audience that was public then (an issue for
    members stays theirs)."""
    return NewsletterIssue.objects.filter(
        status=NewsletterIssue.Status.SENT, in_public_archive=True
    )


def archive_issues(*, language: str | None = None):
    """Sent issues in the reader's language that went to a public audience, newest first,
    with their PDFs (two queries for any number of issues)."""
    language = language or translation.get_language()
    return (
        _archived()
        .filter(language=language)
        .only("subject", "slug", "preheader", "sent_at", "language")
        .prefetch_related("attachments__document")
        .order_by("-sent_at", "-pk")
    )


def archive_issue(*, slug: str) -> NewsletterIssue | None:
    return _archived().filter(slug=slug).prefetch_related("attachments__document").first()


def subscriber_export(*, subscriber: Subscriber) -> dict:
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
        ],
        "deliveries": [
            {
                "issue": d.issue.subject,
                "status": d.status,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "error": d.error,
            }
            for d in subscriber.deliveries.select_related("issue").order_by("pk")
        ],
        "suppressed": is_suppressed(email=subscriber.email),
    }

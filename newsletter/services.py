"""Writes on subscribers: subscribing (double opt-in), confirming, unsubscribing,
preferences, suppression, erasure. Each is one transaction; views, admin screens, webhooks
and tasks all go through these."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import emails
from .models import (
    Consent,
    Delivery,
    SoftBounce,
    Subscriber,
    SuppressedAddress,
    address_hash,
    normalise_email,
)
from .models.subscribers import new_nonce
from .tokens import TokenInvalid, read_confirmation_token, read_unsubscribe_token


class AlreadyUsed(Exception):
    """A confirmation link that has done its work already."""


def _consent(subscriber, *, action, source, wording="", ip=None, user_agent="") -> Consent:
    consent = Consent(
        subscriber=subscriber,
        action=action,
        source=source[:100],
        wording=wording,
        ip_address=ip or None,
        user_agent=(user_agent or "")[:500],
        created_at=timezone.now(),
    )
    consent.full_clean()
    consent.save()
    return consent


def _suppress(email: str, reason: str) -> None:
    suppressed, created = SuppressedAddress.objects.get_or_create(
        email_hash=address_hash(email), defaults={"reason": reason}
    )
    if not created and suppressed.reason != reason:
        suppressed.reason = reason
        suppressed.save(update_fields=["reason"])


def _lift_suppression(email: str) -> None:
    """Only an explicit, confirmed opt-in lifts a suppression (and forgets soft bounces)."""
    SuppressedAddress.objects.filter(email_hash=address_hash(email)).delete()
    SoftBounce.objects.filter(email_hash=address_hash(email)).delete()


def _may_resend(subscriber: Subscriber, now: datetime.datetime) -> bool:
    if subscriber.confirmation_sent_at is None:
        return True
    pause = datetime.timedelta(minutes=settings.NEWSLETTER_CONFIRM_RESEND_MINUTES)
    return now - subscriber.confirmation_sent_at >= pause


def subscription_request(
    *,
    email: str,
    name: str = "",
    language: str,
    interests=(),
    source: str,
    wording: str,
    ip: str | None = None,
    user_agent: str = "",
) -> None:
    """Someone asked to subscribe ``email``. Whatever the address's state, the caller shows
    the same answer: whether it is on the list is nobody else's business. A pending or
    former subscriber gets a new confirmation (at most one per resend pause); a confirmed
    one gets nothing; no second row is ever created."""
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber(email=email, name=name, language=language)
            subscriber.full_clean()
            try:
                # Two requests for one new address race to here; the unique index on
                # Lower(email) lets one win and the other behave as a repeat.
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:
                subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
            else:
                subscriber.interests.set(interests)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return
        if subscriber.status != Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.confirmation_nonce = new_nonce()
        if subscriber.confirmation_sent_at is not None:
            # A repeat request may update what the pending subscription will hold.
            subscriber.name, subscriber.language = name, language
            subscriber.full_clean()
            subscriber.interests.set(interests)
        _consent(
            subscriber,
            action=Consent.Action.REQUESTED,
            source=source,
            wording=wording,
            ip=ip,
            user_agent=user_agent,
        )
        if _may_resend(subscriber, now):
            subscriber.confirmation_sent_at = now
            emails.confirmation_send(subscriber)
        subscriber.save()


def confirmation_resend(*, token: str) -> bool:
    """Someone with an expired confirmation link asks for a new one. It goes, to the
    subscriber's own address, only while the subscription still awaits confirmation, the
    link is the latest one sent, and the resend pause has passed; the old link stops
    working. True when a link was sent. Raises TokenInvalid for a link we did not sign."""
    pk, nonce = read_confirmation_token(token, expired_ok=True)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk).first()
        if (
            subscriber is None
            or subscriber.status != Subscriber.Status.PENDING
            or subscriber.confirmation_nonce != nonce
            or not _may_resend(subscriber, now)
        ):
            return False
        subscriber.confirmation_nonce = new_nonce()
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_nonce", "confirmation_sent_at"])
        emails.confirmation_send(subscriber)
    return True


def subscription_confirm(*, token: str, ip: str | None = None, user_agent: str = "") -> Subscriber:
    """Confirm the subscription a link names. Raises TokenExpired/TokenInvalid for a bad
    link and AlreadyUsed for one that worked before."""
    pk, nonce = read_confirmation_token(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk).first()
        if subscriber is None:
            raise TokenInvalid
        if subscriber.confirmation_nonce != nonce or subscriber.status != Subscriber.Status.PENDING:
            raise AlreadyUsed
        request = subscriber.consents.filter(action=Consent.Action.REQUESTED).last()
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.confirmation_nonce = new_nonce()
        subscriber.full_clean()
        subscriber.save()
        _consent(
            subscriber,
            action=Consent.Action.CONFIRMED,
            source=request.source if request else "link",
            wording=request.wording if request else "",
            ip=ip,
            user_agent=user_agent,
        )
        _lift_suppression(subscriber.email)
    return subscriber


def subscription_member(
    *, user, language: str, wording: str, ip: str | None = None, user_agent: str = ""
) -> Subscriber:
    """A signed-in member subscribes their verified account address in one click: the
    verification already proved the mailbox is theirs, so no second opt-in is needed."""
    email = normalise_email(user.email)
    if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        raise PermissionError(_("Verify your e-mail address first."))
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber(email=email, language=language)
        subscriber.name = subscriber.name or user.get_full_name()[:150]
        subscriber.user = user
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
        subscriber.full_clean()
        subscriber.save()
        _consent(
            subscriber,
            action=Consent.Action.CONFIRMED,
            source="dashboard",
            wording=wording,
            ip=ip,
            user_agent=user_agent,
        )
        _lift_suppression(email)
    return subscriber


def subscriber_unsubscribe(
    *, subscriber: Subscriber, source: str, ip: str | None = None, user_agent: str = ""
) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED):
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.confirmation_nonce = new_nonce()
            subscriber.save()
            _consent(
                subscriber,
                action=Consent.Action.WITHDRAWN,
                source=source,
                ip=ip,
                user_agent=user_agent,
            )
        _suppress(subscriber.email, SuppressedAddress.Reason.UNSUBSCRIBED)
    return subscriber


def unsubscribe_by_token(
    *, token: str, source: str, ip: str | None = None, user_agent: str = ""
) -> Subscriber | None:
    """Unsubscribe whoever the link names; the link is the only authority needed. An
    address that was never a subscriber (a member or contact) is suppressed by its hash.
    Raises TokenInvalid for a forged or damaged link."""
    kind, value = read_unsubscribe_token(token)
    if kind == "h":
        with transaction.atomic():
            SuppressedAddress.objects.get_or_create(
                email_hash=value, defaults={"reason": SuppressedAddress.Reason.UNSUBSCRIBED}
            )
        return None
    subscriber = Subscriber.objects.filter(pk=value).first()
    if subscriber is None:
        return None  # erased meanwhile: already suppressed
    return subscriber_unsubscribe(
        subscriber=subscriber, source=source, ip=ip, user_agent=user_agent
    )


def subscriber_update_preferences(
    *, subscriber: Subscriber, name: str, language: str, interests
) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.name, subscriber.language = name, language
        subscriber.full_clean()
        subscriber.save()
        subscriber.interests.set(interests)
    return subscriber


def _delivery_bounced(message_id: str) -> None:
    if message_id:
        Delivery.objects.filter(message_id=message_id).update(status=Delivery.Status.BOUNCED)


def address_suppress(*, email: str, reason: str, message_id: str = "") -> None:
    """The provider reported a bounce or complaint: never mail the address again."""
    email = normalise_email(email)
    status = {
        SuppressedAddress.Reason.BOUNCED: Subscriber.Status.BOUNCED,
        SuppressedAddress.Reason.COMPLAINED: Subscriber.Status.COMPLAINED,
    }[reason]
    with transaction.atomic():
        if email:
            _suppress(email, reason)
            Subscriber.objects.filter(email__iexact=email).update(
                status=status, unsubscribed_at=timezone.now()
            )
        if reason == SuppressedAddress.Reason.BOUNCED:
            _delivery_bounced(message_id)


def address_soft_bounce(*, email: str, message_id: str = "") -> bool:
    """The provider reported a temporary failure: count it, and suppress the address as
    bounced once ``NEWSLETTER_SOFT_BOUNCE_LIMIT`` have arrived within
    ``NEWSLETTER_SOFT_BOUNCE_DAYS``. True when this one suppressed it."""
    email = normalise_email(email)
    if not email:
        return False
    digest = address_hash(email)
    since = timezone.now() - datetime.timedelta(days=settings.NEWSLETTER_SOFT_BOUNCE_DAYS)
    with transaction.atomic():
        _delivery_bounced(message_id)
        if message_id:
            _, created = SoftBounce.objects.get_or_create(email_hash=digest, message_id=message_id)
            if not created:
                return False  # the same message reported again
        else:
            SoftBounce.objects.create(email_hash=digest)
        SoftBounce.objects.filter(email_hash=digest, created_at__lt=since).delete()
        recent = SoftBounce.objects.filter(email_hash=digest).count()
        if recent < settings.NEWSLETTER_SOFT_BOUNCE_LIMIT:
            return False
        address_suppress(email=email, reason=SuppressedAddress.Reason.BOUNCED)
    return True


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Erase a subscriber's personal data (the right to erasure): the row and its consent
    records go; ``subscriber_erased`` keeps the rest consistent."""
    with transaction.atomic():
        subscriber.delete()


def subscriber_erased(*, email: str) -> None:
    """After any deletion of a subscriber (this service, the admin's delete, a bulk delete):
    the address survives only as a hash on the suppression list, so no import or silent
    re-subscription brings it back, and past deliveries keep their counts but lose the
    address and name."""
    with transaction.atomic():
        _suppress(email, SuppressedAddress.Reason.ERASED)
        SoftBounce.objects.filter(email_hash=address_hash(email)).delete()
        Delivery.objects.filter(email=normalise_email(email)).update(
            email=address_hash(email), name="", subscriber=None
        )

"""What the newsletter does when other apps send their signals."""

import logging
import re

from django.dispatch import receiver
from django.urls import reverse

from membership.signals import account_erasing

from . import privacy, services
from .forms import DASHBOARD_WORDING
from .models import Subscriber, SuppressedAddress
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)


def dashboard_section(sender, request, **kwargs):
    """The member dashboard's newsletter box: one click subscribes the account address."""
    user = request.user
    if not user.is_authenticated or not user.email:
        return None
    subscriber = Subscriber.objects.filter(
        email__iexact=user.email, status=Subscriber.Status.CONFIRMED
    ).first()
    context = {
        "subscribed": subscriber is not None,
        "email": user.email,
        "wording": DASHBOARD_WORDING,
    }
    if subscriber is not None:
        token = unsubscribe_token(subscriber_id=subscriber.pk)
        context["preferences_url"] = reverse("newsletter:preferences", args=[token])
        context["unsubscribe_url"] = reverse("newsletter:unsubscribe", args=[token])
    return {"template": "newsletter/dashboard_section.html", "context": context, "order": 50}


# An SMTP reply or enhanced status code (RFC 3463) in the provider's report: class 4 is
# temporary, class 5 permanent.
_SMTP_CODE = re.compile(r"(?<![\d.])([245])(?:\d\d|\.\d{1,3}\.\d{1,3})(?![\d.])")
# Reasons that speak of the address itself; the others (blocked by a policy or a list, spam
# filters, time-outs, viruses) speak of the sending side or of the moment.
_PERMANENT_REASONS = {"bounced", "invalid"}


def bounce_is_temporary(event) -> bool:
    """Whether a bounce or rejection is a soft one, by what the provider says: Postmark's
    ``SoftBounce`` type, anymail's normalised reason, or the SMTP code in the response."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if raw.get("Type") == "SoftBounce":
        return True
    if event.reject_reason and event.reject_reason not in _PERMANENT_REASONS:
        return True
    code = _SMTP_CODE.search(event.mta_response or "")
    return code is not None and code.group(1) == "4"


def esp_tracking_event(sender, event, esp_name, **kwargs):
    """anymail's tracking webhook (authenticated by ANYMAIL's WEBHOOK_SECRET): a hard bounce
    or a complaint suppresses the address for good, soft bounces only when they repeat
    (``services.address_soft_bounce``); an unsubscribe through the provider's own link
    counts like ours."""
    if event.event_type in ("bounced", "rejected") and event.recipient:
        message_id = event.message_id or ""
        if bounce_is_temporary(event):
            suppressed = services.address_soft_bounce(email=event.recipient, message_id=message_id)
            kind = "a soft bounce (suppressed after repeating)" if suppressed else "a soft bounce"
        else:
            services.address_suppress(
                email=event.recipient,
                reason=SuppressedAddress.Reason.BOUNCED,
                message_id=message_id,
            )
            kind = "a hard bounce"
        logger.info("newsletter: %s reported %s for a recipient", esp_name, kind)
    elif event.event_type == "complained" and event.recipient:
        services.address_suppress(
            email=event.recipient,
            reason=SuppressedAddress.Reason.COMPLAINED,
            message_id=event.message_id or "",
        )
        logger.info("newsletter: %s reported a complaint for a recipient", esp_name)
    elif event.event_type == "unsubscribed" and event.recipient:
        for subscriber in Subscriber.objects.filter(email__iexact=event.recipient):
            services.subscriber_unsubscribe(subscriber=subscriber, source=f"{esp_name} webhook")


def subscriber_deleted(sender, instance, **kwargs):
    services.subscriber_erased(email=instance.email)


# Connected here rather than in apps.py: this module is imported by NewsletterConfig.ready().
@receiver(account_erasing, dispatch_uid="newsletter_account_erasing")
def erase_account_subscriptions(sender, user, addresses, **kwargs) -> None:
    """A member deletes their account (``membership.signals.account_erasing``): their
    subscriptions are erased like any other (``privacy.subscriptions_erase``)."""
    privacy.subscriptions_erase(user=user, addresses=addresses)

"""What the newsletter does when other apps send their signals."""

import logging

from django.urls import reverse

from .models import Subscriber, SuppressedAddress

logger = logging.getLogger(__name__)


def dashboard_section(sender, request, **kwargs):
    """The member dashboard's newsletter box: one click subscribes the account address."""
    from .forms import DASHBOARD_WORDING
    from .tokens import unsubscribe_token

    user = request.user
    if not user.is_authenticated or not user.email:
        return None
    subscriber = Subscriber.objects.filter(
        email__iexact=user.email, status=Subscriber.Status.CONFIRMED
    ).first()
    context = {"subscribed": subscriber is not None, "email": user.email,
               "wording": DASHBOARD_WORDING}  # fmt: skip
    if subscriber is not None:
        token = unsubscribe_token(subscriber_id=subscriber.pk)
        context["preferences_url"] = reverse("newsletter:preferences", args=[token])
        context["unsubscribe_url"] = reverse("newsletter:unsubscribe", args=[token])
    return {"template": "newsletter/dashboard_section.html", "context": context, "order": 50}


def esp_tracking_event(sender, event, esp_name, **kwargs):
    """anymail's tracking webhook (authenticated by ANYMAIL's WEBHOOK_SECRET): a bounce,
    a rejection or a complaint suppresses the address for good; an unsubscribe through the
    provider's own link counts like ours."""
    from . import services

    reasons = {
        "bounced": SuppressedAddress.Reason.BOUNCED,
        "rejected": SuppressedAddress.Reason.BOUNCED,
        "complained": SuppressedAddress.Reason.COMPLAINED,
    }
    if event.event_type in reasons and event.recipient:
        services.address_suppress(
            email=event.recipient, reason=reasons[event.event_type],
            message_id=event.message_id or "",
        )  # fmt: skip
        logger.info("newsletter: %s reported %s for a recipient", esp_name, event.event_type)
    elif event.event_type == "unsubscribed" and event.recipient:
        for subscriber in Subscriber.objects.filter(email__iexact=event.recipient):
            services.subscriber_unsubscribe(subscriber=subscriber, source=f"{esp_name} webhook")


def subscriber_deleted(sender, instance, **kwargs):
    from . import services

    services.subscriber_erased(email=instance.email)

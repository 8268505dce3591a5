import logging
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .invoices import invoice_pdf
from .models import Payment, StripeEvent

logger = logging.getLogger(__name__)

# Event type -> the service that re-reads the session and applies it.
EVENT_HANDLERS = {
    "checkout.session.completed": services.payment_confirm,
    "checkout.session.async_payment_succeeded": services.payment_confirm,
    "checkout.session.expired": services.payment_expire,
    "checkout.session.async_payment_failed": services.payment_fail,
}


# Stripe's Checkout Session ids: "cs_", the mode, and letters and digits.
_SESSION_ID = re.compile(r"cs_[A-Za-z0-9_]{1,250}")


class _UnknownSession(Exception):
    pass


def _text(body: str, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's webhook: verify the signature, record the event id, confirm via a service.

    Answers 400 for anything that is not a verified, well-formed event about one of our
    sessions (nothing is stored then), 200 for events done now, before, or not handled, and
    503 while the site has no webhook secret (Stripe delivers again later).
    """
    import stripe  # Only here: see payments.services.

    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        # Say so in the log, for staff; the caller learns nothing about the configuration.
        logger.error("Stripe webhook called, but the site has no webhook secret set.")
        return _text("Webhook not available.", 503)
    try:
        event = stripe.Webhook.construct_event(
            request.body, request.headers.get("Stripe-Signature"), secret
        )
    except stripe.SignatureVerificationError as exc:
        logger.info("Stripe webhook with a bad signature: %s", exc)
        return _text("Invalid signature.", 400)
    # A body that is not UTF-8 or not JSON raises ValueError; a JSON value that is not an
    # object (a list, a number) fails in the library with AttributeError or TypeError.
    except (ValueError, AttributeError, TypeError):
        return _text("Malformed payload.", 400)

    event_id, event_type, session_id = _event_fields(event)
    if not event_id or not event_type:
        return _text("Malformed event: no id or type.", 400)
    handler = EVENT_HANDLERS.get(event_type)
    if handler is None:
        return _text(f"Ignored event type {event_type}.")
    if not session_id:
        return _text("Malformed event: no checkout session.", 400)

    try:
        # Recording the event and applying it commit together: a failure leaves neither,
        # and Stripe's retry finds the event unrecorded.
        with transaction.atomic():
            _, created = StripeEvent.objects.get_or_create(
                event_id=event_id, defaults={"type": event_type}
            )
            if not created:
                return _text("Event already processed.")
            try:
                handler(session_id=session_id)
            except Payment.DoesNotExist:
                raise _UnknownSession from None
    except _UnknownSession:
        return _text(f"Unknown checkout session {session_id}.", 400)
    except services.PaymentError as exc:
        logger.warning("Stripe webhook %s not processed: %s", event_id, exc)
        return _text("Stripe could not be reached; deliver the event again later.", 503)
    return _text("OK")


def _event_fields(event) -> tuple[str, str, str]:
    raw = event.to_dict()
    event_id = raw.get("id")
    event_type = raw.get("type")
    data = raw.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    session_id = obj.get("id") if isinstance(obj, dict) else None
    return (
        event_id if isinstance(event_id, str) else "",
        event_type if isinstance(event_type, str) else "",
        session_id if isinstance(session_id, str) else "",
    )


@never_cache
@require_GET
def checkout_success(request):
    """Where Stripe sends the customer back. Read-only: only the webhook confirms."""
    session_id = request.GET.get("session_id", "")
    payment = None
    if session_id:
        # Only something shaped like Stripe's ids reaches the database.
        if not _SESSION_ID.fullmatch(session_id):
            raise Http404
        payment = get_object_or_404(Payment, stripe_checkout_session_id=session_id)
    return render(request, "payments/checkout_success.html", {"payment": payment})


@require_GET
def checkout_cancelled(request):
    return render(request, "payments/checkout_cancelled.html")


@login_required
@require_GET
def invoice_download(request, pk: int):
    """The account's own invoice as a PDF; anyone else's is a 404, as is an unknown one."""
    invoice = selectors.invoice_for_user(user=request.user, pk=pk)
    if invoice is None:
        raise Http404
    return invoice_response(invoice)


def invoice_response(invoice) -> HttpResponse:
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

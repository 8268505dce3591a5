"""A registration's own page, reached through the signed link in every e-mail (or from the
dashboard): the ticket with its QR code, confirming the e-mail, paying, cancelling. The
token is the authority, so people without an account manage their registration too."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from association.throttle import throttle
from payments.forms import BankTransferForm
from payments.invoices import InvoiceError

from .. import services, tickets
from ..models import Registration
from .checkout import start_payment


def _registration_or_404(token: str) -> Registration:
    pk = tickets.registration_pk_from_token(token)
    registration = (
        Registration.objects.select_related("event", "ticket_type").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if registration is None:
        raise Http404(_("This registration link is not valid."))
    return registration


# A person's registration and ticket, which change with it: never in a shared cache.
@never_cache
@require_GET
def registration_detail(request, token):
    registration = _registration_or_404(token)
    shows_ticket = registration.status in Registration.ATTENDING
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "qr_svg": tickets.qr_svg(registration.code) if shows_ticket else "",
            "shows_ticket": shows_ticket,
            "can_pay": _can_pay(registration),
            "bank_price": _bank_price(registration) if _can_pay(registration) else None,
        },
    )


def _can_pay(registration: Registration) -> bool:
    now = timezone.now()
    return registration.needs_payment and (registration.hold_expires_at or now) > now


def _bank_price(registration: Registration):
    return registration.ticket_type.price_rsd_for(is_member=registration.is_member_price)


@require_http_methods(["GET", "POST"])
def registration_pay_bank(request, token):
    """Pay a held place by bank transfer: the buyer's details, then a pro-forma invoice
    (mailed) that holds the place until its due date."""
    registration = _registration_or_404(token)
    amount = _bank_price(registration)
    if not _can_pay(registration) or not amount:
        messages.info(request, _("This registration cannot be paid by bank transfer."))
        return redirect("events:registration", token=token)
    form = BankTransferForm(
        request.POST or None,
        initial={"name": registration.organisation_name or registration.name},
    )
    if request.method == "POST":
        throttle(request, "bank_transfer", address=registration.email)
        if form.is_valid():
            try:
                services.registration_pay_by_bank(
                    registration=registration,
                    amount=amount,
                    buyer=form.buyer(email=registration.email),
                )
            except InvoiceError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "The pro-forma invoice is on its way to %(email)s; your place is held "
                        "until its due date."
                    )
                    % {"email": registration.email},
                )
                return redirect("events:registration", token=token)
    return render(
        request,
        "events/registration_pay_bank.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "form": form,
            "amount": amount,
        },
    )


def _run(request, token, action, success: str):
    registration = _registration_or_404(token)
    try:
        action(registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
        response = redirect("events:registration", token=token)
        return response
    messages.success(request, success)
    return redirect("events:registration", token=token)


@require_POST
def registration_confirm(request, token):
    return _run(
        request,
        token,
        lambda registration: services.registration_confirm_email(registration=registration),
        _("Thank you: your e-mail address is confirmed."),
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    """GET asks to confirm, showing what will be cancelled; the confirming POST cancels."""
    if request.method == "POST":
        return _run(
            request,
            token,
            lambda registration: services.registration_cancel(registration=registration),
            _("Your registration is cancelled."),
        )
    registration = _registration_or_404(token)
    reason = services.cancel_refusal(registration)
    if reason is not None:
        messages.info(request, reason)
        return redirect("events:registration", token=token)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event, "token": token},
    )


@require_POST
def registration_pay(request, token):
    registration = _registration_or_404(token)
    now = timezone.now()
    if not registration.needs_payment or (registration.hold_expires_at or now) <= now:
        messages.info(request, _("This registration has nothing to pay."))
        return redirect("events:registration", token=token)
    return start_payment(request, registration, fallback=tickets.manage_path(registration))


@require_GET
def registration_qr(request, token):
    registration = _registration_or_404(token)
    response = HttpResponse(tickets.qr_svg(registration.code), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response

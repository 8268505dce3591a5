"""The bank-transfer screens of the admin: the open pro-formas, recording money received for
one, and importing a bank statement. Both record through ``bank.payment_mark_received``, the
one path that confirms a bank transfer."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..bank import BankPaymentError, payment_mark_received
from ..invoices import InvoiceError, credit_note_issue
from ..models import Invoice, Payment
from .forms import MarkReceivedForm, StatementImportForm, parse_amount, parse_day

RECORD_PERMISSION = "payments.record_bank_payment"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@require_http_methods(["GET"])
def bank_transfers(request):
    """Open bank transfers (oldest due first), each with its record button, and the import."""
    _require(request, RECORD_PERMISSION)
    payments = (
        Payment.objects.filter(
            method=Payment.Method.BANK_TRANSFER,
            status__in=[Payment.Status.CREATED, Payment.Status.NEEDS_REVIEW],
        )
        .order_by("due_on", "pk")
        .prefetch_related("invoices")
    )
    return TemplateResponse(
        request,
        "payments/admin/bank_transfers.html",
        {"payments": payments, "import_form": StatementImportForm()},
    )


@require_http_methods(["GET", "POST"])
def mark_received(request, pk: int):
    _require(request, RECORD_PERMISSION)
    payment = get_object_or_404(Payment, pk=pk, method=Payment.Method.BANK_TRANSFER)
    form = MarkReceivedForm(request.POST or None, initial={"amount": payment.amount})
    if request.method == "POST" and form.is_valid():
        try:
            payment, confirmed = payment_mark_received(
                payment=payment,
                amount=form.cleaned_data["amount"],
                received_on=form.cleaned_data["received_on"],
                bank_reference=form.cleaned_data["bank_reference"],
            )
        except BankPaymentError as error:
            form.add_error("amount", error.messages)
        else:
            if confirmed:
                messages.success(
                    request, _("Payment recorded: %(payment)s.") % {"payment": payment.description}
                )
            elif payment.status == Payment.Status.NEEDS_REVIEW:
                messages.warning(
                    request,
                    _(
                        "The money was recorded but what it paid for no longer waits for it: "
                        "the payment needs review."
                    ),
                )
            else:
                messages.info(request, _("This payment was already recorded."))
            return redirect("payments_bank_transfers")
    return TemplateResponse(
        request, "payments/admin/mark_received.html", {"payment": payment, "form": form}
    )


def _normalise_reference(text: str) -> str:
    return re.sub(r"[\s\-]", "", text)


def _find_payment(reference: str) -> Payment | None:
    if not reference:
        return None
    candidates = [reference]
    # A statement may print the model in front of the reference.
    if reference.startswith("97"):
        candidates.append(reference[2:])
    return (
        Payment.objects.filter(method=Payment.Method.BANK_TRANSFER, reference__in=candidates)
        .order_by("pk")
        .first()
    )


@require_http_methods(["POST"])
def statement_import(request):
    """Each row of the statement is matched by its reference and recorded through the same
    service as the form; a row without a known reference, with another amount, or
    otherwise unreadable is listed for staff and never confirmed."""
    _require(request, RECORD_PERMISSION)
    form = StatementImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("statement", []):
            messages.error(request, error)
        return redirect("payments_bank_transfers")
    results = []
    for number, row in enumerate(form.cleaned_data["statement"], start=2):
        day = parse_day(row.get("date", ""))
        amount = parse_amount(row.get("amount", ""))
        reference = _normalise_reference(row.get("reference", ""))
        result = {"line": number, "row": row, "payment": None}
        if day is None or amount is None:
            result["outcome"] = _("Unreadable date or amount: left for staff.")
        elif (payment := _find_payment(reference)) is None:
            result["outcome"] = _("No pro-forma has this reference: left for staff.")
        else:
            result["payment"] = payment
            try:
                payment, confirmed = payment_mark_received(
                    payment=payment,
                    amount=amount,
                    received_on=day,
                    bank_reference=row.get("bank_reference", "") or reference,
                )
            except BankPaymentError as error:
                result["outcome"] = " ".join(error.messages)
            else:
                if confirmed:
                    result["outcome"] = _("Recorded: paid.")
                    result["confirmed"] = True
                elif payment.status == Payment.Status.NEEDS_REVIEW:
                    result["outcome"] = _("Recorded, but it needs review.")
                else:
                    result["outcome"] = _("Already recorded before.")
        results.append(result)
    return TemplateResponse(request, "payments/admin/statement_result.html", {"results": results})


@require_http_methods(["GET"])
def invoice_download(request, pk: int):
    _require(request, "payments.view_invoice")
    invoice = get_object_or_404(Invoice, pk=pk)
    from ..views import invoice_response

    return invoice_response(invoice)


@require_http_methods(["POST"])
def credit_note_create(request, pk: int):
    """Cancel an invoice in full with a credit note (the invoice itself never changes)."""
    _require(request, RECORD_PERMISSION)
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        note = credit_note_issue(invoice=invoice)
    except InvoiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Credit note %(number)s issued.") % {"number": note.number})
    return redirect("payments_invoices:inspect", invoice.pk)

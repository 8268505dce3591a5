"""Reads of payments and invoices."""

from .models import Invoice


def invoices_for_user(*, user):
    """The account's own pro-formas, invoices and credit notes, newest first."""
    return list(
        Invoice.objects.filter(owner=user).select_related("payment").order_by("-created_at", "-pk")
    )


def invoice_for_user(*, user, pk: int) -> Invoice | None:
    return Invoice.objects.filter(owner=user, pk=pk).first()

from celery import shared_task

from .bank import bank_transfers_expire


@shared_task(
    name="payments.send_invoice_mail",
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_invoice_mail(invoice_id: int) -> None:
    """Mail one pro-forma or invoice with its PDF (``emails.invoice_mail``)."""
    from .emails import invoice_mail
    from .models import Invoice

    invoice = Invoice.objects.filter(pk=invoice_id).select_related("payment").first()
    if invoice is not None and invoice.buyer_email:
        invoice_mail(invoice).send()


@shared_task(name="payments.expire_bank_transfers")
def expire_bank_transfers() -> int:
    """Beat: pro-formas unpaid after their due date release what they held."""
    return bank_transfers_expire()

"""Demo invoicing: the association's invoicing details, a dinar price on the paid level, and
two organisations paying by bank transfer, one paid (its invoice issued, the membership
active) and one still waiting on its pro-forma (with its QR code). No mail leaves: the demo
buyers have no address. Idempotent: the demo's documents are found by their buyers."""

from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Site

from membership.models import Membership, MembershipLevel, Organisation
from payments.bank import bank_transfer_start, payment_mark_received
from payments.invoices import Buyer
from payments.models import Invoice, InvoicingSettings

DETAILS = {
    "legal_name": "Udruženje klastera Srbije",
    "address": "Bulevar kralja Aleksandra 73",
    "city": "11000 Beograd",
    "pib": "100002887",
    "mb": "07005466",
    "bank_account": "160-5100000123456-65",
    "bank_name": "Banca Intesa",
    "vat_rate": Decimal("0"),
    "vat_exemption_note": "Udruženje nije u sistemu PDV-a.",
    "days_to_pay": 8,
    "currency": "RSD",
    "payment_code": "221",
}
PAID_LEVEL_RSD = Decimal("14400.00")
BUYERS = [
    ("104052135", "07042701", True),
    ("101670560", "", False),
]


def seed_invoicing() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "Invoicing skipped: no default site."
    details = InvoicingSettings.for_site(site)
    if not details.is_complete:
        for field, value in DETAILS.items():
            setattr(details, field, value)
        details.full_clean()
        details.save()
    MembershipLevel.objects.filter(yearly_price__gt=0, yearly_price_rsd__isnull=True).update(
        yearly_price_rsd=PAID_LEVEL_RSD
    )
    level = (
        MembershipLevel.objects.filter(yearly_price_rsd__isnull=False)
        .order_by("sort_order", "pk")
        .first()
    )
    organisations = list(
        Organisation.objects.filter(is_published=True)
        .exclude(Q(memberships__status=Membership.Status.PENDING_PAYMENT))
        .order_by("pk")[: len(BUYERS)]
    )
    # The buyers read Serbian Latin: their documents name the level in it.
    latin = Locale.objects.filter(language_code="sr-latn").first()
    named = (level.get_translation_or_none(latin) if level and latin else None) or level
    made = 0
    for (pib, mb, paid), organisation in zip(BUYERS, organisations, strict=False):
        if level is None or Invoice.objects.filter(buyer_pib=pib).exists():
            continue
        membership = Membership.objects.create(
            organisation=organisation, level=level, status=Membership.Status.PENDING_PAYMENT
        )
        payment = bank_transfer_start(
            payable=membership,
            amount=level.yearly_price_rsd,
            currency="RSD",
            description=f"{named.name}, {timezone.localdate().year}",
            buyer=Buyer(
                name=organisation.name,
                address=", ".join(p for p in (organisation.address, organisation.city) if p),
                pib=pib,
                mb=mb,
            ),
            language="sr-latn",
        )
        if paid:
            payment_mark_received(
                payment=payment,
                amount=payment.amount,
                received_on=payment.created_at.date(),
                bank_reference="DEMO-IZVOD-1",
            )
        made += 1
    return f"Invoicing: details set, {made} demo bank transfer(s) made."

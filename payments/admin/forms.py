import csv
import datetime
import io
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STATEMENT_MAX_BYTES = 2 * 1024 * 1024
STATEMENT_COLUMNS = ("date", "amount", "reference", "payer", "bank_reference")


class MarkReceivedForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount received"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate)
    bank_reference = forms.CharField(
        label=_("Bank's reference"),
        max_length=100,
        help_text=_("The statement's reference of the transfer, so it can be found again."),
    )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The money cannot have arrived in the future."))
        return day


def parse_day(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y."):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse_amount(text: str) -> Decimal | None:
    """``1234.50``, ``1234,50`` or ``1.234,50`` (the Serbian banks' way)."""
    text = text.strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


class StatementImportForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_(
            "UTF-8 CSV with a header row: date, amount, reference, and optionally payer and "
            "bank_reference. Rows are matched to pro-formas by the reference number."
        ),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > STATEMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        sample = text[:2048]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        headings = [name.strip().lower() for name in (reader.fieldnames or [])]
        missing = [name for name in STATEMENT_COLUMNS[:3] if name not in headings]
        if missing:
            raise forms.ValidationError(
                _("The header row lacks: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        rows = []
        for row in reader:
            # Surplus cells land under the key None as a list: they are not ours to read.
            rows.append(
                {
                    key.strip().lower(): (value or "").strip()
                    for key, value in row.items()
                    if key is not None and not isinstance(value, list)
                }
            )
        return rows

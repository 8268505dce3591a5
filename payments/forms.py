"""The buyer's details asked when someone chooses bank transfer (any payable)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .invoices import Buyer
from .models import validate_mb, validate_pib


class BankTransferForm(forms.Form):
    name = forms.CharField(label=_("Invoice to (name)"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    pib = forms.CharField(
        label=_("PIB"),
        max_length=9,
        required=False,
        validators=[validate_pib],
        help_text=_("For an organisation: its tax number, nine digits."),
    )
    mb = forms.CharField(
        label=_("Registration number (MB)"),
        max_length=8,
        required=False,
        validators=[validate_mb],
        help_text=_("For an organisation: eight digits."),
    )

    def buyer(self, *, email: str) -> Buyer:
        data = self.cleaned_data
        return Buyer(
            name=data["name"],
            address=data["address"],
            pib=data["pib"].strip(),
            mb=data["mb"].strip(),
            email=email,
        )

"""Serbian payment identifiers and the NBS IPS QR code printed on pro-forma invoices.

Every rule cited here is from the National Bank of Serbia's published specification of the
NBS IPS QR code (the decision on general rules for instant credit transfers, its annex on the
QR code) and its recommendations for payees (nbs.rs/QRcode/info_g_lat.html: the tags, and
info_lat.html: the mandatory fields):

- each field is ``TAG:value``; fields are joined by ``|``; no delimiter, space or newline
  before the first or after the last field; optional tags without a value are left out
  (``|S:|`` is not allowed);
- ``K:PR`` (a payee's code, e.g. on an invoice), ``V:01``, ``C:1`` (UTF-8), in that order;
- ``R``: the payee's account as 18 digits: bank (3), account (13, its middle part padded on
  the left with zeros), control (2);
- ``N``: the payee's name and seat, at most 70 characters, at most three lines separated by
  a line feed;
- ``I``: the currency code and the amount: ``RSD`` followed by the amount with a decimal comma,
  no thousands separator, at most two decimals (``RSD3596,13``);
- ``SF``: the three-digit payment code of the NBS payment-order decision (its annex 3); the
  first digit is 1 (cash) or 2 (non-cash), e.g. 221 (goods and services), 289 (orders of
  citizens), 290 (other transactions);
- ``S``: the purpose of payment, at most 35 characters;
- ``RO``: the credit reference: its model (two digits) followed by the reference number; the
  validator NBS offers rejects more than 25 characters, which we keep to. Model 97's
  reference starts with two control digits (ISO 7064 MOD 97-10) and is digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NAME_MAX = 70
NAME_LINES_MAX = 3
PURPOSE_MAX = 35
REFERENCE_FIELD_MAX = 25
AMOUNT_FIELD_MAX = 18
# IPS is the dinar instant-payment system: the code carries dinars only.
CURRENCIES = ("RSD",)

_ACCOUNT = re.compile(r"^(\d{3})-?(\d{1,13})-?(\d{2})$")
_PAYMENT_CODE = re.compile(r"^[12]\d{2}$")


class IpsError(ValueError):
    """A value that cannot be written into an NBS IPS QR code as the specification says."""


# -- ISO 7064 check digits ---------------------------------------------------------------


def mod97_control(digits: str) -> str:
    """The two control digits of ISO 7064 MOD 97-10 for ``digits``: 98 - (n * 100 mod 97).

    Serbian model 97 puts them in front of the reference; the account number's last two
    digits are the same check over its first 16."""
    if not digits.isdigit():
        raise IpsError("Only digits have a MOD 97-10 control number.")
    return f"{98 - (int(digits) * 100) % 97:02d}"


def mod97_valid(digits: str) -> bool:
    """A number whose control digits are in place leaves 1 in MOD 97-10."""
    return digits.isdigit() and int(digits) % 97 == 1


def reference_97(base: str) -> str:
    """A model-97 credit reference: the control digits of ``base`` then ``base``."""
    return mod97_control(base) + base


def reference_97_valid(reference: str) -> bool:
    """Model 97: control digits first; the check runs over the base followed by them."""
    if not reference.isdigit() or not 3 <= len(reference) <= 22:
        return False
    return mod97_valid(reference[2:] + reference[:2])


def pib_valid(value: str) -> bool:
    """A Serbian tax number (PIB): nine digits, the last an ISO 7064 MOD 11,10 check digit."""
    if not re.fullmatch(r"\d{9}", value or ""):
        return False
    product = 10
    for digit in value[:8]:
        total = (int(digit) + product) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10 == int(value[8])


def mb_valid(value: str) -> bool:
    """A legal entity's registration number (matični broj): eight digits, the last a
    modulus-11 check over the first seven weighted 8 down to 2 (a result of 10 or 11 is 0)."""
    if not re.fullmatch(r"\d{8}", value or ""):
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:7], range(8, 1, -1), strict=True)
    )
    control = 11 - total % 11
    return (0 if control > 9 else control) == int(value[7])


def account_digits(account: str) -> str:
    """The 18-digit form of a Serbian account (``160-5100000123456-74`` or already 18
    digits): the middle part padded on the left with zeros to 13 digits. Raises
    ``IpsError`` when the format or the MOD 97-10 control is wrong."""
    match = _ACCOUNT.fullmatch((account or "").strip().replace(" ", ""))
    if not match:
        raise IpsError("An account is 3 digits, up to 13 digits and 2 control digits.")
    bank, number, control = match.groups()
    digits = f"{bank}{number.zfill(13)}{control}"
    if not mod97_valid(digits):
        raise IpsError("The account's control digits do not match.")
    return digits


def account_printed(account: str) -> str:
    """The account as printed on documents: ``160-0000000012345-67``."""
    digits = account_digits(account)
    return f"{digits[:3]}-{digits[3:16]}-{digits[16:]}"


# -- the payload ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    # "|" would end the field; other control characters have no place in a field.
    return " ".join(text.replace("|", " ").split())


def name_field(lines: list[str]) -> str:
    """``N`` (and ``P``): up to three non-empty lines joined by a line feed, at most 70
    characters in all. A name over the limit is cut at 70; lines that no longer fit are left
    out rather than cut to nothing."""
    kept: list[str] = []
    for line in (_clean(line) for line in lines):
        if not line or len(kept) == NAME_LINES_MAX:
            continue
        used = len("\n".join(kept))
        room = NAME_MAX - used - (1 if kept else 0)
        if room <= 0:
            break
        kept.append(line[:room].rstrip())
    if not kept:
        raise IpsError("The payee's name is required.")
    return "\n".join(kept)


def amount_field(currency: str, amount: Decimal) -> str:
    """``I``: ``RSD`` and the amount rounded to two decimals with a decimal comma."""
    if currency not in CURRENCIES:
        raise IpsError("The NBS IPS QR code carries dinars (RSD) only.")
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount <= 0:
        raise IpsError("The amount must be greater than zero.")
    field = f"{currency}{amount:.2f}".replace(".", ",")
    if len(field) > AMOUNT_FIELD_MAX:
        raise IpsError("The amount is too large for the code.")
    return field


@dataclass(frozen=True)
class IpsPayment:
    account: str
    payee: list[str]
    amount: Decimal
    currency: str = "RSD"
    payment_code: str = "221"
    purpose: str = ""
    model: str = ""
    reference: str = ""
    payer: tuple[str, ...] = ()

    def payload(self) -> str:
        """The text of the code, byte for byte as NBS's rules above require."""
        if not _PAYMENT_CODE.fullmatch(self.payment_code):
            raise IpsError("The payment code is three digits starting with 1 or 2.")
        fields = [
            ("K", "PR"),
            ("V", "01"),
            ("C", "1"),
            ("R", account_digits(self.account)),
            ("N", name_field(list(self.payee))),
            ("I", amount_field(self.currency, self.amount)),
        ]
        if any(line.strip() for line in self.payer):
            fields.append(("P", name_field(list(self.payer))))
        fields.append(("SF", self.payment_code))
        purpose = _clean(self.purpose)[:PURPOSE_MAX].rstrip()
        if purpose:
            fields.append(("S", purpose))
        if self.reference:
            fields.append(("RO", self.reference_field()))
        return "|".join(f"{tag}:{value}" for tag, value in fields)

    def reference_field(self) -> str:
        model = self.model or "00"
        if not re.fullmatch(r"\d{2}", model):
            raise IpsError("The reference model is two digits.")
        reference = self.reference.replace("-", "").replace(" ", "")
        if model == "97" and not reference_97_valid(reference):
            raise IpsError("A model 97 reference needs its control digits.")
        if not re.fullmatch(r"[0-9A-Za-z]+", reference):
            raise IpsError("A reference holds digits and letters only.")
        field = model + reference
        if len(field) > REFERENCE_FIELD_MAX:
            raise IpsError("The reference is too long for the code.")
        return field


def qr_svg_data_uri(payload: str) -> str:
    """The code as an SVG data URI for a PDF or a page (error correction M, as NBS's
    generator makes it)."""
    import segno

    return segno.make_qr(payload, error="m", encoding="utf-8").svg_data_uri(scale=4, border=4)


def qr_png(payload: str, *, scale: int = 6) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make_qr(payload, error="m", encoding="utf-8").save(
        buffer, kind="png", scale=scale, border=4
    )
    return buffer.getvalue()

"""The NBS IPS QR payload, model 97 and the Serbian identifiers, against the published rules
(see ``payments/ips.py`` for the rules cited)."""

from decimal import Decimal

import pytest
from PIL import Image

from payments.ips import (
    IpsError,
    IpsPayment,
    account_digits,
    account_printed,
    mb_valid,
    mod97_control,
    pib_valid,
    qr_png,
    reference_97,
    reference_97_valid,
)

ACCOUNT = "160-5100000123456-65"


def test_mod97_control_digits_follow_iso_7064_mod_97_10():
    # 98 - (n * 100 mod 97), two digits; n followed by them leaves 1 in MOD 97.
    assert mod97_control("2026000123") == f"{98 - (2026000123 * 100) % 97:02d}"
    for base in ("1", "2026000001", "12345678901234567890", "0000000042"):
        control = mod97_control(base)
        assert len(control) == 2
        assert int(base + control) % 97 == 1


def test_model_97_reference_puts_the_control_digits_first_and_checks_them():
    # 123400 mod 97 = 16, 98 - 16 = 82
    assert reference_97("1234") == "821234"
    assert reference_97_valid(reference_97("2026000123"))
    assert not reference_97_valid("00" + "2026000123")
    assert not reference_97_valid("12ab")


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("160-5100000123456-65", "160510000012345665"),
        # The middle part is padded on the left to 13 digits (NBS's note on field R).
        ("845-404849-87", "845000000040484987"),
        ("845000000040484987", "845000000040484987"),
    ],
)
def test_account_is_written_as_18_digits_with_the_middle_part_padded(written, digits):
    assert account_digits(written) == digits
    assert account_printed(written) == f"{digits[:3]}-{digits[3:16]}-{digits[16:]}"


def test_account_with_a_wrong_control_or_format_is_refused():
    with pytest.raises(IpsError):
        account_digits("160-5100000123456-66")
    with pytest.raises(IpsError):
        account_digits("16-51-74")
    with pytest.raises(IpsError):
        account_digits("")


@pytest.mark.parametrize("pib", ["100002887", "104052135", "100041150", "101670560"])
def test_published_pibs_pass_mod_11_10(pib):
    assert pib_valid(pib)


@pytest.mark.parametrize("pib", ["100002888", "10000288", "1000028870", "10000288a", ""])
def test_pib_with_a_wrong_control_digit_or_length_fails(pib):
    assert not pib_valid(pib)


def test_mb_check_digit_is_mod_11_over_weights_8_to_2():
    assert mb_valid("07005466")
    assert mb_valid("07042701")
    assert not mb_valid("07005467")
    assert not mb_valid("0700546")
    assert not mb_valid("070054660")


def _payment(**overrides):
    values = {
        "account": ACCOUNT,
        "payee": ["Klaster Udruženje", "Bulevar 1", "11000 Beograd"],
        "amount": Decimal("12000"),
        "payment_code": "221",
        "purpose": "Članarina 2026",
        "model": "97",
        "reference": reference_97("2026000001"),
    }
    values.update(overrides)
    return IpsPayment(**values)


def test_payload_for_a_latin_invoice_with_model_97_and_a_whole_amount():
    reference = reference_97("2026000001")
    assert _payment().payload() == (
        "K:PR|V:01|C:1|R:160510000012345665|N:Klaster Udruženje\nBulevar 1\n11000 Beograd"
        f"|I:RSD12000,00|SF:221|S:Članarina 2026|RO:97{reference}"
    )


def test_payload_for_a_cyrillic_payee_with_decimals_and_model_00():
    payment = _payment(
        payee=["Удружење кластера", "Булевар 1, Београд"],
        amount=Decimal("3596.13"),
        payment_code="289",
        purpose="Котизација",
        model="00",
        reference="2026000002",
    )
    assert payment.payload() == (
        "K:PR|V:01|C:1|R:160510000012345665|N:Удружење кластера\nБулевар 1, Београд"
        "|I:RSD3596,13|SF:289|S:Котизација|RO:002026000002"
    )


def test_a_name_over_70_characters_is_cut_and_lines_that_no_longer_fit_are_left_out():
    long_name = "Udruženje " + "A" * 80
    payload = _payment(payee=[long_name, "Bulevar 1"], reference="", model="").payload()
    name = payload.split("|N:")[1].split("|")[0]
    assert name == long_name[:70]
    assert "Bulevar" not in payload


def test_three_lines_at_most_and_the_total_length_counts_the_line_feeds():
    payee = ["A" * 30, "B" * 30, "C" * 30, "D"]
    name = _payment(payee=payee).payload().split("|N:")[1].split("|")[0]
    assert name == "A" * 30 + "\n" + "B" * 30 + "\n" + "C" * 8
    assert len(name) == 70


def test_optional_tags_without_a_value_are_left_out():
    payload = _payment(purpose="  ", reference="", model="").payload()
    assert payload == (
        "K:PR|V:01|C:1|R:160510000012345665|N:Klaster Udruženje\nBulevar 1\n11000 Beograd"
        "|I:RSD12000,00|SF:221"
    )


def test_purpose_is_cut_at_35_and_a_pipe_in_any_field_cannot_end_it():
    payload = _payment(purpose="Članarina | " + "x" * 50, payee=["A|B"]).payload()
    assert "|S:Članarina  " not in payload
    purpose = payload.split("|S:")[1].split("|")[0]
    assert purpose == ("Članarina " + "x" * 50)[:35]
    assert "|N:A B|" in payload


def test_amount_rounds_to_two_decimals_and_never_carries_a_thousands_separator():
    assert "|I:RSD1234567,50|" in _payment(amount=Decimal("1234567.5")).payload()


def test_a_currency_other_than_dinars_is_refused():
    with pytest.raises(IpsError):
        _payment(amount=Decimal("100"), currency="EUR").payload()


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("0.004")])
def test_zero_or_negative_amount_is_refused(amount):
    with pytest.raises(IpsError):
        _payment(amount=amount).payload()


def test_model_97_reference_without_its_control_digits_is_refused():
    with pytest.raises(IpsError):
        _payment(reference="002026000001").payload()


def test_bad_payment_code_is_refused():
    with pytest.raises(IpsError):
        _payment(payment_code="389").payload()


def test_the_decoded_qr_image_equals_the_payload():
    zxingcpp = pytest.importorskip("zxingcpp")
    for payment in (
        _payment(),
        _payment(payee=["Удружење кластера", "Београд"], amount=Decimal("3596.13")),
    ):
        payload = payment.payload()
        import io

        image = Image.open(io.BytesIO(qr_png(payload)))
        results = zxingcpp.read_barcodes(image)
        assert [result.text for result in results] == [payload]

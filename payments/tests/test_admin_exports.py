"""The payments' export for staff: columns, filters applied, formulas neutralised, only for
staff who may see payments, in a fixed number of queries."""

from decimal import Decimal

import pytest

from payments.models import Payment
from tests.exports import export_queries, exported_rows, staff_in_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAYMENTS = "/admin/payments/"


@pytest.fixture
def membership_staff(locales):
    return staff_in_role("Membership staff")


def _payment(description="Full membership, one year", status="paid", **fields):
    return Payment.objects.create(
        payable=UserFactory(),
        amount=Decimal("200.00"),
        description=description,
        customer_email="member@example.org",
        status=status,
        **fields,
    )


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_payment_export_holds_each_payment(membership_staff, export_format):
    payment = _payment(stripe_checkout_session_id="cs_test_1")

    rows = exported_rows(membership_staff, PAYMENTS, export_format)

    assert rows[0] == [
        "Number",
        "Description",
        "Amount",
        "Currency",
        "Status",
        "Payment method",
        "Reference",
        "Customer e-mail",
        "Paid for",
        "Paid for (id)",
        "Stripe Checkout session",
        "Created",
        "Paid",
    ]
    row = rows[1]
    assert Decimal(str(row[2])) == Decimal("200.00")  # XLSX holds it as a number
    assert [str(cell if cell is not None else "") for cell in row[:2] + row[3:11]] == [
        str(payment.pk),
        "Full membership, one year",
        "eur",
        "Paid",
        "Card (Stripe)",
        "",
        "member@example.org",
        "user",
        str(payment.object_id),
        "cs_test_1",
    ]


def test_the_payment_export_keeps_to_the_filters(membership_staff):
    _payment("Paid one")
    _payment("Expired one", status="expired")

    rows = exported_rows(membership_staff, PAYMENTS, "csv", status="expired")

    assert [row[1] for row in rows[1:]] == ["Expired one"]


def test_a_formula_in_a_payment_description_is_neutralised(membership_staff):
    _payment("-2+3+cmd|' /C calc'!A0")

    rows = exported_rows(membership_staff, PAYMENTS, "xlsx")

    assert rows[1][1] == "'-2+3+cmd|' /C calc'!A0"


def test_staff_who_may_not_see_payments_cannot_export_them(locales):
    senders = staff_in_role("Newsletter senders")

    response = senders.get(PAYMENTS, {"export": "csv"})

    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_the_payment_export_makes_as_many_queries_for_many_rows_as_for_few(membership_staff):
    _payment()
    export_queries(membership_staff, PAYMENTS)  # the session and permissions, as a running site
    few = export_queries(membership_staff, PAYMENTS)
    for _ in range(6):
        _payment()

    assert export_queries(membership_staff, PAYMENTS) == few

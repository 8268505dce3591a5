"""The subscribers' export for staff: each subscriber with language, status and the consent
record (source and date from the Consent rows), filters applied, formulas neutralised, only
for the newsletter's staff, in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from newsletter.models import Consent
from tests.exports import export_queries, exported_rows, staff_in_role
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db
SUBSCRIBERS = "/admin/snippets/newsletter/subscriber/"
WHEN = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def senders(locales):
    return staff_in_role("Newsletter senders")


def _subscriber(email, *, source, status="confirmed", language="en", name=""):
    subscriber = SubscriberFactory(
        email=email, name=name, status=status, language=language, consent=False
    )
    subscriber.consents.create(
        action=Consent.Action.REQUESTED, source=source, created_at=WHEN - datetime.timedelta(1)
    )
    if status == "confirmed":
        subscriber.consents.create(action=Consent.Action.CONFIRMED, source="link", created_at=WHEN)
    return subscriber


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_subscriber_export_holds_the_consent_source_and_date(senders, export_format):
    _subscriber("mila@example.org", source="footer form", language="sr-latn", name="Mila")
    _subscriber("pending@example.org", source="home page", status="pending")

    rows = exported_rows(senders, SUBSCRIBERS, export_format)

    assert rows[0] == [
        "E-mail",
        "Name",
        "Language",
        "Status",
        "Consent source",
        "Consent given",
        "Created",
        "Confirmed",
        "Unsubscribed",
    ]
    by_email = {row[0]: row for row in rows[1:]}
    mila = by_email["mila@example.org"]
    assert mila[1:5] == ["Mila", "Srpski (latinica)", "Confirmed", "footer form"]
    assert mila[5] == timezone.localtime(WHEN).strftime("%Y-%m-%d %H:%M")
    pending = by_email["pending@example.org"]
    assert pending[3:5] == ["Pending confirmation", "home page"]
    assert pending[5] in ("", None)


def test_the_subscriber_export_keeps_to_the_filters_and_search(senders):
    _subscriber("mila@example.org", source="footer form")
    _subscriber("pending@example.org", source="home page", status="pending")

    confirmed = exported_rows(senders, SUBSCRIBERS, "csv", status="confirmed")
    searched = exported_rows(senders, SUBSCRIBERS, "csv", q="pending@")

    assert [row[0] for row in confirmed[1:]] == ["mila@example.org"]
    assert [row[0] for row in searched[1:]] == ["pending@example.org"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_formula_in_a_subscribers_name_or_consent_source_is_neutralised(senders, export_format):
    _subscriber("x@example.org", source="@SUM(1+1)*cmd|' /C calc'!A0", name="=cmd|' /C calc'!A0")

    row = exported_rows(senders, SUBSCRIBERS, export_format)[1]

    assert row[1] == "'=cmd|' /C calc'!A0"
    assert row[4] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_membership_staff_cannot_export_subscribers(locales):
    membership_staff = staff_in_role("Membership staff")

    response = membership_staff.get(SUBSCRIBERS, {"export": "csv"})

    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_the_subscriber_export_makes_as_many_queries_for_many_rows_as_for_few(senders):
    for n in range(2):
        _subscriber(f"first{n}@example.org", source="form")
    export_queries(senders, SUBSCRIBERS)  # the session and permissions, as a running site
    few = export_queries(senders, SUBSCRIBERS)
    for n in range(8):
        _subscriber(f"more{n}@example.org", source="form")

    assert export_queries(senders, SUBSCRIBERS) == few

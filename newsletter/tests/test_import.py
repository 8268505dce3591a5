"""The CSV import: all rows or none, line-by-line errors, suppressed addresses skipped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from newsletter.models import Subscriber, SuppressedAddress, address_hash
from tests.factories import StaffUserFactory, SubscriberFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/newsletter/subscribers/import/"
HEADER = "email,name,language,consent_source,consent_date\n"


@pytest.fixture
def staff():
    client = Client()
    client.force_login(StaffUserFactory())
    return client


def _upload(client, text, name="list.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, text.encode(), "text/csv")})


def test_a_valid_file_imports_confirmed_subscribers_with_their_consent(staff):
    response = _upload(
        staff,
        HEADER + "Ana@Example.org,Ana,sr,Days of Clusters form,2026-10-02\n"
        "bojan@example.org,,en,paper form,2026-09-30T10:00:00\n",
    )

    assert response.status_code == 200
    ana = Subscriber.objects.get(email="ana@example.org")
    assert (ana.status, ana.language, ana.name) == ("confirmed", "sr", "Ana")
    consent = ana.consents.get()
    assert consent.action == "imported" and "Days of Clusters form" in consent.wording
    assert Subscriber.objects.count() == 2


def test_one_bad_row_rejects_the_whole_file_with_every_error_by_line(staff):
    response = _upload(
        staff,
        HEADER
        + "good@example.org,Good,en,form,2026-01-01\n"
        + "not-an-address,Bad,en,form,2026-01-01\n"
        + 'x@example.org,"Eve\r\nBcc: y@example.org",en,form,2026-01-01\n'
        + "y@example.org,Y,de,form,someday\n"
        + "GOOD@example.org,Again,en,form,2026-01-01\n",
    )

    assert response.status_code == 400
    errors = response.context["report"].errors
    assert [e.split(":")[0] for e in errors] == ["Line 3", "Line 5", "Line 6", "Line 7"]
    assert "repeats line 2" in errors[-1]
    assert not Subscriber.objects.exists()


def test_suppressed_and_existing_addresses_are_skipped_and_reported(staff):
    SuppressedAddress.objects.create(email_hash=address_hash("erased@example.org"), reason="erased")
    SubscriberFactory(email="here@example.org")

    rows = ["erased@example.org", "Here@example.org", "new@example.org"]
    response = _upload(staff, HEADER + "".join(f"{e},,en,form,2026-01-01\n" for e in rows))

    report = response.context["report"]
    assert report.imported == 1
    assert report.suppressed == ["Line 2: erased@example.org"]
    assert report.existing == ["Line 3: here@example.org"]
    assert not Subscriber.objects.filter(email="erased@example.org").exists()


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"mail,who\nana@example.org,Ana\n", b""],
)
def test_files_that_are_not_the_expected_csv_are_refused(staff, content):
    response = staff.post(URL, {"file": SimpleUploadedFile("x.csv", content, "text/csv")})
    assert response.status_code in (200, 400)
    assert not Subscriber.objects.exists()


def test_import_needs_the_permission():
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    assert _upload(client, HEADER + "a@example.org,,en,form,2026-01-01\n").status_code in (302, 403)
    assert not Subscriber.objects.exists()

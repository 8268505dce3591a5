"""The ticket a registration mails (its links and its ``.ics``) is on the site's public address
(PUBLIC_BASE_URL), in every language. The worker renders the mail (``send_registration_mail``);
here its task runs in this process, whose PUBLIC_BASE_URL the test sets (the suite's worker
process keeps the test settings' own), and the mail goes over SMTP to the local server."""

from decimal import Decimal

import pytest

from events.services import registration_create
from events.tasks import send_registration_mail
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    ensure_locales,
    verified_user,
)

BASE = "https://klasteri.example.org"
FOREIGN = ("testserver", "localhost", "127.0.0.1")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sr-latn", "sr"])
def test_the_ticket_mail_and_its_calendar_link_to_the_public_address(
    mailbox, settings, django_capture_on_commit_callbacks, language
):
    settings.PUBLIC_BASE_URL = BASE
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Days of Clusters 2027",
        ticket_types=[{"name": "Day pass", "capacity": 10, "price": Decimal("0")}],
    )
    member = verified_user(email="jelena@voict.example", first_name="Jelena")

    with django_capture_on_commit_callbacks(execute=False) as queued:
        registration = registration_create(
            ticket_type=event.ticket_types.get(),
            name="Jelena",
            email=member.email,
            user=member,
            language=language,
        )

    assert registration.status == registration.Status.CONFIRMED
    assert queued, "the confirmation mail is queued for the worker on commit"
    assert send_registration_mail(
        "confirmation", registration.pk, registration.email, attach_ticket=True, extra={}
    )
    [mail] = mailbox.wait_for(1)
    ics = next(
        part.get_payload(decode=True).decode()
        for part in mail.message.walk()
        if part.get_filename() == "event.ics"
    ).replace("\r\n ", "")
    html = next(
        part.get_content() for part in mail.message.walk() if part.get_content_type() == "text/html"
    )
    for text in (mail.body_text(), html, ics):
        assert f"{BASE}/" in text
        for host in FOREIGN:
            assert host not in text
    assert f"URL:{BASE}{event.url}" in ics
    for host in FOREIGN:
        assert host not in mail.message["From"]

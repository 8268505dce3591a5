"""Registration mails in the reader's script, walked through the real path: people register
on the Serbian Latin and the Serbian Cyrillic page of one event, the worker sends their tickets
to the SMTP server, and each mail (subject, text, links and calendar file) reads in the script
the person registered in, from the one Serbian Latin text staff wrote."""

import pytest
from wagtail.models import Locale

from events.models import Registration
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    ensure_locales,
    translate_page,
    verified_user,
)


@pytest.fixture
def event_in_serbian(celery_worker):
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    event = EventPageFactory(
        parent=index,
        title="Days of Clusters 2027",
        slug="days-of-clusters-2027",
        ticket_types=[{"name": "Participant", "capacity": 10}],
    )
    translate_page(home, "sr-latn", title="Početna")
    translate_page(index, "sr-latn", title="Događaji", slug="dogadjaji")
    latin = translate_page(event, "sr-latn", title="Dani klastera 2027", slug="dani-klastera-2027")
    return latin


def _register(client, page, email, name):
    client.force_login(verified_user(email=email))
    page_url = page.url
    form = client.get(page_url + "register/")
    assert form.status_code == 200
    ticket = page.ticket_types.get()
    response = client.post(
        page_url + "register/", {"ticket_type": ticket.pk, "name": name, "email": email}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()


def test_each_person_gets_the_ticket_in_the_script_they_registered_in(
    client, event_in_serbian, mailbox
):
    latin = event_in_serbian
    cyrillic = latin.get_translation(Locale.objects.get(language_code="sr")).specific
    assert cyrillic.title == "Дани кластера 2027"

    _register(client, latin, "jelena@example.org", "Jelena Marić")
    _register(client, cyrillic, "marko@example.org", "Марко Илић")

    assert dict(Registration.objects.values_list("email", "language")) == {
        "jelena@example.org": "sr-latn",
        "marko@example.org": "sr",
    }
    [to_jelena] = mailbox.wait_for_matching(
        lambda m: m.rcpt_tos == ["jelena@example.org"], "Jelena's ticket"
    )
    [to_marko] = mailbox.wait_for_matching(
        lambda m: m.rcpt_tos == ["marko@example.org"], "Marko's ticket"
    )

    assert to_jelena.subject == "Vaša karta: Dani klastera 2027"
    assert "Poštovani/a Jelena Marić," in to_jelena.body_text()
    assert "/sr-latn/dogadjaji/dani-klastera-2027/" in to_jelena.body_text()
    assert to_marko.subject == "Ваша карта: Дани кластера 2027"
    assert "Поштовани/а Марко Илић," in to_marko.body_text()
    assert "/sr/dogadjaji/dani-klastera-2027/" in to_marko.body_text()
    for mail, title in ((to_jelena, "Dani klastera 2027"), (to_marko, "Дани кластера 2027")):
        [ics] = [
            part.get_payload(decode=True).decode()
            for part in mail.message.walk()
            if part.get_filename() == "event.ics"
        ]
        assert f"SUMMARY:{title}" in ics

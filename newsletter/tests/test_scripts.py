"""One Serbian issue, mailed in each reader's script: a subscriber who reads Cyrillic gets the
Latin issue transliterated (subject, HTML and text), with the Cyrillic interface strings and
links, and the personal parts and protected terms untouched."""

import pytest

from newsletter import dissemination
from newsletter.sending import chunk_send
from tests.factories import AudienceFactory, NewsletterIssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cap(settings):
    settings.NEWSLETTER_SEND_RATE = 0


def test_a_latin_issue_reaches_cyrillic_readers_in_cyrillic(mailbox):
    SubscriberFactory(email="ana@example.org", name="Ana", language="sr-latn")
    SubscriberFactory(email="milan@example.org", name="Milan", language="sr")
    SubscriberFactory(email="john@example.org", name="John", language="en")
    issue = NewsletterIssueFactory(
        subject="Infocluster: Dani klastera u Nišu",
        language="sr-latn",
        audience=AudienceFactory(subscriber_language="sr-latn"),
        body=[("text", "<p>Ljudi i klasteri na https://klasteri.rs/lj</p>")],
    )
    dissemination.issue_send_now(issue=issue)
    dissemination.issue_prepare(issue_id=issue.pk)
    ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))

    assert chunk_send(issue_id=issue.pk, first_id=ids[0], last_id=ids[-1])["sent"] == 2

    mailbox.wait_for(2)
    assert mailbox.to("john@example.org") == []  # the audience is Serbian readers
    latin = mailbox.to("ana@example.org")[0]
    cyrillic = mailbox.to("milan@example.org")[0]
    assert latin.message["Subject"] == "Infocluster: Dani klastera u Nišu"
    assert "Ljudi i klasteri" in latin.body_text()
    assert cyrillic.subject.strip() == "Infocluster: Дани кластера у Нишу"
    for body in (cyrillic.body_text(), cyrillic.message.get_body(("html",)).get_content()):
        assert "Људи и кластери" in body
        assert "https://klasteri.rs/lj" in body
        assert "Ljudi" not in body
        assert "Milan" in body  # the name as the reader wrote it
        assert "[[newsletter:" not in body
    assert "/sr/newsletter/unsubscribe/" in cyrillic.message["List-Unsubscribe"]
    assert "/sr-latn/newsletter/unsubscribe/" in latin.message["List-Unsubscribe"]

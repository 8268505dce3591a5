"""Sending chunks in this process against the local SMTP server: one message per row, the
unsubscribe headers, claims that make a second run harmless, failures with reasons."""

import asyncio
import datetime
import email
import time
import uuid

import pytest
from django.core.mail import get_connection
from django.db import connection
from django.db.models import F
from django.utils import timezone
from psycopg.pq import TransactionStatus

from membership.models import ContactPerson
from newsletter import dissemination
from newsletter.models import Delivery, NewsletterIssue, SuppressedAddress, address_hash
from newsletter.rendering import stored_rendering
from newsletter.sending import (
    TransientSendError,
    _claimed_send,
    chunk_send,
    deliveries_claim,
)
from newsletter.tokens import unsubscribe_token
from tests.factories import (
    AudienceFactory,
    NewsletterIssueFactory,
    OrganisationFactory,
    SubscriberFactory,
)
from tests.harness import SMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cap(settings):
    settings.NEWSLETTER_SEND_RATE = 0


def _start(issue):
    dissemination.issue_send_now(issue=issue)
    dissemination.issue_prepare(issue_id=issue.pk)
    issue.refresh_from_db()
    return issue


def _send_all(issue):
    ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))
    return chunk_send(issue_id=issue.pk, first_id=ids[0], last_id=ids[-1])


def test_each_confirmed_subscriber_gets_one_personalised_message_with_unsubscribe_headers(
    mailbox,
):
    SubscriberFactory(email="ana@example.org", name="Ana")
    SubscriberFactory(email="bojan@example.org", name="")
    SubscriberFactory(email="pending@example.org", status="pending")
    SubscriberFactory(email="gone@example.org", status="unsubscribed")
    SuppressedAddress.objects.create(
        email_hash=address_hash("gone@example.org"), reason="unsubscribed"
    )
    issue = _start(NewsletterIssueFactory(subject="Infocluster: Days of Clusters"))

    assert issue.recipients_total == 2
    assert _send_all(issue) == {"sent": 2, "failed": 0}

    messages = mailbox.wait_for(2)
    assert sorted(m.rcpt_tos[0] for m in messages) == ["ana@example.org", "bojan@example.org"]
    ana = mailbox.to("ana@example.org")[0]
    assert "Dear Ana," in ana.body_text()
    assert "Hello," in mailbox.to("bojan@example.org")[0].body_text()
    unsubscribe = ana.message["List-Unsubscribe"]
    assert "<http://testserver/newsletter/unsubscribe/" in unsubscribe
    assert unsubscribe.strip().startswith("<mailto:") and "?subject=unsubscribe%20" in unsubscribe
    assert ana.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ana.message.get_body(("html",)) is not None
    assert set(issue.deliveries.values_list("status", flat=True)) == {"sent"}
    assert all(issue.deliveries.values_list("message_id", flat=True))


def test_running_a_chunk_again_or_a_second_send_click_mails_nobody_twice(mailbox):
    SubscriberFactory.create_batch(3)
    issue = _start(NewsletterIssueFactory())
    _send_all(issue)
    assert _send_all(issue) == {"sent": 0, "failed": 0}
    with pytest.raises(Exception, match="being sent or has been sent"):
        dissemination.issue_send_now(issue=issue)
    dissemination.issue_prepare(issue_id=issue.pk)  # a retried preparation adds no rows

    assert issue.deliveries.count() == 3
    assert len(mailbox.wait_for(3)) == 3


def test_a_chunk_skips_rows_another_chunk_claimed(mailbox):
    SubscriberFactory.create_batch(4)
    issue = _start(NewsletterIssueFactory())
    ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))
    deliveries_claim(issue_id=issue.pk, first_id=ids[0], last_id=ids[1])

    assert _send_all(issue)["sent"] == 2
    assert issue.deliveries.filter(status="sending").count() == 2


def test_rows_left_sending_by_a_dead_worker_are_requeued_and_sent_once(mailbox):
    SubscriberFactory.create_batch(3)
    issue = _start(NewsletterIssueFactory())
    ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))
    deliveries_claim(issue_id=issue.pk, first_id=ids[0], last_id=ids[-1])  # then "killed"

    assert dissemination.deliveries_requeue_stuck(older_than=datetime.timedelta(hours=1)) == 0
    assert dissemination.deliveries_requeue_stuck(older_than=datetime.timedelta(0)) == 3
    _send_all(issue)
    assert dissemination.issue_finish_if_done(issue_id=issue.pk)

    assert len(mailbox.wait_for(3)) == 3
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT


def test_a_chunk_that_lost_its_claim_drops_the_message_instead_of_sending_it(mailbox):
    SubscriberFactory.create_batch(2)
    issue = _start(NewsletterIssueFactory())
    ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))
    claim, _claimed = deliveries_claim(issue_id=issue.pk, first_id=ids[0], last_id=ids[-1])
    # Requeued as stuck and claimed by another chunk: the first chunk's claim is void.
    Delivery.objects.filter(pk__in=ids).update(status="queued", claim=None)
    other, _ = deliveries_claim(issue_id=issue.pk, first_id=ids[0], last_id=ids[-1])
    Delivery.objects.filter(pk__in=ids).update(status="queued", claim=None)

    assert _send_all(issue)["sent"] == 2
    assert claim != other
    assert len(mailbox.messages) == 2


def test_refused_recipients_fail_with_the_reason_and_temporary_errors_are_retried(
    refusing_mailbox,
):
    SubscriberFactory(email="refused@example.org")
    SubscriberFactory(email="later@example.org")
    SubscriberFactory(email="fine@example.org")
    issue = _start(NewsletterIssueFactory())

    with pytest.raises(TransientSendError):
        _send_all(issue)  # the 451 stops the chunk; its rows go back to the queue
    refused = issue.deliveries.get(email="refused@example.org")
    later = issue.deliveries.get(email="later@example.org")
    assert refused.status == "failed" and "550" in refused.error, (refused.error, refused.attempts)
    assert later.status == "queued" and "451" in later.error
    assert issue.deliveries.get(email="fine@example.org").status == "queued"


def test_a_row_out_of_attempts_is_failed(refusing_mailbox, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 1
    SubscriberFactory(email="later@example.org")
    issue = _start(NewsletterIssueFactory())

    assert _send_all(issue) == {"sent": 0, "failed": 1}
    assert issue.deliveries.get().status == "failed"


def test_a_contact_who_never_subscribed_gets_nothing_and_an_older_issues_link_still_works(
    client,
):
    """Contacts are mailed only once they subscribe; links in issues sent before that rule,
    which name an address by its hash, still unsubscribe it."""
    organisation = OrganisationFactory()
    ContactPerson.objects.create(organisation=organisation, name="Mila", email="Mila@Cluster.rs")
    audience = AudienceFactory(include_subscribers=False, include_contacts=True)

    assert _start(NewsletterIssueFactory(audience=audience)).recipients_total == 0
    token = unsubscribe_token(subscriber_id=None, email_hash=address_hash("mila@cluster.rs"))
    assert client.post(f"/newsletter/unsubscribe/{token}/").status_code == 200
    assert SuppressedAddress.objects.filter(email_hash=address_hash("mila@cluster.rs")).exists()


def test_scheduled_issues_start_when_due():
    SubscriberFactory()
    issue = NewsletterIssueFactory()
    dissemination.issue_schedule(issue=issue, when=timezone.now() + datetime.timedelta(hours=1))
    assert dissemination.issues_send_due() == 0
    NewsletterIssue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now())

    assert dissemination.issues_send_due() == 1
    issue.refresh_from_db()
    assert issue.status == "sending" and issue.email_html


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_chunk_whose_rows_were_claimed_again_mid_send_mails_nobody(
    mailbox,
):
    """The hand-off as a worker runs it (no outer transaction: the row's UPDATE goes out
    before DATA and is committed with the end-of-data marker): a row claimed by another
    chunk meanwhile is neither mailed nor marked, and the connection is left idle."""
    SubscriberFactory.create_batch(2)
    issue = _start(NewsletterIssueFactory())
    ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))
    claim, claimed = deliveries_claim(issue_id=issue.pk, first_id=ids[0], last_id=ids[-1])
    pending = list(
        Delivery.objects.filter(pk__in=claimed)
        .annotate(reader_language=F("subscriber__language"))
        .order_by("pk")
    )
    other = uuid.uuid4()  # requeued as stuck and claimed by another chunk
    Delivery.objects.filter(pk__in=ids).update(claim=other)

    backend = get_connection()
    backend.open()
    try:
        result = _claimed_send(backend, issue, stored_rendering(issue), claim, pending)
    finally:
        backend.close()

    assert result == {"sent": 0, "failed": 0}
    assert set(issue.deliveries.values_list("status", "claim")) == {("sending", other)}
    assert connection.connection.pgconn.transaction_status == TransactionStatus.IDLE
    time.sleep(0.5)  # a message the server took would be in the mailbox by now
    assert mailbox.messages == []


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_each_row_is_marked_sent_with_its_message_id(mailbox):
    SubscriberFactory.create_batch(3)
    issue = _start(NewsletterIssueFactory())

    assert _send_all(issue) == {"sent": 3, "failed": 0}

    messages = mailbox.wait_for(3)
    sent = dict(issue.deliveries.values_list("email", "message_id"))
    assert {m.rcpt_tos[0]: m.message["Message-ID"].strip() for m in messages} == sent
    assert set(issue.deliveries.values_list("status", flat=True)) == {"sent"}
    assert connection.connection.pgconn.transaction_status == TransactionStatus.IDLE


class _GoneBeforeAnswering(SMTPServer):
    """A relay that takes its time to answer the end-of-data marker and, for the first
    message, loses the connection before it has answered: it has taken nothing (as a relay
    drops the message of a client gone before the 250). Later messages are answered."""

    dropped = 0
    dropped_message_ids: list

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(0.02)
        if not self.dropped:
            self.dropped += 1
            self.dropped_message_ids = [
                (envelope.rcpt_tos[0], email.message_from_bytes(envelope.content)["Message-ID"])
            ]
            server.transport.close()
            raise asyncio.CancelledError
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def vanishing_relay(settings):
    server = _GoneBeforeAnswering().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    yield server
    server.stop()


@pytest.mark.parametrize(
    "outside_a_transaction",
    [pytest.param(True, marks=pytest.mark.django_db(transaction=True)), False],
)
def test_a_message_the_relay_never_answered_is_not_marked_sent_and_goes_out_once_later(
    vanishing_relay, outside_a_transaction
):
    """Only the relay's 250 to the end-of-data marker commits the row: a message whose answer
    never came (the relay, or the worker, gone in between) stays unsent and is sent again,
    once; it used to be marked sent before the answer, and the reader never got it."""
    SubscriberFactory(email="ana@example.org")
    SubscriberFactory(email="bojan@example.org")
    issue = _start(NewsletterIssueFactory())

    with pytest.raises(TransientSendError):
        _send_all(issue)
    assert vanishing_relay.messages == []
    assert set(issue.deliveries.values_list("status", flat=True)) == {"queued"}
    if outside_a_transaction:
        assert connection.connection.pgconn.transaction_status == TransactionStatus.IDLE

    assert _send_all(issue) == {"sent": 2, "failed": 0}
    received = sorted(m.rcpt_tos[0] for m in vanishing_relay.wait_for(2))
    assert received == ["ana@example.org", "bojan@example.org"]
    assert set(issue.deliveries.values_list("status", flat=True)) == {"sent"}


def test_a_message_sent_again_carries_the_first_attempts_message_id(vanishing_relay):
    """A message sent again after an attempt whose answer never came has the same Message-ID,
    so a reader whose provider did take the first copy (at least once) is shown one."""
    SubscriberFactory(email="ana@example.org")
    issue = _start(NewsletterIssueFactory())
    with pytest.raises(TransientSendError):
        _send_all(issue)

    _send_all(issue)

    [(recipient, first_id)] = vanishing_relay.dropped_message_ids
    [again] = vanishing_relay.wait_for(1)
    assert again.rcpt_tos == [recipient]
    assert again.message["Message-ID"] == first_id
    assert issue.deliveries.get().message_id == first_id

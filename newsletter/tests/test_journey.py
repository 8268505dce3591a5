"""The newsletter journey end to end, on the real worker and SMTP server: subscribe,
confirm from the e-mail, staff send from the admin, one-click unsubscribe, the next issue
skips the address; and a worker killed in the middle of a send."""

import collections
import datetime
import re
import time

from django.test import Client

from newsletter import dissemination
from newsletter.models import Delivery, NewsletterIssue, Subscriber, SuppressedAddress
from tests.factories import (
    AudienceFactory,
    HomePageFactory,
    NewsletterIssueFactory,
    StaffUserFactory,
    SubscriberFactory,
    ensure_locales,
)


def _wait_until(condition, what, attempts=600):
    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _status(issue):
    return NewsletterIssue.objects.values_list("status", flat=True).get(pk=issue.pk)


def _subscribe(client, email, name=""):
    response = client.post(
        "/newsletter/", {"email": email, "name": name, "language": "en", "consent": "on"}
    )
    assert response.status_code == 302


def test_subscribe_confirm_receive_unsubscribe_in_one_click_and_be_skipped(
    client, celery_worker, mailbox
):
    ensure_locales()
    HomePageFactory(as_site_root=True)

    _subscribe(client, "Ana@Example.org", "Ana Petrović")
    [confirmation] = mailbox.wait_for(1)
    assert confirmation.rcpt_tos == ["ana@example.org"]
    path = re.search(r"http://testserver(/newsletter/confirm/\S+/)", confirmation.body_text())
    assert client.get(path.group(1)).status_code == 200  # a button, not yet confirmed
    assert Subscriber.objects.get().status == "pending"
    assert "You are subscribed" in client.post(path.group(1)).content.decode()
    _subscribe(client, "pending@example.org")
    mailbox.wait_for(2)
    SubscriberFactory(email="bojan@example.org", name="Bojan")
    SubscriberFactory(email="left@example.org", status="unsubscribed")
    mailbox.clear()

    staff = Client()
    staff.force_login(StaffUserFactory())
    audience = AudienceFactory(name="Everyone")
    issue = NewsletterIssueFactory(audience=audience, subject="Infocluster 1/2026")
    response = staff.post(f"/admin/newsletter/issues/{issue.pk}/send/", {"action": "send"})
    assert response.status_code == 302
    staff.post(f"/admin/newsletter/issues/{issue.pk}/send/", {"action": "send"})  # double click
    _wait_until(lambda: _status(issue) == "sent", "the issue to be sent")

    messages = mailbox.wait_for(2)
    assert sorted(m.rcpt_tos[0] for m in messages) == ["ana@example.org", "bojan@example.org"]
    ana = mailbox.to("ana@example.org")[0]
    assert "Dear Ana Petrović," in ana.body_text()
    assert ana.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ana.message["List-Unsubscribe"].strip().startswith("<mailto:")
    url = re.search(
        r"<(http://testserver/newsletter/unsubscribe/\S+/)>", ana.message["List-Unsubscribe"]
    )
    progress = staff.get(f"/admin/newsletter/issues/{issue.pk}/send/").content.decode()
    assert "2 of 2 sent" in progress

    # RFC 8058: the mail client POSTs with no session, cookie or CSRF token.
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(
        url.group(1).removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(email="ana@example.org").status == "unsubscribed"

    mailbox.clear()
    second = NewsletterIssueFactory(audience=audience, subject="Infocluster 2/2026")
    staff.post(f"/admin/newsletter/issues/{second.pk}/send/", {"action": "send"})
    _wait_until(lambda: _status(second) == "sent", "the second issue to be sent")
    assert [m.rcpt_tos for m in mailbox.wait_for(1)] == [["bojan@example.org"]]
    assert second.deliveries.count() == 1


def test_a_killed_worker_restarted_reaches_every_reader_repeating_at_most_its_message_in_flight(
    capped_worker, mailbox
):
    """Nobody is missed and nothing is sent twice but the one message the killed pool
    process may have had in flight (newsletter/sending.py: the server can take it between
    the end-of-data marker and our COMMIT; this test's server counts a message before it
    answers, so the window is wider here than at a real relay). A repeated copy carries
    the first one's Message-ID."""
    subscribers = SubscriberFactory.create_batch(40)
    issue = NewsletterIssueFactory()
    sent = Delivery.objects.filter(issue=issue, status="sent")

    dissemination.issue_send_now(issue=issue)
    _wait_until(lambda: sent.count() >= 12, "a dozen messages")
    capped_worker.kill()
    sent_before_kill = sent.count()
    assert sent_before_kill < 40, "the send finished before the kill: raise the subscribers"

    # What beat does once NEWSLETTER_SENDING_TIMEOUT has passed for the dead worker's rows,
    # before the worker is back: with a timeout of zero, a row the restarted worker had just
    # claimed would count as stuck too, which no real timeout (minutes) ever allows.
    dissemination.sending_resume(stale_after=datetime.timedelta(0))
    capped_worker.start()
    _wait_until(lambda: _status(issue) == "sent", "the issue to be sent", attempts=900)

    # The server records a message before its 250, and a row is marked sent only after the
    # 250: every copy, a repeated one too, has arrived once the issue is sent.
    messages = mailbox.wait_for(40)
    received = collections.Counter(m.rcpt_tos[0] for m in messages)
    log = capped_worker.log()[-3000:]
    assert set(received) == {s.email for s in subscribers}, log
    repeated = [email for email, count in received.items() if count > 1]
    # The capped worker has one pool process: one message in flight at the kill.
    assert len(repeated) <= 1 and max(received.values()) <= 2, (received, log)
    for email in repeated:
        ids = {m.message["Message-ID"] for m in messages if m.rcpt_tos[0] == email}
        assert len(ids) == 1, ids
    assert sent.count() == 40
    assert not SuppressedAddress.objects.exists()

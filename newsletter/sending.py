"""Sending one chunk of deliveries, so that a killed worker, a retried task or a second
chunk task for the same rows never skips anyone, and mails someone twice only in the one
window below that no sender can close (a killed process's message in flight).

The sequence per chunk: claim queued rows with ``SELECT … FOR UPDATE SKIP LOCKED``, mark them
sending under a fresh claim id and commit; open one SMTP connection; for each row, take a
slot of the global send rate, then hand the message to the server.

The hand-off is the delicate part: no SMTP server takes part in our transaction, so there
is always an instant at which one side has committed and the other has not. We put that
instant where it is shortest. A relay takes responsibility for a message only with the 250
it answers to the end-of-data marker, and only if that answer reaches an open connection:
a relay answering after some tens of milliseconds (it writes the message to its queue
first) drops a message whose client went away before the answer. So a transaction marks
the row sent (only if this chunk still holds its claim; on PostgreSQL its BEGIN and UPDATE
go out before DATA, in one round trip answered while the server answers DATA:
``_PostgresMark``), the data and the marker are written, and the COMMIT is written as soon
as the server's 250 has been read.

- Killed before the 250 has been read (the marker written or not): PostgreSQL rolls the row
  back to "sending" when the connection drops, and a server that sees the connection close
  before it answers drops the message with it. A row still "sending" after a timeout is
  requeued: the server has not taken its message, unless it answered in the window below.
- Killed after the COMMIT has been written: the row is sent and the server has the message.
- Killed while the server answers: the row rolls back, but a dead process's connection stays
  open until the kernel has torn the process down (milliseconds on a busy machine; for ever
  to the server if the whole machine died), and a server answering 250 in that time has
  taken the message: the recipient gets it twice, at most the one message each killed
  process had in flight (``make test-cluster`` measures it). We accept at least once here
  rather than at most once: committing before the answer would leave the row "sent" for
  every message whose server saw the connection close before answering, each lost
  silently; a rare duplicate is visible, a silent gap is not.
- The connection lost before the answer was read: the row rolls back and goes back to the
  queue (the server may have taken it if the answer was lost on the way: at least once).

Other backends (an HTTP API through anymail) cannot split the hand-off; for them the row is
marked sent right after the call returns, and the Message-ID recorded beforehand lets a
provider's tracking event tie a report back to the row.
"""

from __future__ import annotations

import logging
import secrets
import select
import smtplib
import socket
import uuid
from email.utils import parseaddr
from functools import partial
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from psycopg import sql as pg_sql

from association.public_url import base_url

from .models import Delivery, NewsletterIssue, address_hash
from .rendering import (
    RenderedIssue,
    personalise,
    reader_language,
    rendering_for_reader,
    stored_rendering,
)
from .send_rate import send_slot_acquire
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)


class ClaimLost(Exception):
    """The row was requeued and claimed by another chunk while this one waited."""


class TransientSendError(Exception):
    """The server or the connection failed in a way worth retrying later."""


def deliveries_claim(*, issue_id: int, first_id: int, last_id: int) -> tuple[uuid.UUID, list[int]]:
    claim = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                issue_id=issue_id, pk__gte=first_id, pk__lte=last_id, status=Delivery.Status.QUEUED
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING,
            claim=claim,
            claimed_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    return claim, ids


def _unsubscribe_url(delivery: Delivery, language: str) -> str:
    token = unsubscribe_token(
        subscriber_id=delivery.subscriber_id, email_hash=address_hash(delivery.email)
    )
    with translation.override(language):
        return base_url() + reverse("newsletter:unsubscribe", args=[token])


def _preferences_url(delivery: Delivery, language: str, unsubscribe_url: str) -> str:
    if not delivery.subscriber_id:
        return unsubscribe_url
    token = unsubscribe_url.rstrip("/").rsplit("/", 1)[-1]
    with translation.override(language):
        return base_url() + reverse("newsletter:preferences", args=[token])


class ChunkMessages:
    """What every message of one chunk shares, worked out once for the chunk: each
    language's unsubscribe and preferences addresses, reversed with a stand-in for the
    reader's token (a signed token is made of characters a URL carries as they are, so the
    swap gives what ``reverse`` gives), and one MIME boundary, so that the generator does
    not draw and check a new one (a regular expression compiled) for each message."""

    STAND_IN = "0reader0token0"

    def __init__(self):
        self.links: dict[str, tuple[str, str]] = {}
        self.boundary = "=" * 15 + secrets.token_hex(12) + "=="

    def urls(self, delivery: Delivery, language: str) -> tuple[str, str]:
        """The reader's unsubscribe and preferences addresses."""
        if language not in self.links:
            with translation.override(language):
                self.links[language] = (
                    base_url() + reverse("newsletter:unsubscribe", args=[self.STAND_IN]),
                    base_url() + reverse("newsletter:preferences", args=[self.STAND_IN]),
                )
        unsubscribe, preferences = self.links[language]
        token = unsubscribe_token(
            subscriber_id=delivery.subscriber_id, email_hash=address_hash(delivery.email)
        )
        unsubscribe = unsubscribe.replace(self.STAND_IN, token)
        if not delivery.subscriber_id:
            return unsubscribe, unsubscribe
        return unsubscribe, preferences.replace(self.STAND_IN, token)


def build_message(
    issue: NewsletterIssue,
    rendered: RenderedIssue,
    delivery: Delivery,
    message_id: str,
    language: str | None = None,
    chunk: ChunkMessages | None = None,
) -> EmailMultiAlternatives:
    """One reader's message; ``language`` is the reader's (the issue's by default), for the
    links, and ``rendered`` is already in that language's script; ``chunk`` holds what the
    messages of a chunk share."""
    language = language or issue.language
    if chunk is None:
        unsubscribe_url = _unsubscribe_url(delivery, language)
        preferences_url = _preferences_url(delivery, language, unsubscribe_url)
    else:
        unsubscribe_url, preferences_url = chunk.urls(delivery, language)
    html_body, text_body = personalise(
        rendered,
        name=delivery.name,
        unsubscribe_url=unsubscribe_url,
        preferences_url=preferences_url,
    )
    # RFC 2369 mailto first, RFC 8058 one-click URL second; the subject carries the token so
    # whoever reads that mailbox (or an inbound hook) can act on it without the address.
    mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO or parseaddr(settings.NEWSLETTER_FROM_EMAIL)[1]
    token = unsubscribe_url.rstrip("/").rsplit("/", 1)[-1]
    list_unsubscribe = (
        f"<mailto:{mailto}?subject=unsubscribe%20{quote(token)}>, <{unsubscribe_url}>"
    )
    message = EmailMultiAlternatives(
        subject=rendered.subject or issue.subject,
        body=text_body,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[delivery.email],
        headers={
            "Message-ID": message_id,
            "List-Unsubscribe": list_unsubscribe,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Infocluster <{settings.NEWSLETTER_LIST_ID}>",
            "Precedence": "bulk",
        },
    )
    message.attach_alternative(html_body, "text/html")
    if chunk is not None and chunk.boundary not in html_body and chunk.boundary not in text_body:
        message.mime_boundary = chunk.boundary
    return message


def message_bytes(message: EmailMultiAlternatives) -> bytes:
    """The message as the server gets it, with the chunk's boundary when it has one."""
    mime = message.message()
    boundary = getattr(message, "mime_boundary", None)
    if boundary and mime.is_multipart():
        mime.set_boundary(boundary)
    return mime.as_bytes(linesep="\r\n")


def delivery_message_id(*, issue_id: int, delivery_id: int) -> str:
    """The Message-ID of one reader's copy of an issue, the same on every attempt: a message
    sent again after a worker died while the relay answered (at least once, see above)
    carries the first one's Message-ID, which mail providers and clients show once."""
    return f"<nl{issue_id}.{delivery_id}@{settings.NEWSLETTER_LIST_ID}>"


def _mark_sent(delivery_id: int, claim: uuid.UUID, message_id: str) -> None:
    updated = Delivery.objects.filter(
        pk=delivery_id, claim=claim, status=Delivery.Status.SENDING
    ).update(status=Delivery.Status.SENT, sent_at=timezone.now(), message_id=message_id, error="")
    if not updated:
        raise ClaimLost


def _smtp_send(backend: SMTPBackend, message: EmailMultiAlternatives, mark) -> None:
    """Django's SMTP send, split before the end-of-data marker (see the module docstring);
    ``mark`` (``_PostgresMark`` or ``_AtomicMark``) marks the row sent around the marker."""
    smtp = backend.connection
    encoding = message.encoding or settings.DEFAULT_CHARSET
    from_email = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(a, encoding) for a in message.recipients()]
    data = message_bytes(message)
    try:
        # The end-of-data marker is a tiny write right after the payload; without this,
        # Nagle's algorithm holds it until the server's delayed ACK (40 ms on Linux).
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(from_email)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, from_email)
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                smtp.rset()
                raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        mark.start()  # the database works on the row while the server answers DATA
        code, reply = smtp.docmd("data")
        if code != 354:
            mark.abandon()
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)
        payload = smtplib._quote_periods(data)
        if not payload.endswith(b"\r\n"):
            payload += b"\r\n"
        smtp.send(payload)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException):
        mark.abandon()
        raise  # the server answered: the caller decides by the code
    except OSError as error:  # the connection failed (SMTPException is an OSError too)
        mark.abandon()
        raise TransientSendError(str(error)) from error
    except BaseException:  # a time limit, a bug: never leave the row's transaction open
        mark.abandon()
        raise
    try:
        mark.commit_with(partial(_end_of_data, smtp))
    except ClaimLost:
        # Someone else owns the row now: drop the half-sent message with the connection.
        backend.close()
        raise
    except smtplib.SMTPResponseException:
        raise  # the server refused the message; the row was rolled back
    except OSError as error:
        # The marker was not written or the answer not read: the row was rolled back, and a
        # server that did not answer over an open connection has not taken the message.
        raise TransientSendError(str(error)) from error


def _end_of_data(smtp: smtplib.SMTP) -> None:
    """The end-of-data marker, then the server's answer to it: only a 250 read here lets the
    row's transaction commit."""
    smtp.sock.sendall(b".\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


class _AtomicMark:
    """The row marked sent, the marker written and the server's 250 read inside one
    ``transaction.atomic()``: inside an outer transaction (the caller's commit decides) or
    on another database."""

    def __init__(self, delivery_id: int, claim: uuid.UUID, message_id: str):
        self.mark = partial(_mark_sent, delivery_id, claim, message_id)

    def start(self) -> None:
        pass

    def abandon(self) -> None:
        pass

    def commit_with(self, end_of_data) -> None:
        with transaction.atomic():
            self.mark()
            end_of_data()


class _PostgresMark:
    """The row marked sent in a transaction committed right after the server's 250 to the
    end-of-data marker, in two round trips to PostgreSQL instead of four, the first hidden
    behind the server's answer to DATA:

    ``start`` sends ``BEGIN; UPDATE … WHERE claim = this chunk's`` without waiting (before
    DATA); ``commit_with`` reads the UPDATE's answer (after the payload), writes the marker
    only if the row was updated, reads the server's answer, and writes the COMMIT straight
    after a 250: a socket read and a socket write with nothing slow between them, so a kill
    can hardly fall between the server's acceptance and our commit (see the module
    docstring). Django cannot send a statement without waiting for its answer, hence libpq's
    calls on Django's own connection, which is back in autocommit, idle, when this is done
    (committed or rolled back)."""

    def __init__(self, delivery_id: int, claim: uuid.UUID, message_id: str):
        self.delivery_id, self.claim, self.message_id = delivery_id, claim, message_id
        self.pgconn = None

    def start(self) -> None:
        connection.ensure_connection()
        conn = connection.connection
        query = pg_sql.SQL(
            "BEGIN; UPDATE {table} SET status = {sent}, sent_at = {now}, message_id = {mid},"
            " error = '' WHERE id = {pk} AND claim = {claim} AND status = {sending}"
        ).format(
            table=pg_sql.Identifier(Delivery._meta.db_table),
            sent=Delivery.Status.SENT.value,
            now=timezone.now(),
            mid=self.message_id,
            pk=self.delivery_id,
            claim=self.claim,
            sending=Delivery.Status.SENDING.value,
        )
        self.pgconn = conn.pgconn
        _pg_send(self.pgconn, query.as_bytes(conn))

    def abandon(self) -> None:
        """The message will not be completed: roll the row's transaction back."""
        if self.pgconn is not None:
            pgconn, self.pgconn = self.pgconn, None
            try:
                _pg_results(pgconn)
            finally:
                _pg_rollback(pgconn)

    def commit_with(self, end_of_data) -> None:
        pgconn, self.pgconn = self.pgconn, None
        try:
            results = _pg_results(pgconn)
            if int(results[-1].command_tuples or 0) != 1:
                raise ClaimLost
            end_of_data()
        except BaseException:
            _pg_rollback(pgconn)
            raise
        _pg_send(pgconn, b"COMMIT")
        _pg_results(pgconn)


def _pg_send(pgconn, query: bytes) -> None:
    try:
        pgconn.send_query(query)
        while pgconn.flush():
            select.select([], [pgconn.socket], [])
    except psycopg.Error as error:
        raise DatabaseError(str(error)) from error


def _pg_results(pgconn) -> list:
    """The answers to the last query string, one per statement; DatabaseError on an error."""
    results = []
    try:
        while True:
            while pgconn.is_busy():
                select.select([pgconn.socket], [], [])
                pgconn.consume_input()
            result = pgconn.get_result()
            if result is None:
                break
            results.append(result)
    except psycopg.Error as error:
        raise DatabaseError(str(error)) from error
    for result in results:
        if result.status != psycopg.pq.ExecStatus.COMMAND_OK:
            raise DatabaseError(result.error_message.decode(errors="replace"))
    if not results:
        raise DatabaseError(pgconn.error_message.decode(errors="replace"))
    return results


def _pg_rollback(pgconn) -> None:
    if pgconn.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        _pg_send(pgconn, b"ROLLBACK")
        _pg_results(pgconn)


def _permanent(error: Exception) -> bool:
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = next(iter(error.recipients.values()))[0]
    return bool(code and 500 <= code < 600)


def _hand_over(
    backend, message: EmailMultiAlternatives, delivery_id: int, claim: uuid.UUID, message_id: str
) -> None:
    """Send one message and mark its row sent: over SMTP in the transaction committed with the
    end-of-data marker (``_smtp_send``); through another backend right after the call
    returns, with the Message-ID recorded beforehand."""
    if isinstance(backend, SMTPBackend):
        if backend.connection is None:
            backend.open()
        if connection.in_atomic_block or connection.vendor != "postgresql":
            mark = _AtomicMark(delivery_id, claim, message_id)
        else:
            mark = _PostgresMark(delivery_id, claim, message_id)
        _smtp_send(backend, message, mark)
    else:
        Delivery.objects.filter(pk=delivery_id, claim=claim).update(message_id=message_id)
        backend.send_messages([message])
        _mark_sent(delivery_id, claim, message_id)


def _fail_or_requeue(delivery: Delivery, claim: uuid.UUID, error: Exception) -> bool:
    """A refused or unbuildable message: failed for good when the refusal is permanent or the
    row is out of attempts (returns True), else back in the queue (returns False)."""
    give_up = (
        isinstance(error, ValueError)
        or _permanent(error)
        or delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
    )
    Delivery.objects.filter(pk=delivery.pk, claim=claim).update(
        status=Delivery.Status.FAILED if give_up else Delivery.Status.QUEUED,
        error=str(error)[:1000],
    )
    return give_up


def _claimed_send(
    backend, issue: NewsletterIssue, rendered: RenderedIssue, claim: uuid.UUID, pending: list
) -> dict:
    """Send the claimed rows in order over the open ``backend``, taking each off ``pending``
    once it is settled, so that what is left there is what the caller puts back."""
    sent = failed = 0
    scripts = {issue.language: rendered}  # the issue in each reader's script, made once
    chunk = ChunkMessages()
    while pending:
        delivery = pending[0]
        message_id = delivery_message_id(issue_id=issue.pk, delivery_id=delivery.pk)
        language = reader_language(issue.language, delivery.reader_language)
        if language not in scripts:
            scripts[language] = rendering_for_reader(issue, rendered, language)
        message = build_message(issue, scripts[language], delivery, message_id, language, chunk)
        send_slot_acquire()
        try:
            _hand_over(backend, message, delivery.pk, claim, message_id)
            sent += 1
        except ClaimLost:
            # The chunk was requeued as stuck; its rows belong to another task now.
            break
        except (smtplib.SMTPException, ValueError) as error:
            give_up = _fail_or_requeue(delivery, claim, error)
            pending.pop(0)
            if not give_up:
                raise TransientSendError(str(error)) from error
            failed += 1
            continue
        pending.pop(0)
    return {"sent": sent, "failed": failed}


def chunk_send(*, issue_id: int, first_id: int, last_id: int) -> dict:
    """Send the queued deliveries of ``issue_id`` with ids in [first_id, last_id]: claim them
    (``deliveries_claim``), then send them over one connection (``_claimed_send``).

    Returns counts; raises TransientSendError after putting unsent rows back in the queue,
    so the task retries them with backoff."""
    issue = NewsletterIssue.objects.filter(
        pk=issue_id, status=NewsletterIssue.Status.SENDING
    ).first()
    if issue is None:
        return {"sent": 0, "failed": 0}
    try:
        claim, ids = deliveries_claim(issue_id=issue_id, first_id=first_id, last_id=last_id)
    except DatabaseError as error:  # e.g. SQLite's "database is locked": nothing was claimed
        raise TransientSendError(str(error)) from error
    if not ids:
        return {"sent": 0, "failed": 0}
    rendered = stored_rendering(issue)
    pending = list(
        Delivery.objects.filter(pk__in=ids, claim=claim)
        .annotate(reader_language=F("subscriber__language"))
        .order_by("pk")
    )
    backend = get_connection()
    try:
        backend.open()
        return _claimed_send(backend, issue, rendered, claim, pending)
    except (TransientSendError, OSError, DatabaseError) as error:
        # A database error (a lock not granted in time) is as passing as a dropped
        # connection: the rows go back in the queue and the task retries with backoff.
        _release(pending, claim, str(error))
        raise TransientSendError(str(error)) from error
    finally:
        backend.close()


def _release(pending: list[Delivery], claim: uuid.UUID, reason: str) -> None:
    """Put rows this chunk did not get to back in the queue, or fail those out of tries.
    When the database refuses this too, the rows stay "sending" and beat requeues them
    after ``NEWSLETTER_SENDING_TIMEOUT``; the progress screen shows them as stuck."""
    try:
        _release_rows(pending, claim, reason)
    except DatabaseError:
        logger.warning("Could not put %s deliveries back in the queue", len(pending), exc_info=True)


def _release_rows(pending: list[Delivery], claim: uuid.UUID, reason: str) -> None:
    ids = [d.pk for d in pending]
    rows = Delivery.objects.filter(pk__in=ids, claim=claim, status=Delivery.Status.SENDING)
    rows.filter(attempts__gte=settings.NEWSLETTER_MAX_ATTEMPTS).update(
        status=Delivery.Status.FAILED,
        error=_("Gave up after %(n)s attempts: %(reason)s")
        % {"n": settings.NEWSLETTER_MAX_ATTEMPTS, "reason": reason[:900]},
    )
    rows.update(status=Delivery.Status.QUEUED, claim=None, error=reason[:1000])

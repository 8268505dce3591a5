"""Newsletter fixtures: a rate-capped worker for the kill test and an SMTP server that refuses
some recipients."""

import pytest

from tests.factories import ensure_wagtail_base
from tests.harness import CeleryWorkerProcess, SMTPServer


@pytest.fixture
def capped_worker(celery_worker_process, transactional_db, mailbox):
    """A worker of its own with a global cap of 10 messages a second, so a send of a few
    dozen messages lasts long enough to be killed in the middle. The session's worker is
    stopped meanwhile (the ``celery_worker`` fixture starts it again when next needed)."""
    ensure_wagtail_base()
    celery_worker_process.stop()
    worker = CeleryWorkerProcess(
        env={**celery_worker_process.env, "NEWSLETTER_SEND_RATE": "10"},
        queue=celery_worker_process.queue,
    )
    worker.start()
    yield worker
    worker.kill()


class RefusingSMTPServer(SMTPServer):
    """Refuses recipients whose address starts with "refused" (550) or "later" (451)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("refused"):
            return "550 5.1.1 No such mailbox"
        if address.startswith("later"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_mailbox(settings):
    server = RefusingSMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    yield server
    server.stop()

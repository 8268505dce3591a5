"""The real components later tests rely on: a Celery worker process and an SMTP server."""

import uuid

from django.core.mail import send_mail

from association.tasks import ping


def test_worker_process_executes_a_task_from_the_broker(celery_worker):
    token = uuid.uuid4().hex

    assert ping.delay(token).get(timeout=30) == f"pong:{token}"


def test_mail_sent_by_django_arrives_at_the_local_smtp_server(mailbox):
    send_mail("Infocluster test", "Hello clusters", "info@example.org", ["member@example.org"])

    [received] = mailbox.wait_for(1)
    assert received.rcpt_tos == ["member@example.org"]
    assert received.subject == "Infocluster test"
    assert "Hello clusters" in received.body_text()

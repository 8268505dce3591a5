import uuid

from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.core.management.base import BaseCommand, CommandError

from association.tasks import ping


class Command(BaseCommand):
    help = "Send a task to the Celery worker and wait for its answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=20.0)

    def handle(self, *args, timeout, **options):
        token = uuid.uuid4().hex[:8]
        result = ping.delay(token)
        try:
            answer = result.get(timeout=timeout)
        except CeleryTimeoutError as exc:
            raise CommandError(f"No worker answered within {timeout:g}s.") from exc
        if answer != f"pong:{token}":
            raise CommandError(f"Unexpected answer from the worker: {answer!r}")
        self.stdout.write(self.style.SUCCESS(f"The worker ran task {result.id}: {answer}"))

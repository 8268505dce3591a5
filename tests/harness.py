"""Real servers for the test suite: a local SMTP server that keeps what it receives, and a
Celery worker in its own process. Fixtures in the root conftest.py wrap these."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import connection

from association.celery import app

REPO_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        # A long encoded subject is folded onto the next line ("Subject: \n =?utf-8?b?...");
        # Python's parser keeps the folding's space in front, which mail programs drop.
        return str(self.message["Subject"]).strip()

    def body_text(self) -> str:
        part = self.message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""


@dataclass
class SMTPServer:
    """aiosmtpd on a loopback port; ``messages`` holds every message it accepted."""

    host: str = "127.0.0.1"
    port: int = 0
    messages: list[ReceivedMessage] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Condition()
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self._lock:
            self.messages.append(
                ReceivedMessage(envelope.mail_from, list(envelope.rcpt_tos), message)
            )
            self._lock.notify_all()
        return "250 Message accepted for delivery"

    def start(self) -> SMTPServer:
        self.port = self.port or free_port()
        self._controller = Controller(self, hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[ReceivedMessage]:
        """Wait until at least ``count`` messages arrived; return them (raise on timeout)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"expected {count} message(s), received {len(self.messages)}"
                    )
                self._lock.wait(remaining)
            return list(self.messages)

    def wait_for_matching(self, predicate, what: str, timeout: float = 60.0) -> list:
        """Wait until a message for which ``predicate`` holds has arrived; return those that
        match (raise, naming ``what`` and the subjects received, on timeout)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [m for m in self.messages if predicate(m)]
                if found:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    subjects = [m.subject for m in self.messages]
                    raise AssertionError(f"no {what}; got {subjects}")
                self._lock.wait(min(remaining, 1.0))

    def to(self, address: str) -> list[ReceivedMessage]:
        return [m for m in self.messages if address in m.rcpt_tos]


class CeleryWorkerProcess:
    """A real ``celery worker`` process on the test database, broker and SMTP server.

    Tests that use it must commit their data (``transactional_db``) so the worker sees it.
    ``kill()`` sends SIGKILL, as when a machine dies; ``start()`` brings a new one up.
    """

    def __init__(self, *, env: dict[str, str], queue: str, concurrency: int = 1):
        self.env = env
        self.queue = queue
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None
        self.log_path = Path(env["TMPDIR"]) / f"celery-worker-{queue}.log"

    def start(self, timeout: float = 60.0) -> CeleryWorkerProcess:
        hostname = f"{self.queue}-{uuid.uuid4().hex[:8]}@localhost"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "association",
            "worker",
            "--hostname",
            hostname,
            "--queues",
            self.queue,
            "--concurrency",
            str(self.concurrency),
            "--pool",
            "prefork",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        log = open(self.log_path, "ab")  # noqa: SIM115 (kept open for the process' life)
        self.process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited; see {self.log_path}")
            if app.control.ping(destination=[hostname], timeout=0.5):
                return self
        self.stop()
        raise TimeoutError(f"celery worker did not answer within {timeout}s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once: no cleanup runs."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def worker_environment(
    *, smtp_server: SMTPServer, tmpdir: Path, settings_module: str | None = None, **extra: str
) -> dict[str, str]:
    """The environment of a Celery worker process on this test process' database, broker and
    mail, whichever configuration the suite runs on.

    PostgreSQL (``association.settings.test``): the test database by URL, the Redis broker of
    the settings, mail to ``smtp_server``. SQLite (``association.settings.test_sqlite``): the
    test process' temporary folder (``TEST_SQLITE_DIR``: its filesystem broker folders, file
    cache and mail folder) and its test database file; mail is written to files there.
    ``settings_module`` replaces the configuration's settings module (it must build on it);
    ``extra`` is added to the environment.
    """
    from django.conf import settings

    db = connection.settings_dict
    env = dict(os.environ)
    env["TMPDIR"] = str(tmpdir)
    if connection.vendor == "postgresql":
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "association.settings.test",
                "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
                "EMAIL_HOST": smtp_server.host,
                "EMAIL_PORT": str(smtp_server.port),
            }
        )
    else:
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "association.settings.test_sqlite",
                "TEST_SQLITE_DIR": settings.TEST_SQLITE_DIR,
                "TEST_SQLITE_DATABASE": str(db["NAME"]),
            }
        )
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(extra)
    return env


def run_together(target, count: int, *, timeout: float = 120) -> list:
    """Run ``target(i)`` for i in range(count), each in its own thread with its own database
    connection, all released at the same moment by a barrier; return what each returned or
    raised, in order. The concurrency tests of every app race through this one helper."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001 (handed to the test, which judges it)
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results

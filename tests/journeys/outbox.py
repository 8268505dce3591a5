"""The mails the site wrote, read the same way on both configurations: on PostgreSQL
(``make test``) the local SMTP server received them; on SQLite (``make run``'s configuration)
Django's file backend wrote them into ``EMAIL_FILE_PATH``, the web process and the Celery
worker alike."""

from __future__ import annotations

import email
import email.policy
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from html import unescape
from pathlib import Path

from tests.harness import SMTPServer

# Django's file backend ends each message it writes with this line.
_FILE_SEPARATOR = re.compile(rb"\r?\n-{79}\r?\n")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


@dataclass
class Mail:
    to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def text(self) -> str:
        """The plain-text body (else the HTML one)."""
        part = self.message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""

    def links(self) -> list[str]:
        """Every address in the mail's bodies, plain text first, in order, once each."""
        found = _URL.findall(self.text()) + _URL.findall(unescape(self.html()))
        return list(dict.fromkeys(link.rstrip(".,;") for link in found))

    def link(self, containing: str) -> str:
        """The one address in the mail that contains ``containing``."""
        matches = [link for link in self.links() if containing in link]
        assert matches, f"no link with {containing!r} in {self.subject!r}: {self.links()}"
        return matches[0]


class Outbox:
    """``wait_for`` a mail to an address; ``all()`` that arrived so far."""

    def __init__(self, *, smtp_server: SMTPServer | None = None, folder: Path | None = None):
        self.smtp_server = smtp_server
        self.folder = folder

    def clear(self) -> None:
        if self.smtp_server is not None:
            self.smtp_server.clear()
        else:
            for path in self.folder.iterdir():
                path.unlink()

    def all(self) -> list[Mail]:
        if self.smtp_server is not None:
            return [Mail(list(m.rcpt_tos), m.message) for m in list(self.smtp_server.messages)]
        mails = []
        for path in sorted(self.folder.iterdir(), key=lambda p: (p.stat().st_mtime_ns, p.name)):
            for chunk in _FILE_SEPARATOR.split(path.read_bytes()):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk, policy=email.policy.default)
                to = [address.strip() for address in str(message.get("To", "")).split(",")]
                mails.append(Mail(to, message))
        return mails

    def to(self, address: str) -> list[Mail]:
        return [mail for mail in self.all() if address in mail.to]

    def wait_for(
        self,
        address: str,
        subject_contains: str = "",
        *,
        where: Callable[[Mail], bool] = lambda mail: True,
        timeout: float = 60.0,
    ) -> Mail:
        """The latest mail to ``address`` whose subject contains ``subject_contains`` (and for
        which ``where`` holds), waiting for it to arrive; fails naming what did arrive."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                mail
                for mail in self.to(address)
                if subject_contains in mail.subject and where(mail)
            ]
            if found:
                return found[-1]
            if time.monotonic() > deadline:
                arrived = [(mail.to, mail.subject) for mail in self.all()]
                raise AssertionError(
                    f"no mail to {address} with {subject_contains!r} in its subject; "
                    f"arrived: {arrived}"
                )
            time.sleep(0.2)

"""The fuzz test's engine: sends one generated request through Django's test client inside
a savepoint that is always rolled back (so every request meets the same data), and checks
what came back.

What counts as a finding:

- ``5xx``: any answer of 500 or more, or an exception that escaped the handler;
- ``stored change on 4xx``: a request answered 400-499 changed a row of the database;
- ``stream error``: a streamed response (an export) failed half-way;
- ``reflected markup``: an HTML page contains a script or event-handler probe from the
  request verbatim (unescaped);
- ``broken transaction``: the database refused queries after a 4xx (PostgreSQL aborts a
  transaction whose statement failed, and a view swallowed the error).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from openpyxl import load_workbook

REPO_ROOT = Path(__file__).resolve().parents[2]

# Every generated request is one example; the examples of a full run are shared out between
# the fuzz tests by weight. FUZZ_EXAMPLES sets the total (a small number while iterating).
FULL_RUN_EXAMPLES = 10_400
MIN_FULL_RUN_REQUESTS = 10_000


def total_examples() -> int:
    return int(os.environ.get("FUZZ_EXAMPLES", FULL_RUN_EXAMPLES))


def is_full_run() -> bool:
    return total_examples() >= FULL_RUN_EXAMPLES


# Tables a GET may legitimately write to: the session, image renditions made on demand, and
# the Wagtail profile a staff user gets on first use of an admin screen.
UNWATCHED_TABLES = {"django_session", "wagtailimages_rendition", "wagtailusers_userprofile"}
# Tables whose rows are compared in full, not only counted: where a forged link or a
# refused form would flip a status or overwrite a field.
CONTENT_MODELS = [
    "auth.User",
    "account.EmailAddress",
    "events.Registration",
    "events.TicketType",
    "newsletter.Subscriber",
    "newsletter.Consent",
    "newsletter.SuppressedAddress",
    "membership.Membership",
    "membership.Application",
    "membership.Organisation",
    "membership.ContactPerson",
    "membership.OrganisationUser",
    "payments.Payment",
    "payments.StripeEvent",
]

# Probes that must never come back verbatim in an HTML page.
MARKUP_PROBES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload="]
# Stored in the fuzz data's names (tests/fuzz/conftest.py): no page may show it unescaped.
STORED_PROBE = "<script>alert('stored')</script>"
# A spreadsheet cell starting with one of these is a formula (CSV injection); numbers are
# numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


@dataclass
class Req:
    """One generated request. ``path`` is already percent-encoded; ``query`` and ``form``
    are (name, value) pairs whose values may be str or raw bytes."""

    endpoint: str
    method: str
    path: str
    query: list = field(default_factory=list)
    form: list | None = None
    body: bytes | None = None
    content_type: str = ""
    headers: dict = field(default_factory=dict)
    user: str = "anonymous"
    # Uploads: (field name, file name, content); the form then goes as multipart.
    files: list = field(default_factory=list)

    def url(self) -> str:
        if not self.query:
            return self.path
        return f"{self.path}?{urlencode(self.query, quote_via=quote)}"

    def described(self, limit: int = 400) -> str:
        parts = [f"{self.method} {self.url()}"]
        for name, filename, content in self.files:
            parts.append(f"file {name}={filename!r} ({len(content)} bytes: {content[:40]!r})")
        if self.form is not None:
            parts.append(f"form={self.form!r}")
        if self.body is not None:
            parts.append(f"body={self.body!r}")
        if self.headers:
            parts.append(f"headers={self.headers!r}")
        if self.user != "anonymous":
            parts.append(f"as {self.user}")
        text = " ".join(parts)
        return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"

    def inputs(self) -> str:
        values = [self.path, *(v for _k, v in self.query), *(v for _k, v in self.form or [])]
        values += list(self.headers.values())
        return " ".join(
            v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in values
        )


def segment(value) -> str:
    """A hostile value as one percent-encoded path segment."""
    if isinstance(value, bytes):
        return quote(value, safe="")
    return quote(str(value).encode("utf-8", "surrogatepass"), safe="")


@dataclass
class Finding:
    kind: str
    endpoint: str
    where: str
    request: str
    detail: str
    count: int = 1

    def as_markdown(self) -> str:
        return (
            f"- **{self.kind}** at `{self.endpoint}` ({self.count}×) — {self.where}\n"
            f"  - request: `{self.request}`\n"
            f"  - {self.detail}\n"
        )


def _where(exc_info) -> tuple[str, str]:
    """The exception, the innermost frame of the project's own code, and where it was
    raised when that is elsewhere (a library)."""
    if not exc_info:
        return "no exception recorded", ""
    exc_type, exc, tb = exc_info
    frames = traceback.extract_tb(tb)

    def name(frame) -> str:
        path = frame.filename
        if "site-packages/" in path:
            path = path.split("site-packages/")[-1]
        elif path.startswith(str(REPO_ROOT)):
            path = os.path.relpath(path, REPO_ROOT)
        return f"{path}:{frame.lineno} ({frame.name})"

    ours = [
        f for f in frames if f.filename.startswith(str(REPO_ROOT)) and "/.venv/" not in f.filename
    ]
    libraries = [f for f in frames if "site-packages/" in f.filename]
    places = []
    if ours:
        places.append(name(ours[-1]))
    if libraries and (not ours or frames.index(libraries[-1]) > frames.index(ours[-1])):
        places.append("raised in " + name(libraries[-1]))
    if not places and frames:
        places.append(name(frames[-1]))
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{exc_type.__name__}: {message}", "; ".join(places)


class Snapshot:
    """Row counts and highest ids of every table, and the full content of the tables where
    a change of state matters; two snapshots compare equal when nothing was stored."""

    def __init__(self):
        qn = connection.ops.quote_name
        self.count_sql_parts = []
        self.labels = []
        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
        for model in sorted(models, key=lambda m: m._meta.db_table):
            table = model._meta.db_table
            if table in UNWATCHED_TABLES or model._meta.proxy:
                continue
            pk = model._meta.pk
            if pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
                highest = f"MAX({qn(pk.column)})"
            else:
                highest = "0"
            self.labels.append(table)
            # Table and column names from the models, quoted: no input reaches this SQL.
            self.count_sql_parts.append(f"SELECT COUNT(*), {highest} FROM {qn(table)}")  # noqa: S608
        self.content = []
        for label in CONTENT_MODELS:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            table, pk = model._meta.db_table, model._meta.pk.column
            self.content.append((table, f"SELECT * FROM {qn(table)} ORDER BY {qn(pk)}"))  # noqa: S608

    def writes(self) -> int:
        """A counter of rows written so far (cheap): a request that leaves it unchanged wrote
        nothing, and only then is the full snapshot skipped. SQLite counts changes per
        connection; PostgreSQL per transaction (attempts rolled back included)."""
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            return connection.connection.total_changes
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                    "FROM pg_stat_xact_user_tables WHERE NOT (relname = ANY(%s))",
                    [sorted(UNWATCHED_TABLES)],
                )
                return cursor.fetchone()[0]
        return -1  # unknown: always compare the snapshots

    def take(self) -> dict:
        state = {}
        with connection.cursor() as cursor:
            # In chunks: SQLite limits a compound SELECT to 500 terms.
            for start in range(0, len(self.count_sql_parts), 200):
                chunk = self.count_sql_parts[start : start + 200]
                cursor.execute(" UNION ALL ".join(chunk))
                rows = cursor.fetchall()
                for label, row in zip(self.labels[start : start + 200], rows, strict=True):
                    state[label] = tuple(row)
            for table, sql in self.content:
                cursor.execute(sql)
                digest = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
                state[f"{table} (content)"] = digest
        return state


class _Rollback(Exception):
    pass


class Fuzzer:
    """Sends requests and keeps the counts and findings of one test."""

    def __init__(self, *, sessions: dict[str, dict[str, str]], database: str):
        self.sessions = sessions
        self.database = database
        self.requests = 0
        self.statuses: Counter[int] = Counter()
        self.endpoints: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()
        self.endpoint_statuses: Counter[tuple[str, int]] = Counter()
        self.findings: dict[tuple, Finding] = {}
        self.started = time.monotonic()
        self.snapshot = Snapshot()
        self._warm_up()
        self.baseline = self.snapshot.take()
        self._quiet = [logging.getLogger(name) for name in ("django.request", "django.security")]

    def __enter__(self):
        self._levels = [logger.level for logger in self._quiet]
        for logger in self._quiet:
            logger.setLevel(logging.CRITICAL + 1)
        return self

    def __exit__(self, *exc):
        for logger, level in zip(self._quiet, self._levels, strict=True):
            logger.setLevel(level)

    def _warm_up(self) -> None:
        """Rows made on first use (the site settings) are made before the baseline."""
        for user, paths in {
            "anonymous": ["/", "/sr-latn/", "/sr/", "/no-such-page/", "/?warm-up=%00"],
            "member": ["/dashboard/"],
            "staff": ["/admin/"],
        }.items():
            client = self._client(user)
            for path in paths:
                client.get(path)

    # --- sending ---------------------------------------------------------------------

    def _client(self, user: str) -> Client:
        client = Client(raise_request_exception=False)
        for name, value in self.sessions.get(user, {}).items():
            client.cookies[name] = value
        return client

    def _send(self, client: Client, req: Req):
        extra = {}
        for name, value in req.headers.items():
            # WSGI hands header values over as latin-1 strings of the bytes received.
            raw = value.encode("utf-8") if isinstance(value, str) else value
            extra["HTTP_" + name.upper().replace("-", "_")] = raw.decode("latin-1")
        if req.method == "GET" or (req.form is None and req.body is None):
            return client.generic(req.method, req.url(), **extra)
        if req.files:
            data: dict = {}
            for name, value in req.form or []:
                data.setdefault(name, []).append(value)
            body, content_type = _multipart(data, req.files), MULTIPART_CONTENT
        elif req.form is not None:
            body = urlencode(req.form, quote_via=quote).encode("ascii")
            content_type = "application/x-www-form-urlencoded"
        else:
            body, content_type = req.body, req.content_type or "application/octet-stream"
        return client.generic(req.method, req.url(), data=body, content_type=content_type, **extra)

    def send(self, req: Req) -> int:
        """Send ``req`` and check the answer; returns the status (599 for an exception that
        escaped the handler)."""
        self.requests += 1
        self.endpoints[req.endpoint] += 1
        status = 0
        started = time.monotonic()
        try:
            with transaction.atomic():
                status = self._send_and_check(req)
                raise _Rollback
        except _Rollback:
            pass
        self.seconds[req.endpoint] += time.monotonic() - started
        self.statuses[status] += 1
        self.endpoint_statuses[req.endpoint, status] += 1
        return status

    def _send_and_check(self, req: Req) -> int:
        client = self._client(req.user)
        writes_before = self.snapshot.writes()
        try:
            response = self._send(client, req)
        except Exception as error:  # the handler itself failed: a 5xx at best
            self._record("5xx", req, (type(error), error, error.__traceback__), "escaped")
            return 599
        status = response.status_code
        if response.streaming:
            try:
                content = b"".join(response.streaming_content)
            except Exception as error:
                self._record("stream error", req, (type(error), error, error.__traceback__))
                return status
        else:
            content = response.content
        if status >= 500:
            self._record("5xx", req, getattr(response, "exc_info", None), f"status {status}")
            return status
        if 400 <= status < 500:
            self._check_nothing_stored(req, status, writes_before)
        content_type = response.get("Content-Type", "")
        if "text/html" in content_type:
            inputs = req.inputs()
            for probe in MARKUP_PROBES:
                if probe in inputs and probe.encode() in content:
                    self._record("reflected markup", req, None, f"{probe!r} in the page")
            if STORED_PROBE.encode() in content:
                self._record("stored markup unescaped", req, None, f"{STORED_PROBE!r} in the page")
        elif status == 200 and ("text/csv" in content_type or "spreadsheetml" in content_type):
            self._check_cells(req, content, content_type)
        return status

    def _check_cells(self, req: Req, content: bytes, content_type: str) -> None:
        if "text/csv" in content_type:
            rows = csv.reader(io.StringIO(content.decode("utf-8-sig", "replace")))
        else:
            sheet = load_workbook(io.BytesIO(content), read_only=True).active
            rows = sheet.iter_rows(values_only=True)
        for row in rows:
            for cell in row:
                if (
                    isinstance(cell, str)
                    and cell.startswith(FORMULA_STARTS)
                    and not NUMBER.fullmatch(cell)
                ):
                    self._record("formula in a spreadsheet cell", req, None, f"cell {cell[:80]!r}")
                    return

    def _check_nothing_stored(self, req: Req, status: int, writes_before: int) -> None:
        try:
            if writes_before >= 0 and self.snapshot.writes() == writes_before:
                return
            after = self.snapshot.take()
        except DatabaseError as error:
            self._record("broken transaction", req, (type(error), error, error.__traceback__))
            return
        changed = sorted(name for name in after if after[name] != self.baseline.get(name))
        if changed:
            self._record(
                "stored change on 4xx", req, None, f"status {status}; changed: {', '.join(changed)}"
            )

    def _record(self, kind: str, req: Req, exc_info, note: str = "") -> None:
        if exc_info:
            message, where = _where(exc_info)
        else:
            message, where = note, ""
        key = (kind, req.endpoint, message.split(":")[0], where)
        described = req.described()
        found = self.findings.get(key)
        if found is None:
            detail = message if not note or note == message else f"{message} [{note}]"
            self.findings[key] = Finding(kind, req.endpoint, where or "-", described, detail)
        else:
            found.count += 1
            if len(described) < len(found.request):
                found.request = described

    # --- results ---------------------------------------------------------------------

    def summary(self) -> dict:
        return {
            "database": self.database,
            "requests": self.requests,
            "endpoints": dict(self.endpoints),
            "endpoint_seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "endpoint_statuses": [[e, s, n] for (e, s), n in self.endpoint_statuses.items()],
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "findings": [f.__dict__ for f in self.findings.values()],
            "seconds": round(time.monotonic() - self.started, 1),
        }

    def assert_clean(self) -> None:
        if self.findings:
            listing = "\n".join(f.as_markdown() for f in self.findings.values())
            raise AssertionError(
                f"{len(self.findings)} kinds of failure in {self.requests} requests:\n{listing}"
            )


def _multipart(data: dict, files) -> bytes:
    """The form as a browser sends it, the uploads written as they come (Django's test client
    would refuse, in the test itself, a file name a browser may well send, such as "")."""
    closing = f"--{BOUNDARY}--\r\n".encode()
    body = encode_multipart(BOUNDARY, data).removesuffix(closing)
    for name, filename, content in files:
        # Browsers escape these three in a file name (the HTML standard's multipart rules).
        quoted = filename.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
        body += (
            (
                f"--{BOUNDARY}\r\n"
                f'Content-Disposition: form-data; name="{name}"; filename="{quoted}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode("utf-8", "replace")
            + content
            + b"\r\n"
        )
    return body + closing

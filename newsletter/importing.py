"""Importing subscribers from a CSV file: all rows or none."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Consent, Subscriber, address_hash, normalise_email
from .selectors import suppressed_hashes

COLUMNS = ["email", "name", "language", "consent_source", "consent_date"]
MAX_ROWS = 100_000
IMPORT_WORDING = gettext_noop(
    "Consent given via %(source)s on %(date)s; imported by %(user)s from %(file)s."
)


@dataclass
class ImportReport:
    imported: int = 0
    existing: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class ImportRejected(Exception):
    def __init__(self, report: ImportReport):
        super().__init__("; ".join(report.errors))
        self.report = report


class ImportRow(NamedTuple):
    line: int
    email: str
    name: str
    language: str
    source: str
    consent_at: datetime.datetime | None


def _consent_date(raw: str) -> datetime.datetime | None:
    raw = raw.strip()
    moment = parse_datetime(raw)
    if moment is None and (day := parse_date(raw)) is not None:
        moment = datetime.datetime.combine(day, datetime.time())
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _csv_reader(content: bytes, report: ImportReport) -> csv.DictReader:
    """The file's rows; the file is rejected when it is not UTF-8 or lacks a column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append(_("The file is not UTF-8 text."))
        raise ImportRejected(report) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        c for c in ("email", "consent_source", "consent_date") if c not in (reader.fieldnames or [])
    ]
    if missing:
        report.errors.append(
            _("Missing columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
        raise ImportRejected(report)
    return reader


def _row_read(row: dict, line: int) -> ImportRow:
    return ImportRow(
        line=line,
        email=normalise_email(row.get("email") or ""),
        name=" ".join((row.get("name") or "").split()),
        language=(row.get("language") or "").strip() or settings.LANGUAGE_CODE,
        source=" ".join((row.get("consent_source") or "").split()),
        consent_at=_consent_date(row.get("consent_date") or ""),
    )


def _row_problems(row: ImportRow, raw_name: str, languages: set[str]) -> list[str]:
    """What is wrong with one row, in the words the import screen lists."""
    problems = []
    try:
        validate_email(row.email)
    except ValidationError:
        problems.append(_("“%(email)s” is not an e-mail address") % {"email": row.email[:80]})
    if "\r" in raw_name or "\n" in raw_name or len(row.name) > 150:
        problems.append(_("the name has line breaks or is too long"))
    if row.language not in languages:
        problems.append(_("unknown language “%(language)s”") % {"language": row.language[:20]})
    if not row.source:
        problems.append(_("the consent source is empty"))
    if row.consent_at is None:
        problems.append(_("the consent date is not a date (YYYY-MM-DD)"))
    elif row.consent_at > timezone.now():
        problems.append(_("the consent date is in the future"))
    return problems


def _rows_validate(reader: csv.DictReader, report: ImportReport) -> list[ImportRow]:
    """Every row checked; the problems go to ``report.errors``, line by line."""
    languages = {code for code, _name in settings.LANGUAGES}
    seen: dict[str, int] = {}
    rows = []
    for raw in reader:
        line = reader.line_num
        if len(rows) + len(report.errors) >= MAX_ROWS:
            report.errors.append(_("Line %(line)s: too many rows.") % {"line": line})
            break
        row = _row_read(raw, line)
        problems = _row_problems(row, raw.get("name") or "", languages)
        if row.email in seen:
            problems.append(_("the address repeats line %(line)s") % {"line": seen[row.email]})
        if problems:
            report.errors.append(
                _("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        seen[row.email] = line
        rows.append(row._replace(source=row.source[:80]))
    return rows


def _subscriber_create(row: ImportRow, *, imported_by, filename: str) -> None:
    subscriber = Subscriber.objects.create(
        email=row.email,
        name=row.name,
        language=row.language,
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=row.consent_at,
    )
    Consent.objects.create(
        subscriber=subscriber,
        action=Consent.Action.IMPORTED,
        source=f"import: {row.source}",
        created_at=row.consent_at,
        wording=_(IMPORT_WORDING)
        % {
            "source": row.source,
            "date": row.consent_at.date().isoformat(),
            "user": imported_by.get_username(),
            "file": filename[:100],
        },
    )


def subscribers_import(*, content: bytes, filename: str, imported_by) -> ImportReport:
    """Import confirmed subscribers whose consent was given elsewhere (a paper form, an
    event registration). Any invalid row rejects the whole file, line by line; suppressed
    addresses (unsubscribed, bounced, erased) and existing subscribers are skipped and
    listed, never re-added."""
    report = ImportReport()
    reader = _csv_reader(content, report)
    suppressed = suppressed_hashes()
    rows = _rows_validate(reader, report)
    if report.errors:
        raise ImportRejected(report)

    with transaction.atomic():
        existing = set(
            Subscriber.objects.annotate(normalised=Lower("email"))
            .filter(normalised__in=[row.email for row in rows])
            .values_list("normalised", flat=True)
        )
        for row in rows:
            where = _("Line %(line)s: %(email)s") % {"line": row.line, "email": row.email}
            if address_hash(row.email) in suppressed:
                report.suppressed.append(where)
            elif row.email in existing:
                report.existing.append(where)
            else:
                _subscriber_create(row, imported_by=imported_by, filename=filename)
                report.imported += 1
    return report

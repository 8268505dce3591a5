"""Importing subscribers from a CSV file: all rows or none."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

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


def _consent_date(raw: str) -> datetime.datetime | None:
    raw = raw.strip()
    moment = parse_datetime(raw)
    if moment is None and (day := parse_date(raw)) is not None:
        moment = datetime.datetime.combine(day, datetime.time())
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def subscribers_import(*, content: bytes, filename: str, imported_by) -> ImportReport:
    """Import confirmed subscribers whose consent was given elsewhere (a paper form, an
    event registration). Any invalid row rejects the whole file, line by line; suppressed
    addresses (unsubscribed, bounced, erased) and existing subscribers are skipped and
    listed, never re-added."""
    report = ImportReport()
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
    languages = {code for code, _name in settings.LANGUAGES}
    suppressed = suppressed_hashes()
    seen: dict[str, int] = {}
    rows = []
    for row in reader:
        line = reader.line_num
        if len(rows) + len(report.errors) >= MAX_ROWS:
            report.errors.append(_("Line %(line)s: too many rows.") % {"line": line})
            break
        email = normalise_email(row.get("email") or "")
        name = " ".join((row.get("name") or "").split())
        raw_name = row.get("name") or ""
        language = (row.get("language") or "").strip() or settings.LANGUAGE_CODE
        source = " ".join((row.get("consent_source") or "").split())
        consent_at = _consent_date(row.get("consent_date") or "")
        problems = []
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not an e-mail address") % {"email": email[:80]})
        if "\r" in raw_name or "\n" in raw_name or len(name) > 150:
            problems.append(_("the name has line breaks or is too long"))
        if language not in languages:
            problems.append(_("unknown language “%(language)s”") % {"language": language[:20]})
        if not source:
            problems.append(_("the consent source is empty"))
        if consent_at is None:
            problems.append(_("the consent date is not a date (YYYY-MM-DD)"))
        elif consent_at > timezone.now():
            problems.append(_("the consent date is in the future"))
        if email in seen:
            problems.append(_("the address repeats line %(line)s") % {"line": seen[email]})
        if problems:
            report.errors.append(
                _("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        seen[email] = line
        rows.append((line, email, name, language, source[:80], consent_at))
    if report.errors:
        raise ImportRejected(report)

    with transaction.atomic():
        existing = set(
            Subscriber.objects.annotate(normalised=Lower("email"))
            .filter(normalised__in=[r[1] for r in rows])
            .values_list("normalised", flat=True)
        )
        for line, email, name, language, source, consent_at in rows:
            if address_hash(email) in suppressed:
                report.suppressed.append(
                    _("Line %(line)s: %(email)s") % {"line": line, "email": email}
                )
                continue
            if email in existing:
                report.existing.append(
                    _("Line %(line)s: %(email)s") % {"line": line, "email": email}
                )
                continue
            subscriber = Subscriber.objects.create(
                email=email,
                name=name,
                language=language,
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=consent_at,
            )
            Consent.objects.create(
                subscriber=subscriber,
                action=Consent.Action.IMPORTED,
                source=f"import: {source}",
                created_at=consent_at,
                wording=_(IMPORT_WORDING)
                % {
                    "source": source,
                    "date": consent_at.date().isoformat(),
                    "user": imported_by.get_username(),
                    "file": filename[:100],
                },
            )
            report.imported += 1
    return report

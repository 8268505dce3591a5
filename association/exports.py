"""One rule for every value that leaves the site in a spreadsheet (CSV or XLSX).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel and LibreOffice (CSV injection: ``=HYPERLINK(...)``, ``-1+cmd|...``), so it is
prefixed with an apostrophe, which shows the text as typed. Control characters that XML (and
so XLSX) cannot hold are removed.
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitise_cell(value):
    """The value as it may be written to a CSV or XLSX cell. Numbers, dates and ``None`` pass
    unchanged (a negative number is a number, not a formula)."""
    if not isinstance(value, str):
        return value
    value = _ILLEGAL_IN_XML.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sanitise_row(values):
    return [sanitise_cell(value) for value in values]


def local_minute(value) -> str:
    """A moment as staff read it: local time to the minute, blank when there is none."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def yes_or_blank(value) -> str:
    return _("yes") if value else ""


def choice_label(choices):
    """For a column holding a choice's stored value (an annotation has no
    ``get_..._display``): its label, in the language of the request."""
    labels = dict(choices)

    def label(value):
        return str(labels[value]) if value in labels else value

    return label


def both_formats(function) -> dict:
    """A ``custom_field_preprocess`` entry applying ``function`` to CSV and XLSX alike."""
    return {"csv": function, "xlsx": function}


class SanitisedExportMixin:
    """For a Wagtail index view with ``list_export`` (``SpreadsheetExportMixin``): every
    heading and cell of its CSV and XLSX passes ``sanitise_cell``, and the CSV starts with a
    byte-order mark so spreadsheet programs read it as UTF-8 (Š, Ć, Đ, Cyrillic). Every
    admin listing that exports mixes this in, so the rule has one copy."""

    def get_heading(self, queryset, field):
        return sanitise_cell(super().get_heading(queryset, field))

    def preprocess_field_value(self, field, value, export_format):
        return sanitise_cell(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

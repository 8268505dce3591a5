"""One rule for every value that leaves the site in a spreadsheet (CSV or XLSX).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel and LibreOffice (CSV injection: ``=HYPERLINK(...)``, ``-1+cmd|...``), so it is
prefixed with an apostrophe, which shows the text as typed. Control characters that XML (and
so XLSX) cannot hold are removed.
"""

from __future__ import annotations

import re

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

"""The registration list as CSV and XLSX for staff (badges, catering, the door list)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from association.exports import sanitise_row


def _columns():
    return [
        ("code", _("Ticket code")),
        ("name", _("Name")),
        ("email", _("E-mail")),
        ("organisation_name", _("Organisation")),
        ("ticket", _("Ticket")),
        ("status", _("Status")),
        ("price", _("Price (EUR)")),
        ("member_price", _("Member price")),
        ("registered", _("Registered")),
        ("attended", _("Checked in")),
    ]


def _row(registration) -> dict:
    def when(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    return {
        "code": registration.code,
        "name": registration.name,
        "email": registration.email,
        "organisation_name": registration.organisation_name,
        "ticket": registration.ticket_type.name,
        "status": str(registration.get_status_display()),
        "price": registration.price,
        "member_price": _("yes") if registration.is_member_price else "",
        "registered": when(registration.created_at),
        "attended": when(registration.attended_at),
    }


def _cells(registration, columns) -> list:
    """One registration's cells, each through the site's one spreadsheet sanitiser."""
    row = _row(registration)
    return sanitise_row([row[key] for key, _label in columns])


def registrations_csv(registrations, filename: str) -> HttpResponse:
    columns = _columns()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # spreadsheet programs then read UTF-8 (Š, Ć, Đ)
    writer = csv.writer(response)
    writer.writerow(sanitise_row([label for _key, label in columns]))
    for registration in registrations:
        writer.writerow(_cells(registration, columns))
    return response


def registrations_xlsx(registrations, filename: str) -> HttpResponse:
    columns = _columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations"))
    sheet.append(sanitise_row([label for _key, label in columns]))
    for registration in registrations:
        sheet.append(_cells(registration, columns))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

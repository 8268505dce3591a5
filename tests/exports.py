"""Staff exports read back as rows, for the tests of the admin listings' CSV and XLSX: one
helper for both formats, and a client signed in with one of the staff roles."""

import csv
import io

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sitesetup.roles import ensure_roles
from tests.factories import UserFactory


def staff_in_role(role: str) -> Client:
    """A client signed in as a staff member whose only permissions are the role's."""
    ensure_roles()
    user = UserFactory(is_staff=True, email=f"{role.replace(' ', '.').lower()}@example.org")
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def exported_rows(client: Client, url: str, export_format: str, **params) -> list[list]:
    """The export of the listing at ``url`` (filters in ``params``) as rows of cells, the
    headings first; CSV cells are strings, XLSX cells what the sheet holds (None if empty)."""
    response = client.get(url, {**params, "export": export_format})
    assert response.status_code == 200, response.status_code
    content = response.getvalue()
    if export_format == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def export_queries(client: Client, url: str, **params) -> int:
    """How many queries a CSV export of the listing makes, its streamed body included."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {**params, "export": "csv"})
        response.getvalue()
    assert response.status_code == 200, response.status_code
    return len(queries)

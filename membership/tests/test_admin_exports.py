"""Staff exports of the membership admin (memberships with their dues, organisations with
their current membership, applications) as CSV and XLSX: the columns, the filters applied,
formulas neutralised, the role that may export, and a query count that does not grow with
the rows."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from membership import selectors
from membership.models import Application, DuesStatus, Membership
from tests.exports import export_queries, exported_rows, staff_in_role
from tests.factories import MembershipLevelFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
MEMBERSHIPS = "/admin/snippets/membership/membership/"
ORGANISATIONS = "/admin/snippets/membership/organisation/"
APPLICATIONS = "/admin/snippets/membership/application/"
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def membership_staff(locales):
    return staff_in_role("Membership staff")


@pytest.fixture
def paid_level(locales):
    return MembershipLevelFactory(name="Full", yearly_price=Decimal("200.00"))


def _membership(level, *, organisation=None, person=None, status, days_old=0, **fields):
    membership = Membership.objects.create(
        organisation=organisation, person=person, level=level, status=status, **fields
    )
    # created_at is set on insert; an older row is made by moving it back.
    Membership.objects.filter(pk=membership.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return membership


def _members(paid_level):
    """One membership of each kind of dues."""
    free = MembershipLevelFactory(name="Network", yearly_price=0)
    return {
        "paid": _membership(
            paid_level,
            organisation=OrganisationFactory(name="Paid Cluster", email="office@paid.example"),
            person=UserFactory(first_name="Ana", last_name="Anić", email="ana@paid.example"),
            status=Membership.Status.ACTIVE,
            starts_on=TODAY - datetime.timedelta(days=100),
            ends_on=TODAY + datetime.timedelta(days=265),
        ),
        "overdue": _membership(
            paid_level,
            organisation=OrganisationFactory(name="Late Cluster"),
            status=Membership.Status.PENDING_PAYMENT,
            days_old=45,
        ),
        "due": _membership(
            paid_level,
            person=UserFactory(
                first_name="Đorđe", last_name="Petrović", email="djordje@example.org"
            ),
            status=Membership.Status.PENDING_PAYMENT,
            days_old=3,
        ),
        "free": _membership(
            free,
            organisation=OrganisationFactory(name="Free Cluster"),
            status=Membership.Status.ACTIVE,
        ),
    }


@pytest.mark.sqlite
def test_dues_are_paid_due_or_overdue_and_a_renewal_paid_ahead_is_only_due(paid_level, settings):
    settings.MEMBERSHIP_PAYMENT_DAYS = 30
    memberships = _members(paid_level)
    # A renewal waiting 60 days while the period it continues runs 30 more: due, not overdue.
    ahead = OrganisationFactory(name="Ahead Cluster")
    _membership(
        paid_level,
        organisation=ahead,
        status=Membership.Status.ACTIVE,
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    renewal = _membership(
        paid_level, organisation=ahead, status=Membership.Status.PENDING_PAYMENT, days_old=60
    )

    dues = dict(selectors.memberships_with_dues().values_list("pk", "dues_status"))

    assert {name: dues[m.pk] for name, m in memberships.items()} == {
        "paid": DuesStatus.PAID,
        "overdue": DuesStatus.OVERDUE,
        "due": DuesStatus.DUE,
        "free": DuesStatus.NONE,
    }
    assert dues[renewal.pk] == DuesStatus.DUE
    organisations = dict(
        selectors.organisations_with_membership().values_list("name", "dues_status")
    )
    assert organisations["Late Cluster"] == DuesStatus.OVERDUE
    assert organisations["Ahead Cluster"] == DuesStatus.DUE


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_membership_export_holds_each_membership_with_its_dues_and_contact(
    membership_staff, paid_level, export_format
):
    _members(paid_level)

    rows = exported_rows(membership_staff, MEMBERSHIPS, export_format)

    assert rows[0] == [
        "Organisation",
        "Organisation e-mail",
        "Organisation phone",
        "Member",
        "E-mail",
        "Level",
        "Yearly price (EUR)",
        "Status",
        "Starts on",
        "Ends on",
        "Dues",
        "Paid until",
        "Created",
    ]
    by_member = {(row[0] or row[3]): row for row in rows[1:]}
    assert set(by_member) == {"Paid Cluster", "Late Cluster", "Đorđe Petrović", "Free Cluster"}
    paid = by_member["Paid Cluster"]
    assert paid[1] == "office@paid.example"
    assert paid[3:6] == ["Ana Anić", "ana@paid.example", "Full"]
    assert paid[7] == "Active" and paid[10] == "Paid"
    assert by_member["Late Cluster"][10] == "Overdue"
    assert by_member["Đorđe Petrović"][10] == "Due"
    assert by_member["Free Cluster"][10] == "Nothing due"


def test_the_membership_export_keeps_to_the_filters(membership_staff, paid_level):
    _members(paid_level)

    overdue = exported_rows(membership_staff, MEMBERSHIPS, "csv", dues_status="overdue")
    active = exported_rows(membership_staff, MEMBERSHIPS, "csv", status="active")

    assert [row[0] for row in overdue[1:]] == ["Late Cluster"]
    assert sorted(row[0] for row in active[1:]) == ["Free Cluster", "Paid Cluster"]


def test_the_membership_and_organisation_lists_show_the_dues(membership_staff, paid_level):
    _members(paid_level)

    memberships = membership_staff.get(MEMBERSHIPS, {"dues_status": "overdue"})
    organisations = membership_staff.get(ORGANISATIONS)

    assert memberships.status_code == 200 and organisations.status_code == 200
    listed = memberships.content.decode()
    assert "Late Cluster · Full" in listed and "Overdue" in listed
    assert "Paid Cluster · Full" not in listed
    assert "Overdue" in organisations.content.decode()


def test_a_membership_filter_of_a_wrong_value_answers_without_error(membership_staff, locales):
    response = membership_staff.get(
        MEMBERSHIPS, {"dues_status": "=cmd", "organisation": "99999999999999999999"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exported_formulas_are_neutralised(membership_staff, paid_level, export_format):
    _membership(
        paid_level,
        organisation=OrganisationFactory(name="=cmd|' /C calc'!A0", slug="formula"),
        status=Membership.Status.ACTIVE,
    )

    memberships = exported_rows(membership_staff, MEMBERSHIPS, export_format)
    organisations = exported_rows(membership_staff, ORGANISATIONS, export_format)

    assert memberships[1][0] == "'=cmd|' /C calc'!A0"
    assert organisations[1][0] == "'=cmd|' /C calc'!A0"


@pytest.mark.sqlite
def test_the_organisation_export_holds_the_current_membership_and_dues(
    membership_staff, paid_level
):
    _members(paid_level)
    OrganisationFactory(name="Not a Member", is_published=False)

    rows = exported_rows(membership_staff, ORGANISATIONS, "csv")

    assert rows[0] == [
        "Name",
        "Kind",
        "City",
        "Region",
        "Address",
        "E-mail",
        "Phone",
        "Website",
        "In the directory",
        "Founder",
        "Membership level",
        "Membership status",
        "Membership ends on",
        "Dues",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Paid Cluster"][1] == "Cluster organisation"
    assert by_name["Paid Cluster"][10:] == [
        "Full",
        "Active",
        (TODAY + datetime.timedelta(days=265)).isoformat(),
        "Paid",
    ]
    assert by_name["Late Cluster"][10:] == ["Full", "Awaiting payment", "", "Overdue"]
    assert by_name["Not a Member"][8] == ""
    assert by_name["Not a Member"][10:] == ["", "", "", "Nothing due"]

    overdue = exported_rows(membership_staff, ORGANISATIONS, "csv", dues_status="overdue")
    assert [row[0] for row in overdue[1:]] == ["Late Cluster"]


def test_the_application_export_names_applicant_level_and_status(membership_staff, paid_level):
    applicant = UserFactory(first_name="Jelena", last_name="Jović", email="jelena@example.org")
    Application.objects.create(
        applicant=applicant,
        level=paid_level,
        organisation=OrganisationFactory(name="Applying Cluster"),
        motivation="+1 we cooperate",
    )
    Application.objects.create(
        applicant=UserFactory(), level=paid_level, motivation="x", status="rejected"
    )

    rows = exported_rows(membership_staff, APPLICATIONS, "xlsx", status="pending")

    assert rows[0][:6] == ["Number", "Organisation", "Applicant", "E-mail", "Level", "Status"]
    assert len(rows) == 2
    assert rows[1][1:7] == [
        "Applying Cluster",
        "Jelena Jović",
        "jelena@example.org",
        "Full",
        "Pending review",
        "'+1 we cooperate",
    ]


@pytest.mark.parametrize("url", [MEMBERSHIPS, ORGANISATIONS, APPLICATIONS])
def test_staff_without_the_membership_permissions_cannot_export(url, locales):
    newsletter_sender = staff_in_role("Newsletter senders")

    response = newsletter_sender.get(url, {"export": "csv"})

    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition", "").startswith("attachment")


@pytest.mark.parametrize("url", [MEMBERSHIPS, ORGANISATIONS, APPLICATIONS])
def test_an_export_makes_as_many_queries_for_many_rows_as_for_few(
    membership_staff, paid_level, url
):
    def add_rows(count):
        for _ in range(count):
            organisation = OrganisationFactory()
            person = UserFactory()
            _membership(
                paid_level,
                organisation=organisation,
                person=person,
                status=Membership.Status.PENDING_PAYMENT,
            )
            Application.objects.create(
                applicant=person, level=paid_level, organisation=organisation, motivation="m"
            )

    add_rows(2)
    export_queries(membership_staff, url)  # the session and permissions, as a running site
    few = export_queries(membership_staff, url)
    add_rows(6)

    assert export_queries(membership_staff, url) == few

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership import services
from membership.models import Application, Membership, Organisation, OrganisationUser
from payments.models import Payment
from tests.factories import (
    MembershipLevelFactory,
    MembershipPageFactory,
    StaffUserFactory,
    UserFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership_page(home_page):
    return MembershipPageFactory(parent=home_page)


@pytest.fixture
def free_level():
    return MembershipLevelFactory(name="Network membership", yearly_price=Decimal("0"))


@pytest.fixture
def paid_level():
    return MembershipLevelFactory(name="Partner membership", yearly_price=Decimal("120.00"))


def _apply(client, level, **data):
    return client.post(
        "/membership/apply/",
        {"level": level.pk, "motivation": "We want to cooperate.", **data},
    )


def test_membership_page_lists_the_levels(client, membership_page, free_level, paid_level):
    content = client.get("/membership/").content.decode()

    assert "Network membership" in content and "Partner membership" in content
    assert "120.00 EUR a year" in content
    assert "Always timely informed" in content


def test_signed_out_visitor_is_sent_to_log_in(client, membership_page):
    response = client.get("/membership/apply/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_unverified_user_is_asked_to_verify_not_shown_an_error(client, membership_page):
    user = UserFactory(email="new@example.org")
    client.force_login(user)

    response = client.get("/membership/apply/")

    assert response.status_code == 200
    assert "verify" in response.content.decode().lower()


def test_applying_for_a_new_organisation_creates_it_unpublished(
    client, membership_page, free_level
):
    user = verified_user()
    client.force_login(user)

    response = _apply(
        client, free_level, new_name="Niš ICT Cluster", new_kind="cluster", new_city="Niš"
    )

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == Application.Status.PENDING
    assert application.organisation.name == "Niš ICT Cluster"
    assert application.organisation.is_published is False
    assert OrganisationUser.objects.filter(
        user=user, organisation=application.organisation, role="admin"
    ).exists()


def test_form_errors_keep_what_was_typed(client, membership_page, free_level):
    client.force_login(verified_user())

    response = _apply(client, free_level, new_city="Niš")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Choose your organisation or name the new one." in content
    assert 'value="Niš"' in content
    assert Application.objects.count() == 0 and Organisation.objects.count() == 0


def test_a_second_pending_application_is_refused(client, membership_page, free_level):
    user = verified_user()
    client.force_login(user)
    _apply(client, free_level, new_name="Autocluster Serbia", new_kind="cluster")
    organisation = Organisation.objects.get()

    response = _apply(client, free_level, organisation=organisation.pk)

    assert response.status_code == 200
    assert "already waiting for review" in response.content.decode()
    assert Application.objects.count() == 1


def test_staff_approve_a_free_level_and_the_membership_is_active(
    client, membership_page, free_level
):
    applicant = verified_user()
    application = services.application_submit(
        applicant=applicant,
        level=free_level,
        motivation="Join",
        new_organisation={"name": "FACTS", "kind": "cluster"},
    )
    client.force_login(StaffUserFactory())

    page = client.get(f"/admin/membership/applications/{application.pk}/review/")
    assert page.status_code == 200 and "FACTS" in page.content.decode()
    client.post(
        f"/admin/membership/applications/{application.pk}/review/",
        {"decision": "approve", "message": "Welcome"},
    )

    membership = Membership.objects.get()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.starts_on == datetime.date.today()
    assert membership.organisation.is_published is True
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED


def test_rejecting_needs_a_message(client, membership_page, free_level):
    application = services.application_submit(
        applicant=verified_user(),
        level=free_level,
        motivation="Join",
        new_organisation={"name": "VMC", "kind": "cluster"},
    )
    client.force_login(StaffUserFactory())

    response = client.post(
        f"/admin/membership/applications/{application.pk}/review/", {"decision": "reject"}
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_members_cannot_review_applications(client, membership_page, free_level):
    application = services.application_submit(
        applicant=verified_user(),
        level=free_level,
        motivation="Join",
        new_organisation={"name": "NiCAT", "kind": "cluster"},
    )
    client.force_login(verified_user(email="other@example.org"))

    response = client.post(
        f"/admin/membership/applications/{application.pk}/review/", {"decision": "approve"}
    )

    assert response.status_code in (302, 403)
    assert Membership.objects.count() == 0


def test_approving_a_paid_level_waits_for_payment(free_level, paid_level):
    application = services.application_submit(
        applicant=verified_user(),
        level=paid_level,
        motivation="Join",
        new_organisation={"name": "ICT Network", "kind": "cluster"},
    )

    membership = services.application_approve(application=application, reviewer=None)

    assert membership.status == Membership.Status.PENDING_PAYMENT
    assert membership.organisation.is_published is False
    with pytest.raises(ValidationError):
        services.application_approve(application=application, reviewer=None)


def test_activation_is_idempotent_and_renewal_continues_the_period(free_level):
    user = verified_user()
    application = services.application_submit(
        applicant=user,
        level=free_level,
        motivation="Join",
        new_organisation={"name": "VOICT", "kind": "cluster"},
    )
    first = services.application_approve(application=application, reviewer=None)
    first.refresh_from_db()
    assert services.membership_activate(membership=first) is False

    renewal = services.membership_renew(
        membership=first, user=user, today=first.ends_on - datetime.timedelta(days=10)
    )

    assert renewal.status == Membership.Status.ACTIVE
    assert renewal.starts_on == first.ends_on + datetime.timedelta(days=1)


def test_reminders_are_sent_once_and_memberships_expire(free_level):
    user = verified_user()
    application = services.application_submit(
        applicant=user,
        level=free_level,
        motivation="Join",
        new_organisation={"name": "Cluster House", "kind": "support"},
    )
    membership = services.application_approve(application=application, reviewer=None)
    membership.refresh_from_db()
    ends = membership.ends_on

    assert services.memberships_send_reminders(today=ends - datetime.timedelta(days=40)) == 0
    assert services.memberships_send_reminders(today=ends - datetime.timedelta(days=29)) == 1
    assert services.memberships_send_reminders(today=ends - datetime.timedelta(days=28)) == 0
    assert services.memberships_send_reminders(today=ends - datetime.timedelta(days=6)) == 1
    assert services.memberships_expire(today=ends) == 0
    assert services.memberships_expire(today=ends + datetime.timedelta(days=1)) == 1
    membership.refresh_from_db()
    assert membership.status == Membership.Status.EXPIRED


def test_member_downloads_their_data_and_deletes_the_account(client, free_level):
    user = verified_user(first_name="Ana")
    services.application_submit(
        applicant=user,
        level=free_level,
        motivation="We make clusters",
        new_organisation={"name": "ICT Cluster of Central Serbia", "kind": "cluster"},
    )
    client.force_login(user)

    data = json.loads(client.get("/dashboard/my-data.json").content)
    assert data["account"]["email"] == "member@example.org"
    assert data["applications"][0]["motivation"] == "We make clusters"

    payment = Payment.objects.create(
        payable=user,
        amount=Decimal("120.00"),
        description="Partner membership",
        customer_email="member@example.org",
        stripe_checkout_session_id="cs_test_erased",
    )

    response = client.post(
        "/dashboard/delete-account/", {"confirm": "on", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.customer_email == f"deleted-{user.pk}@invalid.example"
    assert payment.amount == Decimal("120.00")
    user.refresh_from_db()
    assert user.email == "" and user.first_name == "" and not user.is_active
    assert Application.objects.get().applicant is None
    assert Organisation.objects.filter(name="ICT Cluster of Central Serbia").exists()


def test_dashboard_lists_memberships_and_organisations(client, free_level):
    user = verified_user()
    application = services.application_submit(
        applicant=user,
        level=free_level,
        motivation="Join",
        new_organisation={"name": "Autocluster", "kind": "cluster"},
    )
    services.application_approve(application=application, reviewer=None)
    client.force_login(user)

    content = client.get("/dashboard/").content.decode()

    assert "Network membership" in content and "Active" in content
    assert "Autocluster" in content and "Edit the profile" in content


# --- the page's texts follow its levels --------------------------------------------------------


def _levels_summary(client) -> str:
    page = client.get("/membership/").content.decode()
    start = page.find('class="lead levels-summary"')
    return page[start : page.find("</p>", start)] if start >= 0 else ""


def test_the_membership_page_states_each_levels_fee(
    client, membership_page, free_level, paid_level
):
    summary = _levels_summary(client)

    assert "Network membership: free." in summary
    assert "Partner membership: 120 EUR a year." in summary


def test_with_only_a_free_level_the_page_names_no_fee(client, membership_page, free_level):
    summary = _levels_summary(client)

    assert summary.endswith("Network membership: free.")
    assert "EUR" not in summary


def test_without_levels_the_page_states_no_fee(client, membership_page):
    assert _levels_summary(client) == ""

"""Staff manage the people of organisations and their invitations in the admin (Membership →
People, Invitations), under the Membership staff role, through the same rules as members:
an invitation is mailed after commit, and no screen leaves an organisation without an admin."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from membership.models import OrganisationInvitation, OrganisationUser
from sitesetup.roles import ensure_roles
from tests.factories import OrganisationFactory, OrganisationUserFactory, UserFactory

pytestmark = pytest.mark.django_db
PEOPLE = "/admin/snippets/membership/organisationuser/"
INVITATIONS = "/admin/snippets/membership/organisationinvitation/"


@pytest.fixture
def staff(locales):
    ensure_roles()
    user = UserFactory(username="membership-staff", is_staff=True)
    user.groups.add(Group.objects.get(name="Membership staff"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def last_admin(db):
    return OrganisationUserFactory(organisation=OrganisationFactory(name="Niš Food Cluster"))


def test_membership_staff_list_the_people_of_organisations(staff, last_admin):
    response = staff.get(PEOPLE, {"organisation": last_admin.organisation_id})

    assert response.status_code == 200
    assert last_admin.user.email in response.content.decode()
    assert staff.get(PEOPLE, {"q": "Niš"}).status_code == 200
    assert staff.get(INVITATIONS, {"q": "Niš"}).status_code == 200


def test_staff_invite_an_address_and_the_mail_is_queued_after_commit(
    staff, last_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = staff.post(
            INVITATIONS + "add/",
            {
                "organisation": last_admin.organisation_id,
                "email": "new.colleague@example.org",
                "role": "member",
                "language": "sr",
            },
        )

    assert response.status_code == 302
    invitation = OrganisationInvitation.objects.get()
    assert (invitation.email, invitation.language) == ("new.colleague@example.org", "sr")
    assert len(callbacks) == 1


def test_staff_inviting_someone_who_belongs_already_see_a_form_error(staff, last_admin):
    response = staff.post(
        INVITATIONS + "add/",
        {
            "organisation": last_admin.organisation_id,
            "email": last_admin.user.email,
            "role": "member",
            "language": "en",
        },
    )

    assert response.status_code == 200
    assert "already belongs" in response.content.decode()
    assert not OrganisationInvitation.objects.exists()


def test_staff_withdraw_an_invitation(staff, last_admin):
    invitation = OrganisationInvitation.objects.create(
        organisation=last_admin.organisation,
        email="x@example.org",
        token_hash="0" * 64,
        expires_at="2999-01-01T00:00Z",
    )

    response = staff.post(INVITATIONS + f"edit/{invitation.pk}/", {"withdraw": "on"})

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_staff_cannot_demote_the_last_admin(staff, last_admin):
    response = staff.post(PEOPLE + f"edit/{last_admin.pk}/", {"role": "member"})

    assert response.status_code == 200
    assert "make someone else admin first" in response.content.decode()
    assert OrganisationUser.objects.get(pk=last_admin.pk).role == "admin"


def test_staff_change_a_role_when_another_admin_remains(staff, last_admin):
    OrganisationUserFactory(organisation=last_admin.organisation, role="admin")

    response = staff.post(PEOPLE + f"edit/{last_admin.pk}/", {"role": "member"})

    assert response.status_code == 302
    assert OrganisationUser.objects.get(pk=last_admin.pk).role == "member"


def test_the_edit_screen_moves_nobody_to_another_organisation(staff, last_admin):
    other = OrganisationFactory()
    OrganisationUserFactory(organisation=last_admin.organisation, role="admin")

    staff.post(
        PEOPLE + f"edit/{last_admin.pk}/",
        {"role": "admin", "organisation": other.pk, "user": UserFactory().pk},
    )

    person = OrganisationUser.objects.get(pk=last_admin.pk)
    assert (person.organisation_id, person.user_id) == (
        last_admin.organisation_id,
        last_admin.user_id,
    )


def test_staff_cannot_delete_the_last_admin_one_at_a_time_or_in_bulk(staff, last_admin):
    second = OrganisationUserFactory(organisation=last_admin.organisation, role="admin")

    single = staff.post(PEOPLE + f"delete/{last_admin.pk}/")
    bulk = staff.post(
        f"/admin/bulk/membership/organisationuser/delete/?id={last_admin.pk}&id={second.pk}"
    )

    assert single.status_code == 302 and bulk.status_code == 302
    # The first delete was allowed (another admin remained); the bulk one would leave none.
    assert list(
        OrganisationUser.objects.filter(organisation=last_admin.organisation).values_list(
            "pk", flat=True
        )
    ) == [second.pk]
    assert staff.post(PEOPLE + f"delete/{second.pk}/").status_code == 302
    assert OrganisationUser.objects.filter(pk=second.pk).exists()

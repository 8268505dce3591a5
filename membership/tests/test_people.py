"""The people of an organisation: invitations (the link that works once, for the invited
verified address, in time, unless withdrawn), the dashboard's People screen and who may use
it, and the rule that an organisation never loses its last admin, even when two admins
demote each other at the same moment."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from membership import selectors
from membership.models import Membership, OrganisationInvitation, OrganisationUser
from membership.services import account_delete, people
from tests.factories import (
    MembershipLevelFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    UserFactory,
    ensure_locales,
    ensure_wagtail_base,
    verified_user,
)
from tests.harness import run_together

PEOPLE = "/dashboard/organisations/{}/people/"
COLLEAGUE = "colleague@example.org"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Vojvodina ICT Cluster", slug="voict")


@pytest.fixture
def admin(organisation):
    user = verified_user(email="admin@example.org")
    OrganisationUserFactory(organisation=organisation, user=user, role="admin")
    return user


def _client(user=None, **options):
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def _invite(organisation, admin, email=COLLEAGUE, role="member"):
    return people.invitation_create(
        organisation=organisation, email=email, role=role, invited_by=admin, language="en"
    )


def _accept_url(invitation, language=""):
    prefix = f"/{language}" if language else ""
    return f"{prefix}/membership/invitation/{invitation.token}/"


# --- invitations ---------------------------------------------------------------------------


@pytest.mark.sqlite
def test_the_invited_address_accepts_and_joins_with_the_invited_role(organisation, admin):
    invitation = _invite(organisation, admin, role="admin")
    colleague = verified_user(email=COLLEAGUE)

    response = _client(colleague).post(_accept_url(invitation))

    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    person = OrganisationUser.objects.get(user=colleague, organisation=organisation)
    assert person.role == "admin"
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague and invitation.accepted_at is not None


def test_the_invited_address_matches_whatever_its_case(organisation, admin):
    invitation = _invite(organisation, admin, email="Colleague@Example.org")
    colleague = verified_user(email=COLLEAGUE)

    _client(colleague).post(_accept_url(invitation))

    assert OrganisationUser.objects.filter(user=colleague, organisation=organisation).exists()


@pytest.mark.sqlite
def test_an_invitation_works_once(organisation, admin):
    invitation = _invite(organisation, admin)
    colleague = verified_user(email=COLLEAGUE)
    client = _client(colleague)
    client.post(_accept_url(invitation))
    OrganisationUser.objects.filter(user=colleague).update(role="member")

    again = client.post(_accept_url(invitation))

    assert again.status_code == 400
    assert "used already" in again.content.decode()
    assert OrganisationUser.objects.filter(user=colleague).count() == 1


def test_an_expired_invitation_is_refused_and_joins_nobody(organisation, admin):
    invitation = _invite(organisation, admin)
    OrganisationInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    colleague = verified_user(email=COLLEAGUE)

    response = _client(colleague).post(_accept_url(invitation))

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not OrganisationUser.objects.filter(user=colleague).exists()
    assert OrganisationInvitation.objects.get(pk=invitation.pk).accepted_at is None


def test_a_withdrawn_invitation_is_refused(organisation, admin):
    invitation = _invite(organisation, admin)
    colleague = verified_user(email=COLLEAGUE)
    _client(admin).post(f"/dashboard/organisations/voict/invitations/{invitation.pk}/withdraw/")

    response = _client(colleague).post(_accept_url(invitation))

    assert response.status_code == 400
    assert "withdrawn" in response.content.decode()
    assert not OrganisationUser.objects.filter(user=colleague).exists()


@pytest.mark.sqlite
def test_another_address_is_refused_and_joins_nothing(organisation, admin):
    invitation = _invite(organisation, admin)
    stranger = verified_user(email="stranger@example.org")

    response = _client(stranger).post(_accept_url(invitation))

    assert response.status_code == 403
    assert f"sent to {COLLEAGUE}" in response.content.decode()
    assert not OrganisationUser.objects.filter(user=stranger).exists()
    assert OrganisationInvitation.objects.get(pk=invitation.pk).accepted_at is None


def test_an_unverified_address_cannot_accept(organisation, admin):
    invitation = _invite(organisation, admin)
    unverified = UserFactory(username="colleague", email=COLLEAGUE)
    EmailAddress.objects.create(user=unverified, email=COLLEAGUE, verified=False, primary=True)

    with pytest.raises(people.InvitationRefused) as refused:
        people.invitation_accept(token=invitation.token, user=unverified)

    assert refused.value.code == "unverified"
    assert not OrganisationUser.objects.filter(user=unverified).exists()


@pytest.mark.parametrize("token", ["x", "a" * 43, "'\"<svg onload=alert(1)>", "%00"])
def test_a_link_whose_token_is_not_ours_is_not_valid(organisation, admin, token):
    _invite(organisation, admin)
    colleague = verified_user(email=COLLEAGUE)

    response = _client(colleague).post(f"/membership/invitation/{token}/")

    assert response.status_code == 400
    assert not OrganisationUser.objects.filter(user=colleague).exists()


def test_a_visitor_is_sent_to_sign_up_or_sign_in_and_back(organisation, admin):
    invitation = _invite(organisation, admin)
    url = _accept_url(invitation)

    response = _client().get(url)
    posted = _client().post(url)

    content = response.content.decode()
    assert response.status_code == 200
    assert f"/accounts/signup/?next={url}" in content
    assert f"/accounts/login/?next={url}" in content
    assert posted.status_code == 200  # a visitor's POST accepts nothing
    assert not OrganisationInvitation.objects.get(pk=invitation.pk).accepted_at


@pytest.mark.parametrize(
    ("language", "phrase"),
    [("", "Join Vojvodina"), ("sr-latn", "Pridružite se"), ("sr", "Придружите се")],
)
def test_the_invitation_page_speaks_the_three_languages(organisation, admin, language, phrase):
    invitation = _invite(organisation, admin)

    response = _client().get(_accept_url(invitation, language))

    assert response.status_code == 200
    assert phrase in response.content.decode()


def test_inviting_again_sends_a_new_link_and_voids_the_old_one(organisation, admin):
    first = _invite(organisation, admin)
    second = _invite(organisation, admin, email=COLLEAGUE.upper(), role="admin")
    colleague = verified_user(email=COLLEAGUE)

    old = _client(colleague).post(_accept_url(first))

    assert first.pk == second.pk
    assert OrganisationInvitation.objects.count() == 1
    assert old.status_code == 400
    assert people.invitation_accept(token=second.token, user=colleague).role == "admin"


def test_inviting_someone_who_belongs_already_is_refused(organisation, admin):
    with pytest.raises(ValidationError, match="already belongs"):
        _invite(organisation, admin, email="ADMIN@example.org")
    assert not OrganisationInvitation.objects.exists()


@pytest.mark.sqlite
def test_the_invite_form_queues_the_mail_after_commit(
    organisation, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = _client(admin).post(
            PEOPLE.format("voict"), {"email": COLLEAGUE, "role": "member"}
        )

    assert response.status_code == 302
    assert len(callbacks) == 1
    invitation = OrganisationInvitation.objects.get()
    assert invitation.invited_by == admin and invitation.email == COLLEAGUE
    # The database keeps the token's hash only: nothing stored is a working link.
    assert len(invitation.token_hash) == 64


def test_a_bad_address_on_the_invite_form_is_a_form_error(organisation, admin):
    response = _client(admin).post(PEOPLE.format("voict"), {"email": "not an address"})

    assert response.status_code == 400
    assert not OrganisationInvitation.objects.exists()


def test_inviting_is_throttled_per_address(organisation, admin, settings):
    settings.THROTTLE_RATES = {
        **settings.THROTTLE_RATES,
        "colleague_invite": {"ip": "100/h", "address": "2/h"},
    }
    client = _client(admin)
    answers = [
        client.post(PEOPLE.format("voict"), {"email": COLLEAGUE, "role": "member"}).status_code
        for _ in range(3)
    ]

    assert answers == [302, 302, 429]


# --- the People screen and who may use it ----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [("", "People of"), ("sr-latn", "Ljudi organizacije"), ("sr", "Људи организације")],
)
def test_an_admin_sees_the_people_and_open_invitations(organisation, admin, language, heading):
    OrganisationUserFactory(organisation=organisation, role="member")
    _invite(organisation, admin)
    prefix = f"/{language}" if language else ""

    response = _client(admin).get(prefix + PEOPLE.format("voict"))

    content = response.content.decode()
    assert response.status_code == 200
    assert heading in content
    assert "admin@example.org" in content and COLLEAGUE in content


def test_only_the_organisations_admins_reach_its_people(organisation, admin):
    member = verified_user(email="member@example.org")
    OrganisationUserFactory(organisation=organisation, user=member, role="member")
    other_admin = verified_user(email="other@example.org")
    OrganisationUserFactory(organisation=OrganisationFactory(), user=other_admin, role="admin")

    assert _client(member).get(PEOPLE.format("voict")).status_code == 403
    assert _client(other_admin).get(PEOPLE.format("voict")).status_code == 404
    assert _client().get(PEOPLE.format("voict")).status_code == 302  # to sign in


def test_an_admin_of_another_organisation_changes_nothing_here(organisation, admin):
    intruder = verified_user(email="intruder@example.org")
    OrganisationUserFactory(organisation=OrganisationFactory(), user=intruder, role="admin")
    target = OrganisationUser.objects.get(user=admin)
    client = _client(intruder)

    answers = [
        client.post(f"/dashboard/organisations/voict/people/{target.pk}/role/", {"role": "member"}),
        client.post(f"/dashboard/organisations/voict/people/{target.pk}/remove/"),
        client.post(f"/dashboard/organisations/voict/people/{target.pk}/handover/"),
        client.post(PEOPLE.format("voict"), {"email": "x@example.org", "role": "admin"}),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404, 404]
    assert OrganisationUser.objects.get(pk=target.pk).role == "admin"
    assert not OrganisationInvitation.objects.exists()


def test_an_admin_cannot_reach_a_person_of_another_organisation(organisation, admin):
    elsewhere = OrganisationUserFactory(organisation=OrganisationFactory(), role="admin")

    _client(admin).post(f"/dashboard/organisations/voict/people/{elsewhere.pk}/remove/")
    _client(admin).post(
        f"/dashboard/organisations/voict/people/{elsewhere.pk}/role/", {"role": "member"}
    )

    assert OrganisationUser.objects.get(pk=elsewhere.pk).role == "admin"


def test_every_change_needs_the_csrf_token(organisation, admin):
    member = OrganisationUserFactory(organisation=organisation, role="member")
    client = _client(admin, enforce_csrf_checks=True)

    response = client.post(f"/dashboard/organisations/voict/people/{member.pk}/remove/")

    assert response.status_code == 403
    assert OrganisationUser.objects.filter(pk=member.pk).exists()


def test_an_admin_changes_a_role_and_removes_a_person(organisation, admin):
    member = OrganisationUserFactory(organisation=organisation, role="member")
    other = OrganisationUserFactory(organisation=organisation, role="member")
    client = _client(admin)

    client.post(f"/dashboard/organisations/voict/people/{member.pk}/role/", {"role": "admin"})
    client.post(f"/dashboard/organisations/voict/people/{other.pk}/remove/")

    assert OrganisationUser.objects.get(pk=member.pk).role == "admin"
    assert not OrganisationUser.objects.filter(pk=other.pk).exists()


@pytest.mark.sqlite
def test_the_last_admin_can_be_neither_demoted_nor_removed(organisation, admin):
    own = OrganisationUser.objects.get(user=admin)
    client = _client(admin)

    demoted = client.post(
        f"/dashboard/organisations/voict/people/{own.pk}/role/", {"role": "member"}, follow=True
    )
    removed = client.post(f"/dashboard/organisations/voict/people/{own.pk}/remove/", follow=True)

    assert "make someone else admin first" in demoted.content.decode()
    assert "cannot be removed" in removed.content.decode()
    assert OrganisationUser.objects.get(pk=own.pk).role == "admin"


@pytest.mark.sqlite
def test_handing_over_makes_the_other_person_admin_and_the_giver_a_member(organisation, admin):
    member = OrganisationUserFactory(organisation=organisation, role="member")

    response = _client(admin).post(f"/dashboard/organisations/voict/people/{member.pk}/handover/")

    assert response["Location"] == "/dashboard/"  # no longer an admin of it
    assert OrganisationUser.objects.get(pk=member.pk).role == "admin"
    assert OrganisationUser.objects.get(user=admin).role == "member"


def test_a_handover_to_oneself_changes_nothing(organisation, admin):
    own = OrganisationUser.objects.get(user=admin)

    with pytest.raises(ValidationError):
        people.organisation_admin_handover(
            organisation=organisation, from_user=admin, to_person_id=own.pk
        )
    assert OrganisationUser.objects.get(pk=own.pk).role == "admin"


@pytest.fixture
def committed_base(transactional_db):
    ensure_wagtail_base()
    ensure_locales()


@pytest.mark.parametrize("action", ["demote", "remove"])
def test_two_admins_taking_each_other_away_at_once_leave_one_admin(committed_base, action):
    organisation = OrganisationFactory()
    first, second = (
        OrganisationUserFactory(organisation=organisation, role="admin") for _ in range(2)
    )

    def take_away(number):
        person = (second, first)[number]
        if action == "demote":
            return people.organisation_user_set_role(
                organisation=organisation, person_id=person.pk, role="member"
            )
        return people.organisation_user_remove(organisation=organisation, person_id=person.pk)

    outcomes = run_together(take_away, 2)

    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 1, outcomes
    assert OrganisationUser.objects.filter(organisation=organisation, role="admin").count() == 1


def test_an_invitation_accepted_twice_at_once_joins_once(committed_base):
    organisation = OrganisationFactory()
    admin = OrganisationUserFactory(organisation=organisation, role="admin").user
    invitation = _invite(organisation, admin)
    colleague = verified_user(email=COLLEAGUE)

    outcomes = run_together(
        lambda number: people.invitation_accept(token=invitation.token, user=colleague), 4
    )

    assert sum(isinstance(outcome, OrganisationUser) for outcome in outcomes) == 1, outcomes
    assert all(
        isinstance(outcome, OrganisationUser) or getattr(outcome, "code", "") == "used"
        for outcome in outcomes
    )
    assert OrganisationUser.objects.filter(user=colleague).count() == 1


# --- member benefits follow belonging ----------------------------------------------------------


def test_every_person_of_an_organisation_with_an_active_membership_is_a_member(organisation):
    admin_user, colleague = (
        OrganisationUserFactory(organisation=organisation, role=role).user
        for role in ("admin", "member")
    )
    outsider = UserFactory()
    assert not selectors.user_has_active_membership(user=colleague)

    Membership.objects.create(
        organisation=organisation, level=MembershipLevelFactory(), status=Membership.Status.ACTIVE
    )

    assert selectors.user_has_active_membership(user=admin_user)
    assert selectors.user_has_active_membership(user=colleague)
    assert not selectors.user_has_active_membership(user=outsider)
    assert set(selectors.member_users()) == {admin_user, colleague}


def test_leaving_the_organisation_ends_the_benefits(organisation, admin):
    Membership.objects.create(
        organisation=organisation, level=MembershipLevelFactory(), status=Membership.Status.ACTIVE
    )
    colleague = OrganisationUserFactory(organisation=organisation, role="member")

    people.organisation_user_remove(organisation=organisation, person_id=colleague.pk)

    assert not selectors.user_has_active_membership(user=colleague.user)


def test_deleting_the_last_admins_account_makes_the_longest_standing_person_admin(
    organisation, admin
):
    first = OrganisationUserFactory(organisation=organisation, role="member")
    OrganisationUserFactory(organisation=organisation, role="member")

    account_delete(user=admin)

    assert not OrganisationUser.objects.filter(user=admin).exists()
    assert list(
        OrganisationUser.objects.filter(organisation=organisation, role="admin").values_list(
            "pk", flat=True
        )
    ) == [first.pk]


def test_the_invitee_accepts_from_the_dashboard_too(organisation, admin):
    invitation = _invite(organisation, admin)
    colleague = verified_user(email=COLLEAGUE)
    client = _client(colleague)

    dashboard = client.get("/dashboard/")
    response = client.post(f"/dashboard/invitations/{invitation.pk}/accept/")

    assert "Vojvodina ICT Cluster invites you" in dashboard.content.decode()
    assert response.status_code == 302
    assert OrganisationUser.objects.filter(user=colleague, organisation=organisation).exists()


def test_nobody_else_accepts_an_invitation_by_its_number(organisation, admin):
    invitation = _invite(organisation, admin)
    stranger = verified_user(email="stranger@example.org")
    client = _client(stranger)

    dashboard = client.get("/dashboard/")
    response = client.post(f"/dashboard/invitations/{invitation.pk}/accept/", follow=True)

    assert "Vojvodina ICT Cluster invites you" not in dashboard.content.decode()
    assert f"sent to {COLLEAGUE}" in response.content.decode()
    assert not OrganisationUser.objects.filter(user=stranger).exists()


@pytest.mark.sqlite
def test_ids_out_of_range_are_a_clear_refusal_never_an_error(organisation, admin):
    huge = "99999999999999999999999"
    client = _client(admin)

    answers = [
        client.post(f"/dashboard/organisations/voict/people/{huge}/remove/"),
        client.post(f"/dashboard/organisations/voict/people/{huge}/role/", {"role": "admin"}),
        client.post(f"/dashboard/organisations/voict/people/{huge}/handover/"),
        client.post(f"/dashboard/organisations/voict/invitations/{huge}/withdraw/"),
        client.post(f"/dashboard/invitations/{huge}/accept/"),
    ]

    assert [answer.status_code for answer in answers] == [302] * 5
    assert OrganisationUser.objects.get(user=admin).role == "admin"

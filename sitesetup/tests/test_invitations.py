"""Inviting staff from the admin and taking up the invitation: the screen and who may use
it, the account it makes, the page that sets the password and opens the admin, and the
links that must not work (used, expired, tampered with, another account's)."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sitesetup import services
from sitesetup.emails import invitation_url
from sitesetup.roles import ensure_roles
from sitesetup.tokens import InvitationTokenGenerator
from tests.factories import HomePageFactory, StaffUserFactory, UserFactory, verified_user

pytestmark = pytest.mark.django_db
INVITE = "/admin/staff/invite/"
PASSWORD = "a-long-staff-password-2026"
User = get_user_model()


@pytest.fixture
def superuser_client(home_page):
    client = Client()
    client.force_login(StaffUserFactory(email="boss@example.org"))
    return client


def _invite(email="new.editor@example.org", language="en", groups=("Editors",)):
    ensure_roles()
    return services.staff_invite(
        email=email, groups=Group.objects.filter(name__in=groups), language=language
    )


def _path(url: str) -> str:
    return url.removeprefix("http://testserver")


def _accept(client, url, password=PASSWORD):
    return client.post(
        _path(url), {"new_password1": password, "new_password2": password}, follow=False
    )


@pytest.mark.parametrize("language", ["en", "sr-latn", "sr"])
def test_the_invite_screen_offers_every_language_and_defaults_to_the_admins(
    superuser_client, language
):
    # Wagtail's admin has no Serbian: it stays English whatever the request asks for, and the
    # invitation's language is chosen on the screen.
    ensure_roles()
    superuser_client.cookies["django_language"] = language
    response = superuser_client.get(INVITE, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="email"' in content and "Newsletter senders" in content
    assert 'value="en" selected' in content
    assert 'value="sr-latn"' in content and 'value="sr"' in content


def test_inviting_creates_an_account_that_cannot_sign_in_yet(superuser_client):
    ensure_roles()
    editors = Group.objects.get(name="Editors")
    response = superuser_client.post(
        INVITE,
        {"email": "new.editor@example.org", "groups": [editors.pk], "language": "sr-latn"},
    )

    user = User.objects.get(email="new.editor@example.org")
    assert response.status_code == 302
    assert not user.has_usable_password() and user.is_active
    assert list(user.groups.all()) == [editors]
    assert not user.is_superuser
    address = EmailAddress.objects.get(user=user)
    assert address.primary and not address.verified


def test_staff_without_the_add_user_permission_cannot_invite(home_page):
    ensure_roles()
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)

    screen = client.get(INVITE)
    client.post(INVITE, {"email": "x@example.org", "language": "en"})

    assert screen.status_code in (302, 403)
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_address_with_an_account_is_refused_and_left_alone(superuser_client):
    member = verified_user(email="member@example.org")
    response = superuser_client.post(INVITE, {"email": "MEMBER@example.org", "language": "en"})

    assert response.status_code == 400
    assert "already has an account" in response.content.decode()
    member.refresh_from_db()
    assert member.has_usable_password() and not member.is_staff


def test_inviting_one_address_again_and_again_is_throttled(superuser_client, settings):
    settings.THROTTLE_RATES = {
        **settings.THROTTLE_RATES,
        "invite": {"ip": "30/h", "address": "2/h"},
    }
    data = {"email": "again@example.org", "language": "en"}
    answers = [superuser_client.post(INVITE, data).status_code for _ in range(3)]

    assert answers == [302, 302, 429]


def test_the_link_sets_the_password_verifies_the_address_and_opens_the_admin(home_page):
    user = _invite()
    client = Client()

    page = client.get(_path(invitation_url(user, "en")))
    response = _accept(client, invitation_url(user, "en"))

    assert page.status_code == 200 and "new.editor@example.org" in page.content.decode()
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    # And allauth's login, which refuses unverified addresses, lets them in.
    other = Client()
    login = other.post(
        "/accounts/login/", {"login": "new.editor@example.org", "password": PASSWORD}
    )
    assert login.status_code == 302
    assert other.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("language", "prefix"), [("en", "/accounts/"), ("sr-latn", "/sr-latn/"), ("sr", "/sr/")]
)
def test_the_invitation_page_is_in_the_invitees_language(home_page, language, prefix):
    user = _invite(language=language)
    url = invitation_url(user, language)

    response = Client().get(_path(url))

    assert _path(url).startswith(prefix)
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_a_used_link_says_so_and_changes_nothing(home_page):
    user = _invite()
    url = invitation_url(user, "en")
    _accept(Client(), url)

    again = _accept(Client(), url, password="another-password-9876")

    assert again.status_code == 400
    assert "used already" in again.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_expired_link_says_so_and_changes_nothing(home_page, settings):
    user = _invite()

    class EightDaysAgo(InvitationTokenGenerator):
        def _now(self):
            return datetime.datetime.now() - datetime.timedelta(days=8)

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = EightDaysAgo().make_token(user)
    response = _accept(Client(), f"/accounts/invitation/{uid}/{token}/")

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()
    # Within the setting's days, the same token works.
    settings.STAFF_INVITATION_DAYS = 9
    assert _accept(Client(), f"/accounts/invitation/{uid}/{token}/").status_code == 302


def test_a_tampered_link_or_another_accounts_link_is_refused(home_page):
    alice = _invite(email="alice@example.org")
    bob = _invite(email="bob@example.org")
    alice_url = _path(invitation_url(alice, "en"))
    bob_uid = urlsafe_base64_encode(force_bytes(bob.pk))
    *_, alice_uid, alice_token, _ = alice_url.split("/")
    tampered_token = alice_token[:-1] + ("a" if alice_token[-1] != "a" else "b")

    answers = [
        _accept(Client(), f"/accounts/invitation/{alice_uid}/{tampered_token}/"),
        _accept(Client(), f"/accounts/invitation/{bob_uid}/{alice_token}/"),
        _accept(Client(), f"/accounts/invitation/bm9wZQ/{alice_token}/"),
        _accept(Client(), "/accounts/invitation/!!/x/"),
    ]

    assert [answer.status_code for answer in answers] == [400, 400, 400, 400]
    assert all("not valid" in answer.content.decode() for answer in answers)
    for user in (alice, bob):
        user.refresh_from_db()
        assert not user.has_usable_password()


def test_inviting_again_voids_the_earlier_link(home_page):
    user = _invite()
    first = invitation_url(user, "en")
    user = _invite()

    assert _accept(Client(), first).status_code == 400
    assert _accept(Client(), invitation_url(user, "en")).status_code == 302


def test_an_account_in_use_gets_no_invitation_link_that_works(home_page):
    member = verified_user(email="member@example.org")
    with pytest.raises(services.InvitationRefused):
        services.staff_invite(email="member@example.org", language="en")
    url = invitation_url(member, "en")

    response = _accept(Client(), url, password="another-password-9876")

    assert response.status_code == 400
    member.refresh_from_db()
    assert member.check_password("correct-horse-battery")


def test_a_weak_password_is_refused_with_the_reason(home_page):
    user = _invite()

    response = _accept(Client(), invitation_url(user, "en"), password="short")

    assert response.status_code == 400
    assert "too short" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_the_invitation_mail_arrives_in_the_chosen_language_with_a_working_link(
    celery_worker, mailbox
):
    HomePageFactory(as_site_root=True)
    boss = StaffUserFactory(email="boss@example.org", first_name="Ana")
    client = Client()
    client.force_login(boss)

    client.post(INVITE, {"email": "sr.editor@example.org", "language": "sr"})

    [message] = mailbox.wait_for(1)
    assert message.rcpt_tos == ["sr.editor@example.org"]
    link = next(word for word in message.body_text().split() if "/accounts/invitation/" in word)
    assert "/sr/accounts/invitation/" in link
    response = _accept(Client(), link)
    assert response.status_code == 302

"""Accounts under attack: one login for the whole site, throttled sign-up and resending,
account mail that names the site, deletion that asks for the password and leaves nothing
personal behind, and a local secret that is not a constant in the repository."""

import datetime
import importlib
import re
import stat
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from demo.management.commands.seed_demo import Command as SeedDemo
from demo.seeding import Report
from events import services as event_services
from events.models import Registration
from home.models import HomePage, SiteSettings
from membership.models import Membership, OrganisationUser
from newsletter.models import Consent, Delivery, Subscriber, SuppressedAddress, address_hash
from payments.models import Payment
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    MembershipLevelFactory,
    NewsletterIssueFactory,
    OrganisationUserFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
    ensure_locales,
    verified_user,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _log_in(client, url, *, email, password, **extra):
    """Open ``url`` the way a browser does (following redirects to the login page) and
    submit the form found there."""
    response = client.get(url, follow=True, **extra)
    login_path = response.redirect_chain[-1][0] if response.redirect_chain else url
    return client.post(login_path, {"login": email, "password": password}, **extra)


# --- 1. one login for the whole site ---------------------------------------------------

ADMIN_LOGINS = [
    ("/admin/login/?next=/admin/pages/", "/admin/pages/"),
    ("/django-admin/login/?next=/django-admin/", "/django-admin/"),
    ("/accounts/login/?next=/admin/", "/admin/"),
]


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_the_admin_login_pages_lead_to_the_site_login_keeping_next(client, home_page, login_url):
    response = client.get(f"{login_url}?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_credentials_posted_to_an_admin_login_page_sign_nobody_in(client, home_page, login_url):
    StaffUserFactory(username="editor", email="editor@example.org")

    client.post(login_url, {"username": "editor", "password": PASSWORD})
    client.post(login_url, {"login": "editor@example.org", "password": PASSWORD})

    assert not _signed_in(client)


@pytest.mark.parametrize(("login_url", "target"), ADMIN_LOGINS)
def test_staff_whose_address_is_not_verified_cannot_enter_the_admin(
    client, home_page, login_url, target
):
    # A superuser from createsuperuser has no verified address: allauth asks for it first.
    StaffUserFactory(username="root", email="root@example.org")

    response = _log_in(client, login_url, email="root@example.org", password=PASSWORD)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm-email/")
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302


@pytest.mark.parametrize(("login_url", "target"), ADMIN_LOGINS)
def test_verified_staff_log_in_through_the_site_login_and_land_on_next(
    client, home_page, login_url, target
):
    verified_user("editor@example.org", is_staff=True, is_superuser=True)

    response = _log_in(client, login_url, email="editor@example.org", password=PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_wrong_passwords_lock_the_account_whatever_login_page_and_address_they_come_from(
    client, home_page
):
    verified_user("editor@example.org", is_staff=True, is_superuser=True)
    urls = [url for url, _target in ADMIN_LOGINS]

    answers = [
        _log_in(
            client,
            urls[attempt % 3],
            email="editor@example.org",
            password="wrong-guess",
            REMOTE_ADDR=f"198.51.100.{attempt}",
        )
        for attempt in range(25)
    ]
    right = _log_in(
        client, urls[0], email="editor@example.org", password=PASSWORD, REMOTE_ADDR="198.51.100.200"
    )

    assert all(answer.status_code == 200 for answer in answers)
    assert "Too many failed login attempts" in answers[-1].content.decode()
    assert "Too many failed login attempts" in right.content.decode()
    assert not _signed_in(client)


def test_the_demo_admin_has_a_verified_address_and_logs_in_with_it(client, home_page):
    SeedDemo().ensure_demo_admin("demo-admin-2026", Report(locale_codes={}))
    SeedDemo().ensure_demo_admin("demo-admin-2026", Report(locale_codes={}))

    admin = get_user_model().objects.get(username="admin")
    [address] = EmailAddress.objects.filter(user=admin)
    assert (address.email, address.verified, address.primary) == ("admin@example.org", True, True)
    response = _log_in(
        client, "/admin/login/?next=/admin/", email="admin@example.org", password="demo-admin-2026"
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


# --- 5. throttled sign-up and resending --------------------------------------------------


def test_the_eleventh_sign_up_from_one_address_is_refused_with_429(client, home_page, settings):
    assert settings.ACCOUNT_RATE_LIMITS["signup"] == "10/h/ip"

    answers = [
        client.post(
            "/accounts/signup/",
            {
                "email": f"person{n}@example.org",
                "password1": "a-long-passphrase-1",
                "password2": "a-long-passphrase-1",
            },
            REMOTE_ADDR="203.0.113.9",
        ).status_code
        for n in range(11)
    ]

    assert answers[:10] == [302] * 10
    assert answers[10] == 429
    assert get_user_model().objects.count() == 10


def test_logging_in_again_unverified_does_not_resend_the_verification_mail_at_once(
    client, home_page, django_capture_on_commit_callbacks
):
    StaffUserFactory(username="root", email="root@example.org")

    with django_capture_on_commit_callbacks() as first:
        _log_in(client, "/accounts/login/", email="root@example.org", password=PASSWORD)
    with django_capture_on_commit_callbacks() as second:
        _log_in(client, "/accounts/login/", email="root@example.org", password=PASSWORD)

    assert len(first) == 1
    assert len(second) == 0


# --- 3. account mail names the site ------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/sr-latn", "/sr"])
def test_the_sign_up_mail_names_the_site_and_never_an_internal_username(
    client, celery_worker, mailbox, prefix
):
    ensure_locales()
    HomePageFactory(as_site_root=True)

    response = client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "quintus.v@example.org",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
    )

    assert response.status_code == 302
    [message] = mailbox.wait_for(1)
    body = message.body_text()
    username = get_user_model().objects.get().username
    assert "Serbian Cluster Association" in body
    assert "testserver" in body
    assert " !" not in body and " ." not in body
    assert not re.search(rf"(?<![\w.]){re.escape(username)}(?![\w.@])", body), body
    cyrillic = re.search("[\u0400-\u04ff]", body)
    if prefix == "/sr":
        assert cyrillic
    else:
        assert not cyrillic
    if prefix == "/sr-latn":
        assert "Hello from" not in body


PUBLIC_BASE = "https://klasteri.example.org"
SITE_NAMES = {
    "en": "Serbian Cluster Association",
    "sr-latn": "Srpska klasterska asocijacija",
    "sr": "Српска кластерска асоцијација",
}


@pytest.mark.parametrize(
    ("prefix", "language"), [("", "en"), ("/sr-latn", "sr-latn"), ("/sr", "sr")]
)
def test_account_mail_links_to_the_public_address_and_names_the_association_in_the_readers_language(
    client, celery_worker, mailbox, settings, prefix, language
):
    settings.PUBLIC_BASE_URL = PUBLIC_BASE
    ensure_locales()
    HomePageFactory(as_site_root=True)
    site_settings = SiteSettings.load()
    site_settings.organisation_name_sr = SITE_NAMES["sr-latn"]
    site_settings.save()
    known = UserFactory(username="internal-7f3a", email="vesna.k@example.org")
    EmailAddress.objects.create(user=known, email=known.email, verified=True, primary=True)

    signup = client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "quintus.v@example.org",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
    )
    client.logout()
    reset = client.post(f"{prefix}/accounts/password/reset/", {"email": known.email})

    assert (signup.status_code, reset.status_code) == (302, 302)
    messages = mailbox.wait_for(2)
    assert len(messages) == 2
    usernames = [user.username for user in get_user_model().objects.all()]
    for message in messages:
        body = message.body_text()
        assert f"{PUBLIC_BASE}/" in body, body
        assert "klasteri.example.org" in body
        for host in ("testserver", "localhost", "127.0.0.1"):
            assert host not in body and host not in message.message["From"]
        assert SITE_NAMES[language] in body, body
        for username in usernames:
            assert not re.search(rf"(?<![\w.]){re.escape(username)}(?![\w.@])", body), body


# --- 2. deleting an account --------------------------------------------------------------

NAME, SURNAME, EMAIL = "Zoroslava", "Quenbyova", "zoroslava.q@example.org"


def _rows_mentioning(*needles: str) -> list[str]:
    """Every row of every table whose text (or JSON) holds one of ``needles``."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        queryset = model._base_manager.all()
        condition = models.Q()
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                lookup = field.attname
            elif isinstance(field, models.JSONField):
                lookup = f"_text_{field.attname}"
                queryset = queryset.annotate(**{lookup: Cast(field.attname, models.TextField())})
            else:
                continue
            for needle in needles:
                condition |= models.Q(**{f"{lookup}__icontains": needle})
        if condition and queryset.filter(condition).exists():
            found += [f"{model._meta.label}: {row!r}" for row in queryset.filter(condition)]
    return found


@pytest.fixture
def member(home_page):
    return verified_user(EMAIL, first_name=NAME, last_name=SURNAME)


def test_deleting_the_account_asks_for_the_password(client, member):
    client.force_login(member)

    page = client.get("/dashboard/delete-account/")
    wrong = client.post("/dashboard/delete-account/", {"confirm": "on", "password": "not-it"})

    assert 'type="password"' in page.content.decode()
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["password"]
    member.refresh_from_db()
    assert member.is_active and member.email == EMAIL
    assert EmailAddress.objects.filter(user=member).exists()
    assert _signed_in(client)


def _her_registrations(member):
    """One attended event in the past under her account, and a place held before she signed
    up, under her address only: (attended, held)."""
    index = EventIndexPageFactory(parent=member_home())
    past = EventPageFactory(
        parent=index,
        start=timezone.now() - datetime.timedelta(days=10),
        end=timezone.now() - datetime.timedelta(days=10) + datetime.timedelta(hours=3),
        ticket_types=[{"name": "Day ticket", "capacity": 1}],
    )
    upcoming = EventPageFactory(
        parent=index, ticket_types=[{"name": "Seat", "capacity": 5, "waiting_list": True}]
    )
    attended = event_services.registration_create(
        ticket_type=upcoming.ticket_types.get(),
        name=f"{NAME} {SURNAME}",
        email=EMAIL,
        organisation_name="Quenbyova Robotics",
        user=member,
    )
    Registration.objects.filter(pk=attended.pk).update(
        event=past, ticket_type=past.ticket_types.get(), status=Registration.Status.ATTENDED
    )
    # Registered before signing up, without the account: the verified address ties it to her.
    held = event_services.registration_create(
        ticket_type=upcoming.ticket_types.get(), name=f"{NAME} {SURNAME}", email=EMAIL.upper()
    )
    return attended, held


def _her_subscription(member) -> None:
    """Her newsletter subscription, its consent and one issue delivered to her."""
    subscriber = SubscriberFactory(email=EMAIL, name=f"{NAME} {SURNAME}", user=member)
    Consent.objects.create(
        subscriber=subscriber,
        action="confirmed",
        source="dashboard",
        wording="Infocluster",
        created_at=timezone.now(),
    )
    Delivery.objects.create(
        issue=NewsletterIssueFactory(),
        subscriber=subscriber,
        email=EMAIL,
        name=f"{NAME} {SURNAME}",
        status="sent",
    )


def test_deleting_the_account_leaves_no_row_with_the_persons_name_or_address(client, member):
    attended, held = _her_registrations(member)
    _her_subscription(member)
    role = OrganisationUserFactory(user=member)
    level = MembershipLevelFactory(yearly_price=Decimal("120.00"))
    membership = Membership.objects.create(person=member, level=level, status="active")
    places_before = Registration.objects.filter(status__in=Registration.HOLDING).count()
    client.force_login(member)

    response = client.post("/dashboard/delete-account/", {"confirm": "on", "password": PASSWORD})

    assert response.status_code == 302
    assert not _signed_in(client)
    assert _rows_mentioning(NAME, SURNAME, "zoroslava", "Quenbyova Robotics") == []
    # Kept as anonymous rows, so the figures stay right.
    assert Registration.objects.count() == 2
    assert Registration.objects.filter(status__in=Registration.HOLDING).count() == places_before
    assert Registration.objects.get(pk=attended.pk).status == Registration.Status.ATTENDED
    assert Registration.objects.filter(pk__in=[attended.pk, held.pk], user=None).count() == 2
    # Erased through the newsletter's own service: only the hashed suppression stays.
    assert not Subscriber.objects.exists() and not Consent.objects.exists()
    assert SuppressedAddress.objects.filter(email_hash=address_hash(EMAIL)).exists()
    assert Delivery.objects.get().email == address_hash(EMAIL)
    assert not OrganisationUser.objects.filter(pk=role.pk).exists()
    membership.refresh_from_db()
    assert membership.person is None and membership.level == level
    assert not EmailAddress.objects.exists()


def member_home():
    return HomePage.objects.get()


def test_deleting_an_account_leaves_other_peoples_rows_alone(client, member):
    index = EventIndexPageFactory(parent=member_home())
    event = EventPageFactory(parent=index, ticket_types=[{"name": "Seat", "capacity": 5}])
    other = event_services.registration_create(
        ticket_type=event.ticket_types.get(), name="Other Person", email="other@example.org"
    )
    SubscriberFactory(email="other@example.org", name="Other Person")
    # An address she added but never verified is not proof that its rows are hers.
    EmailAddress.objects.create(user=member, email="someone.else@example.org", verified=False)
    SubscriberFactory(email="someone.else@example.org", name="Someone Else")
    client.force_login(member)

    client.post("/dashboard/delete-account/", {"confirm": "on", "password": PASSWORD})

    other.refresh_from_db()
    assert (other.name, other.email) == ("Other Person", "other@example.org")
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "other@example.org",
        "someone.else@example.org",
    }


# --- 4. the local secret -----------------------------------------------------------------


def test_the_local_secret_is_made_once_per_install_and_kept_private(tmp_path, settings):
    # Imported here, not at the top: importing the development settings writes this
    # install's secret key into var/ when the environment has none.
    from association.settings.dev import local_secret_key

    first, second = tmp_path / "one", tmp_path / "two"

    key = local_secret_key(first)

    assert len(key) >= 50
    assert local_secret_key(first) == key
    assert local_secret_key(second) != key
    assert stat.S_IMODE((first / "secret_key").stat().st_mode) == 0o600
    assert list(first.iterdir()) == [first / "secret_key"]
    assert "var/" in (settings.BASE_DIR / ".gitignore").read_text().split()


def test_the_secret_from_the_environment_wins(tmp_path, monkeypatch):
    # Imported here, not at the top: importing the development settings writes this
    # install's secret key into var/ when the environment has none.
    import association.settings.dev as dev

    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert importlib.reload(dev).SECRET_KEY == "from-the-environment"
    monkeypatch.delenv("SECRET_KEY")
    assert importlib.reload(dev).SECRET_KEY != "from-the-environment"


def test_deleting_an_account_spares_payments_under_an_address_it_never_verified(client):
    user = verified_user(email="owner@example.org")
    EmailAddress.objects.create(user=user, email="victim@example.org", verified=False)
    victims = Payment.objects.create(
        payable=user,
        amount=Decimal("120.00"),
        description="Someone else's dues",
        customer_email="victim@example.org",
        stripe_checkout_session_id="cs_test_victim",
    )
    client.force_login(user)

    response = client.post(
        "/dashboard/delete-account/", {"confirm": "on", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    victims.refresh_from_db()
    assert victims.customer_email == "victim@example.org"

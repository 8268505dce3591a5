"""The fuzz test's data: a small but complete site in three languages (home, news, the
directory, membership, events with a free and a paid ticket type, the newsletter) with the
accounts and signed links a visitor could hold, and throttles off so no answer is a 429."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from events import tickets
from events.models import Registration
from membership.models import Membership
from newsletter.tokens import confirmation_token, unsubscribe_token
from payments.services import payment_create_checkout
from tests.factories import (
    AudienceFactory,
    ClusterDirectoryPageFactory,
    ContactPersonFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventSeriesFactory,
    MembershipLevelFactory,
    MembershipPageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsletterIssueFactory,
    NewsPageFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    SectorFactory,
    StaffUserFactory,
    SubscriberFactory,
    TechnologyFieldFactory,
    UserFactory,
    translate_page,
    verified_user,
)

from .harness import STORED_PROBE, Fuzzer

LANGUAGES = ["", "/sr-latn", "/sr"]


@pytest.fixture
def fuzz_settings(settings, tmp_path):
    """No throttle answers 429 during the fuzz run (ours and allauth's); mail goes where the
    configuration under test sends it (files for `make run`)."""
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    # Uploaded logos stay out of the working tree (the database rows are rolled back anyway).
    settings.MEDIA_ROOT = str(tmp_path / "media")
    if connection.vendor == "sqlite":
        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return settings


def _session_cookies(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value}


def _client(cookies: dict[str, str]) -> Client:
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def _translate_tree(page, fields_by_language: dict[str, dict]):
    return {
        code: translate_page(page, code, **fields) for code, fields in fields_by_language.items()
    }


def _news(home_page) -> dict:
    """An index in every language, an article with a category and a tag."""
    category = NewsCategoryFactory(name="Innovation", slug="innovation")
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(
        parent=news,
        title="Cluster day in Niš",
        slug="cluster-day",
        categories=[category],
        tags=["clusters"],
    )
    _translate_tree(news, {"sr-latn": {}, "sr": {}})
    _translate_tree(
        article, {"sr-latn": {"title": "Dan klastera"}, "sr": {"title": "Дан кластера"}}
    )
    return {"news": news, "article": article, "category": category}


def _directory(home_page) -> dict:
    """The directory with one published organisation, its sector and technology field."""
    sector = SectorFactory(name="ICT", slug="ict")
    technology = TechnologyFieldFactory(name="IoT", slug="iot")
    organisation = OrganisationFactory(
        name="Vojvodina ICT Cluster",
        slug="vojvodina-ict",
        is_published=True,
        sectors=[sector],
        technology_fields=[technology],
    )
    ContactPersonFactory(organisation=organisation, email="contact@example.org")
    # Names as hostile as the forms let through or older data may hold: a formula for the
    # exports, a script for the pages (STORED_PROBE), right-to-left and control characters.
    OrganisationFactory(
        name=f'=HYPERLINK("https://evil.example.org") {STORED_PROBE} \u202ecod.exe',
        slug="hostile-org",
        is_published=True,
        city="-1+cmd|' /C calc'!A0",
        sectors=[sector],
    )
    directory = ClusterDirectoryPageFactory(parent=home_page)
    _translate_tree(directory, {"sr-latn": {}, "sr": {}})
    return {
        "directory": directory,
        "organisation": organisation,
        "sector": sector,
        "technology": technology,
    }


def _membership_levels(home_page) -> dict:
    """A free level for people and a paid one for organisations."""
    free_level = MembershipLevelFactory(name="Friend", slug="friend", audience="people")
    paid_level = MembershipLevelFactory(
        name="Cluster", slug="cluster", yearly_price=Decimal("100.00")
    )
    membership_page = MembershipPageFactory(parent=home_page)
    _translate_tree(membership_page, {"sr-latn": {}, "sr": {}})
    return {"membership_page": membership_page, "free_level": free_level, "paid_level": paid_level}


def _events(home_page) -> dict:
    """A series and an event with a free and a paid ticket type."""
    series = EventSeriesFactory(name="Days of Clusters", slug="days-of-clusters")
    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=events,
        title="Days of Clusters 2026",
        slug="days-of-clusters-2026",
        series=series,
        event_type="conference",
        ticket_types=[
            {"name": "Free", "capacity": 50},
            {"name": "Paid", "capacity": 20, "price": Decimal("30.00")},
        ],
    )
    _translate_tree(events, {"sr-latn": {}, "sr": {}})
    _translate_tree(event, {"sr-latn": {}, "sr": {}})
    free_ticket, paid_ticket = event.ticket_types.order_by("pk")
    return {
        "events": events,
        "event": event,
        "series": series,
        "free_ticket": free_ticket,
        "paid_ticket": paid_ticket,
    }


def _people(organisation, free_level, paid_level) -> dict:
    """A verified member who runs the organisation, with a membership to pay and an active
    one, and staff."""
    member = verified_user(email="member@example.org", first_name="Mira", last_name="Member")
    OrganisationUserFactory(user=member, organisation=organisation, role="admin")
    UserFactory(username="unverified", email="unverified@example.org")
    staff = StaffUserFactory(username="staff", email="staff@example.org")
    memberships = {
        "pending_payment": Membership.objects.create(
            organisation=organisation,
            person=member,
            level=paid_level,
            status=Membership.Status.PENDING_PAYMENT,
        ),
        "active": Membership.objects.create(
            person=member,
            level=free_level,
            status=Membership.Status.ACTIVE,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + datetime.timedelta(days=300),
        ),
    }
    return {"member": member, "memberships": memberships, "staff": staff}


def _registrations(event, free_ticket, paid_ticket, member, now) -> dict:
    """Registrations in each state a link can lead to."""
    return {
        "pending_email": Registration.objects.create(
            event=event,
            ticket_type=free_ticket,
            name="Guest",
            email="guest@example.org",
            status=Registration.Status.PENDING_EMAIL,
            hold_expires_at=now + datetime.timedelta(hours=24),
        ),
        "confirmed": Registration.objects.create(
            event=event,
            ticket_type=free_ticket,
            name="Mira Member",
            email="member@example.org",
            user=member,
            email_confirmed=True,
            status=Registration.Status.CONFIRMED,
            confirmed_at=now,
        ),
        "pending_payment": Registration.objects.create(
            event=event,
            ticket_type=paid_ticket,
            name="Payer",
            email="payer@example.org",
            status=Registration.Status.PENDING_PAYMENT,
            price=Decimal("30.00"),
            hold_expires_at=now + datetime.timedelta(hours=1),
        ),
        "hostile": Registration.objects.create(
            event=event,
            ticket_type=free_ticket,
            name=f"=cmd|' /C calc'!A0 {STORED_PROBE}\x01\u202e",
            email="hostile@example.org",
            organisation_name='+1+HYPERLINK("https://evil.example.org")\x0b',
            status=Registration.Status.CANCELLED,
        ),
        "waitlisted": Registration.objects.create(
            event=event,
            ticket_type=free_ticket,
            name="Waiting",
            email="waiting@example.org",
            status=Registration.Status.WAITLISTED,
        ),
    }


def _checkout_session_ids(registration) -> list[str]:
    """A checkout opened on the Stripe stand-in, for the payment pages and the webhook."""
    payment = payment_create_checkout(
        payable=registration,
        amount=Decimal("30.00"),
        description="Days of Clusters 2026 · Paid",
        customer_email="payer@example.org",
        success_url="http://testserver/payments/success/",
        cancel_url="http://testserver/events/",
    )
    return [payment.stripe_checkout_session_id]


def _newsletter(sector, now) -> dict:
    """A confirmed and a pending subscriber, a sent issue in the archive, and the tokens of
    their links."""
    confirmed = SubscriberFactory(email="reader0@example.org")
    confirmed.interests.set([sector])
    pending = SubscriberFactory(email="pending@example.org", status="pending", confirmed_at=None)
    issue = NewsletterIssueFactory(
        subject="Infocluster 1",
        slug="infocluster-1",
        audience=AudienceFactory(),
        status="sent",
        sent_at=now - datetime.timedelta(days=1),
        web_html="<p>News, calls and events from the cluster network.</p>",
    )
    return {
        "subscriber": confirmed,
        "pending_subscriber": pending,
        "issue": issue,
        "newsletter_tokens": {
            "confirm": confirmation_token(pending),
            "confirm_used": confirmation_token(confirmed),
            "unsubscribe": unsubscribe_token(subscriber_id=confirmed.pk),
            "unsubscribe_hash": unsubscribe_token(subscriber_id=None, email_hash="0" * 64),
        },
    }


@pytest.fixture
def site(home_page, fuzz_settings, stripe_standin):
    """Everything a visitor can reach, with the tokens of their links."""
    _translate_tree(
        home_page,
        {
            "sr-latn": {"title": "Početna", "hero_heading": "Klasteri"},
            "sr": {"title": "Почетна", "hero_heading": "Кластери"},
        },
    )
    news = _news(home_page)
    directory = _directory(home_page)
    levels = _membership_levels(home_page)
    events = _events(home_page)
    people = _people(directory["organisation"], levels["free_level"], levels["paid_level"])
    now = timezone.now()
    registrations = _registrations(
        events["event"], events["free_ticket"], events["paid_ticket"], people["member"], now
    )
    session_ids = _checkout_session_ids(registrations["pending_payment"])
    newsletter = _newsletter(directory["sector"], now)
    sessions = {
        "anonymous": {},
        "member": _session_cookies(people["member"]),
        "staff": _session_cookies(people["staff"]),
    }
    return SimpleNamespace(
        home=home_page,
        **news,
        **directory,
        **levels,
        **events,
        **people,
        **newsletter,
        registrations=registrations,
        ticket_tokens={state: tickets.manage_token(r) for state, r in registrations.items()},
        session_ids=session_ids,
        stripe=stripe_standin,
        sessions=sessions,
        client_for=lambda user: _client(sessions[user]),
    )


@pytest.fixture
def fuzzer(site, request):
    """The request engine of one fuzz test; its counts travel to the summary at the end of
    the run (printed by ``tests.fuzz.report``) even when the test fails."""
    engine = Fuzzer(sessions=site.sessions, database=connection.vendor)
    with engine:
        yield engine
    request.node.user_properties.append(("fuzz", engine.summary()))

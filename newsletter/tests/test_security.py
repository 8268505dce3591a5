"""The newsletter against abuse: only people with a recorded, confirmed consent are mailed,
the public archive shows only what went to the public, subscribing and re-sending links are
throttled, and no hostile input gives a 5xx or stores anything."""

import base64
import json
from urllib.parse import quote

import pytest
from django.core import signing
from django.test import Client

from membership.models import ContactPerson, Membership, OrganisationUser
from newsletter import dissemination, services
from newsletter.models import Consent, Delivery, NewsletterIssue, Subscriber, SuppressedAddress
from newsletter.selectors import audience_count, audience_recipients
from newsletter.tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT, confirmation_token, unsubscribe_token
from tests.factories import (
    AudienceFactory,
    HomePageFactory,
    MembershipLevelFactory,
    NewsletterIssueFactory,
    OrganisationFactory,
    SectorFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(locales):
    return HomePageFactory(as_site_root=True)


def _emails(audience):
    return sorted(r.email for r in audience_recipients(audience=audience))


# --- 1. Audiences hold only people with a recorded, confirmed consent -------------------


@pytest.fixture
def organisations():
    """A member cluster in ICT with a user and two contact persons, one of whom subscribed,
    and a food company (no membership) whose contact never did."""
    ict, food = SectorFactory(name="ICT"), SectorFactory(name="Food")
    level = MembershipLevelFactory()
    cluster = OrganisationFactory(sectors=[ict])
    Membership.objects.create(organisation=cluster, level=level, status="active")
    colleague = UserFactory(email="Colleague@ict.rs")
    OrganisationUser.objects.create(user=colleague, organisation=cluster)
    ContactPerson.objects.create(organisation=cluster, name="Subscribed", email="Reads@ict.rs")
    ContactPerson.objects.create(organisation=cluster, name="Never asked", email="boss@ict.rs")
    farm = OrganisationFactory(sectors=[food])
    ContactPerson.objects.create(organisation=farm, name="Farmer", email="farmer@food.rs")
    person = UserFactory(email="member@example.org")
    Membership.objects.create(person=person, level=level, status="active")
    SubscriberFactory(email="reads@ict.rs")
    SubscriberFactory(email="colleague@ict.rs")
    SubscriberFactory(email="farmer@food.rs", status="pending")
    SubscriberFactory(email="reader@example.org")
    return {"ict": ict, "food": food, "person": person}


def test_a_members_audience_reaches_only_members_who_subscribed(organisations):
    audience = AudienceFactory(include_subscribers=False, include_members=True)

    # member@example.org has an active membership but never subscribed.
    assert _emails(audience) == ["colleague@ict.rs"]


def test_a_member_subscribed_from_the_dashboard_is_found_by_account_even_after_a_new_address(
    organisations,
):
    person = organisations["person"]
    SubscriberFactory(email="old-address@example.org", user=person)
    audience = AudienceFactory(include_subscribers=False, include_members=True)

    assert _emails(audience) == ["colleague@ict.rs", "old-address@example.org"]


def test_a_contacts_audience_reaches_only_contacts_who_subscribed_and_confirmed(organisations):
    audience = AudienceFactory(include_subscribers=False, include_contacts=True)
    assert _emails(audience) == ["reads@ict.rs"]  # not boss@ (never asked), farmer@ (pending)

    audience.contact_sectors.set([organisations["food"]])
    assert _emails(audience) == []


def test_an_address_an_organisation_admin_adds_as_contact_is_never_mailed(organisations):
    cluster = OrganisationUser.objects.get().organisation
    ContactPerson.objects.create(organisation=cluster, name="Victim", email="victim@example.net")
    audience = AudienceFactory(include_members=True, include_contacts=True)

    assert "victim@example.net" not in _emails(audience)
    assert "boss@ict.rs" not in _emails(audience) and "member@example.org" not in _emails(audience)


def test_a_confirmed_subscriber_without_a_consent_record_is_not_mailed():
    # bulk_create, as a script or a careless import would: no consent is recorded.
    Subscriber.objects.bulk_create(
        [Subscriber(email="nobody-asked@example.org", status="confirmed")]
    )
    SubscriberFactory(email="asked@example.org")

    assert _emails(AudienceFactory()) == ["asked@example.org"]


def test_every_recipient_is_a_subscriber_and_the_admin_count_agrees_with_the_deliveries(
    organisations,
):
    audience = AudienceFactory(include_members=True, include_contacts=True)
    staff = Client()
    staff.force_login(StaffUserFactory())

    counted = staff.get(f"/admin/newsletter/audiences/{audience.pk}/count/").json()["count"]
    listing = staff.get("/admin/snippets/newsletter/audience/").content.decode()
    form = staff.get(f"/admin/snippets/newsletter/audience/edit/{audience.pk}/").content.decode()
    issue = dissemination.issue_send_now(issue=NewsletterIssueFactory(audience=audience))
    dissemination.issue_prepare(issue_id=issue.pk)

    assert all(r.subscriber_id for r in audience_recipients(audience=audience))
    assert (
        counted
        == audience_count(audience=audience)
        == Delivery.objects.filter(issue=issue).count()
        == 3
    )
    assert f"<td>{counted}</td>" in listing.replace(" ", "").replace("\n", "")
    assert "reaches only people who subscribed to Infocluster and confirmed" in form


# --- 2. The public archive shows only issues sent to public audiences -------------------


def _sent(audience, subject):
    issue = NewsletterIssueFactory(audience=audience, subject=subject)
    issue = dissemination.issue_send_now(issue=issue)
    NewsletterIssue.objects.filter(pk=issue.pk).update(status="sent", sent_at=issue.send_started_at)
    return issue


@pytest.mark.parametrize(
    "rules, public",
    [
        ({}, True),
        ({"subscriber_language": "en"}, True),
        ({"include_subscribers": False, "include_members": True}, False),
        ({"include_subscribers": False, "include_contacts": True}, False),
        ({"include_members": True}, False),
    ],
)
def test_an_audience_is_public_only_when_made_of_subscribers_without_member_rules(rules, public):
    assert AudienceFactory(**rules).is_public is public


def test_the_archive_hides_issues_sent_to_members_only_audiences(client):
    public = _sent(AudienceFactory(), "For everyone")
    members = _sent(
        AudienceFactory(include_subscribers=False, include_members=True), "Members only"
    )
    contacts = _sent(
        AudienceFactory(include_subscribers=False, include_contacts=True), "Contacts only"
    )

    listing = client.get("/newsletter/archive/").content.decode()

    assert "For everyone" in listing
    assert "Members only" not in listing and "Contacts only" not in listing
    assert client.get(f"/newsletter/archive/{public.slug}/").status_code == 200
    assert client.get(f"/newsletter/archive/{members.slug}/").status_code == 404
    assert client.get(f"/newsletter/archive/{contacts.slug}/").status_code == 404


def test_opening_an_audience_to_the_public_later_does_not_publish_its_past_issues(client):
    audience = AudienceFactory(include_subscribers=False, include_members=True)
    members = _sent(audience, "Members only")
    audience.include_subscribers, audience.include_members = True, False
    audience.save()

    assert "Members only" not in client.get("/newsletter/archive/").content.decode()
    assert client.get(f"/newsletter/archive/{members.slug}/").status_code == 404


# --- 3. Throttles ------------------------------------------------------------------------


@pytest.fixture
def rates(settings):
    def set_rates(scope, **rate):
        settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, scope: rate}

    return set_rates


def _subscribe(client, email, source="page", ip="192.0.2.7"):
    data = {"email": email, "language": "en", "consent": "on", "source": source}
    return client.post("/newsletter/", data, REMOTE_ADDR=ip)


@pytest.mark.parametrize("source", ["page", "home", "footer"])
def test_subscribing_one_address_too_often_answers_429_and_sends_nothing_more(
    client, rates, source, django_capture_on_commit_callbacks
):
    rates("subscribe", ip="100/h", address="2/h")
    assert _subscribe(client, "ana@example.org", source).status_code == 302
    assert _subscribe(client, "ANA@example.org", source, ip="198.51.100.9").status_code == 302
    consents = Consent.objects.count()

    with django_capture_on_commit_callbacks() as mails:
        response = _subscribe(client, "ana@example.org", source, ip="203.0.113.1")

    assert response.status_code == 429 and response["Retry-After"]
    assert Consent.objects.count() == consents and not mails


def test_subscribing_too_often_from_one_client_answers_429(client, rates):
    rates("subscribe", ip="3/h", address="100/h")
    answers = [_subscribe(client, f"reader{n}@example.org").status_code for n in range(4)]
    other_client = _subscribe(client, "reader9@example.org", ip="198.51.100.9").status_code

    assert answers == [302, 302, 302, 429] and other_client == 302
    assert Subscriber.objects.count() == 4


def test_invalid_subscriptions_count_towards_the_throttle(client, rates):
    rates("subscribe", ip="2/h", address="100/h")
    assert _subscribe(client, "not-an-address").status_code == 400
    assert _subscribe(client, "also-not").status_code == 400
    assert _subscribe(client, "ana@example.org").status_code == 429
    assert not Subscriber.objects.exists()


def test_subscribing_is_throttled_as_a_resend_too_since_it_resends_a_pending_link(
    client, rates, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_CONFIRM_RESEND_MINUTES = 0
    rates("subscribe", ip="100/h", address="100/h")
    rates("resend", ip="100/h", address="2/h")
    with django_capture_on_commit_callbacks() as mails:
        answers = [_subscribe(client, "ana@example.org").status_code for _ in range(3)]

    assert answers == [302, 302, 429] and len(mails) == 2


def test_the_dashboard_subscription_is_throttled(client, rates):
    rates("subscribe", ip="100/h", address="1/h")
    client.force_login(verified_user("member@example.org"))

    assert client.post("/newsletter/dashboard/subscribe/").status_code == 302
    assert client.post("/newsletter/dashboard/subscribe/").status_code == 429
    assert Consent.objects.count() == 1


def _expired_link(settings, email="ana@example.org"):
    services.subscription_request(email=email, language="en", source="page", wording="I agree.")
    subscriber = Subscriber.objects.get(email=email)
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=None)
    token = confirmation_token(subscriber)
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    return subscriber, f"/newsletter/confirm/{token}/"


def test_an_expired_link_offers_a_new_one_which_is_sent_once_a_pause_and_throttled(
    client, settings, rates, django_capture_on_commit_callbacks
):
    rates("resend", ip="100/h", address="2/h")
    subscriber, url = _expired_link(settings)

    page = client.get(url)
    with django_capture_on_commit_callbacks() as first:
        resent = client.post(url + "resend/")
    with django_capture_on_commit_callbacks() as second:
        again = client.post(url + "resend/")  # within the pause: answered, not sent
    limited = client.post(url + "resend/")

    assert page.status_code == 410 and f'action="{url}resend/"' in page.content.decode()
    assert (resent.status_code, again.status_code, limited.status_code) == (200, 200, 429)
    assert (len(first), len(second)) == (1, 0)
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_a_new_link_is_sent_only_for_a_subscription_that_still_awaits_confirmation(
    client, settings, django_capture_on_commit_callbacks
):
    subscriber, url = _expired_link(settings)
    Subscriber.objects.filter(pk=subscriber.pk).update(status="unsubscribed")

    with django_capture_on_commit_callbacks() as mails:
        response = client.post(url + "resend/")

    assert response.status_code == 200 and not mails


# --- 4 and 5. Hostile input: no 5xx, nothing stored -----------------------------------

HUGE_OR_NEGATIVE = [
    "99999999999999999999999",
    "9223372036854775808",
    "2147483648",
    "-1",
    "0",
    "1e400",
    "-99999999999999999999",
    "١٢",
    "0x10",
    " 1",
    "",
]


@pytest.mark.sqlite
@pytest.mark.parametrize("value", HUGE_OR_NEGATIVE)
def test_huge_or_negative_interests_give_a_form_error_and_store_nothing(client, value):
    response = client.post(
        "/newsletter/",
        {"email": "ana@example.org", "language": "en", "consent": "on", "interests": [value]},
    )

    assert response.status_code == 400
    assert "interests" in response.context["form"].errors
    assert not Subscriber.objects.exists()


@pytest.mark.sqlite
@pytest.mark.parametrize("value", HUGE_OR_NEGATIVE)
def test_huge_or_negative_interests_in_the_preferences_give_a_form_error(client, value):
    subscriber = SubscriberFactory(name="Ana")
    url = f"/newsletter/preferences/{unsubscribe_token(subscriber_id=subscriber.pk)}/"

    response = client.post(url, {"name": "Changed", "language": "en", "interests": [value]})

    assert response.status_code in (302, 400)
    subscriber.refresh_from_db()
    assert subscriber.name == ("Changed" if response.status_code == 302 else "Ana")


HOSTILE = [
    "x" * 10_000,
    "ana@example.org" + "a" * 10_000,
    "\u202eorg.example@ana",  # right-to-left override
    "a\u0301\u0302\u0303\u0304" * 50,  # combining marks
    "'\"`; DROP TABLE newsletter_subscriber; --",
    'ana"@example.org',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>@example.org",
    'NEAR(a b) OR "c* ^d',
    "%00%0d%0a",
    "\x00",
    "ana@example.org\r\nBcc: victim@example.org",
    "99999999999999999999999",
    "-1",
    "💥" * 300,
    "../../etc/passwd",
]


def _stored():
    return (
        Subscriber.objects.count(),
        Consent.objects.count(),
        SuppressedAddress.objects.count(),
        list(Subscriber.objects.order_by("pk").values_list("status", "name", "language")),
    )


@pytest.fixture
def reader():
    return SubscriberFactory(email="reader@example.org", name="Reader")


def _subscribe_data(**fields):
    return {"email": "new@example.org", "language": "en", "consent": "on", **fields}


def _public_requests(value, reader):
    """Every public newsletter URL and form, with ``value`` in one place each time."""
    quoted = quote(value, safe="")
    s_token = unsubscribe_token(subscriber_id=reader.pk)
    for field in ("email", "name", "language", "interests", "consent", "source"):
        yield "post", "/newsletter/", _subscribe_data(**{field: value})
    yield "get", f"/newsletter/?from={quoted}", None
    yield "get", f"/newsletter/?interests={quoted}", None
    for route in ("confirm", "unsubscribe", "preferences"):
        yield "get", f"/newsletter/{route}/{quoted}/", None
        yield "post", f"/newsletter/{route}/{quoted}/", {"name": value}
    yield "post", f"/newsletter/confirm/{quoted}/resend/", None
    for field in ("name", "language", "interests"):
        data = {"name": "Reader", "language": "en", field: value}
        yield "post", f"/newsletter/preferences/{s_token}/", data
    yield "get", f"/newsletter/archive/?page={quoted}", None
    yield "get", f"/newsletter/archive/{quoted}/", None
    yield "get", f"/sr/newsletter/archive/?page={quoted}", None


@pytest.mark.sqlite
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:20]))
def test_hostile_input_on_every_public_url_never_gives_a_5xx_nor_stores_when_refused(value, reader):
    client = Client()
    for method, url, data in _public_requests(value, reader):
        before = _stored()
        response = getattr(client, method)(url, data or {})
        assert response.status_code < 500, (method, url[:80], data)
        if response.status_code >= 400:
            assert _stored() == before, (method, url[:80], data)


def _signed(payload, salt):
    return signing.dumps(payload, salt=salt)


FORGED = [
    ("confirm", lambda s: _signed([s.pk, "wrong-nonce"], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([2**70, s.confirmation_nonce], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([-1, s.confirmation_nonce], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([True, s.confirmation_nonce], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([s.pk], CONFIRM_SALT)),
    ("confirm", lambda s: _signed({"pk": s.pk}, CONFIRM_SALT)),
    ("confirm", lambda s: _signed([s.pk, s.confirmation_nonce], UNSUBSCRIBE_SALT)),
    (
        "confirm",
        lambda s: signing.Signer(key="not-our-key", salt=CONFIRM_SALT).sign_object(
            [s.pk, s.confirmation_nonce]
        ),
    ),
    ("unsubscribe", lambda s: _signed(["s", 2**70], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", -5], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", True], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["h", "x" * 5000], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", s.pk, "extra"], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", s.pk], CONFIRM_SALT)),
    ("preferences", lambda s: _signed(["s", 2**70], UNSUBSCRIBE_SALT)),
    ("preferences", lambda s: _signed(["s", -5], UNSUBSCRIBE_SALT)),
    ("preferences", lambda s: _signed(["s", s.pk], CONFIRM_SALT)),
]


@pytest.mark.sqlite
@pytest.mark.parametrize("route, forge", FORGED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_tokens_are_refused_without_a_5xx_and_change_nothing(route, forge, method):
    subscriber = SubscriberFactory(email="ana@example.org", status="pending")
    before = _stored()

    url = f"/newsletter/{route}/{forge(subscriber)}/"

    response = getattr(Client(), method)(url, {"name": "X"})

    assert 400 <= response.status_code < 500
    assert _stored() == before


# --- 6. A reused confirmation link ----------------------------------------------------


def test_a_reused_confirmation_link_says_you_are_already_subscribed(client):
    services.subscription_request(
        email="ana@example.org", language="en", source="page", wording="I agree."
    )
    url = f"/newsletter/confirm/{confirmation_token(Subscriber.objects.get())}/"
    assert client.post(url).status_code == 200

    shown, posted = client.get(url), client.post(url)

    for response in (shown, posted):
        assert response.status_code == 200
        html = response.content.decode()
        assert "already subscribed" in html and "Yes, send me Infocluster" not in html
    assert Consent.objects.filter(action="confirmed").count() == 1


def test_a_confirmation_link_replaced_by_a_newer_one_says_so(client, settings):
    settings.NEWSLETTER_CONFIRM_RESEND_MINUTES = 0
    services.subscription_request(
        email="ana@example.org", language="en", source="page", wording="I agree."
    )
    old = confirmation_token(Subscriber.objects.get())
    Subscriber.objects.update(confirmation_nonce="a-newer-link")

    response = client.get(f"/newsletter/confirm/{old}/")

    assert response.status_code == 409
    assert "newer" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


# --- The provider's webhook -------------------------------------------------------------


def test_only_the_configured_providers_tracking_webhook_is_mounted(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-for-tests"}
    auth = "Basic " + base64.b64encode(b"postmark:s3cret-for-tests").decode()
    body = json.dumps(
        {
            "RecordType": "Delivery",
            "MessageID": "pm-1",
            "Recipient": "a@b.rs",
            "DeliveredAt": "2026-11-20T16:33:54Z",
            "Metadata": {},
        }
    )

    configured = client.post(
        "/newsletter/esp/postmark/tracking/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )

    assert configured.status_code == 200
    for other in (
        "mailgun/tracking",
        "sendgrid/tracking",
        "amazon_ses/tracking",
        "postmark/inbound",
        "mailgun/inbound",
        "postal/tracking",
        "mandrill/tracking",
    ):
        assert (
            client.post(
                f"/newsletter/esp/{other}/", body, content_type="application/json"
            ).status_code
            == 404
        )

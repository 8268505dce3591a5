"""Subscribing with double opt-in, confirming, unsubscribing, preferences, the dashboard's
one click, erasure; and every kind of bad input."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from newsletter import services
from newsletter.models import Consent, Subscriber, SuppressedAddress, address_hash
from newsletter.selectors import sectors_for_reader
from newsletter.tokens import confirmation_token, unsubscribe_token
from tests.factories import HomePageFactory, SectorFactory, SubscriberFactory, verified_user

pytestmark = pytest.mark.django_db

THANKS = "/newsletter/thanks/"


@pytest.fixture(autouse=True)
def site(locales):
    return HomePageFactory(as_site_root=True)


def _post(client, email="ana@example.org", **extra):
    data = {"email": email, "name": "Ana", "language": "en", "consent": "on", **extra}
    return client.post("/newsletter/", data, HTTP_USER_AGENT="Firefox/140", REMOTE_ADDR="192.0.2.7")


def test_subscribing_creates_a_pending_subscriber_with_the_consent_and_queues_one_confirmation(
    client, django_capture_on_commit_callbacks
):
    sector = SectorFactory(name="ICT")
    with django_capture_on_commit_callbacks() as callbacks:
        response = _post(client, interests=[sector.pk], source="footer")

    assert response.status_code == 302 and response.url == THANKS
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("ana@example.org", "pending")
    assert list(subscriber.interests.all()) == [sector]
    [consent] = subscriber.consents.all()
    assert consent.action == "requested" and consent.source == "footer"
    assert consent.ip_address == "192.0.2.7" and consent.user_agent == "Firefox/140"
    assert consent.wording.startswith("I agree to receive Infocluster")
    assert len(callbacks) == 1


def test_the_form_shows_sectors_in_the_readers_language(client, locales):
    SectorFactory(name="ICT", locale=locales["en"])
    SectorFactory(name="ИКТ", slug="ikt", locale=locales["sr"])

    english = client.get("/newsletter/").content.decode()
    cyrillic = client.get("/sr/newsletter/").content.decode()

    assert "ICT" in english and "ИКТ" not in english
    assert "ИКТ" in cyrillic


def test_each_sector_shows_once_in_the_readers_language_else_in_the_default_one(client, locales):
    ict = SectorFactory(name="ICT", locale=locales["en"])
    SectorFactory(
        name="IKT", slug="ikt", locale=locales["sr-latn"], translation_key=ict.translation_key
    )
    SectorFactory(name="Food", locale=locales["en"])  # not translated into Serbian

    latin = client.get("/sr-latn/newsletter/").content.decode()
    with translation.override("sr-latn"):
        active = [sector.name for sector in sectors_for_reader()]

    assert [s.name for s in sectors_for_reader(language="sr-latn")] == ["Food", "IKT"]
    assert active == ["Food", "IKT"]
    assert [s.name for s in sectors_for_reader(language="en")] == ["Food", "ICT"]
    assert latin.count("IKT") == 1 and latin.count("Food") == 1 and "ICT" not in latin


def test_subscribing_again_answers_the_same_creates_no_duplicate_and_resends_at_most_once_a_pause(
    client, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_CONFIRM_RESEND_MINUTES = 10
    with django_capture_on_commit_callbacks() as first:
        _post(client, "ana@example.org")
    with django_capture_on_commit_callbacks() as second:
        again = _post(client, "ANA@Example.ORG ")
    Subscriber.objects.update(confirmation_sent_at=None)  # the pause is over
    with django_capture_on_commit_callbacks() as third:
        _post(client, "Ana@example.org")
    SubscriberFactory(email="bojan@example.org")
    with django_capture_on_commit_callbacks() as confirmed:
        already = _post(client, "bojan@example.org")

    assert Subscriber.objects.filter(email__iexact="ana@example.org").count() == 1
    assert (len(first), len(second), len(third), len(confirmed)) == (1, 0, 1, 0)
    assert again.url == already.url == THANKS


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "ana@example.org\r\nBcc: x@example.org"}, "email"),
        ({"name": "Ana\r\nBcc: victim@example.org"}, "name"),
        ({"language": "de"}, "language"),
        ({"consent": ""}, "consent"),
        ({"interests": ["999999"]}, "interests"),
    ],
)
def test_bad_input_gives_a_form_error_and_stores_nothing(client, data, field):
    response = _post(client, **data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Subscriber.objects.exists()


def _pending(email="ana@example.org"):
    services.subscription_request(
        email=email, name="Ana", language="en", source="page", wording="I agree."
    )
    return Subscriber.objects.get(email=email)


def test_confirming_by_post_records_when_where_and_the_wording(client):
    subscriber = _pending()
    url = f"/newsletter/confirm/{confirmation_token(subscriber)}/"

    assert client.get(url).status_code == 200
    response = client.post(url, REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="Thunderbird")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at
    consent = subscriber.consents.get(action="confirmed")
    assert (consent.ip_address, consent.user_agent, consent.wording) == (
        "198.51.100.4",
        "Thunderbird",
        "I agree.",
    )


def test_a_used_confirmation_link_says_so_and_changes_nothing(client):
    subscriber = _pending()
    url = f"/newsletter/confirm/{confirmation_token(subscriber)}/"
    client.post(url)

    response = client.post(url)

    assert response.status_code == 200 and "already subscribed" in response.content.decode()
    assert Consent.objects.filter(action="confirmed").count() == 1


def test_an_expired_confirmation_link_is_gone(client, settings):
    subscriber = _pending()
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1

    response = client.post(f"/newsletter/confirm/{confirmation_token(subscriber)}/")

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "nonsense"]
)
def test_a_tampered_confirmation_link_is_refused(client, mangle):
    subscriber = _pending()

    response = client.post(f"/newsletter/confirm/{mangle(confirmation_token(subscriber))}/")

    assert response.status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_an_unsubscribe_token_cannot_confirm(client):
    subscriber = _pending()

    response = client.post(f"/newsletter/confirm/{unsubscribe_token(subscriber_id=subscriber.pk)}/")

    assert response.status_code == 400


def test_unsubscribe_page_confirms_and_offers_preferences_and_one_click_post_needs_no_csrf():
    subscriber = SubscriberFactory(email="ana@example.org")
    url = f"/newsletter/unsubscribe/{unsubscribe_token(subscriber_id=subscriber.pk)}/"
    client = Client(enforce_csrf_checks=True)

    page = client.get(url)
    assert page.status_code == 200 and "/newsletter/preferences/" in page.content.decode()
    assert Subscriber.objects.get().status == "confirmed"
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.post(url).status_code == 200  # twice is harmless

    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.consents.filter(action="withdrawn").count() == 1
    assert SuppressedAddress.objects.filter(email_hash=address_hash("ana@example.org")).exists()


@pytest.mark.parametrize(
    "url", ["/newsletter/unsubscribe/", "/newsletter/unsubscribe/forged-token/"]
)
def test_unsubscribe_without_a_valid_token_is_refused(url):
    subscriber = SubscriberFactory()

    response = Client(enforce_csrf_checks=True).post(url)

    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"


def test_preferences_change_name_language_and_interests(client):
    subscriber = SubscriberFactory()
    sector = SectorFactory()
    url = f"/newsletter/preferences/{unsubscribe_token(subscriber_id=subscriber.pk)}/"

    assert client.get(url).status_code == 200
    bad = client.post(url, {"name": "x\ny", "language": "en"})
    response = client.post(url, {"name": "Ana", "language": "sr", "interests": [sector.pk]})

    assert bad.status_code == 400
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.language) == ("Ana", "sr")
    assert list(subscriber.interests.all()) == [sector]


def test_a_former_subscriber_must_confirm_again(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(email="ana@example.org")
    services.subscriber_unsubscribe(subscriber=subscriber, source="test")

    with django_capture_on_commit_callbacks() as callbacks:
        _post(client, "ana@example.org")

    subscriber.refresh_from_db()
    assert subscriber.status == "pending" and len(callbacks) == 1
    assert SuppressedAddress.objects.exists()  # lifted only by the confirmation
    client.post(f"/newsletter/confirm/{confirmation_token(subscriber)}/")
    assert not SuppressedAddress.objects.exists()


def test_a_member_subscribes_from_the_dashboard_in_one_click(client):
    user = verified_user("member@example.org")
    client.force_login(user)

    box = client.get("/dashboard/").content.decode()
    assert "/newsletter/dashboard/subscribe/" in box
    response = client.post("/newsletter/dashboard/subscribe/")

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.user) == (
        "member@example.org",
        "confirmed",
        user,
    )
    assert subscriber.consents.get().source == "dashboard"
    assert "Infocluster is sent to member@example.org" in client.get("/dashboard/").content.decode()


def test_the_dashboard_subscription_needs_a_login_and_a_post(client):
    assert client.post("/newsletter/dashboard/subscribe/").status_code == 302
    client.force_login(verified_user())
    assert client.get("/newsletter/dashboard/subscribe/").status_code == 405
    assert not Subscriber.objects.exists()


def test_erasing_keeps_only_a_hash_that_stops_a_silent_return(client):
    subscriber = SubscriberFactory(email="ana@example.org")
    services.subscriber_erase(subscriber=subscriber)

    assert not Subscriber.objects.exists() and not Consent.objects.exists()
    suppressed = SuppressedAddress.objects.get()
    assert (
        suppressed.email_hash == address_hash("Ana@example.org") and suppressed.reason == "erased"
    )
    _post(client, "ana@example.org")
    assert Subscriber.objects.get().status == "pending"  # back only through double opt-in


def test_home_page_and_footer_carry_the_subscribe_form(client):
    html = client.get("/").content.decode()

    assert html.count('action="/newsletter/"') == 2
    assert 'name="source" value="home"' in html and 'name="source" value="footer"' in html


def _query_count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("uncached_pages")
def test_the_subscribe_page_queries_do_not_grow_with_the_sectors(client):
    SectorFactory()
    few = _query_count(client, "/newsletter/")
    SectorFactory.create_batch(15)
    assert _query_count(client, "/newsletter/") == few


def test_unsubscribe_and_preferences_pages_use_few_queries(client, django_assert_max_num_queries):
    subscriber = SubscriberFactory()
    subscriber.interests.set(SectorFactory.create_batch(5))
    token = unsubscribe_token(subscriber_id=subscriber.pk)
    client.get(f"/newsletter/preferences/{token}/")
    with django_assert_max_num_queries(12):
        client.get(f"/newsletter/unsubscribe/{token}/")
        client.get(f"/newsletter/preferences/{token}/")


@pytest.mark.sqlite
def test_a_reused_confirmation_link_says_already_subscribed_and_is_never_cached(client):
    subscriber = _pending()
    url = f"/newsletter/confirm/{confirmation_token(subscriber)}/"
    first = client.get(url)
    assert "no-store" in first["Cache-Control"] and "<form" in first.content.decode()
    assert client.post(url).status_code == 200

    again = client.get(url)
    clicked_again = client.post(url)

    assert again.status_code == 200 and "already subscribed" in again.content.decode()
    assert '<form method="post">' not in again.content.decode()
    assert clicked_again.status_code == 200
    assert "already subscribed" in clicked_again.content.decode()
    assert Consent.objects.filter(action="confirmed").count() == 1


@pytest.mark.sqlite
def test_the_unsubscribe_page_asks_before_the_click_and_confirms_after_it(client):
    subscriber = SubscriberFactory(email="ana@example.org")
    url = f"/newsletter/unsubscribe/{unsubscribe_token(subscriber_id=subscriber.pk)}/"

    before = client.get(url).content.decode()
    after = client.post(url).content.decode()
    reopened = client.get(url).content.decode()

    assert "You are unsubscribed" not in before and "will not" not in before
    assert "Do you want to stop receiving Infocluster?" in before and "<button" in before
    assert "You are unsubscribed" in after
    assert "You are unsubscribed" in reopened
    assert 'action="/newsletter/unsubscribe/' in before
    assert 'action="/newsletter/unsubscribe/' not in reopened


@pytest.mark.sqlite
@pytest.mark.parametrize("language", ["sr-latn", "sr"])
def test_a_serbian_subscriber_unsubscribes_in_their_language_from_any_link(client, language):
    subscriber = SubscriberFactory(email="ana@example.org", language=language)
    token = unsubscribe_token(subscriber_id=subscriber.pk)

    response = client.get(f"/newsletter/unsubscribe/{token}/")
    page = client.get(response["Location"])
    one_click = client.post(f"/newsletter/unsubscribe/{token}/")

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/newsletter/unsubscribe/{token}/"
    assert f'<html lang="{language}"' in page.content.decode()
    assert "Unsubscribe from Infocluster" not in page.content.decode()  # translated
    assert f'<html lang="{language}"' in one_click.content.decode()
    assert "You are unsubscribed" not in one_click.content.decode()  # translated
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"

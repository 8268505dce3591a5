"""The newsletter against abuse, mail on demand: subscribing, the dashboard's one click and
re-sending confirmation links are throttled per client and per address."""

import pytest

from newsletter import services
from newsletter.models import Consent, Subscriber
from newsletter.tokens import confirmation_token
from tests.factories import HomePageFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(locales):
    return HomePageFactory(as_site_root=True)


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

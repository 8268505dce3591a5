"""The site-wide defences every view relies on: control characters are refused before any
view runs, query-string integers are bounded, spreadsheet cells are sanitised, throttles
answer 429, only the configured mail provider's webhook exists, and there is one login."""

import base64

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django_ratelimit.exceptions import Ratelimited
from django_ratelimit.middleware import RatelimitMiddleware

from association.exports import sanitise_cell
from association.hygiene import InputHygieneMiddleware, query_int
from association.throttle import throttle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=a%00b", "city=%01", "series=x%1Fy", "q=%7F", "%00=1", "page=1%0b"],
)
def test_control_characters_in_a_query_string_answer_400_before_any_view(client, query):
    response = client.get(f"/clusters/?{query}")

    assert response.status_code == 400
    assert b"control characters" in response.content


def test_a_form_with_a_nul_character_is_refused_and_reaches_no_view():
    reached = []
    middleware = InputHygieneMiddleware(lambda request: reached.append(request) or HttpResponse())
    request = RequestFactory().post("/newsletter/", {"email": "a\x00@example.org"})

    response = middleware(request)

    assert response.status_code == 400
    assert reached == []


def test_tabs_and_line_breaks_in_a_form_pass_through():
    reached = []
    middleware = InputHygieneMiddleware(lambda request: reached.append(request) or HttpResponse())
    request = RequestFactory().post("/newsletter/", {"message": "one\ttwo\r\nthree"})

    assert middleware(request).status_code == 200
    assert len(reached) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", None),
        ("-3", None),
        ("9" * 30, None),
        (str(2**31), None),
        ("1e3", None),
        ("", None),
        (None, None),
        ("١٢", None),  # Arabic-Indic digits are digits to str.isdigit, not to us
    ],
)
def test_query_int_accepts_only_plain_integers_in_range(value, expected):
    assert query_int(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('+1+HYPERLINK("http://x")', '\'+1+HYPERLINK("http://x")'),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Niš\x00\x07 klaster", "Niš klaster"),
        ("Plain text", "Plain text"),
        (-5, -5),
        (None, None),
    ],
)
def test_every_spreadsheet_cell_goes_through_one_sanitiser(value, expected):
    assert sanitise_cell(value) == expected


def test_a_throttle_answers_429_once_the_rate_for_an_address_is_spent(settings):
    settings.THROTTLE_RATES = {"register": {"ip": "100/h", "address": "2/h"}}
    factory = RequestFactory()

    def attempt(address, ip="127.0.0.9"):
        request = factory.post("/", REMOTE_ADDR=ip)
        try:
            throttle(request, "register", address=address)
        except Ratelimited as refused:
            return RatelimitMiddleware(None).process_exception(request, refused)
        return None

    assert attempt("ana@example.org") is None
    assert attempt("ANA@example.org ") is None  # the same address however it is typed
    refused = attempt("ana@example.org", ip="127.0.0.10")  # another client, same address
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert attempt("bojan@example.org") is None


def test_a_throttle_counts_each_client_address(settings):
    settings.THROTTLE_RATES = {"subscribe": {"ip": "2/h", "address": "100/h"}}
    factory = RequestFactory()
    for number in range(2):
        throttle(
            factory.post("/", REMOTE_ADDR="127.0.0.20"), "subscribe", address=f"{number}@x.org"
        )

    with pytest.raises(Ratelimited):
        throttle(factory.post("/", REMOTE_ADDR="127.0.0.20"), "subscribe", address="new@x.org")
    throttle(factory.post("/", REMOTE_ADDR="127.0.0.21"), "subscribe", address="new@x.org")


@pytest.mark.parametrize(
    "url",
    [
        "/newsletter/esp/mailgun/tracking/",
        "/newsletter/esp/postal/tracking/",
        "/newsletter/esp/mandrill/",
        "/newsletter/esp/amazon_ses/tracking/",
        "/newsletter/esp/postmark/inbound/",
    ],
)
def test_only_the_configured_providers_tracking_webhook_is_mounted(client, url):
    assert client.post(url, "{}", content_type="application/json").status_code == 404


def test_the_configured_providers_tracking_webhook_exists_and_wants_its_secret(client):
    response = client.post(
        "/newsletter/esp/postmark/tracking/", "{}", content_type="application/json"
    )

    assert response.status_code in (400, 401, 403)


@pytest.mark.parametrize("login", ["/admin/login/", "/django-admin/login/"])
def test_the_admin_logins_send_people_to_the_one_site_login(client, login):
    response = client.get(f"{login}?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_an_anonymous_visit_to_the_admin_goes_to_the_site_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("body", ["1736", "[]", '"text"', "null", '{"RecordType": []}'])
def test_a_webhook_payload_the_provider_parser_cannot_read_answers_400(client, settings, body):
    user, password = settings.ANYMAIL["WEBHOOK_SECRET"].split(":", 1)
    token = base64.b64encode(f"{user}:{password}".encode()).decode()

    response = client.post(
        "/newsletter/esp/postmark/tracking/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {token}",
    )

    assert response.status_code == 400


def test_wagtails_own_password_reset_is_off_so_resets_go_through_allauth(client):
    response = client.post("/admin/password_reset/", {"email": "staff@example.org"})

    assert response.status_code == 404


def test_control_characters_in_request_headers_are_stripped_before_any_view():
    seen = []
    middleware = InputHygieneMiddleware(lambda request: seen.append(request.META) or HttpResponse())
    request = RequestFactory().get("/", HTTP_USER_AGENT="fuzz\x00agent\x07", HTTP_REFERER="/ok")

    assert middleware(request).status_code == 200
    assert seen[0]["HTTP_USER_AGENT"] == "fuzzagent"
    assert seen[0]["HTTP_REFERER"] == "/ok"


@pytest.mark.parametrize("path", ["/", "/news/", "/sr/", "/clusters/"])
def test_a_host_header_that_is_not_ours_answers_400_not_500(client, home_page, path):
    response = client.get(path, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert b"error-page" in response.content

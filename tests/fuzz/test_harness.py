"""The fuzz harness finds what it is meant to find: a 5xx, a row stored or changed by a
refused request, a script reflected unescaped; and finds nothing in a clean answer."""

import pytest
from django.contrib.auth import get_user_model

from .harness import Fuzzer, Req

pytestmark = [pytest.mark.fuzz, pytest.mark.sqlite, pytest.mark.django_db]


@pytest.fixture
def fuzzer(settings, home_page):
    get_user_model().objects.create(username="someone")
    settings.ROOT_URLCONF = "tests.fuzz.selftest_urls"
    with Fuzzer(sessions={}, database="any") as engine:
        yield engine


def _kinds(fuzzer):
    return sorted(finding.kind for finding in fuzzer.findings.values())


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/stores/", "stored change on 4xx"),
        ("/updates/", "stored change on 4xx"),
        ("/fails/", "5xx"),
        ("/reflects/?q=<script>alert(1)</script>", "reflected markup"),
        ("/stored/", "stored markup unescaped"),
        ("/formula.csv", "formula in a spreadsheet cell"),
    ],
)
def test_each_kind_of_failure_is_found(fuzzer, path, kind):
    fuzzer.send(Req("probe", "GET", path))
    assert _kinds(fuzzer) == [kind]
    with pytest.raises(AssertionError, match=kind):
        fuzzer.assert_clean()


def test_every_request_meets_the_same_data(fuzzer):
    fuzzer.send(Req("probe", "GET", "/stores/?n=1"))
    fuzzer.send(Req("probe", "GET", "/stores/?n=2"))
    assert get_user_model().objects.filter(username__startswith="stored").count() == 0
    assert fuzzer.findings[next(iter(fuzzer.findings))].count == 2


def test_a_clean_refusal_is_no_finding(fuzzer):
    fuzzer.send(Req("probe", "GET", "/refuses/"))
    fuzzer.send(Req("probe", "GET", "/reflects/?q=<b>"))
    fuzzer.send(Req("probe", "GET", "/numbers.csv"))
    assert fuzzer.findings == {}
    assert fuzzer.summary()["statuses"] == {"200": 2, "400": 1}

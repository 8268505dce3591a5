"""``manage.py seed_demo`` without ``--subset``: the whole demo site, and running it again
changes nothing. Slow (make test-fast leaves it out); the other seed tests run on the subset."""

import pytest

from demo import news
from demo.tests.snapshot import seed, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_running_twice_leaves_the_same_content_and_publishes_nothing_new():
    seed()
    first = snapshot()

    output = seed()

    assert snapshot() == first
    assert first["pages"] == {"en": 30, "sr-latn": 7, "sr": 7}
    assert first["articles"] == {"en": 12, "sr-latn": 3, "sr": 3}
    assert first["categories"] == {"en": 4, "sr-latn": 4, "sr": 4}
    assert first["authors"] == 3
    assert first["events"] == {"en": 6}
    assert first["event series"] == {"en": 5, "sr-latn": 5, "sr": 5}
    assert (first["speakers"], first["ticket types"], first["sessions"]) == (3, 6, 10)
    assert first["tags"] == len({tag for article in news.ARTICLES for tag in article.tags})
    assert first["images"] == 9
    # Translations get their own slugs from the start: no redirects from drafts' addresses.
    assert first["redirects"] == 0
    assert "Pages: 0 created, 0 updated, 44 unchanged." in output
    assert "nothing changed" in output

"""``manage.py seed_demo`` without ``--subset``: the whole demo site, and running it again
changes nothing. Slow (make test-fast leaves it out); the other seed tests run on the subset."""

import pytest
from django.utils import timezone

from demo import content, news
from demo.event_seeder import event_specs
from demo.events import SERIES, SPEAKERS
from demo.images import DEMO_IMAGES
from demo.seeding import EVERYTHING
from demo.tests.snapshot import seed, snapshot, tag_count

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGES = ("en", "sr-latn", "sr")


def tree_size(nodes: list[dict]) -> int:
    return sum(1 + tree_size(node.get("children", [])) for node in nodes)


def test_running_twice_leaves_the_same_content_and_publishes_nothing_new():
    seed()
    first = snapshot()

    output = seed()

    assert snapshot() == first
    events = event_specs(EVERYTHING, timezone.localdate())
    pages = 1 + tree_size(content.PAGES) + len(news.ARTICLES) + len(events)
    print(f"pages per locale (full demo): {first['pages']}")
    # Every page, article and event exists in the three languages.
    assert first["pages"] == dict.fromkeys(LANGUAGES, pages)
    assert first["articles"] == dict.fromkeys(LANGUAGES, len(news.ARTICLES))
    assert first["categories"] == dict.fromkeys(LANGUAGES, len(news.CATEGORIES))
    assert first["authors"] == len(news.AUTHORS)
    assert first["events"] == dict.fromkeys(LANGUAGES, len(events))
    assert first["event series"] == dict.fromkeys(LANGUAGES, len(SERIES))
    # Each language's event has its own copies of the ticket types and the agenda.
    assert (first["speakers"], first["ticket types"], first["sessions"]) == (
        len(SPEAKERS),
        3 * sum(len(spec["tickets"]) for spec in events),
        3 * sum(len(spec["sessions"]) for spec in events),
    )
    assert first["tags"] == tag_count(EVERYTHING)
    assert first["images"] == len(DEMO_IMAGES)
    # Translations get their own slugs from the start: no redirects from drafts' addresses.
    assert first["redirects"] == 0
    assert f"Pages: 0 created, 0 updated, {3 * pages} unchanged." in output
    assert "nothing changed" in output

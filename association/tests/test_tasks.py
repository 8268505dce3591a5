from datetime import timedelta

from django.utils import timezone

from association.tasks import publish_scheduled
from home.models import StandardPage
from tests.factories import HomePageFactory, StandardPageFactory, ensure_locales


def _scheduled(parent, title, go_live_at):
    page = StandardPageFactory(parent=parent, title=title, publish=False)
    page.go_live_at = go_live_at
    page.save_revision(approved_go_live_at=go_live_at)
    return page


def test_the_worker_publishes_a_due_page_and_leaves_a_future_one(celery_worker):
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    now = timezone.now()
    due = _scheduled(home, "Balkan Cluster Day announced", now - timedelta(minutes=1))
    future = _scheduled(home, "Days of Clusters programme", now + timedelta(days=1))

    publish_scheduled.delay().get(timeout=30)

    assert StandardPage.objects.get(pk=due.pk).live is True
    assert StandardPage.objects.get(pk=future.pk).live is False

"""Publishing's background work (Wagtail's search and reference index updates) on the Celery
worker through django-tasks (association/background.py), and the dashboard panel that says
whether it has caught up."""

import time

import pytest
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.users.models import UserProfile

from association import background
from association.models import QueuedTask
from home import selectors
from home.models import StandardPage
from tests.factories import (
    HomePageFactory,
    StaffUserFactory,
    StandardPageFactory,
    ensure_locales,
    ensure_wagtail_base,
)

CELERY_TASKS = {"default": {"BACKEND": "association.background.CeleryBackend"}}


def _linking_page(parent, target):
    """A page whose text links to ``target``, about a word no other page has."""
    return StandardPageFactory(
        parent=parent,
        title="Zlatibor summit",
        intro="Clusters meet on Zlatibor.",
        body=[("paragraph", f'<p>See <a linktype="page" id="{target.pk}">the programme</a>.</p>')],
    )


def _searchable(page) -> bool:
    ids, _more = selectors.search_page_ids(text="Zlatibor", language_code="en")
    return page.pk in ids


def _referenced(source, target) -> bool:
    return ReferenceIndex.get_references_to(target).filter(object_id=str(source.pk)).exists()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_publishing_queues_the_index_updates_once_and_leaves_them_to_the_worker(settings):
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    target = StandardPageFactory(parent=home, title="Programme")
    settings.TASKS = CELERY_TASKS

    page = _linking_page(home, target)

    # The request that published did not index: the work waits in the queue, each update
    # once although Wagtail saved the page several times.
    assert not _searchable(page)
    assert not _referenced(page, target)
    queued = list(
        QueuedTask.objects.filter(args__1="standardpage").values_list("task_path", "args")
    )
    assert len(queued) == len(set(map(str, queued)))
    assert (
        "modelsearch.tasks.insert_or_update_object_task",
        ["home", "standardpage", str(page.pk)],
    ) in queued

    # What the worker does with each row: run it, then delete it.
    assert background.run_all() > 0

    assert _searchable(page)
    assert _referenced(page, target)
    assert not QueuedTask.objects.exists()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_search_asked_before_the_worker_indexed_the_page_finds_it_once_indexed(client, settings):
    """Search results are cached per content version: the worker's index update makes the
    result fresh, or the page would stay unfindable until the next publish."""
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    settings.TASKS = CELERY_TASKS
    page = StandardPageFactory(parent=home, title="Zlatibor summit", intro="On Zlatibor.")

    before = client.get("/search/", {"q": "Zlatibor"})
    assert before.status_code == 200
    assert page.url not in before.content.decode()

    background.run_all()

    after = client.get("/search/", {"q": "Zlatibor"})
    assert page.url in after.content.decode()


@pytest.mark.django_db
def test_a_task_whose_object_is_gone_is_dropped_and_a_failing_one_is_given_up_after_five_tries():
    gone = QueuedTask.objects.create(
        task_path="modelsearch.tasks.insert_or_update_object_task",
        args=["home", "standardpage", "999999"],
    )
    failing = QueuedTask.objects.create(
        task_path="wagtail.tasks.update_reference_index_task", args=["home", "nosuchmodel", "1"]
    )

    for _attempt in range(background.MAX_ATTEMPTS):
        background.run(gone.pk)
        background.run(failing.pk)

    assert not QueuedTask.objects.filter(pk=gone.pk).exists()
    failing.refresh_from_db()
    assert failing.attempts == background.MAX_ATTEMPTS
    assert failing.failed_at is not None
    assert "LookupError" in failing.error
    # Given up: a later sweep leaves it to the dashboard instead of sending it again.
    assert background.requeue(now=timezone.now() + background.RESEND_AFTER * 2) == 0


@pytest.mark.django_db
def test_the_sweep_sends_again_what_was_not_started_in_time():
    QueuedTask.objects.create(
        task_path="wagtail.tasks.update_reference_index_task",
        args=["home", "standardpage", "1"],
        enqueued_at=timezone.now() - background.RESEND_AFTER * 2,
    )
    QueuedTask.objects.create(
        task_path="wagtail.tasks.update_reference_index_task", args=["home", "standardpage", "2"]
    )

    # The old row's id goes to the broker again; the new one is still on its first way.
    assert background.requeue() == 1
    assert QueuedTask.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sr-latn", "sr"])
def test_the_dashboard_says_whether_search_and_references_have_caught_up(client, language):
    staff = StaffUserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    client.force_login(staff)

    def panel() -> str:
        response = client.get("/admin/")
        assert response.status_code == 200
        content = response.content.decode()
        assert f'lang="{language}"' in content
        return content

    assert 'data-background-work="up-to-date"' in panel()

    QueuedTask.objects.create(
        task_path="modelsearch.tasks.insert_or_update_object_task",
        args=["home", "standardpage", "1"],
        enqueued_at=timezone.now() - background.RESEND_AFTER,
    )
    content = panel()
    assert 'data-background-work="pending"' in content

    QueuedTask.objects.create(
        task_path="wagtail.tasks.update_reference_index_task",
        args=["home", "nosuchmodel", "1"],
        failed_at=timezone.now(),
        attempts=background.MAX_ATTEMPTS,
        error="Traceback...\nLookupError: App 'home' doesn't have a 'nosuchmodel' model.",
    )
    content = panel()
    assert 'data-background-work="failed"' in content
    assert "nosuchmodel" in content


@pytest.fixture
def worker(celery_worker_process, transactional_db):
    """The real worker on either configuration (``celery_worker`` reads mail over SMTP and
    skips on SQLite; this test sends no mail)."""
    ensure_wagtail_base()
    if celery_worker_process.process.poll() is not None:
        celery_worker_process.start()
    return celery_worker_process


@pytest.mark.sqlite
def test_the_worker_makes_a_published_page_searchable_and_indexes_its_references(worker, settings):
    """A real Celery worker process: the publish only queues, the worker indexes."""
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    target = StandardPageFactory(parent=home, title="Programme")
    settings.TASKS = CELERY_TASKS
    queued = []

    def record(sender, instance, created, **kwargs):
        if created:
            queued.append(instance.pk)

    post_save.connect(record, sender=QueuedTask, dispatch_uid="test_background_record")
    try:
        page = _linking_page(home, target)
    finally:
        post_save.disconnect(dispatch_uid="test_background_record", sender=QueuedTask)

    assert queued, "the publish queued its index updates instead of running them"
    deadline = time.monotonic() + 60
    while QueuedTask.objects.filter(pk__in=queued).exists() and time.monotonic() < deadline:
        time.sleep(0.2)

    assert not QueuedTask.objects.filter(pk__in=queued).exists(), worker.log()[-3000:]
    assert _searchable(StandardPage.objects.get(pk=page.pk))
    assert _referenced(page, target)
    assert background.queue_status().pending == 0

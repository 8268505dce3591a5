import gc
import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "association.settings.dev")

app = Celery("association")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Chunk tasks are long and acknowledged late: a worker reserves one task per pool process
# beyond those running, not four, so the chunks spread over the workers and a killed one
# hands back few (CELERY_WORKER_PREFETCH_MULTIPLIER in the settings still wins).
app.conf.worker_prefetch_multiplier = 1
app.autodiscover_tasks()


@worker_init.connect
def preload_before_fork(**kwargs) -> None:
    """Load in the worker's main process, before the prefork pool forks its children, what a
    task would otherwise load in each child (every language's URL patterns and message
    catalogue, the newsletter's templates), then move everything alive to the collector's
    permanent generation (``gc.freeze``): a collection in a child no longer writes to the
    pages of these objects, so the children keep sharing them with the parent instead of
    each copying them (see bench/newsletter: the pool's memory is counted as PSS)."""
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("newsletter:unsubscribe", args=["preload"])
    for name in ("newsletter/email/issue.html", "newsletter/email/issue.txt"):
        get_template(name)
    gc.collect()
    gc.freeze()

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
    catalogue, the newsletter's templates, cffi's parser, the database driver's and the ORM's
    first connection and query), then move everything alive to the collector's
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
    _warm_cffi_parser()
    _warm_database()
    gc.collect()
    gc.freeze()


def _warm_cffi_parser() -> None:
    """Every pool process starts by asking the kernel to kill it with its parent (billiard's
    ``set_pdeathsig``), through cffi whenever cffi is installed (cryptography brings it):
    ``FFI().cdef()`` builds pycparser's parser, about 5.5 MB, which cffi then keeps for the
    process. Built here, once, the pool processes share it instead of each building its own."""
    try:
        import cffi
    except ImportError:
        return
    cffi.FFI().cdef("int prctl (int __option, ...);")


def _warm_database() -> None:
    """A pool process's first connection and query cost it about 7.7 MB of its own: libpq's
    and OpenSSL's set-up and the ORM's first pass through its compiler. Done once here (the
    connection closed again before the fork, so no pool process inherits its socket), about
    2.4 MB of that is shared instead. A database that is down does not stop the worker."""
    from django.db import DatabaseError, connection

    from association.models import QueuedTask

    try:
        QueuedTask.objects.filter(pk=0).first()
    except DatabaseError:
        pass
    finally:
        connection.close()

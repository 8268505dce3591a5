"""What every web and worker process loads at start: libraries only a few requests or tasks
use are loaded by those, not by every process (each is several MB in every gunicorn worker
and in the newsletter worker's shared memory)."""

from association.tests.test_settings import PRODUCTION_ENV
from association.tests.test_storage import _run

AT_START = (
    "import sys, django; django.setup(); import association.urls; "
    "from association.celery import app, preload_before_fork; "
    "app.loader.import_default_modules(); preload_before_fork(); "
    "print(sorted(m for m in ('icalendar', 'segno', 'stripe') if m in sys.modules))"
)

ON_USE = (
    "import sys, django; django.setup(); "
    "from events import calendar, tickets; from payments import services; "
    "calendar._calendar('x'); tickets.qr_svg('ABC'); services._stripe_client('sk_test', ''); "
    "print(sorted(m for m in ('icalendar', 'segno', 'stripe') if m in sys.modules))"
)


def test_calendars_qr_codes_and_stripe_are_loaded_by_what_uses_them_not_at_start():
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "association.settings.production"}

    at_start = _run(env, "-c", AT_START)
    on_use = _run(env, "-c", ON_USE)

    assert at_start.returncode == 0, at_start.stderr
    assert at_start.stdout.strip() == "[]"
    assert on_use.returncode == 0, on_use.stderr
    assert on_use.stdout.strip() == "['icalendar', 'segno', 'stripe']"

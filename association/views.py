import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import public_url
from .celery import app as celery_app

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    cache.set("healthz", "ok", timeout=10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@never_cache
@require_GET
def healthz(request):
    """The state of each dependency: 200 when all are up, 503 naming what is down."""
    checks = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure of a dependency is reported, not raised
            logger.warning("healthz: %s is down: %s", name, exc)
            checks[name] = "down"
        else:
            checks[name] = "ok"
    down = sorted(name for name, state in checks.items() if state != "ok")
    status = "ok" if not down else "down"
    return JsonResponse(
        {"status": status, "checks": checks, "down": down}, status=200 if not down else 503
    )


@require_GET
def robots_txt(request):
    body = render_to_string(
        "robots.txt",
        {"sitemap_url": public_url.absolute("/sitemap.xml")},
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None):
    """Django's 400 (a Host header that is not ours, a malformed upload). Rendered without the
    site's layout, which reads the request's site, settings and language for a request that
    may be unusable."""
    template = loader.get_template("400_standalone.html")
    context = {"LANGUAGE_CODE": translation.get_language(), "static_url": settings.STATIC_URL}
    return HttpResponseBadRequest(template.render(context))

import pytest

from association.celery import app as celery_app
from tests.harness import free_port

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_dependency_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
        "down": [],
    }


def test_healthz_names_a_broker_that_is_down(client):
    working = celery_app.conf.broker_url
    celery_app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = working

    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]
    assert response.json()["checks"]["database"] == "ok"


def test_healthz_names_a_cache_that_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]

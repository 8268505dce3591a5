"""What the seed_demo tests share: a media folder per module and no admin password from the
environment."""

import pytest
from django.test import override_settings


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory):
    # One folder for the module: a site seeded once for the module outlives a single test.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def no_admin_password_from_environment(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)

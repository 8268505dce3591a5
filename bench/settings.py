"""The production settings, served over plain HTTP on loopback for ``make bench``.

Only what a loopback benchmark cannot do without is changed, so the figures are those of the
production stack (DEBUG off, PostgreSQL, Redis cache, manifest static files, every middleware).
"""

from association.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# wrk and gunicorn speak plain HTTP on 127.0.0.1 with no TLS proxy in front; redirecting to
# https would measure a 301.
SECURE_SSL_REDIRECT = False

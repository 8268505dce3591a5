"""The production settings, served over plain HTTP on loopback for ``make bench``.

Only what a loopback benchmark cannot do without is changed, so the figures are those of the
production stack (DEBUG off, PostgreSQL, Redis cache, manifest static files, every middleware).
"""

from association.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# wrk and gunicorn speak plain HTTP on 127.0.0.1 with no TLS proxy in front; redirecting to
# https would measure a 301.
SECURE_SSL_REDIRECT = False

# The registration race sends 500 registrations from one loopback address in a second; the
# per-client throttle is for the public internet, so it is lifted here (the per-address one
# still holds: each racer registers once).
THROTTLE_RATES = {**THROTTLE_RATES, "register": {"ip": "100000/h", "address": "5/h"}}  # noqa: F405

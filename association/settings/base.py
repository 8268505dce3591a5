"""Settings every environment shares. Values that differ come from the one ``env``."""

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = False


def public_base_url(value: str) -> str:
    """The site's public address as people reach it, checked: ``http://`` or ``https://``, a
    host, no path, query or fragment. Wagtail's site record can say ``https`` only on port
    443 and ``http`` on any other, so a base URL it could not express is refused too."""
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    scheme_fits_port = (parts.scheme == "https" and port in (None, 443)) or (
        parts.scheme == "http" and port != 443
    )
    if (
        not parts.hostname
        or port == -1
        or not scheme_fits_port
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
        or ":" in parts.hostname  # an IPv6 literal, which Wagtail's site record cannot hold
    ):
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must be the site's address as people reach it, such as "
            f"https://clusters.example.org (https on port 443, or http), with no path; "
            f"not {value!r}."
        )
    # The scheme's own port is left out, as page addresses (Wagtail's site record) leave it.
    default_port = {"http": 80, "https": 443}[parts.scheme]
    netloc = parts.hostname + (f":{port}" if port not in (None, default_port) else "")
    return f"{parts.scheme}://{netloc}"


def mail_domain(base_url: str) -> str:
    """The domain of the site's own sender addresses: the public host when it is a real domain
    name, else (an IP address or a bare name such as ``make run``'s 127.0.0.1) one reserved
    for examples, never ``localhost``."""
    host = urlsplit(base_url).hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if "." in host and not host.endswith((".localhost", ".local")):
            return host
    return "example.org"


# Every absolute link the site writes (mail, feeds, the sitemap, canonical and OpenGraph
# addresses, JSON-LD, calendars) starts with this (association/public_url.py). Production
# requires it; the default is the address `make run` serves (runserver on 127.0.0.1:$PORT).
PUBLIC_BASE_URL = public_base_url(
    env("PUBLIC_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
)

INSTALLED_APPS = [
    "association",
    "payments",
    "twins",
    "home",
    "news",
    "membership",
    "events",
    "newsletter",
    "sitesetup",
    "demo",
    "django_ratelimit",
    "django_countries",
    "allauth",
    "allauth.account",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

# The page cache (home/page_cache.py) is Django's cache middleware: the storing half before
# every middleware that adds to Vary, the fetching half last; ETags and 304s around both.
MIDDLEWARE = [
    "home.cache.RequestScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "association.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.page_cache.PageCacheUpdateMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "association.hygiene.InputHygieneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "home.page_cache.PageCacheFetchMiddleware",
]

# Whole public pages for visitors who are not signed in, from the shared cache, keyed on the
# content version (home/page_cache.py). PAGE_CACHE_ENABLED=0 in the environment turns it off;
# a page stays PAGE_CACHE_TIMEOUT seconds in the cache at most (time alone changes some: an
# event ends), and browsers and proxies may keep it PAGE_CACHE_MAX_AGE seconds unasked.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=10 * 60)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)

ROOT_URLCONF = "association.urls"
WSGI_APPLICATION = "association.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): log in by e-mail, which must be verified before anything
# member-only. Rate limits use the cache, so they hold across processes in production.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "membership.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
LOGIN_URL = "account_login"
# One login for the whole site: the Wagtail and Django admin logins redirect to allauth's
# (association/urls.py), so verification and allauth's rate limits apply to staff too.
WAGTAILADMIN_LOGIN_URL = "account_login"
# A page restricted to signed-in visitors sends them to the same login, not Wagtail's own.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Password resets and e-mail changes go through allauth too (throttled, verified); Wagtail's
# own would send mail unthrottled and set an address nobody verified.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_email": "5/m",
    "change_email": "1/m/user",
}

# Throttles (association/throttle.py) on what makes the site send mail or hold a place, per
# client address ("ip") and per e-mail address named in the request ("address"), in
# django-ratelimit's "count/period" notation. The counters live on the default cache.
THROTTLE_RATES = {
    "register": {"ip": "30/h", "address": "5/h"},
    "subscribe": {"ip": "20/h", "address": "5/h"},
    "apply": {"ip": "10/h", "address": "5/h"},
    "resend": {"ip": "20/h", "address": "3/h"},
    "invite": {"ip": "30/h", "address": "3/h"},
    # The read API (/api/v2/, home/api.py), per client: generous for an app, not for a scraper.
    "api": {"ip": env("API_THROTTLE_RATE", default="300/m")},
    "bank_transfer": {"ip": "20/h", "address": "10/h"},
    "colleague_invite": {"ip": "30/h", "address": "3/h"},
    # B2B meeting requests mail the person asked; keyed by the account's address.
    "b2b_request": {"ip": "60/h", "address": "30/h"},
}
# How long a staff invitation's link works (sitesetup/tokens.py); it works once.
STAFF_INVITATION_DAYS = env.int("STAFF_INVITATION_DAYS", default=7)
# How long an invitation to join an organisation works (membership/services/people.py);
# it works once.
ORGANISATION_INVITATION_DAYS = env.int("ORGANISATION_INVITATION_DAYS", default=14)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "association.throttle.too_many_requests"
# Behind a reverse proxy the client address is in X-Forwarded-For; set this to the
# header the proxy overwrites (e.g. "HTTP_X_REAL_IP") so nobody can choose their own.
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default=None)
if RATELIMIT_IP_META_KEY:
    # allauth's login and sign-up limits read the client from the same header.
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
        RATELIMIT_IP_META_KEY.removeprefix("HTTP_").replace("_", "-").title()
    )
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Languages: English is the default and unprefixed; Serbian in both scripts. Django knows
# "sr" as Cyrillic and "sr-latn" as Latin; the same codes are Wagtail's content locales.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
]
WAGTAIL_I18N_ENABLED = True
# Terms every Cyrillic twin writes in Latin (staff add their own in Settings -> Serbian
# scripts): twins/transliteration.py says which other words stay as written.
TRANSLITERATION_PROTECTED_TERMS = ["Infocluster", "e-mail", "Wagtail", "Stripe"]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Belgrade"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage (association/storage.py) when a bucket is named, in every
# configuration, production's included; else the local disk above (`make run`). The variables
# are django-storages' own names. Image originals and renditions are public-read with stable,
# unsigned addresses (on AWS_S3_CUSTOM_DOMAIN, a CDN, when set); everything else is private and
# reached through signed addresses that expire in minutes: documents through Wagtail's
# /documents/ view (WAGTAILDOCS_SERVE_METHOD below). `manage.py copy_media_to_storage` copies
# what MEDIA_ROOT holds into the bucket.
_MEDIA_BUCKET = env("AWS_STORAGE_BUCKET_NAME", default="")
if _MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "association.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": _MEDIA_BUCKET,
            # an S3-compatible server (MinIO, moto, a provider's); unset: AWS itself
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            # unset: boto3 finds credentials itself (an instance role, ~/.aws)
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or "us-east-1",
            # the host (a CDN) public media is linked on instead of the bucket's endpoint
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            # "path" for servers without a host name per bucket (MinIO, moto); unset: boto3's
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Celery: the app is association/celery.py (it reads these CELERY_* settings and finds each
# app's tasks.py). Tasks take ids and are enqueued with transaction.on_commit; mail goes
# through association.mail.mail_send_on_commit to the association.send_email_message task.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A pool process is replaced by a fresh fork of the worker after this many tasks. Each task
# copies more of the pages it shares with the worker (CPython writes reference counts into
# every object it touches): a pool process grew from 56 to 75 MB of PSS over its first
# 200 tasks and stayed there, so a long-running worker of two would sit 40 MB above a new
# one. A fork costs a few milliseconds and a new database connection.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=25)
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled": {"task": "association.publish_scheduled", "schedule": 60.0},
    "expire-bank-transfers": {"task": "payments.expire_bank_transfers", "schedule": 60.0 * 60},
    "expire-memberships": {"task": "membership.expire_memberships", "schedule": 60.0 * 60},
    "membership-renewal-reminders": {
        "task": "membership.send_renewal_reminders",
        "schedule": 60.0 * 60,
    },
    "release-expired-holds": {"task": "events.release_expired_holds", "schedule": 60.0},
    "event-reminders": {"task": "events.send_reminders", "schedule": 60.0 * 30},
    "b2b-no-shows": {"task": "events.b2b_mark_no_shows", "schedule": 60.0 * 5},
    "requeue-queued-tasks": {"task": "association.requeue_queued_tasks", "schedule": 60.0},
}

# django-tasks, through which Wagtail enqueues its search and reference index updates (and
# image focal points, file deletions): on the Celery worker, after the publishing request has
# answered (association/background.py). The test suite runs them at once instead.
TASKS = {"default": {"BACKEND": "association.background.CeleryBackend"}}

# Membership: the dashboard offers renewal, and renewing is allowed, from this many days
# before the member's paid period ends (and at any time once it has expired).
MEMBERSHIP_RENEWAL_OPENS_DAYS = env.int("MEMBERSHIP_RENEWAL_OPENS_DAYS", default=90)
# Dues a member owes (a paid membership awaiting payment) are "due" for this many days after
# it was approved or renewed, or until the member's paid period ends if later; then
# "overdue" in the admin's membership and organisation lists and their exports.
MEMBERSHIP_PAYMENT_DAYS = env.int("MEMBERSHIP_PAYMENT_DAYS", default=30)
# A new application is mailed to the staff who may review it (the permission to change
# applications) and to this address too, when set (a shared office mailbox).
MEMBERSHIP_REVIEW_EMAIL = env("MEMBERSHIP_REVIEW_EMAIL", default="")

# Events: how long a registration waits for a ticket type's lock before the person is asked
# to try again (a few seconds; far above what one registration holds it for).
EVENTS_LOCK_TIMEOUT_MS = env.int("EVENTS_LOCK_TIMEOUT_MS", default=3000)

# Stripe: the official library; STRIPE_API_BASE points it elsewhere (the tests' stand-in).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")

DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL",
    default=f"Serbian Cluster Association <info@{mail_domain(PUBLIC_BASE_URL)}>",
)
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

WAGTAIL_SITE_NAME = "Serbian Cluster Association"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL)
# The read API (home/api.py): links in its answers name the public address, never the
# request's host; a list holds at most this many items a request (``limit``).
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are linked as Wagtail's /documents/<id>/<name> view, which applies a restricted
# collection's rules; on the local disk it sends the file itself (nginx refuses
# /media/documents/). In the bucket it answers with a redirect to a signed address made for that
# click (association/storage.py, five minutes): the object store sends the bytes (ranges
# included), not one of the site's few gunicorn workers for the whole download, and the link
# that pages, the API and the Infocluster's mail carry never expires.
WAGTAILDOCS_SERVE_METHOD = "redirect" if _MEDIA_BUCKET else "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's avatars: Wagtail's default asks gravatar.com, which the site's Content-Security-
# Policy refuses (a broken image in the sidebar) and which would tell a third party who works
# in the admin. Without it Wagtail shows its own default avatar, or one uploaded in the account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILLOCALIZE_JQ_DATEPICKER_LANGUAGE = "en"

# Wagtail's editor previews pages in a same-origin frame; other origins are kept out by this
# and by the CSP's frame-ancestors.
X_FRAME_OPTIONS = "SAMEORIGIN"
# django_ratelimit.W001: Django's own RedisCache is atomic (INCR) but not on the library's list.
SILENCED_SYSTEM_CHECKS = ["security.W019", "django_ratelimit.W001"]

# Content-Security-Policy (association/middleware.py). Every asset is served by the site;
# the only third parties are video players staff embed.
CSP_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs two lines per saved object through django-tasks.
        "django_tasks": {"level": "WARNING"},
    },
}

# Newsletter (Infocluster). The send rate holds across all workers (newsletter/send_rate.py);
# 0 means no cap. Bounces and complaints arrive through anymail's tracking webhooks at
# /newsletter/esp/<provider>/tracking/, authenticated with ANYMAIL_WEBHOOK_SECRET
# ("user:password"); production requires it to be set.
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
NEWSLETTER_LIST_ID = env(
    "NEWSLETTER_LIST_ID", default=f"infocluster.{mail_domain(PUBLIC_BASE_URL)}"
)
NEWSLETTER_UNSUBSCRIBE_MAILTO = env("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")  # empty: From
NEWSLETTER_SEND_RATE = env.int("NEWSLETTER_SEND_RATE", default=20)
NEWSLETTER_CHUNK_SIZE = env.int("NEWSLETTER_CHUNK_SIZE", default=200)
NEWSLETTER_SENDING_TIMEOUT = env.int("NEWSLETTER_SENDING_TIMEOUT", default=15 * 60)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)
NEWSLETTER_CONFIRM_MAX_AGE = 72 * 60 * 60
NEWSLETTER_CONFIRM_RESEND_MINUTES = env.int("NEWSLETTER_CONFIRM_RESEND_MINUTES", default=10)
# Soft bounces (full mailbox, greylisting, policy rejections) suppress an address only when
# this many arrive within this many days; a hard bounce or a complaint suppresses at once.
NEWSLETTER_SOFT_BOUNCE_LIMIT = env.int("NEWSLETTER_SOFT_BOUNCE_LIMIT", default=3)
NEWSLETTER_SOFT_BOUNCE_DAYS = env.int("NEWSLETTER_SOFT_BOUNCE_DAYS", default=30)
# Only the configured provider's tracking webhook is mounted (association/urls.py).
NEWSLETTER_ESP = env("NEWSLETTER_ESP", default="postmark")
ANYMAIL = {"WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", default="newsletter:dev-only-secret")}
# How often beat starts due issues and requeues what a dead worker left "sending".
CELERY_BEAT_SCHEDULE["newsletter-resume-sending"] = {
    "task": "newsletter.resume_sending",
    "schedule": float(env.int("NEWSLETTER_RESUME_SECONDS", default=60)),
}

"""Settings for every environment. Production differs only by environment variables,
listed with their defaults in ``.env.example``."""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from silkroutes.core.env import env_bool, env_int, env_list, env_str
from silkroutes.core.postgresql import timeout_options

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # the embedded default's SQLite file, static files and uploads

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_countries",  # its locale gives country names in Russian and Arabic
    "simple_history",
    "django_tasks",
    "django_tasks_db",  # the production worker's queue (TASKS_BACKEND, `db_worker`)
    "axes",
    "silkroutes.core",
    "silkroutes.actors",
    "silkroutes.accounts",
    "silkroutes.strategy",
    "silkroutes.programme",
    "silkroutes.meetings",
    "silkroutes.documents",
    "silkroutes.outcomes",
    "silkroutes.monitoring",
    "silkroutes.dataset",
    "silkroutes.portal",
    "silkroutes.exports",
    "silkroutes.workspace",
    "silkroutes.api",
    "ninja",  # serves the API docs page from its own static files (no CDN)
    "silkroutes.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that a database outage met by any later middleware is a 503, not a 500.
    "silkroutes.core.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "silkroutes.core.private.PrivatePagesMiddleware",  # needs request.user
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body (views, the CSRF check), after the headers its 413 gets.
    "silkroutes.core.limits.RequestBodyLimitMiddleware",
    # After the security and CSP headers, so that a cached page still gets them.
    "silkroutes.core.pagecache.AnonymousPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # must stay last (django-axes)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Lazy and cached per data version: read only by pages that show it (the 500
                # page is rendered without context processors: it must not need the database).
                "silkroutes.portal.context_processors.data_as_of",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# A database that does not answer is an outage (503 with Retry-After), not a hung worker. A stalled
# kept connection costs a connect time-out for its health check and one for a new connection
# (10 s); a statement on a connection that stalls mid-request waits 15 s at most (statement plus
# connect time-out): both well inside gunicorn's 30 s (deploy/gunicorn.conf.py).
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 5)
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 10_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].get("OPTIONS", {})
    DATABASES["default"]["ENGINE"] = "silkroutes.core.postgresql"
    DATABASES["default"]["OPTIONS"] = _options | timeout_options(
        connect_timeout=DB_CONNECT_TIMEOUT,
        statement_timeout_ms=DB_STATEMENT_TIMEOUT_MS,
        options=_options.get("options", ""),
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Anonymous pages, and the API's anonymous reads (silkroutes.api.readcache), are cached whole for
# this many seconds (0 = off; invalidated on any data change).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
# Meetings on one page of the portal's timetable (the strategy's whole timetable fits on one;
# docs/performance.md: a page costs about 1 ms per meeting to render on two cores).
TIMETABLE_PAGE_SIZE = 50
# Meetings known to the day in one iCalendar feed: the latest ones (all coming meetings, the recent
# past); without a bound a feed of 20,000 meetings took half a minute to build.
CALENDAR_FEED_LIMIT = 500

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Meeting documents: a private directory with no URL; files are served only by the download view,
# which checks access on every request. Never serve it from the web server.
DOCUMENTS_ROOT = Path(env_str("DOCUMENTS_ROOT", str(BASE_DIR / "var" / "documents")))
DOCUMENT_MAX_UPLOAD_BYTES = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# The report PDFs and open-data downloads, built once per data version (silkroutes/core/
# storedfiles.py). Every app server must see the same folder, or each builds its own copies.
STORED_FILES_ROOT = Path(env_str("STORED_FILES_ROOT", str(VAR_DIR / "stored")))
for _directory in (STATIC_ROOT, MEDIA_ROOT, DOCUMENTS_ROOT, STORED_FILES_ROOT):
    if _directory.is_relative_to(VAR_DIR):
        _directory.mkdir(parents=True, exist_ok=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# The IATI organisation identifier of the reporting organisation (the Secretariat), the prefix of
# every iati-identifier in the IATI export. Empty: the organisation's identifier in the data, else
# a marked placeholder "XX-UNREGISTERED-<slug>" (docs/decisions/0008-iati-export.md).
IATI_REPORTING_ORG_REF = env_str("IATI_REPORTING_ORG_REF", "")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Silk Routes Partnership <noreply@localhost>")
# The address of the site as people reach it, for links in e-mails (no trailing slash).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (e-mail): in the request's process by default; production runs a worker on the
# same interface with TASKS_BACKEND=django_tasks_db.DatabaseBackend (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Accounts: sign-in through the workspace; failed sign-ins are throttled by django-axes (five
# failures for one user name from one address lock that pair out for 15 minutes; twenty from one
# address with any user names lock the address out: silkroutes/accounts/signin.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must stay first (django-axes)
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:login"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_HANDLER = "silkroutes.accounts.signin.AddressAndUserNameThrottle"
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "silkroutes.workspace.views.account.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "silkroutes.core.client.client_address"
# How many proxies of ours stand in front of the application (nginx: 1). Only their part of
# X-Forwarded-For is believed; see silkroutes/core/client.py.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Security headers; HTTPS-only settings are switched on in production by SECURE_COOKIES / HSTS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
# Believed only behind a proxy of ours, which sets it: without one, any client saying
# "X-Forwarded-Proto: https" over plain HTTP passed for a secure request.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT >= 1 else None

# Content-Security-Policy (django-csp): no inline script or style anywhere, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# JSON API (silkroutes/api): requests per client and period ("60/min", "1000/hour"; empty = no
# limit), counted in the cache (Redis in production, so every app server shares the counts).
API_RATE_LIMIT_ANONYMOUS = env_str("API_RATE_LIMIT_ANONYMOUS", "60/min")
API_RATE_LIMIT_TOKEN = env_str("API_RATE_LIMIT_TOKEN", "600/min")

# Personal data (docs/decisions/0014-personal-data.md): how many days each kind is kept before
# `manage.py purge_personal_data` deletes or blanks it, and the anonymisation ledger, a file
# outside the database from which `manage.py restore` applies anonymisations again.
PERSONAL_DATA_RETENTION_DAYS = {
    "sign_in_records": env_int("RETENTION_SIGN_IN_RECORDS_DAYS", 90),
    "delegation_contacts": env_int("RETENTION_DELEGATION_CONTACTS_DAYS", 730),
    "inactive_accounts": env_int("RETENTION_INACTIVE_ACCOUNTS_DAYS", 365),
    "task_results": env_int("RETENTION_TASK_RESULTS_DAYS", 30),
}
ANONYMISATION_LEDGER = Path(
    env_str("ANONYMISATION_LEDGER", str(VAR_DIR / "privacy" / "anonymisations.jsonl"))
)

_expected_refusals = {"filters": ["expected_refusals"]}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"expected_refusals": {"()": "silkroutes.core.logfilters.ExpectedRefusalFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Without handlers of its own: Django's console handler printed every line a second
        # time (with DEBUG on) beside the root's.
        "django": {"handlers": []},
        # A 403, a CSRF failure, a body too large: one line each, without a traceback.
        "django.request": _expected_refusals,
        "django.security.csrf": _expected_refusals,
        "django.security.RequestDataTooBig": _expected_refusals,
    },
}

"""Limber's settings: one module, driven by the environment.

With no environment at all this is a development set-up (SQLite file, DEBUG on, console email).
Production is an environment: DEBUG=false plus SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make serve` keeps its generated secret key in .env; ENV_FILE names another file (tests that
# check what a bare environment does point it at /dev/null).
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

# A development key is fine while DEBUG is on; production must say its own or refuse to start.
DEV_SECRET_KEY = "django-insecure-limber-development-only"
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG:
    missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value or value == DEV_SECRET_KEY
    ]
    if missing:
        raise ImproperlyConfigured(
            f"DEBUG is off, so these settings must come from the environment: {', '.join(missing)}."
        )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "stretches",
    "config.apps.LimberAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    "django_tasks_db",
    "imagekit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A database outage is a 503 with Retry-After, logged once per burst, not a 500 per request.
    "config.middleware.DatabaseUnavailableMiddleware",
    # Cross-Origin-Resource-Policy, and no storing of any page shown to a signed-in person.
    "config.middleware.PrivacyHeadersMiddleware",
    "config.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A stored public page for a visitor with no cookie, before sessions and the rest are set up.
    "stretches.caching.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Records who made each change to routines, steps and contraindications.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns django-ratelimit's refusal into the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # django-axes wants to be last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stretches.context_processors.emergency_number",
            ],
            # {% link %}: {% url %} worked out once per process (stretches/templatetags/site_links.py).
            "builtins": ["stretches.templatetags.site_links"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Opening a PostgreSQL connection costs as much CPU as rendering a page (docs/performance.md), so
# each worker keeps its connection, checked before reuse so a restarted server is survived; our
# backend answers that check from the socket when it can (config/postgresql/base.py).
# DB_POOL=true uses psycopg's pool instead (measured against this in docs/performance.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if env.bool("DB_POOL", default=False):
        options["pool"] = {"min_size": 1, "max_size": 4}
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Planning the gated pages' one statement cost PostgreSQL about five times as long as running
    # it (docs/performance.md). With parameters bound on the server, psycopg prepares a statement
    # after its fifth run on a connection and PostgreSQL keeps its plan. A pooler in transaction
    # mode cannot follow prepared statements unless it tracks them (PgBouncer 1.21 and later,
    # with max_prepared_statements set): behind any other, set DB_PREPARED_STATEMENTS=false.
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        options.update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every process that serves Limber must share one cache: the content version (a routine
# unpublished on one must be gone on all) and sessions' cached copies (a sign-out on one must end
# the session on all) live there. Several app servers share one Redis. Without REDIS_URL,
# production mode on one machine (`make serve`: several gunicorn workers) shares a directory of
# files; only the development server and the tests, one process each, keep the cache in the
# process. The file cache is for trying production mode: its counts are not atomic and its
# culling can drop a throttle's count, so a real deployment uses Redis (docs/deployment.md).
if REDIS_URL := env.str("REDIS_URL", default=""):
    CACHES = {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": REDIS_URL}}
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
            # Every write lists the directory to see whether to cull (about 0.6 µs an entry), so
            # the directory stays small; content is kept in each process as well.
            "OPTIONS": {"MAX_ENTRIES": 1_000},
        }
    }
# How long an anonymous public page is kept; any content change replaces it sooner.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)

# A published routine comes back for clinical review this many months after its last review.
EDITORIAL_REVIEW_INTERVAL_MONTHS = env.int("EDITORIAL_REVIEW_INTERVAL_MONTHS", default=12)

# Argon2id resists password spraying better than PBKDF2; older PBKDF2 hashes are upgraded at the
# next sign-in (Django rehashes with the first hasher when a password checks out).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the signed-in person read by a statement compiled once per process.
    "accounts.backends.UserBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "stretches:home"

# Brute-force protection: 5 failed sign-ins for one email from one address lock that pair.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.emails.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a load balancer every client shares its REMOTE_ADDR; the client's own address is read
# from X-Forwarded-For, trusting only as many entries as there are proxies of ours.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"

# Throttles (django-ratelimit, counted in the default cache: Redis in production, so every app
# server counts together). A throttled request gets the 429 page and changes nothing.
RATELIMIT_VIEW = "config.views.throttled"
RATELIMIT_IP_META_KEY = "config.client_ip.client_ip"
THROTTLES = {
    "sign_in_per_address": env.str("THROTTLE_SIGN_IN_PER_ADDRESS", default="20/10m"),
    "sign_in_per_email": env.str("THROTTLE_SIGN_IN_PER_EMAIL", default="10/10m"),
    "sign_up_per_address": env.str("THROTTLE_SIGN_UP_PER_ADDRESS", default="5/h"),
    "sign_up_per_email": env.str("THROTTLE_SIGN_UP_PER_EMAIL", default="3/h"),
    "password_reset_per_address": env.str("THROTTLE_PASSWORD_RESET_PER_ADDRESS", default="10/h"),
    "password_reset_per_email": env.str("THROTTLE_PASSWORD_RESET_PER_EMAIL", default="3/h"),
    "screening_per_address": env.str("THROTTLE_SCREENING_PER_ADDRESS", default="60/10m"),
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from npm at set-up and are served from here, never from a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
# Outside production, serve straight from the finders so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = DEBUG
# In production only the hashed names exist, each cached by browsers for a year.
WHITENOISE_KEEP_ONLY_HASHED_FILES = not DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.storage.StaticFilesStorage",
        )
    },
}

# A screening clears a routine for this long, unless the person stops it because it hurts.
SCREENING_VALID_FOR = timedelta(hours=env.int("SCREENING_VALID_HOURS", default=24))
# A right-now answer (pain now, an urgent sign) is only true when given: a "No" clears one start
# of one routine for at most this long; a "Yes" blocks every routine for as long.
RIGHT_NOW_VALID_FOR = timedelta(minutes=env.int("RIGHT_NOW_VALID_MINUTES", default=30))
# Shown with "Get medical help now", e.g. "999" or "112"; unset, the page says "your local
# emergency number" only.
EMERGENCY_NUMBER = env.str("EMERGENCY_NUMBER", default="")
# Screenings tied only to a browser session are deleted after this (manage.py purge_screenings).
SCREENING_RETENTION_DAYS = env.int("SCREENING_RETENTION_DAYS", default=30)
# Seconds a rendered screening form may wait before it is sent.
SCREENING_FORM_MAX_AGE = int(timedelta(hours=2).total_seconds())

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email prints to the console until an SMTP host is configured (production).
if env.str("EMAIL_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST"),
                "port": env.int("EMAIL_PORT", default=587),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=True),
                # Far below REMINDER_CLAIM_TIMEOUT: a hung mail server must not outlast a claim.
                "timeout": env.int("EMAIL_TIMEOUT", default=30),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Limber <no-reply@limber.invalid>")

# Every email goes out from a background task, so a request never waits for (or reveals by its
# timing) a mail server. The worker is `manage.py db_worker`; `make run` starts it beside the site.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Reminders. The clock (`manage.py send_reminders --every 60`) queues the reminder emails that fell
# due in the last REMINDER_SEND_WINDOW only: after downtime, old reminders are dropped, not flooded.
REMINDER_SEND_WINDOW = timedelta(minutes=env.int("REMINDER_SEND_WINDOW_MINUTES", default=15))
# A failed send is tried again after 1, 5, then 15 minutes, up to this many attempts in all.
REMINDER_SEND_ATTEMPTS = env.int("REMINDER_SEND_ATTEMPTS", default=4)
# A delivery claimed by a worker that has not finished it after this long (the worker died) is
# tried again: see docs/reminders.md for what that trades.
REMINDER_CLAIM_TIMEOUT = timedelta(minutes=env.int("REMINDER_CLAIM_TIMEOUT_MINUTES", default=10))
# Emails are sent without a request to take the address from: links in them start with this.
SITE_URL = env.str(
    "SITE_URL",
    default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
    if not DEBUG and ALLOWED_HOSTS and ALLOWED_HOSTS[0] not in ("*", "")
    else "http://127.0.0.1:8000",
).rstrip("/")

# Every script and style is a static file, so no 'unsafe-inline' is needed anywhere.
# Bootstrap's form controls draw their arrows and checks as data: SVG images.
# Nothing is allowed unless named: default-src 'none', then each kind this site really uses.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions of a health site: half a day rather than Django's two weeks, HttpOnly, and in
# production Secure with __Host- names (bound to this exact host, never a parent domain).
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the shared cache and written through to the database (config/sessions.py).
SESSION_ENGINE = "config.sessions"
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
if not DEBUG:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A year of HSTS in production, subdomains and preload included unless the operator opts out.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# django-ratelimit asks for a shared cache. Development and tests use the local-memory cache on
# purpose (one process); production's Redis is Django's own RedisCache, which counts atomically
# but is not on django-ratelimit's list.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Media: pictures editors upload for steps. Kept in one block so media can be read in one place.
# Development keeps them on disk under media/ and serves them (config/urls.py); production points
# the "default" storage at S3-compatible storage with django-storages (docs/media.md).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
STORAGES["default"] = {
    "BACKEND": env.str(
        "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
    ),
    "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
}
# Pictures served from another origin (a bucket or its CDN) must be allowed to load.
SECURE_CSP["img-src"] += env.list("MEDIA_IMG_ORIGINS", default=[])
# Resized copies are made when an upload is saved, not checked for on every page view: with remote
# storage each check would be a request.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"

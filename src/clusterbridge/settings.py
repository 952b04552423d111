"""Django settings for Clusterbridge.

Everything that differs between installations is read from environment variables (see the
table in README.md). Defaults give a working single-machine set-up on SQLite.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("CLUSTERBRIDGE_DATA_DIR", PROJECT_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise create one once and keep it in the data directory.

    A generated, persisted key is safer than a hard-coded fallback: no two installations share it.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = DATA_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in e-mails and feeds; without SITE_URL they follow the HOST and PORT `make run` serves on.
SITE_URL = (
    os.environ.get("SITE_URL")
    or f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
).rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Clusterbridge")
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "clusterbridge.common",
    "clusterbridge.accounts",
    "clusterbridge.taxonomy",
    "clusterbridge.organisations",
    "clusterbridge.notifications",
    "clusterbridge.events",
    "clusterbridge.marketplace",
    "clusterbridge.benchmarking",
    "clusterbridge.observatory",
    "clusterbridge.partnerships",
    "clusterbridge.calls",
    "clusterbridge.international",
    "clusterbridge.analytics",
    "clusterbridge.api",
    "clusterbridge.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL characters in any input are a 400 before sessions, users and views see them.
    "clusterbridge.common.badinput.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clusterbridge.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "clusterbridge.common.busy.DatabaseBusyMiddleware",
    # Innermost: counts the page the view answered (analytics/counting.py).
    "clusterbridge.analytics.counting.AudienceMiddleware",
]

# Audience analytics (docs/analytics.md): counting can be switched off; the visitor's country
# comes from a MaxMind-format country database when one is installed (e.g. GeoLite2-Country),
# else from a logged-in person's organisation.
AUDIENCE_COUNTING = env_bool("AUDIENCE_COUNTING", True)
AUDIENCE_FLUSH_EVENTS = int(os.environ.get("AUDIENCE_FLUSH_EVENTS", "200"))
AUDIENCE_FLUSH_SECONDS = float(os.environ.get("AUDIENCE_FLUSH_SECONDS", "10"))
GEOIP_COUNTRY_DATABASE = os.environ.get("GEOIP_COUNTRY_DATABASE", "")

ROOT_URLCONF = "clusterbridge.urls"
WSGI_APPLICATION = "clusterbridge.wsgi.application"

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
                "django.template.context_processors.i18n",
                "clusterbridge.common.context_processors.site",
                "clusterbridge.notifications.context_processors.unread",
                "clusterbridge.marketplace.context_processors.unread_messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'clusterbridge.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a write waits for another writer before "database is locked" (then a 503).
        "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: e-mail is the login; verification is mandatory; failed logins are rate-limited.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Failed logins (web and API token) are limited per account and per client address + account,
# not per address alone: many people share one address (see accounts/adapter.py). The counts
# live in the default cache, shared by all processes when REDIS_URL is set.
ACCOUNT_ADAPTER = "clusterbridge.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_RATE_LIMIT", "20/5m/key"),
    "login_failed_ip_account": ",".join(
        f"{rate}/key" for rate in env_list("LOGIN_RATE_LIMIT_IP_ACCOUNT", "5/5m")
    ),
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); anyone else's
# X-Forwarded-For is ignored and the connection's address is the client (common/clientip.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
ACCOUNT_SIGNUP_FORM_CLASS = "clusterbridge.accounts.forms.SignupExtraForm"

# E-mail: console by default, a directory with EMAIL_FILE_PATH, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Clusterbridge <noreply@clusterbridge.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
elif os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background work: the Django tasks API with a database-backed queue (`clusterbridge worker`).
# A worker beats every WORKER_HEARTBEAT_SECONDS; one silent for WORKER_STALE_AFTER_SECONDS is
# taken as dead and its running tasks are marked failed. A scheduling run renews its own lease
# likewise and is marked failed when its worker stops (see events.services.runs).
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "10"))
WORKER_STALE_AFTER_SECONDS = float(os.environ.get("WORKER_STALE_AFTER_SECONDS", "60"))
SCHEDULING_RUN_HEARTBEAT_SECONDS = float(os.environ.get("SCHEDULING_RUN_HEARTBEAT_SECONDS", "10"))
SCHEDULING_RUN_LEASE_SECONDS = float(os.environ.get("SCHEDULING_RUN_LEASE_SECONDS", "90"))
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LANGUAGE_CODE = "en"
# The languages of the interface (see DEVELOPERS.md, "Adding a language"); French and German
# are complete, the others partial (untranslated strings fall back to English).
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pl", "Polski"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["clusterbridge.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = Path(os.environ.get("NODE_MODULES", PROJECT_DIR / "node_modules"))
# Front-end packages come from npm (package.json); each is exposed under static/vendor/.
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/topojson-client", NODE_MODULES / "topojson-client" / "dist"),
    ("vendor/world-atlas", NODE_MODULES / "world-atlas"),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
WHITENOISE_USE_FINDERS = True

# Uploads: logos are images up to LOGO_MAX_BYTES.
LOGO_MAX_BYTES = int(os.environ.get("LOGO_MAX_BYTES", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Maps: an offline base layer (country outlines) unless a tile server is configured.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""


_tile_origin = [_origin(MAP_TILE_URL).replace("://a.", "://*.")] if MAP_TILE_URL else []
# A strict Content-Security-Policy: no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_origin],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SITE_URL.startswith("https")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over https (SITE_URL https://…): plain-http requests are redirected and browsers are
# told to use https only (HSTS, one year by default). The reverse proxy must set
# X-Forwarded-Proto (above), or every request looks like http and is redirected in a loop.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SITE_URL.startswith("https"))
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SITE_URL.startswith("https") else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a commitment for the whole domain that is hard to undo: the operator opts in
# with SECURE_HSTS_PRELOAD=true; until then Django's reminder about it (W021) is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # drf-spectacular's, documenting the error responses every operation can give (api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "clusterbridge.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "clusterbridge.api.pagination.Pagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "clusterbridge.api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's parsers, safe against deeply nested JSON and NUL characters (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "clusterbridge.api.parsers.JSONParser",
        "clusterbridge.api.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Clusterbridge API",
    "DESCRIPTION": "Organisations, taxonomies and more. Authenticate with `Authorization: Token <key>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "clusterbridge.organisations.models.organisation.OrganisationKind",
        "OpportunityKindEnum": "clusterbridge.marketplace.models.opportunity.OpportunityKind",
        "EventKindEnum": "clusterbridge.events.models.event.EventKind",
        "EventFormatEnum": "clusterbridge.events.models.event.EventFormat",
        "CountryEnum": "clusterbridge.api.serializers.organisations.COUNTRY_CHOICES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

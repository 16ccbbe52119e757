"""All settings in one file, read from environment variables.

The embedded default needs nothing: SQLite in WAL mode under ``MEDCORRIDOR_DATA_DIR`` (./var),
the console e-mail backend and in-process background work. Production sets ``DATABASE_URL``
(PostgreSQL), ``SECRET_KEY``, ``ALLOWED_HOSTS`` and, for Celery, ``CELERY_BROKER_URL``.
"""

import os
from pathlib import Path

import dj_database_url
import plotly
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MEDCORRIDOR_DATA_DIR", Path.cwd() / "var")).resolve()


def env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG", False)
# The fallback key only exists so that the embedded demo starts with no setup; production must set one.
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-embedded-demo-key-change-me-in-production")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The admin comes last: Django takes a message's translation from the first app that has it, so our
# catalogues (kk, mn, ko, ky included) win over the admin's for words both use ("Filter", "Change").
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "medcorridor.core.apps.CoreConfig",
    "medcorridor.audit.apps.AuditConfig",
    "medcorridor.accounts.apps.AccountsConfig",
    "medcorridor.providers.apps.ProvidersConfig",
    "medcorridor.cooperation.apps.CooperationConfig",
    "medcorridor.matching.apps.MatchingConfig",
    "medcorridor.cases.apps.CasesConfig",
    "medcorridor.finance.apps.FinanceConfig",
    "medcorridor.transplant.apps.TransplantConfig",
    "medcorridor.ingest.apps.IngestConfig",
    "medcorridor.analytics.apps.AnalyticsConfig",
    "medcorridor.interop.apps.InteropConfig",
    "medcorridor.web.apps.WebConfig",
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "medcorridor.accounts.api_auth.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "medcorridor.config.urls"
WSGI_APPLICATION = "medcorridor.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "medcorridor.web.context.navigation",
            ],
        },
    },
]


def database_from_environment() -> dict:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'medcorridor.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN,
            # so two concurrent transitions queue instead of failing half-way with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
        config["CONN_MAX_AGE"] = 0
    elif os.environ.get("DB_PREPARED_STATEMENTS", "1") == "0":
        # Behind a pooler in transaction mode each transaction may get another server session, which
        # does not know this client's prepared statements (core.db.repeated_statements_cursor).
        config.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return config


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", _("Russian")),
    ("en", _("English")),
    ("kk", _("Kazakh")),
    ("mn", _("Mongolian")),
    ("ko", _("Korean")),
    ("ky", _("Kyrgyz")),
]
# Django's language table has no Mongolian name in Mongolian; the menu shows each language in itself.
LANG_INFO["mn"] = {**LANG_INFO["mn"], "name_local": "Монгол"}
# Russian and English must be complete; the other catalogues grow with every screen.
COMPLETE_LANGUAGES = ["ru", "en"]
LOCALE_PATHS: list = []  # catalogues live in each domain app: <app>/locale/
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

STATIC_URL = "static/"
# Production runs collectstatic into STATIC_ROOT; the embedded default serves from the finders.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
# plotly.js ships inside the plotly package: serve that copy once instead of vendoring it.
STATICFILES_DIRS = [("plotly", Path(plotly.__file__).resolve().parent / "package_data")]
# WhiteNoise serves static files straight from the finders, so the demo needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Uploaded clinical documents are never served by URL: views stream them after a scoped check.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(50 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "medcorridor <noreply@medcorridor.local>")

# Background work: in-process unless a broker is configured (see medcorridor.core.tasks).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

"""Kring's settings: one module, driven by environment variables (see README.md).

SQLite under ``var/`` is the embedded default; ``KRING_DATABASE_URL`` switches to PostgreSQL.
``KRING_ENV=production`` turns on the strict production defaults and refuses to start without
a secret key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"KRING_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


KRING_ENV = env("ENV", "development")
if KRING_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("KRING_ENV must be 'development' or 'production'.")
PRODUCTION = KRING_ENV == "production"

VAR_DIR = Path(env("VAR_DIR", str(PROJECT_DIR / "var")))


def _development_secret_key() -> str:
    """A random key kept under var/, so sessions survive restarts on a developer's machine."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("KRING_SECRET_KEY is required when KRING_ENV=production.")
    SECRET_KEY = _development_secret_key()

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
BASE_URL = env("BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "kring.accounts",
    "kring.notifications",
    "kring.programmes",
    "kring.rooms",
    "kring.audit",
    "kring.learning",
    "kring.library",
    "kring.availability",
    "kring.calendars",
    "kring.reflection",
    "kring.formation",
    "kring.profiles",
    "kring.planning",
    "kring.invitations",
    "kring.designs",
    "kring.core",
    "kring.site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kring.core.middleware.PrivateCacheMiddleware",
    "kring.core.middleware.UserLanguageMiddleware",
    "kring.core.middleware.RefuseNulInQueryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kring.urls"
WSGI_APPLICATION = "kring.wsgi.application"

FORM_RENDERER = "kring.core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "kring.site.context_processors.kring",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "kring.core.templatetags.form_once",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kring.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, but the database file is created readable by Kring's user alone.
    DATABASES["default"]["ENGINE"] = "kring.core.sqlite"
    # WAL lets the web server and the task worker use the embedded database side by side.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = int(env("INVITATION_DAYS", "14"))
# E-mail reminders: days ahead of a meeting and of an assignment's due date (0 = none), and how
# often the task worker looks for reminders that are due.
REMINDER_DAYS_BEFORE_MEETING = int(env("REMINDER_DAYS_BEFORE_MEETING", "2"))
REMINDER_DAYS_BEFORE_DUE = int(env("REMINDER_DAYS_BEFORE_DUE", "2"))
REMINDER_INTERVAL_MINUTES = max(1, int(env("REMINDER_INTERVAL_MINUTES", "60")))
# Seconds the scheduling engine may search when a facilitator plans or re-plans meetings.
PLANNING_TIME_LIMIT = max(1.0, float(env("PLANNING_TIME_LIMIT", "10")))

# Throttling of failed logins (django-axes, with kring.accounts.throttling), counted three
# ways within the cool-off time: an e-mail address from one IP address, one IP address across
# all e-mail addresses (trying many accounts), and one e-mail address from all IP addresses.
AXES_FAILURE_LIMIT = int(env("LOGIN_ATTEMPTS", "5"))
LOGIN_ATTEMPTS_PER_IP = int(env("LOGIN_ATTEMPTS_PER_IP", "20"))
LOGIN_ATTEMPTS_PER_ACCOUNT = int(env("LOGIN_ATTEMPTS_PER_ACCOUNT", "20"))
AXES_COOLOFF_TIME = int(env("LOGIN_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "kring.accounts.throttling.LoginThrottle"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kring.accounts.throttling.username_of"
AXES_LOCKOUT_CALLABLE = "kring.accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(env("PROXY_COUNT", "0")) or None
AXES_SENSITIVE_PARAMETERS = ["password"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kring_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam")

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
# Uploads live outside the web root and are served only through the permission policy.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
KRING_UPLOAD_MAX_MB = int(env("UPLOAD_MAX_MB", "10"))
# Uploads are confidential: readable by Kring's own user alone, whatever the umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        # Static files are public: a reverse proxy may serve them from STATIC_ROOT.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kring <kring@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. HTTPS-only settings follow KRING_HTTPS (on by default in production).
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy: no inline scripts or styles, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_on_one_line": {"()": "kring.core.logfilters.ForbiddenOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["forbidden_on_one_line"]},
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "kring.core.views.csrf_failure"

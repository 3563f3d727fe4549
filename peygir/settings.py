"""Django settings, read from the environment.

Safe defaults run the demo on SQLite under var/; production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and PEYGIR_PRODUCTION=1 (see docs/operations.md).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("PEYGIR_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("PEYGIR_PRODUCTION")
DEBUG = env_bool("DEBUG", default=False)
_INSECURE_KEY = "peygir-demo-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", _INSECURE_KEY)
if PRODUCTION and SECRET_KEY == _INSECURE_KEY:
    raise RuntimeError("SECRET_KEY must be set in production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files, no CDN
    "django_filters",
    "peygir.core",
    "peygir.accounts",
    "peygir.territory",
    "peygir.organizations",
    "peygir.actions",
    "peygir.committees",
    "peygir.facilitation",
    "peygir.demands",
    "peygir.programs",
    "peygir.grants",
    "peygir.inspections",
    "peygir.evaluation",
    "peygir.administration",
    "peygir.notifications",
    "peygir.exports",
    "peygir.api",
    "peygir.web",
    "peygir.demo",
    "peygir.bench",
]

MIDDLEWARE = [
    # First: GET/HEAD requests read the data version once and may use the caches keyed on it.
    "peygir.core.dataversion.DataVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "peygir.web.middleware.PersianByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "peygir.urls"
WSGI_APPLICATION = "peygir.wsgi.application"

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
                "peygir.web.context_processors.peygir",
            ],
            "builtins": ["peygir.core.templatetags.peygir_tags"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'peygir.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
SILENCED_SYSTEM_CHECKS: list[str] = []
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The covering index of actions (INCLUDE columns) is a PostgreSQL feature; SQLite builds it
    # without them, which is all the demo needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = Path(os.environ.get("PEYGIR_NODE_MODULES", PROJECT_DIR / "node_modules"))
# Front-end packages come from npm (package.json); only the built files are exposed.
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / sub)
    for prefix, sub in [
        ("bootstrap", "bootstrap/dist"),
        ("htmx", "htmx.org/dist"),
        ("vazirmatn", "vazirmatn"),
        ("jalalidatepicker", "@majidh1/jalalidatepicker/dist"),
        ("leaflet", "leaflet/dist"),
    ]
    if (NODE_MODULES / sub).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Evidence files: what an agency may attach to a progress report.
PEYGIR_MAX_UPLOAD_BYTES = int(os.environ.get("PEYGIR_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = PEYGIR_MAX_UPLOAD_BYTES + 1_048_576

# Working calendar: Python weekday numbers (Monday=0 … Friday=4). Iran's official weekend is Friday;
# many offices also close on Thursday, so it is configurable.
PEYGIR_WEEKEND = [int(d) for d in env_list("PEYGIR_WEEKEND", "4")]
# Escalation ladder, in working days.
PEYGIR_REMINDER_DAYS = int(os.environ.get("PEYGIR_REMINDER_DAYS", "3"))
PEYGIR_DUE_SOON_DAYS = int(os.environ.get("PEYGIR_DUE_SOON_DAYS", "5"))
# Whole-page cache of the inbox and start page (peygir/core/pagecache.py): how long a page may be
# served while the data version is unchanged (it bounds what moves with the clock alone); 0 = off.
PEYGIR_PAGE_CACHE_SECONDS = int(os.environ.get("PEYGIR_PAGE_CACHE_SECONDS", "60"))
# The data version moves at commit (PostgreSQL); tests turn this off (peygir/core/dataversion.py).
PEYGIR_DATA_VERSION_AT_COMMIT = True
# The sources of actions (peygir/actions/sources.py): kind → the model an action's foreign key points to
# (none for a source that is no row) and the adapter through which the spine tells the source what
# happened. A domain that creates obligations adds one line here.
PEYGIR_ACTION_SOURCES = {
    "resolution": {"model": "committees.Resolution", "adapter": "peygir.committees.sources.ResolutionSource"},
    "demand": {"model": "demands.Demand", "adapter": "peygir.demands.sources.DemandSource"},
    "directive": {"adapter": "peygir.actions.sources.DirectiveSource"},
}
PEYGIR_SUPERVISOR_DELAY_DAYS = int(os.environ.get("PEYGIR_SUPERVISOR_DELAY_DAYS", "5"))
PEYGIR_PROVINCE_DELAY_DAYS = int(os.environ.get("PEYGIR_PROVINCE_DELAY_DAYS", "15"))
# Send event emails right after the transaction commits (demo); production leaves them to the worker.
PEYGIR_DELIVER_ON_COMMIT = env_bool("PEYGIR_DELIVER_ON_COMMIT", not PRODUCTION)
# Citizens' demands: retention of personal data, rate limits ("N/second|minute|hour|day"), SMS codes.
PEYGIR_DEMAND_RETENTION_DAYS = int(os.environ.get("PEYGIR_DEMAND_RETENTION_DAYS", "730"))
PEYGIR_DEMAND_SUBMIT_PER_IP = os.environ.get("PEYGIR_DEMAND_SUBMIT_PER_IP", "5/hour")
PEYGIR_DEMAND_SUBMIT_PER_PHONE = os.environ.get("PEYGIR_DEMAND_SUBMIT_PER_PHONE", "3/day")
PEYGIR_DEMAND_CONFIRM_PER_IP = os.environ.get("PEYGIR_DEMAND_CONFIRM_PER_IP", "20/hour")
PEYGIR_DEMAND_STATUS_PER_IP = os.environ.get("PEYGIR_DEMAND_STATUS_PER_IP", "20/hour")
PEYGIR_DEMAND_STATUS_PER_CODE = os.environ.get("PEYGIR_DEMAND_STATUS_PER_CODE", "10/hour")
PEYGIR_DEMAND_CODE_TTL_SECONDS = int(os.environ.get("PEYGIR_DEMAND_CODE_TTL_SECONDS", "600"))
PEYGIR_DEMAND_SIMILARITY_THRESHOLD = float(os.environ.get("PEYGIR_DEMAND_SIMILARITY_THRESHOLD", "0.5"))
PEYGIR_DEMAND_STATUS_URL_NAME = "web:demand_track"
# Reverse proxies whose X-Forwarded-For is believed for rate limits (see core.http.client_ip).
PEYGIR_TRUSTED_PROXIES = env_list("PEYGIR_TRUSTED_PROXIES")
PEYGIR_SITE_URL = os.environ.get("PEYGIR_SITE_URL", "http://127.0.0.1:8000")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "peygir@localhost")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "peygir.notifications.sms.ConsoleSmsBackend")
SMS_SENDER = os.environ.get("SMS_SENDER", "")
SMS_API_URL = os.environ.get("SMS_API_URL", "")
SMS_API_KEY = os.environ.get("SMS_API_KEY", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["peygir.core.api.filters.FilterBackend"],
    "EXCEPTION_HANDLER": "peygir.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Peygir API",
    "DESCRIPTION": "REST API v1 of Peygir (پیگیر): territories, organizations, committees, meetings, "
    "resolutions and actions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Error answers (400/401/403/404/409/429 …) with their bodies on every operation (peygir/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "peygir.api.schema.add_error_responses",
    ],
    # Several models have a `kind` or `status`; name each enum after its model (no hashed names).
    "ENUM_NAME_OVERRIDES": {
        "TerritoryKindEnum": "peygir.territory.models.Territory.Kind",
        "OrganizationKindEnum": "peygir.organizations.models.Organization.Kind",
        "CommitteeKindEnum": "peygir.committees.models.Committee.Kind",
        "AgendaItemKindEnum": "peygir.committees.models.AgendaItem.Kind",
        "ActionUpdateKindEnum": "peygir.actions.models.ActionUpdate.Kind",
        "ActionEventKindEnum": "peygir.actions.models.ActionEvent.Kind",
        "ActionStatusEnum": "peygir.actions.models.Action.Status",
        "MeetingStatusEnum": "peygir.committees.models.Meeting.Status",
        "AttendanceStatusEnum": "peygir.committees.models.Attendance.Status",
        "DemandStatusEnum": "peygir.demands.models.Demand.Status",
        "Open311StatusEnum": [("open", "open"), ("closed", "closed")],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SESSION_COOKIE_HTTPONLY = True
# Database sessions, read from the cache in GET requests under the data version (peygir/core/sessions.py).
SESSION_ENGINE = "peygir.core.sessions"
AUTHENTICATION_BACKENDS = ["peygir.accounts.backends.CachedModelBackend"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

"""Django settings, read from the environment.

Safe defaults run the demo on SQLite under var/; production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and PEYGIR_PRODUCTION=1 (see docs/operations.md).
"""

import os
import re
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
CSRF_FAILURE_VIEW = "peygir.web.errors.csrf_failure"

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
    # Accounts' security (docs/security.md): sign-in lockout, two-factor devices, the CSP header.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "peygir.core",
    "peygir.accounts",
    "peygir.territory",
    "peygir.organizations",
    "peygir.actions",
    "peygir.similarity",
    "peygir.search",
    "peygir.coordination",
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
    # The audit trail (peygir.core.audit) records each request's address and user with its changes.
    "peygir.core.audit.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Accounts' security (docs/security.md): idle sessions end, two-factor where required, no-store
    # on everything personal, the Content-Security-Policy; axes last, as its documentation asks.
    "peygir.web.security.IdleSessionMiddleware",
    "peygir.web.security.TwoFactorMiddleware",
    "peygir.web.security.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
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
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: the planner turns it on for the evaluation's and the search's aggregates
    # (their estimated cost is high), and compiling them took longer than running them — 1.6 s
    # instead of 0.7 s for the national scorecard of three provinces (docs/performance.md).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c jit=off").strip()
    # 16 MB per sort or bitmap instead of PostgreSQL's 4 MB: a national reader's common word ANDs the
    # word's matches with the last 30 days' (320,000 entries at S = 1), and in 4 MB that bitmap turned
    # lossy, so every row of 3,400 heap pages was checked again (127 ms against 79 ms, measured).
    work_mem = os.environ.get("PEYGIR_PG_WORK_MEM", "16MB").strip()
    if not re.fullmatch(r"\d{1,7}(kB|MB|GB)?", work_mem):
        raise RuntimeError("PEYGIR_PG_WORK_MEM must be a size such as 16MB")
    options["options"] += f" -c work_mem={work_mem}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Digits in any script (۱۲۳۴…, ١٢٣…, 123…) and Persian keyboard runs (peygir/accounts/validators.py).
    {"NAME": "peygir.accounts.validators.NotOnlyDigitsValidator"},
    {"NAME": "peygir.accounts.validators.NotCommonPersianValidator"},
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
        ("tom-select", "tom-select/dist"),
        ("chartjs", "chart.js/dist"),  # evaluation's charts
        ("idb", "idb/build"),  # inspections: the offline visit queue (IndexedDB)
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
# Each process's own cache: pages, sessions and the summaries kept under the data version
# (`dataversion.keyed`: a national scorecard holds one entry per province). Django's default of 300
# entries would evict the country's summaries as soon as a few hundred people's pages were cached.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PEYGIR_CACHE_ENTRIES", "5000"))},
    }
}
# The data version moves at commit (PostgreSQL); tests turn this off (peygir/core/dataversion.py).
PEYGIR_DATA_VERSION_AT_COMMIT = True
# The sources of actions (peygir/actions/sources.py): kind → the model an action's foreign key points to
# (none for a source that is no row) and the adapter through which the spine tells the source what
# happened. A domain that creates obligations adds one line here.
PEYGIR_ACTION_SOURCES = {
    "resolution": {"model": "committees.Resolution", "adapter": "peygir.committees.sources.ResolutionSource"},
    "demand": {"model": "demands.Demand", "adapter": "peygir.demands.sources.DemandSource"},
    "directive": {"adapter": "peygir.actions.sources.DirectiveSource"},
    "duty": {"model": "programs.Duty", "adapter": "peygir.programs.sources.DutySource"},
    "milestone": {"model": "grants.Milestone", "adapter": "peygir.grants.sources.MilestoneSource"},
    # inspections: a failed check, and a missed visit (docs/inspections.md)
    "finding": {"model": "inspections.Finding", "adapter": "peygir.inspections.sources.FindingSource"},
    "visit": {"model": "inspections.Visit", "adapter": "peygir.inspections.sources.VisitSource"},
}
# Kinds of records found by the one search box and compared for parallel work (peygir/search/registry.py).
# A domain's source lives in its `search.py`; the spine's (actions, organizations) in search/kinds.py.
# Who sees which provinces' data, for the scoped data version (peygir/core/dataversion.py).
PEYGIR_DATA_SCOPES = "peygir.organizations.access.data_scopes"
PEYGIR_SEARCH_SOURCES: dict[str, str] = {
    "resolution": "peygir.committees.search.ResolutionSearch",
    "meeting": "peygir.committees.search.MeetingSearch",
    "directive": "peygir.search.kinds.DirectiveSearch",
    "action": "peygir.search.kinds.ActionSearch",
    "demand": "peygir.demands.search.DemandSearch",
    "proposal": "peygir.grants.search.ProposalSearch",
    "project": "peygir.grants.search.ProjectSearch",
    "finding": "peygir.inspections.search.FindingSearch",
    "duty": "peygir.programs.search.DutySearch",
    "organization": "peygir.search.kinds.OrganizationSearch",
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
# NGOs registering themselves (docs/grants.md): registrations per address a day; the representative's
# SMS code — codes per number ("N/minute|hour|day"), tries per address, validity, wrong tries per code,
# the wait before another code; unconfirmed registrations are removed after this many days
# (`peygir grants prune-unconfirmed`, also run by `peygir actions scan`).
PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY = int(os.environ.get("PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY", "3"))
PEYGIR_NGO_CODES_PER_PHONE = os.environ.get("PEYGIR_NGO_CODES_PER_PHONE", "5/day")
PEYGIR_NGO_CONFIRM_PER_IP = os.environ.get("PEYGIR_NGO_CONFIRM_PER_IP", "20/hour")
PEYGIR_NGO_CODE_TTL_SECONDS = int(os.environ.get("PEYGIR_NGO_CODE_TTL_SECONDS", "600"))
PEYGIR_NGO_CODE_ATTEMPTS = int(os.environ.get("PEYGIR_NGO_CODE_ATTEMPTS", "5"))
PEYGIR_NGO_CODE_RESEND_SECONDS = int(os.environ.get("PEYGIR_NGO_CODE_RESEND_SECONDS", "60"))
PEYGIR_NGO_UNCONFIRMED_DAYS = float(os.environ.get("PEYGIR_NGO_UNCONFIRMED_DAYS", "2"))
# Unset: the similarity engine's INTAKE_THRESHOLD, measured on its labelled set (docs/coordination.md).
PEYGIR_DEMAND_SIMILARITY_THRESHOLD = (
    float(os.environ["PEYGIR_DEMAND_SIMILARITY_THRESHOLD"])
    if os.environ.get("PEYGIR_DEMAND_SIMILARITY_THRESHOLD")
    else None
)
# A sentence-embedding model already on this machine (a directory), blended into text similarity when
# sentence_transformers is importable; empty (the default): character n-grams alone. Never downloaded.
PEYGIR_SIMILARITY_EMBEDDING_MODEL = os.environ.get("PEYGIR_SIMILARITY_EMBEDDING_MODEL", "")
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
# In production the console email/SMS backends are refused by a system check unless this says so
# (a demo server with no gateway): peygir/notifications/checks.py.
PEYGIR_ALLOW_CONSOLE_BACKENDS = env_bool("PEYGIR_ALLOW_CONSOLE_BACKENDS")
# How long the personal-data access log is kept (`peygir access_log purge`), in days.
PEYGIR_ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("PEYGIR_ACCESS_LOG_RETENTION_DAYS", "1825"))
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
        # programs
        "ProgramLevelEnum": "peygir.programs.models.PolicyDocument.Level",
        "ApprovalLevelEnum": [("county", "county"), ("province", "province"), ("national", "national")],
        "IndicatorKindEnum": "peygir.programs.models.IndicatorVersion.Kind",
        "PeriodTypeEnum": "peygir.programs.periods.PERIOD_TYPES",
        # grants
        "GrantCallStatusEnum": "peygir.grants.models.Call.Status",
        "GrantProposalStatusEnum": "peygir.grants.models.Proposal.Status",
        "GrantReviewStatusEnum": "peygir.grants.models.Review.Status",
        "GrantProjectStatusEnum": "peygir.grants.models.Project.Status",
        "GrantInstalmentStatusEnum": "peygir.grants.models.Instalment.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No full phone number, SMS code or tracking code in any line (peygir/core/logredact.py).
    "filters": {"redact": {"()": "peygir.core.logredact.RedactFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every sign-in at INFO (failures and lockouts stay at WARNING).
        "axes": {"level": "WARNING"},
    },
}

SESSION_COOKIE_HTTPONLY = True
# Database sessions, read from the cache in GET requests under the data version (peygir/core/sessions.py).
SESSION_ENGINE = "peygir.core.sessions"
# Axes first: it refuses a locked-out account or address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "peygir.accounts.backends.CachedModelBackend",
]
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

# Bale (بله) bot for notifications: the console backend sends nothing; ApiBaleBackend uses the token.
PEYGIR_BALE_BACKEND = os.environ.get("PEYGIR_BALE_BACKEND", "peygir.notifications.bale.ConsoleBaleBackend")
PEYGIR_BALE_BOT_TOKEN = os.environ.get("PEYGIR_BALE_BOT_TOKEN", "")
PEYGIR_BALE_BOT_NAME = os.environ.get("PEYGIR_BALE_BOT_NAME", "")
PEYGIR_BALE_WEBHOOK_SECRET = os.environ.get("PEYGIR_BALE_WEBHOOK_SECRET", "")
# ---------------------------------------------------------------- accounts' security (docs/security.md)
# Failed sign-ins (django-axes), on the site and the admin: after PEYGIR_LOGIN_FAILURES failures an
# account, and separately an address, waits PEYGIR_LOGIN_COOLOFF_MINUTES; an administrator unlocks
# it earlier (admin › access attempts, or `manage.py unlock_sign_in`).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("PEYGIR_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = "peygir.accounts.lockout.cool_off"
PEYGIR_LOGIN_COOLOFF_MINUTES = int(os.environ.get("PEYGIR_LOGIN_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each alone: per account and per address
AXES_RESET_ON_SUCCESS = True
# Tries while locked are refused and not counted: the lock lifts a cool-off after the failure that
# set it, so a guesser gets PEYGIR_LOGIN_FAILURES tries per cool-off (a throttle) and cannot keep a
# person locked out forever by hammering their account.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "peygir.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "peygir.accounts.lockout.axes_client_ip"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
# A signed-in session ends after this long without a request (peygir.web.security.IdleSessionMiddleware).
PEYGIR_SESSION_IDLE_SECONDS = int(os.environ.get("PEYGIR_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = PEYGIR_SESSION_IDLE_SECONDS
# Two-factor sign-in (TOTP, django-otp) for the roles that verify, administer or see personal data
# (peygir.organizations.access.requires_two_factor); optional for everyone else. The demo may skip it
# (PEYGIR_TWO_FACTOR_DEMO_BYPASS=1, set by `make demo`); production refuses to start with it.
OTP_TOTP_ISSUER = "Peygir"
PEYGIR_TWO_FACTOR_DEMO_BYPASS = env_bool("PEYGIR_TWO_FACTOR_DEMO_BYPASS", False)
if PRODUCTION and PEYGIR_TWO_FACTOR_DEMO_BYPASS:
    raise RuntimeError("PEYGIR_TWO_FACTOR_DEMO_BYPASS is for the demo only; unset it in production")
# Content-Security-Policy (django-csp 4): no inline script, no eval, nothing from other origins.
# Styles may be inline (style attributes; Leaflet and htmx set some); scripts may not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

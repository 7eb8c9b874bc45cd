"""danvan settings: one module, read from the environment. Production differs only by environment.

DANVAN_ENV=development (default) runs a fresh checkout on SQLite with DEBUG on.
DANVAN_ENV=production turns DEBUG off and requires SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import secrets
from pathlib import Path

from django.utils.csp import CSP

from danvan.env import env_bool, env_choice, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DANVAN_VAR_DIR", str(BASE_DIR / "var")))
# Signers' certificates for the digital signature of issued documents (documents/signing.py): outside the repository.
DOCUMENT_SIGNING_DIR = Path(env_str("DANVAN_SIGNING_DIR", str(VAR_DIR / "signing")))

DANVAN_ENV = env_choice("DANVAN_ENV", "development", {"development", "production"})
PRODUCTION = DANVAN_ENV == "production"

DEBUG = False if PRODUCTION else env_bool("DEBUG", True)


def _secret_key() -> str:
    if PRODUCTION:
        key = env_str("SECRET_KEY")
        if len(key) < 50:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured("SECRET_KEY: cần ít nhất 50 ký tự ngẫu nhiên (at least 50 random characters).")
        return key
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    # A fresh checkout gets its own key, kept in an untracked file so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS: đặt tên miền của máy chủ, cách nhau bởi dấu phẩy (set the host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "danvan.core",
    "danvan.audit",
    "danvan.organisations",
    "danvan.accounts",
    "danvan.reports",
    "danvan.petitions",
    "danvan.ingest",
    "danvan.initiatives",
    "danvan.workplans",
    "danvan.meetings",
    "danvan.movements",
    "danvan.contests",
    "danvan.democracy",
    "danvan.portal",
    "danvan.members",
    "danvan.assessments",
    "danvan.situation",
    "danvan.documents",
    "danvan.oversight",
    "danvan.faiths",
    "danvan.committees",
    "danvan.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "danvan.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "danvan.audit.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["danvan.core.templatetags.core_tags"],  # {% form_token %} in every POST form
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Production names its database explicitly: a missing DATABASE_URL must stop the start, not open a new SQLite file.
DATABASES = {"default": env_database("DATABASE_URL", None if PRODUCTION else f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers wait (busy_timeout) instead of failing.
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=5000;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA cache_size=-32000;"
            "PRAGMA mmap_size=134217728;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["danvan.accounts.backends.LockoutModelBackend"]
PASSWORD_HASHERS = [
    # Argon2id at 19 MiB per hash, two at a time per process (docs/decisions/0014-login-hardening.md).
    "danvan.accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "danvan.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "danvan.accounts.validators.MaximumLengthValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Lock an account name for DANVAN_LOCKOUT_MINUTES after this many failed logins within that window.
DANVAN_LOCKOUT_ATTEMPTS = env_int("DANVAN_LOCKOUT_ATTEMPTS", 5)
DANVAN_LOCKOUT_MINUTES = env_int("DANVAN_LOCKOUT_MINUTES", 15)
# Refuse logins from an address after this many failures (any names) within DANVAN_LOGIN_IP_MINUTES. A whole
# office may share one NAT address: raise it there rather than lower the per-name lockout.
DANVAN_LOGIN_IP_ATTEMPTS = env_int("DANVAN_LOGIN_IP_ATTEMPTS", 30)
DANVAN_LOGIN_IP_MINUTES = env_int("DANVAN_LOGIN_IP_MINUTES", 15)
# How many reverse proxies of ours stand in front (each appends to X-Forwarded-For); 0 = trust REMOTE_ADDR only.
DANVAN_TRUSTED_PROXIES = env_int("DANVAN_TRUSTED_PROXIES", 0)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["danvan.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
if not PRODUCTION:
    # Development serves straight from static/ (finders); whitenoise still wants STATIC_ROOT to exist.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
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
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Pasted reports and articles may be a few MB of text (ingest accepts up to 5 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
# Uploaded files are kept in the database (core.StoredFile, core.files.DatabaseStorage) and served only through
# views that check access; nothing is written under a web root or to one machine's disk.

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Background work -----------------------------------------------------------------------
# django.tasks with django-tasks-db: tasks are rows in the same database, run by `manage.py db_worker` on any
# number of machines (docs/decisions/0012-background-jobs.md). Tests switch to the immediate backend (conftest).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Periodic jobs, enqueued by `manage.py run_scheduled` (cron or a systemd timer, every few minutes) once per day
# at or after `hour` (Asia/Ho_Chi_Minh), or every `every_minutes`; core.PeriodicJob keeps when each last ran.
DANVAN_PERIODIC_JOBS = {
    "report_reminders": {"task": "danvan.reports.tasks.overdue_reports_remind", "hour": 7},
    "petition_deadline_reminders": {"task": "danvan.petitions.tasks.petition_deadlines_remind", "hour": 7},
    "job_cleanup": {"task": "danvan.core.tasks.jobruns_prune", "hour": 2},
    # Alerts have hours to be acknowledged: the escalation runs every hour, on the hour.
    "hotspot_escalation": {"task": "danvan.situation.tasks.hotspot_alerts_escalate", "every_minutes": 60},
    "situation_digests": {"task": "danvan.situation.tasks.digests_generate_due", "hour": 5},
    "supervision_plan_reminders": {"task": "danvan.democracy.tasks.supervision_overdue_remind", "hour": 7},
    "member_uploads_prune": {"task": "danvan.members.tasks.member_uploads_prune", "hour": 3},
    "population_uploads_prune": {"task": "danvan.members.tasks.population_uploads_prune", "hour": 3},
}
# Finished background jobs (and their result files) are kept this many days.
DANVAN_JOB_RETENTION_DAYS = env_int("DANVAN_JOB_RETENTION_DAYS", 7)
# A member list kept for its import but left at the confirmation of likely duplicates (personal data: names, dates
# of birth, CCCDs) is removed by the daily `member_uploads_prune` this many hours after it was uploaded.
DANVAN_MEMBER_UPLOAD_RETENTION_HOURS = env_int("DANVAN_MEMBER_UPLOAD_RETENTION_HOURS", 72)

# --- E-mail ---------------------------------------------------------------------------------
# Production sends by SMTP (EMAIL_HOST, default a local relay on localhost); development without
# EMAIL_HOST prints mail to the console.
_EMAIL_HOST = env_str("EMAIL_HOST", "localhost" if PRODUCTION else "")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _EMAIL_HOST,
            "port": env_int("EMAIL_PORT", 587),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": 20,
        },
    }
    if _EMAIL_HOST
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "danvan@localhost")
# The address officers open danvan at ("https://danvan.example.vn"): e-mails link to pages with it. Unset, an
# e-mail gives the page's path and says to open it in danvan.
DANVAN_SITE_URL = env_str("DANVAN_SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

"""Campus settings: one module, read from the environment (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "campus-insecure-development-key-do-not-use-in-production"

# Loopback works out of the box, also with DEBUG=0; production names its hosts.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
# Behind TLS, browsers are told to come back over HTTPS only (a year unless said otherwise); the
# header is only ever sent on HTTPS answers (SecurityMiddleware), never over plain HTTP.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600) if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
# Only behind a TLS-terminating proxy that sets this header; off by default.
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "campus.core",
    "campus.accounts",
    "campus.notifications",
    "campus.boards",
    "campus.messaging",
    "campus.timetables",
    "campus.demo",
    "campus.web",
    # After the campus apps: campus.mailing's `db_worker` (which requeues the tasks of a killed
    # worker) takes the place of django-tasks-db's own.
    "campus.mailing",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Headers every answer gets, the guards' and error pages' too: these come first.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "campus.core.middleware.PrivateResponsesMiddleware",  # after static files: those stay cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "campus.core.middleware.QueryStringGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# Content-Security-Policy (django-csp): only the site's own scripts, styles, images and fonts —
# no inline script or style, no eval (htmx is told so in base.html), no framing, forms post only
# here. Swagger UI loads its setup as a script of its own (SpectacularSwaggerSplitView).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campus.web.context.header",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    # PostgreSQL's default random_page_cost (4) prices a random read for a spinning disk. On an SSD
    # (1.1 is the usual setting) the planner walks the feed index for a search that matches 1 % of
    # a school's posts instead of building a bitmap of all of them: 25 ms instead of 150 at a
    # million posts (docs/decisions.md, "Search"). An operator on other storage can say otherwise.
    random_page_cost = float(os.environ.get("PG_RANDOM_PAGE_COST", "1.1"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={random_page_cost}"
    # Prepared statements: a query run PG_PREPARE_THRESHOLD times on a connection is planned once
    # and its plan reused. Planning the feed's joins cost more than running them (0.8 ms against
    # 0.35). Search keys are written into the SQL, never bound, so that a reused plan still sees
    # them (campus.core.search). `off` for a pooler that cannot keep them (PgBouncer's
    # transaction mode before 1.21).
    prepare_threshold = os.environ.get("PG_PREPARE_THRESHOLD", "5").strip().lower()
    DATABASES["default"]["OPTIONS"].update(
        server_side_binding=True,
        prepare_threshold=None if prepare_threshold == "off" else int(prepare_threshold),
    )
else:
    # SQLite: wait for a writer instead of failing at once with "database is locked". Its
    # connection is kept between requests too (DB_CONN_MAX_AGE): opening one and setting it up
    # took longer than all of `/me/` (2.0 against 0.9 ms).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    # A file, not memory, for the test database: tests that use threads need real connections.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis may fail or freeze: short socket timeouts, then each process degrades to its own
# memory for a few seconds (campus.core.cache, docs/decisions.md "Outages").
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS") or 0.25)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "campus.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# What every student of a school sees alike (a board's feed, HOT, a search, a post, its
# comments, the lecture catalog) is kept this long in the cache, dropped at once by any write
# (campus.core.pages). Only with Redis: each process's own memory would not see the others'
# writes. The time bounds only what a write outside the ORM (raw SQL) or one made while Redis
# was down leaves stale.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 30) if REDIS_URL else 0
# Web sessions: read from Redis (one round trip instead of a query on every page), written to the
# database too, so a Redis restart logs nobody out. Without Redis, the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's model backend, reading a session's student together with their school (학교 인증's rule
# reads the school's policy on every community page).
AUTHENTICATION_BACKENDS = ["campus.accounts.authentication.StudentModelBackend"]
# A password reset link works for an hour, once (the token changes with the password).
PASSWORD_RESET_TIMEOUT = 60 * 60
# The web pages log in with a session (the API stays JWT-only); see campus.web.
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "/"
SESSION_COOKIE_AGE = env_int("SESSION_DAYS", 14) * 24 * 60 * 60

LANGUAGE_CODE = "ko-kr"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Without a manifest entry (no collectstatic yet, e.g. in tests) fall back to the plain name.
WHITENOISE_MANIFEST_STRICT = False
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
# Uploads above this many bytes in one request are refused by Django before a view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["campus.accounts.authentication.StudentJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "campus.core.api.pagination.CursorPagination",
    "DEFAULT_SCHEMA_CLASS": "campus.core.api.schema.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "campus.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["campus.core.api.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "EXCEPTION_HANDLER": "campus.core.api.exceptions.exception_handler",
    # X-Forwarded-For is ignored (0) unless the operator says how many proxies stand in front.
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0),
    "DEFAULT_THROTTLE_RATES": {
        "signup": os.environ.get("THROTTLE_SIGNUP", "300/hour"),
        "login": os.environ.get("THROTTLE_LOGIN", "1000/hour"),
        # 비밀번호 찾기 and 아이디 찾기 from one client address (a campus NAT included).
        "recovery": os.environ.get("THROTTLE_RECOVERY", "100/hour"),
    },
}

ACCESS_TOKEN_LIFETIME = timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15))
if timedelta(minutes=15) < ACCESS_TOKEN_LIFETIME:
    raise ImproperlyConfigured("JWT_ACCESS_MINUTES may not exceed 15.")
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": ACCESS_TOKEN_LIFETIME,
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "USER_ID_FIELD": "id",
    # simplejwt's access token, its signature checked once per token and process (expiry always).
    "AUTH_TOKEN_CLASSES": ("campus.accounts.authentication.CheckedAccessToken",),
    "USER_ID_CLAIM": "user_id",
    # A password change invalidates every token, access tokens included, at once.
    "CHECK_REVOKE_TOKEN": True,
    "REVOKE_TOKEN_CLAIM": "pwd",
    "SIGNING_KEY": os.environ.get("JWT_SIGNING_KEY") or SECRET_KEY,
}

SCHEMA_TAGS = {  # the areas of the API, in Swagger UI's order; views pick theirs (campus.core.api.schema)
    "계정": "가입, 로그인, 토큰, 내 정보",
    "게시판": "게시판, 글, 댓글, 공감, 스크랩, 신고, HOT/BEST, 검색",
    "쪽지": "글이나 댓글의 작성자와 주고받는 쪽지, 차단",
    "알림": "댓글, 답글, 쪽지, HOT, 친구 알림",
    "시간표": "학기별 시간표, 강의 추가, 일정",
    "강의·강의평": "학기, 강의 검색, 강의평",
    "친구": "친구 요청, 친구의 시간표, 공강 찾기",
    "학점계산기": "성적 입력과 평점",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Campus API",
    "DESCRIPTION": "캠퍼스 커뮤니티와 시간표 서비스 Campus의 공개 API (v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "ENUM_NAME_OVERRIDES": {"AmountEnum": "campus.timetables.models.Review.Amount"},
    "TAGS": [{"name": name, "description": text} for name, text in SCHEMA_TAGS.items()],
}

# Abuse limits for login (see campus.accounts.throttling).
LOGIN_FAILURE_LIMIT_PER_USERNAME = env_int("LOGIN_FAILURE_LIMIT_PER_USERNAME", 5)
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 100)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Community limits (campus.boards).
POST_TITLE_MAX_LENGTH = 100
POST_CONTENT_MAX_LENGTH = env_int("POST_CONTENT_MAX_LENGTH", 20_000)
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 2_000)
POST_IMAGE_MAX_COUNT = env_int("POST_IMAGE_MAX_COUNT", 10)
POST_IMAGE_MAX_BYTES = env_int("POST_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
HOT_LIKE_THRESHOLD = env_int("HOT_LIKE_THRESHOLD", 10)
REPORT_HIDE_THRESHOLD = env_int("REPORT_HIDE_THRESHOLD", 5)
POST_IMAGE_MAX_PIXELS = env_int("POST_IMAGE_MAX_PIXELS", 40_000_000)

# 쪽지 (campus.messaging).
MESSAGE_MAX_LENGTH = env_int("MESSAGE_MAX_LENGTH", 1_000)
# 쪽지 sent per user, by the API and the web pages together (campus.core.rates).
MESSAGE_RATE = os.environ.get("THROTTLE_MESSAGE", "30/minute")

# 학교 인증 (campus.accounts.verification). A school address is kept only as an HMAC under the
# first of these keys; the others are earlier keys still honoured (docs/decisions.md, "학교 인증").
SCHOOL_EMAIL_KEYS = env_list("SCHOOL_EMAIL_KEYS", "") or [f"school-email:{SECRET_KEY}"]
VERIFICATION_CODE_MINUTES = 10
VERIFICATION_CODE_TRIES = 5
VERIFICATION_CODES_PER_HOUR = 5
# Recovery mails asked for one address (campus.core.rates notation).
RECOVERY_RATE_PER_ADDRESS = os.environ.get("THROTTLE_RECOVERY_ADDRESS", "5/hour")

# Mail (campus.mailing): EMAIL_URL says where it goes; links in mails start with SITE_URL.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Campus <no-reply@campus.local>")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip() or ("console:" if DEBUG else "")
from campus.mailing.config import email_settings  # noqa: E402  (settings of its own, parsed)

globals().update(email_settings(EMAIL_URL))
# A mail the server refuses or that cannot reach it is tried again (after 10 s, 20 s, 40 s … at
# most 15 minutes apart) until it is this old; a 학교 인증 mail only until its code expires.
MAIL_RETRY_HOURS = env_int("MAIL_RETRY_HOURS", 24)

# Background tasks (Django's tasks framework; the django-tasks backport until Django 6).
# `database`: queued in the database, in the transaction of the write that causes them (a
# transactional outbox), run by `python manage.py db_worker`. `immediate`: run in the web
# process after the commit (`make run`, no worker needed).
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate" if DEBUG else "database").strip()
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}
# A task still "running" this long after a worker took it was lost with its worker (kill -9, a
# crash, a lost machine): db_worker puts it back in the queue. Tasks here finish in seconds (a
# mail's SMTP exchange times out after EMAIL_TIMEOUT).
TASK_STALE_SECONDS = env_int("TASK_STALE_SECONDS", 300)
TASK_REAP_INTERVAL_SECONDS = env_int("TASK_REAP_INTERVAL_SECONDS", 30)

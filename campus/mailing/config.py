"""`EMAIL_URL` → Django's email settings (API.md, Operations contract):

    smtp://user:pass@host:port     plain SMTP (port 25 unless given)
    smtp+tls://user:pass@host:587  STARTTLS
    smtp+ssl://user:pass@host:465  SMTP over TLS
    console:                       printed on the terminal (the default with DEBUG on)

No URL with DEBUG off: mail is written to the log without its recipients or body (a warning at
start-up says so), so that nothing personal reaches a log.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_PORTS = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}


def email_settings(url: str) -> dict[str, object]:
    if not url:
        return {"EMAIL_BACKEND": "campus.mailing.backends.LogBackend"}
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL must be smtp://, smtp+tls://, smtp+ssl://host[:port] or console:."
        )
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or DEFAULT_PORTS[parts.scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
    }

import pytest

from campus.mailing.tests.smtp import SMTPServer


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server that Django's mail goes to (not the test runner's locmem outbox)."""
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()

"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live server."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browser here; the system Chromium is the one.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ko-KR", "viewport": {"width": 375, "height": 800}}


@pytest.fixture
def site(live_server, page):
    """The live server's address; every request the page makes must stay on it, and nothing it
    does may be refused by the Content-Security-Policy (Chromium reports each refusal on the
    console: an inline script or style, eval, a source from elsewhere)."""
    outside, refused = [], []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url),
    )
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield live_server.url
    assert outside == [], f"requests left the server's origin: {outside}"
    assert refused == [], f"the Content-Security-Policy refused: {refused}"

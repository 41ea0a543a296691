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
    """The live server's address; every request the page makes must stay on it."""
    outside = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url),
    )
    yield live_server.url
    assert outside == [], f"requests left the server's origin: {outside}"

"""Every named route resolves both ways, and pages and views link by name, never by a path
written out (`{% url %}`, `reverse`, `redirect("app:name")`, `get_absolute_url`)."""

import itertools
import re
import uuid
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch

CAMPUS = Path(__file__).resolve().parents[2]
SAMPLES = ["7", str(uuid.UUID(int=7)), "posts", "comments", "scraps", "accept", "accounts"]


def named_routes(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def sample_kwargs(name: str, pattern: URLPattern) -> dict:
    """The first values of SAMPLES that the route takes for each of its parameters."""
    names = list(pattern.pattern.regex.groupindex)
    for values in itertools.product(SAMPLES, repeat=len(names)):
        kwargs = dict(zip(names, values, strict=True))
        try:
            reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        return kwargs
    raise AssertionError(f"{name} takes none of the sample values")


def test_every_named_route_resolves_both_ways():
    routes = dict(named_routes())
    # The web pages' and the API's names, each in its app's namespace.
    assert {"web:home", "boards:post", "messaging:thread", "notifications:list", "timetables:page"} <= set(
        routes
    )
    assert {"api:post-list", "api:post-detail", "api:auth-login", "api:lecture-list"} <= set(routes)
    for name, pattern in routes.items():
        kwargs = sample_kwargs(name, pattern)
        path = reverse(name, kwargs=kwargs)
        match = resolve(path)
        assert match.view_name == name, (name, path)
        assert {key: str(value) for key, value in match.kwargs.items()} == kwargs, name


def test_a_few_routes_have_the_paths_the_contract_fixes():
    assert reverse("web:home") == "/"
    assert reverse("web:login") == "/login/"
    assert reverse("boards:post", args=[5]) == "/posts/5/"
    assert reverse("messaging:start", args=["comments", 9]) == "/comments/9/message/"
    assert reverse("timetables:friend-timetable", args=[uuid.UUID(int=1)]) == (
        f"/friends/{uuid.UUID(int=1)}/timetable/"
    )
    assert reverse("api:post-detail", args=[5]) == "/api/v1/posts/5/"


@pytest.mark.parametrize("template", sorted(CAMPUS.rglob("templates/**/*.html")), ids=lambda p: p.name)
def test_templates_link_by_name(template):
    written_out = re.findall(r'(?:href|action|hx-get|hx-post|src)="(/[^"]*)"', template.read_text())
    assert written_out == []

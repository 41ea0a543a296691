"""Rendered fragments of pages every student of a school sees alike: a board's or a search's rows
are the same HTML for all of them, so the HTML is kept beside the page in the school cache
(`core.pages`), under the page's own key — a write that drops the page drops its HTML with it.
A page that is not kept (staff, Redis down) is rendered every time."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from campus.core.pagination import Page


def page_fragment(request: HttpRequest, page: Page, template: str, context: dict) -> SafeString:
    """`template` rendered with `context` for `page`. What it renders must be alike for every
    student (nothing of the viewer's own); the host is in the key, as links carry it."""
    if page.cache_key is None:
        return render_to_string(template, context, request)
    key = f"{page.cache_key}:html:{template}:{request.get_host()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, context, request)
        cache.set(key, html, settings.PAGE_CACHE_SECONDS)
    return html

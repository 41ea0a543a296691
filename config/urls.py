from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from campus.core.ids import IdConverter
from campus.core.views import healthz, media

# `<id:pk>` in the web pages' URLs: the API's id pattern, so a malformed id is a plain 404.
register_converter(IdConverter, "id")

api_v1 = [
    path("", include("campus.accounts.api.urls")),
    path("", include("campus.boards.api.urls")),
    path("", include("campus.messaging.api.urls")),
    path("", include("campus.notifications.api.urls")),
    path("", include("campus.timetables.api.urls")),
]

urlpatterns = [
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's setup as a script of its own: no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("healthz/", healthz),
    path("", include("campus.web.urls")),
    path("", include("campus.boards.web.urls")),
    path("", include("campus.messaging.web.urls")),
    path("", include("campus.notifications.web.urls")),
    path("", include("campus.timetables.web.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images are served by the app unless SERVE_MEDIA=0 hands them to a web server / CDN.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]

handler400 = "campus.core.views.bad_request"
handler404 = "campus.core.views.not_found"
handler500 = "campus.core.views.server_error"

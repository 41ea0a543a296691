from django.urls import path

from campus.notifications.web import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.notification_read_all, name="read-all"),
    path("notifications/<id:pk>/", views.notification_open, name="open"),
]

from django.urls import path

from campus.notifications.web import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read_all, name="notifications-read"),
    path("notifications/<id:pk>/", views.notification_open, name="notification-open"),
]

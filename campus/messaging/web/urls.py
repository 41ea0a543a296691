from django.urls import path, re_path

from campus.messaging.web import views

app_name = "messaging"
urlpatterns = [
    path("messages/", views.conversation_list, name="list"),
    path("messages/<id:pk>/", views.thread, name="thread"),
    path("messages/<id:pk>/block/", views.block, name="block"),
    path("messages/<id:pk>/leave/", views.leave, name="leave"),
    # 쪽지 started from the post page, to a post's or a comment's author.
    re_path(r"^(?P<kind>posts|comments)/(?P<pk>[0-9]{1,18})/message/$", views.start, name="start"),
]

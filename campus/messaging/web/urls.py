from django.urls import path

from campus.messaging.web import views

urlpatterns = [
    path("messages/", views.conversation_list, name="messages"),
    path("messages/<id:pk>/", views.thread, name="message-thread"),
    path("messages/<id:pk>/block/", views.block, name="message-block"),
    path("messages/<id:pk>/leave/", views.leave, name="message-leave"),
]

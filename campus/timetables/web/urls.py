from django.urls import path

from campus.timetables.web import friend_views, grade_views, lecture_views, views

app_name = "timetables"
urlpatterns = [
    path("timetable/", views.timetable_home, name="home"),
    path("timetable/new/", views.timetable_new, name="new"),
    path("timetable/<id:pk>/", views.timetable_page, name="page"),
    path("timetable/<id:pk>/settings/", views.timetable_settings, name="settings"),
    path("timetable/<id:pk>/primary/", views.timetable_make_primary, name="primary"),
    path("timetable/<id:pk>/delete/", views.timetable_delete, name="delete"),
    path("timetable/<id:pk>/lectures/", views.lecture_add, name="lecture-add"),
    path("timetable/<id:pk>/lectures/<id:lecture_id>/delete/", views.lecture_remove, name="lecture-remove"),
    path("timetable/<id:pk>/events/", views.event_add, name="event-add"),
    path("timetable/<id:pk>/events/<id:event_id>/delete/", views.event_remove, name="event-remove"),
    path("lectures/", lecture_views.lecture_search_page, name="lectures"),
    path("lectures/<id:pk>/", lecture_views.lecture_page, name="lecture"),
    path("reviews/<id:pk>/delete/", lecture_views.review_delete, name="review-delete"),
    path("friends/", friend_views.friends_page, name="friends"),
    path(
        "friends/requests/<id:pk>/<str:answer>/",
        friend_views.friend_request_answer,
        name="friend-request-answer",
    ),
    path("friends/free-time/", friend_views.free_time_page, name="free-time"),
    path("friends/<uuid:user_id>/timetable/", friend_views.friend_timetable_page, name="friend-timetable"),
    path("friends/<uuid:user_id>/remove/", friend_views.friend_remove, name="friend-remove"),
    path("calculator/", grade_views.calculator_page, name="calculator"),
    path("calculator/<id:pk>/delete/", grade_views.grade_remove, name="grade-remove"),
]

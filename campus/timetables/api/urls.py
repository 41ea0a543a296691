from django.urls import path
from rest_framework.routers import SimpleRouter

from campus.timetables.api import views

router = SimpleRouter()
router.register("lectures", views.LectureViewSet, basename="lecture")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("timetables", views.TimetableViewSet, basename="timetable")
router.register("friends/requests", views.FriendRequestViewSet, basename="friend-request")
router.register("friends", views.FriendViewSet, basename="friend")
router.register("me/grades", views.GradeViewSet, basename="grade")

urlpatterns = [
    path("semesters/", views.SemesterListView.as_view(), name="semester-list"),
    path("me/gpa/", views.GpaView.as_view(), name="gpa"),
    *router.urls,
]

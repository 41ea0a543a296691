from django.urls import path, register_converter

from campus.boards.web import views
from campus.core.ids import IdConverter

register_converter(IdConverter, "id")

urlpatterns = [
    path("boards/<id:pk>/", views.board_page, name="board"),
    path("boards/<id:pk>/favorite/", views.board_favorite, name="board-favorite"),
]

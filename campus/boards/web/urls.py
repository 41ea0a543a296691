from django.urls import path, re_path

from campus.boards.web import post_views, views

app_name = "boards"
urlpatterns = [
    path("boards/<id:pk>/", views.board_page, name="board"),
    path("search/", views.search_page, name="search"),
    path("boards/<id:pk>/favorite/", views.board_favorite, name="board-favorite"),
    path("posts/<id:pk>/", post_views.post_page, name="post"),
    path("posts/<id:pk>/like/", post_views.post_like, name="post-like"),
    path("posts/<id:pk>/scrap/", post_views.post_scrap, name="post-scrap"),
    path("posts/<id:pk>/comments/", post_views.comment_create, name="comment-create"),
    path("posts/<id:pk>/edit/", post_views.post_edit, name="post-edit"),
    path("posts/<id:pk>/delete/", post_views.post_delete, name="post-delete"),
    path("comments/<id:pk>/like/", post_views.comment_like, name="comment-like"),
    path("comments/<id:pk>/delete/", post_views.comment_delete, name="comment-delete"),
    path("comments/<id:pk>/reply/", post_views.reply_form, name="comment-reply"),
    re_path(r"^me/(?P<kind>posts|comments|scraps)/$", views.my_list_page, name="my-list"),
    re_path(r"^(?P<kind>posts|comments)/(?P<pk>[0-9]{1,18})/report/$", post_views.report, name="report"),
]

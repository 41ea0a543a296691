from rest_framework.routers import SimpleRouter

from campus.boards.api import views

router = SimpleRouter()
router.register("boards", views.BoardViewSet, basename="board")
router.register("posts", views.PostViewSet, basename="post")
router.register("comments", views.CommentViewSet, basename="comment")
router.register("me/posts", views.MyPostsViewSet, basename="my-posts")
router.register("me/commented-posts", views.MyCommentedPostsViewSet, basename="my-commented-posts")
router.register("me/scraps", views.MyScrapsViewSet, basename="my-scraps")

urlpatterns = router.urls

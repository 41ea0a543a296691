from rest_framework.routers import SimpleRouter

from campus.messaging.api import views

router = SimpleRouter()
router.register("conversations", views.ConversationViewSet, basename="conversation")

urlpatterns = router.urls

from django.contrib import admin

from campus.messaging.models import Conversation, Message


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "starter", "recipient", "origin_post", "is_anonymous", "last_message_at",
                    "starter_blocked", "recipient_blocked"]  # fmt: skip
    raw_id_fields = ["starter", "recipient", "origin_post", "origin_comment"]
    list_select_related = ["starter", "recipient", "origin_post"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "conversation", "sender", "created_at", "read_at", "withheld"]
    raw_id_fields = ["conversation", "sender"]

from django.contrib import admin

from campus.messaging.models import Block, Conversation, Message


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "starter", "recipient", "origin_post", "is_anonymous", "last_message_at"]
    raw_id_fields = ["starter", "recipient", "origin_post", "origin_comment"]
    list_select_related = ["starter", "recipient", "origin_post"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "conversation", "sender", "created_at", "read_at"]
    raw_id_fields = ["conversation", "sender"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["id", "blocker", "blocked", "created_at"]
    raw_id_fields = ["blocker", "blocked"]

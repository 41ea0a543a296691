from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from campus.core.api.fields import IdField, MultiLineField
from campus.messaging.models import Conversation, Message


class MessageOutput(serializers.ModelSerializer):
    is_mine = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "content", "is_mine", "created_at", "read_at"]

    def get_is_mine(self, message: Message) -> bool:
        return message.sender_id == self.context["request"].user.id


class CounterpartOutput(serializers.Serializer):
    nickname = serializers.CharField()


class OriginOutput(serializers.Serializer):
    board = serializers.CharField()
    post_title = serializers.CharField()
    post = serializers.IntegerField()
    comment = serializers.IntegerField(allow_null=True)


class ConversationOutput(serializers.ModelSerializer):
    counterpart = serializers.SerializerMethodField()
    origin = serializers.SerializerMethodField()
    last_message = serializers.SerializerMethodField()
    unread_count = serializers.IntegerField()
    is_blocked = serializers.SerializerMethodField()

    class Meta:
        model = Conversation
        fields = ["id", "counterpart", "origin", "is_anonymous", "last_message", "unread_count", "is_blocked",
                  "updated_at"]  # fmt: skip

    @extend_schema_field(CounterpartOutput)
    def get_counterpart(self, conversation: Conversation) -> dict:
        return {"nickname": conversation.counterpart_name(self.context["request"].user.id)}

    @extend_schema_field(OriginOutput)
    def get_origin(self, conversation: Conversation) -> dict:
        post = conversation.origin_post
        return {
            "board": post.board.name,
            "post_title": post.title,
            "post": post.pk,
            "comment": conversation.origin_comment_id,
        }

    @extend_schema_field(MessageOutput(allow_null=True))
    def get_last_message(self, conversation: Conversation) -> dict | None:
        message = getattr(conversation, "last_message", None)
        return MessageOutput(message, context=self.context).data if message else None

    def get_is_blocked(self, conversation: Conversation) -> bool:
        """Whether *I* blocked this conversation (never whether they blocked me)."""
        return conversation.blocked_by(self.context["request"].user.pk)


class ConversationStartInput(serializers.Serializer):
    post = IdField(required=False)
    comment = IdField(required=False)
    content = MultiLineField(min_length=1, max_length=settings.MESSAGE_MAX_LENGTH)

    def validate(self, attrs: dict) -> dict:
        if ("post" in attrs) == ("comment" in attrs):
            raise serializers.ValidationError({"non_field_errors": ["post와 comment 중 하나만 보내 주세요."]})
        return attrs


class MessageInput(serializers.Serializer):
    content = MultiLineField(min_length=1, max_length=settings.MESSAGE_MAX_LENGTH)


class BlockOutput(serializers.Serializer):
    is_blocked = serializers.BooleanField()

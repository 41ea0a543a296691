from rest_framework import serializers

from campus.core.api.fields import IdField
from campus.notifications.models import Notification


class NotificationOutput(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()
    target = serializers.DictField(child=serializers.IntegerField())

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "target", "is_read", "created_at"]

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class UnreadCountOutput(serializers.Serializer):
    count = serializers.IntegerField()


class MarkReadInput(serializers.Serializer):
    ids = serializers.ListField(child=IdField(), required=False, max_length=1000)
    all = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict) -> dict:
        has_ids = "ids" in attrs
        if has_ids == attrs["all"]:
            raise serializers.ValidationError({"ids": ['"ids" 또는 {"all": true} 중 하나만 보내 주세요.']})
        return attrs

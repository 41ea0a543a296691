"""The 쪽지 form, on the post page and in a thread."""

from django import forms
from django.conf import settings

from campus.web.fields import MultiLineFormField


class MessageForm(forms.Form):
    content = MultiLineFormField(
        label="내용", max_length=settings.MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )

"""Forms of the board pages: shape and limits only; the rules are the services'."""

import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from campus.boards.models import BoardAnonymity, Report
from campus.web.fields import MultiLineFormField, SingleLineFormField


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Up to `POST_IMAGE_MAX_COUNT` files; each is proven an image by `images_check`."""

    def __init__(self, **kwargs) -> None:
        attrs = {"accept": "image/jpeg,image/png,image/gif,image/webp", "multiple": True}
        super().__init__(widget=MultipleImageInput(attrs=attrs), required=False, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = [file for file in (data or []) if file]
        if len(files) > settings.POST_IMAGE_MAX_COUNT:
            raise ValidationError(f"사진은 {settings.POST_IMAGE_MAX_COUNT}장까지 올릴 수 있습니다.")
        return files


class PostEditForm(forms.Form):
    title = SingleLineFormField(label="제목", max_length=settings.POST_TITLE_MAX_LENGTH)
    content = MultiLineFormField(
        label="내용", max_length=settings.POST_CONTENT_MAX_LENGTH, widget=forms.Textarea
    )


def apply_board_anonymity(form: forms.Form, policy: BoardAnonymity) -> None:
    """The board's policy on a form's 익명 checkbox: locked on where it is fixed, gone where the
    board never offers it (the service applies the same policy whatever is sent)."""
    if not policy.is_offered:
        del form.fields["is_anonymous"]
    elif policy.is_fixed:
        form.fields["is_anonymous"].disabled = True


class PostForm(PostEditForm):
    is_anonymous = forms.BooleanField(label="익명", required=False, initial=True)
    is_question = forms.BooleanField(label="질문", required=False)
    images = MultipleImageField(label="사진")

    def __init__(self, *args, anonymity: BoardAnonymity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        apply_board_anonymity(self, anonymity)
        if anonymity.is_fixed:
            self.fields["is_anonymous"].help_text = "이 게시판은 항상 익명입니다."


@functools.cache
def blank_post_form_fields(anonymity: BoardAnonymity) -> SafeString:
    """The write form's fields before anything is typed: the same HTML for every visitor of a
    board with this policy, so rendered once per process (a widget renders through a template)."""
    return render_to_string("boards/post_form_fields.html", {"form": PostForm(anonymity=anonymity)})


class CommentForm(forms.Form):
    content = MultiLineFormField(
        label="댓글", max_length=settings.COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_anonymous = forms.BooleanField(label="익명", required=False, initial=True)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, anonymity: BoardAnonymity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        apply_board_anonymity(self, anonymity)


class ReportForm(forms.Form):
    reason = MultiLineFormField(label="신고 사유", max_length=Report.REASON_MAX_LENGTH)

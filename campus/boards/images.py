"""Uploaded images are proven to be images by decoding them, never trusted by name or type."""

import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from campus.core.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass(frozen=True)
class CheckedImage:
    file: UploadedFile
    name: str
    width: int
    height: int


def image_check(upload: UploadedFile) -> CheckedImage:
    if upload.size > settings.POST_IMAGE_MAX_BYTES:
        raise ApplicationError(
            f"이미지는 한 장에 {settings.POST_IMAGE_MAX_BYTES // (1024 * 1024)}MB 이하여야 합니다.",
            field="images",
            status=413,
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
            if width * height > settings.POST_IMAGE_MAX_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}")
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()  # verify() does not decode pixel data; a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ApplicationError("이미지의 해상도가 너무 큽니다.", field="images") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ApplicationError("올바른 이미지 파일이 아닙니다.", field="images") from error
    if image_format not in ALLOWED_FORMATS:
        raise ApplicationError("JPEG, PNG, GIF, WEBP 이미지만 올릴 수 있습니다.", field="images")
    upload.seek(0)
    name = f"{secrets.token_hex(16)}.{ALLOWED_FORMATS[image_format]}"
    return CheckedImage(file=upload, name=name, width=width, height=height)


def images_check(uploads: list[UploadedFile]) -> list[CheckedImage]:
    if len(uploads) > settings.POST_IMAGE_MAX_COUNT:
        raise ApplicationError(
            f"이미지는 {settings.POST_IMAGE_MAX_COUNT}장까지 올릴 수 있습니다.", field="images"
        )
    return [image_check(upload) for upload in uploads]

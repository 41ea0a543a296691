"""Uploaded images: proven to be images by decoding them, then re-encoded from their pixels alone.

A phone photo carries EXIF (GPS position, camera serial number, owner's name, maker notes,
a thumbnail), XMP, IPTC and comments; every student of the school can download a post's
images, anonymous posts' too. So no uploaded byte is stored as it came: the pixels are
decoded, turned upright by the EXIF orientation, converted to sRGB when they carry a colour
profile, and written anew with none of that metadata.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

from campus.core.errors import ApplicationError, ErrorCode

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# What a re-encoded frame may keep of the decoder's `info`: how to draw it, nothing about who made it.
FRAME_INFO_KEPT = {"transparency", "duration", "disposal", "blend", "background", "loop"}
JPEG_MODES = {"L", "RGB", "CMYK"}
JPEG_QUALITY = 90
WEBP_QUALITY = 90
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class CheckedImage:
    file: ContentFile
    name: str
    width: int
    height: int


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB, so that dropping the embedded profile keeps the colours (a P3 phone photo)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA"}:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode) or image
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: keep the pixels as they are


def _clean_frame(frame: Image.Image) -> Image.Image:
    clean = _to_srgb(frame).copy()
    clean.info = {key: value for key, value in frame.info.items() if key in FRAME_INFO_KEPT}
    return clean


def _encode(image: Image.Image, image_format: str) -> bytes:
    """The image written anew from its pixels: upright, sRGB, with no metadata at all."""
    out = io.BytesIO()
    if getattr(image, "n_frames", 1) > 1 and image_format in {"GIF", "WEBP"}:
        # Animations keep every frame and its timing; each frame is cleaned like a still.
        frames = [_clean_frame(frame) for frame in ImageSequence.Iterator(image)]
        options: dict[str, object] = {"duration": [frame.info.get("duration", 100) for frame in frames]}
        options["loop"] = image.info.get("loop", 0)
        if image_format == "WEBP":
            options["quality"] = WEBP_QUALITY
        frames[0].save(out, image_format, save_all=True, append_images=frames[1:], **options)
        return out.getvalue()
    still = _clean_frame(ImageOps.exif_transpose(image))
    if image_format == "JPEG":
        if still.mode not in JPEG_MODES:
            still = still.convert("RGB")
        still.save(out, "JPEG", quality=JPEG_QUALITY)
    elif image_format == "WEBP":
        still.save(out, "WEBP", quality=WEBP_QUALITY)
    else:
        still.save(out, image_format)
    return out.getvalue()


def image_clean(data: io.BytesIO | ContentFile, *, image_format: str) -> tuple[bytes, int, int]:
    """Re-encode a decoded, checked image; returns the new bytes and their width and height."""
    data.seek(0)
    with Image.open(data) as image:
        cleaned = _encode(image, image_format)
    with Image.open(io.BytesIO(cleaned)) as result:
        return cleaned, result.width, result.height


def image_check(upload) -> CheckedImage:
    if upload.size > settings.POST_IMAGE_MAX_BYTES:
        raise ApplicationError(
            f"이미지는 한 장에 {settings.POST_IMAGE_MAX_BYTES // (1024 * 1024)}MB 이하여야 합니다.",
            field="images",
            code=ErrorCode.TOO_LARGE,
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                image.verify()
            if width * height * frames > settings.POST_IMAGE_MAX_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}x{frames}")
            if image_format not in ALLOWED_FORMATS:
                raise ApplicationError("JPEG, PNG, GIF, WEBP 이미지만 올릴 수 있습니다.", field="images")
            # Decoding every pixel also proves the file whole: a truncated one fails here.
            cleaned, width, height = image_clean(upload, image_format=image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ApplicationError("이미지의 해상도가 너무 큽니다.", field="images") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ApplicationError("올바른 이미지 파일이 아닙니다.", field="images") from error
    name = f"{secrets.token_hex(16)}.{ALLOWED_FORMATS[image_format]}"
    return CheckedImage(file=ContentFile(cleaned), name=name, width=width, height=height)


def images_check(uploads: list) -> list[CheckedImage]:
    if len(uploads) > settings.POST_IMAGE_MAX_COUNT:
        raise ApplicationError(
            f"이미지는 {settings.POST_IMAGE_MAX_COUNT}장까지 올릴 수 있습니다.", field="images"
        )
    return [image_check(upload) for upload in uploads]

"""Uploaded photos keep their pixels and lose everything else: EXIF (GPS, serial, artist, maker
notes, thumbnail), XMP, comments, PNG text. Checked on the bytes the server hands out."""

import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from PIL import Image, ImageCms, PngImagePlugin

from campus.boards.models import Post, PostImage
from campus.boards.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

SECRETS = [
    b"CampusCam",
    b"Kim Secret",
    b"SN-0042-SECRET",
    b"MAKERNOTE-SECRET",
    b"home-comment",
    b"xmp-secret",
]
ORIENTATION, MAKE, ARTIST, EXIF_IFD, GPS_IFD = 0x0112, 0x010F, 0x013B, 0x8769, 0x8825
BODY_SERIAL, MAKER_NOTE = 0xA431, 0x927C


def phone_jpeg(size=(40, 20)) -> bytes:
    """A photo as a phone writes it: sideways pixels with orientation 6, GPS, serial, maker note,
    an embedded thumbnail's worth of EXIF, an XMP packet and a comment."""
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))  # left half red
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: rotate 90° clockwise to show
    exif[MAKE] = "CampusCam"
    exif[ARTIST] = "Kim Secret"
    exif.get_ifd(EXIF_IFD).update({BODY_SERIAL: "SN-0042-SECRET", MAKER_NOTE: b"MAKERNOTE-SECRET"})
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 33.0, 1.5), 3: "E", 4: (126.0, 55.0, 2.25)})
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description about="xmp-secret"/></x:xmpmeta>'
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"home-comment", xmp=xmp)
    return out.getvalue()


def upload(data: bytes, name: str, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def create_with(client, board, *files):
    body = {"title": "사진", "content": "집에서 찍음", "images": list(files)}
    res = client.post(f"/api/v1/boards/{board.id}/posts/", body, format="multipart")
    assert res.status_code == 201, res.content
    return res.json()


def served(client, url: str) -> bytes:
    res = client.get(url)
    assert res.status_code == 200
    return b"".join(res.streaming_content)


def assert_no_metadata(data: bytes) -> None:
    for secret in SECRETS:
        assert secret not in data
    for marker in (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"adobe:ns:meta", b"Photoshop 3.0"):
        assert marker not in data
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}
        assert "comment" not in image.info and "xmp" not in image.info and "exif" not in image.info


def test_phone_jpeg_is_served_upright_and_without_any_metadata(make_user, board):
    me, reader = make_user(), make_user()
    original = phone_jpeg()
    assert b"CampusCam" in original and b"Exif" in original  # the fixture really carries it
    data = create_with(me.client, board, upload(original, "IMG_0001.jpg", "image/jpeg"))
    image = data["images"][0]
    assert (image["width"], image["height"]) == (20, 40)  # orientation 6 applied to the pixels

    body = served(reader.client, image["url"])
    assert_no_metadata(body)
    with Image.open(io.BytesIO(body)) as photo:
        assert photo.format == "JPEG"
        assert photo.size == (20, 40)
        top, bottom = photo.convert("RGB").getpixel((10, 5)), photo.convert("RGB").getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60
    stored = PostImage.objects.get()
    assert (stored.width, stored.height) == (20, 40)


def test_anonymous_post_photo_is_cleaned_too(make_user, board):
    me, reader = make_user(), make_user()
    body = {
        "title": "익명 사진",
        "content": "c",
        "is_anonymous": True,
        "images": [upload(phone_jpeg(), "a.jpg", "")],
    }
    res = me.client.post(f"/api/v1/boards/{board.id}/posts/", body, format="multipart")
    assert res.status_code == 201
    assert_no_metadata(served(reader.client, res.json()["images"][0]["url"]))


def test_png_text_chunks_and_exif_are_dropped_and_transparency_kept(make_user, board):
    me = make_user()
    image = Image.new("RGBA", (6, 4), (0, 128, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kim Secret")
    info.add_itxt("Comment", "home-comment")
    exif = Image.Exif()
    exif[MAKE] = "CampusCam"
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=exif.tobytes())
    data = create_with(me.client, board, upload(out.getvalue(), "a.png", "image/png"))
    body = served(me.client, data["images"][0]["url"])
    assert_no_metadata(body)
    assert b"tEXt" not in body and b"iTXt" not in body and b"eXIf" not in body
    with Image.open(io.BytesIO(body)) as clean:
        assert clean.mode == "RGBA"
        assert clean.getpixel((0, 0))[3] == 0


def test_animated_gif_keeps_its_frames_and_timing_but_not_its_comment(make_user, board):
    me = make_user()
    frames = [Image.new("RGB", (8, 8), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0,
                   comment=b"home-comment")  # fmt: skip
    assert b"home-comment" in out.getvalue()
    data = create_with(me.client, board, upload(out.getvalue(), "a.gif", "image/gif"))
    body = served(me.client, data["images"][0]["url"])
    assert b"home-comment" not in body
    with Image.open(io.BytesIO(body)) as clean:
        assert clean.n_frames == 3
        durations = []
        for index in range(clean.n_frames):
            clean.seek(index)
            durations.append(clean.info["duration"])
    assert durations == [100, 200, 300]


def test_animated_webp_keeps_its_frames(make_user, board):
    me = make_user()
    frames = [Image.new("RGB", (8, 8), color) for color in ("red", "green")]
    exif = Image.Exif()
    exif[ARTIST] = "Kim Secret"
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=150, exif=exif.tobytes())
    assert b"Kim Secret" in out.getvalue()
    data = create_with(me.client, board, upload(out.getvalue(), "a.webp", "image/webp"))
    body = served(me.client, data["images"][0]["url"])
    assert b"Kim Secret" not in body and b"EXIF" not in body
    with Image.open(io.BytesIO(body)) as clean:
        assert clean.n_frames == 2


def test_colour_profile_is_applied_to_the_pixels_and_dropped(make_user, board):
    me = make_user()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "JPEG", icc_profile=icc)
    data = create_with(me.client, board, upload(out.getvalue(), "a.jpg", "image/jpeg"))
    body = served(me.client, data["images"][0]["url"])
    with Image.open(io.BytesIO(body)) as clean:
        assert "icc_profile" not in clean.info
        red, green, blue = clean.getpixel((1, 1))
    assert red > 170 and green < 70 and blue < 70


def test_files_of_a_rolled_back_post_are_removed(make_user, board, settings):
    me = make_user()
    files = [upload(phone_jpeg(), "a.jpg", "image/jpeg"), upload(phone_jpeg(), "b.jpg", "image/jpeg")]
    real_save = PostImage.save
    calls = []

    def fail_on_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise IntegrityError("simulated failure after the first file was written")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(PostImage, "save", fail_on_second), pytest.raises(IntegrityError):
        me.client.post(
            f"/api/v1/boards/{board.id}/posts/",
            {"title": "t", "content": "c", "images": files},
            format="multipart",
        )
    assert Post.objects.count() == 0
    written = [path for path in (settings.MEDIA_ROOT / "posts").rglob("*") if path.is_file()]
    assert written == []


def test_scrub_images_cleans_files_stored_before_the_fix(make_user, board, settings):
    post = PostFactory(board=board)
    raw = PostImage(post=post, order=0, width=40, height=20)
    raw.image.save("old.jpg", io.BytesIO(phone_jpeg()), save=False)  # as v1 stored it, byte for byte
    raw.save()
    old_path = raw.image.path
    assert b"Kim Secret" in Path(old_path).read_bytes()

    out = io.StringIO()
    call_command("scrub_images", stdout=out, stderr=io.StringIO())
    raw.refresh_from_db()
    assert "1 images cleaned, 0 unreadable" in out.getvalue()
    assert raw.image.path != old_path
    assert not (settings.MEDIA_ROOT / "posts" / "ol" / "old.jpg").exists()
    assert_no_metadata(Path(raw.image.path).read_bytes())
    assert (raw.width, raw.height) == (20, 40)

    call_command("scrub_images", stdout=io.StringIO())  # again: still one clean, readable file
    raw.refresh_from_db()
    assert_no_metadata(Path(raw.image.path).read_bytes())
    assert len([p for p in (settings.MEDIA_ROOT / "posts").rglob("*") if p.is_file()]) == 1

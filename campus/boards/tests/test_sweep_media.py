"""Orphan uploads: a process killed between writing a post's image and committing the post leaves
the file behind; `sweep_media` removes such files once they are an hour old, and nothing else."""

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from campus.accounts.tests.factories import UserFactory
from campus.boards import services
from campus.boards.images import image_check
from campus.boards.models import Post, PostImage
from campus.boards.tests.factories import BoardFactory
from campus.core.tests.helpers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

HOUR_AND_A_BIT = 61 * 60


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


# A process that uploads a post with a photo through the service and is killed (SIGKILL, as a
# deploy or the OOM killer would) right after the file is written, before the post commits.
KILLED_MID_UPLOAD = textwrap.dedent(
    """
    import io, os, signal, django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from campus.accounts.models import User
    from campus.boards import services
    from campus.boards.images import image_check
    from campus.boards.models import Board

    real_save = services.file_save

    def save_then_die(field_file, name, content):
        real_save(field_file, name, content)
        os.kill(os.getpid(), signal.SIGKILL)

    services.file_save = save_then_die
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 30, 200)).save(buffer, "PNG")
    photo = image_check(SimpleUploadedFile("mine.png", buffer.getvalue(), content_type="image/png"))
    services.post_create(
        board=Board.objects.get(pk=int(os.environ["BOARD"])),
        author=User.objects.get(pk=os.environ["AUTHOR"]),
        title="끝나지 못한 글", content="사진과 함께", images=[photo],
    )
    """
)


def age(path: Path, seconds: int) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_upload_leaves_a_file_the_sweep_removes_an_hour_later(capsys):
    media = Path(settings.MEDIA_ROOT)
    author = UserFactory()
    board = BoardFactory(school=author.school)
    kept = services.post_create(board=board, author=author, title="남는 글", content="사진", images=[
        image_check(png())
    ])  # fmt: skip
    referenced = media / PostImage.objects.get(post=kept).image.name

    env = {
        **os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media), "DEBUG": "0",
        "SECRET_KEY": "sweep-test-" + "x" * 40, "BOARD": str(board.pk), "AUTHOR": str(author.pk),
    }  # fmt: skip
    env.pop("REDIS_URL", None)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_UPLOAD],
        env=env, cwd=settings.BASE_DIR, capture_output=True, check=False,  # it is meant to die
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    assert list(Post.objects.values_list("title", flat=True)) == ["남는 글"]  # the killed post rolled back
    left = [path for path in media.rglob("*") if path.is_file() and path != referenced]
    assert len(left) == 1 and left[0].stat().st_size > 0  # what the kill left behind
    orphan = left[0]

    # Within the hour, a file may belong to a post still being written: nothing goes.
    call_command("sweep_media")
    assert orphan.exists() and referenced.exists()

    age(orphan, HOUR_AND_A_BIT)
    age(referenced, HOUR_AND_A_BIT)
    call_command("sweep_media", "--dry-run")
    assert orphan.exists()
    capsys.readouterr()
    call_command("sweep_media")
    out = capsys.readouterr().out
    assert not orphan.exists()
    assert referenced.exists()  # a post's own photo stays, however old
    assert f"removed {orphan.relative_to(media)}" in out and "removed 1 unreferenced files" in out
    call_command("sweep_media")  # again: nothing more to do
    assert "removed 0 unreferenced files" in capsys.readouterr().out

"""Remove uploaded files that nothing refers to.

A process killed between writing a post's image and committing the post (a deploy, the OOM
killer, `kill -9`) leaves the file behind: the database rolled the post back, the storage did
not, and the client's retry stores its images under new names. Nothing else ever removes them.

Only files older than `--older-than` minutes (60) are candidates: a post being written right now
has its files on disk before its row commits. Safe to run at any time and as often as wanted —
from cron, and on every deploy: it deletes only unreferenced, old files under the upload folders,
through the storage API (the file system or object storage alike).
"""

from collections.abc import Iterator
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from campus.boards.models import PostImage

UPLOAD_FOLDERS = ["posts"]  # where uploads go (`post_image_path`); nothing else is touched
BATCH = 1000


def _files(folder: str) -> Iterator[str]:
    """Every file's name (relative to the storage) under `folder`, however deep."""
    if not default_storage.exists(folder):
        return
    folders, files = default_storage.listdir(folder)
    yield from (f"{folder}/{name}" for name in files)
    for sub in folders:
        yield from _files(f"{folder}/{sub}")


def _unreferenced(names: list[str]) -> list[str]:
    referenced = set(PostImage.objects.filter(image__in=names).values_list("image", flat=True))
    return [name for name in names if name not in referenced]


class Command(BaseCommand):
    help = "Remove uploaded files no post refers to, older than an hour (safe from cron and deploys)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=60, metavar="MINUTES")
        parser.add_argument("--dry-run", action="store_true", help="say what would go, remove nothing")

    def handle(self, *args: object, older_than: int, dry_run: bool, **options: object) -> None:
        cutoff = timezone.now() - timedelta(minutes=older_than)
        removed = size = 0
        for folder in UPLOAD_FOLDERS:
            old = [name for name in _files(folder) if default_storage.get_modified_time(name) < cutoff]
            for start in range(0, len(old), BATCH):
                for name in _unreferenced(old[start : start + BATCH]):
                    size += default_storage.size(name)
                    removed += 1
                    self.stdout.write(f"{'would remove' if dry_run else 'removed'} {name}")
                    if not dry_run:
                        default_storage.delete(name)
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(self.style.SUCCESS(f"{verb} {removed} unreferenced files ({size:,} bytes)"))

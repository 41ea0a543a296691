"""Files written inside a transaction go away with it.

The database rolls a failed write back; the file system does not. A service that stores files
runs in `atomic_files()` and saves through `file_save()`: if the transaction rolls back, the
files it wrote are deleted; if it is nested in another `atomic_files()`, the outer one decides.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.base import File
from django.db import transaction
from django.db.models.fields.files import FieldFile

_open = threading.local()


def _frames() -> list[list[tuple]]:
    if not hasattr(_open, "frames"):
        _open.frames = []
    return _open.frames


@contextmanager
def atomic_files() -> Iterator[None]:
    """`transaction.atomic()` that also deletes the files saved inside it when it rolls back."""
    frames = _frames()
    frames.append([])
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in frames.pop():
            storage.delete(name)
        raise
    written = frames.pop()
    if frames:
        frames[-1].extend(written)


def file_save(field_file: FieldFile, name: str, content: File) -> None:
    """Save `content` into `field_file` (without saving its row) and remember it for a rollback."""
    field_file.save(name, content, save=False)
    frames = _frames()
    if frames:
        frames[-1].append((field_file.storage, field_file.name))
